using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RequestLogSource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "request_logs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "gateway",
                collation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_Source_CreatedAt",
                table: "request_logs",
                columns: new[] { "Source", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_request_logs_Source_CreatedAt",
                table: "request_logs");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "request_logs");
        }
    }
}
