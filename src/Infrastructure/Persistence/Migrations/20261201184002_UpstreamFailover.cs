using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class UpstreamFailover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "upstream_attempt_logs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestLogId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    Upstream = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_upstream_attempt_logs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_upstream_attempt_logs_request_logs_RequestLogId",
                        column: x => x.RequestLogId,
                        principalTable: "request_logs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_upstream_attempt_logs_RequestLogId",
                table: "upstream_attempt_logs",
                column: "RequestLogId");

            migrationBuilder.CreateIndex(
                name: "IX_upstream_attempt_logs_Upstream_CreatedAt",
                table: "upstream_attempt_logs",
                columns: new[] { "Upstream", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "upstream_attempt_logs");
        }
    }
}
