using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ThreatRequestLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MatchedText",
                table: "threat_logs",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<long>(
                name: "RequestLogId",
                table: "threat_logs",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_threat_logs_RequestLogId",
                table: "threat_logs",
                column: "RequestLogId");

            migrationBuilder.AddForeignKey(
                name: "FK_threat_logs_request_logs_RequestLogId",
                table: "threat_logs",
                column: "RequestLogId",
                principalTable: "request_logs",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_threat_logs_request_logs_RequestLogId",
                table: "threat_logs");

            migrationBuilder.DropIndex(
                name: "IX_threat_logs_RequestLogId",
                table: "threat_logs");

            migrationBuilder.DropColumn(
                name: "MatchedText",
                table: "threat_logs");

            migrationBuilder.DropColumn(
                name: "RequestLogId",
                table: "threat_logs");
        }
    }
}
