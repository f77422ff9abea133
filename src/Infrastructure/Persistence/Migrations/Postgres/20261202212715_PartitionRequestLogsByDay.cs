using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>Issue 15: <c>request_logs</c> partitioned by UTC day (docs/decisions/129-request-log-partitions.md).</summary>
    public partial class PartitionRequestLogsByDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RequestLogPartitionSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RequestLogPartitionSql.Down);
        }
    }
}
