using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <summary>Issue 18: SQLite's full-text index is filled after the writer's commit; this keeps how far (docs/decisions/130).</summary>
    public partial class CaptureSearchIndexedAfterTheWriter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CaptureSearchSql.SqliteProgressUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CaptureSearchSql.SqliteProgressDown);
        }
    }
}
