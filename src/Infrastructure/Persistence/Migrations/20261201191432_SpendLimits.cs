using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SpendLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_request_logs_ApiKeyId",
                table: "request_logs");

            migrationBuilder.CreateTable(
                name: "spend_limits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    BudgetUsd = table.Column<decimal>(type: "TEXT", precision: 20, scale: 10, nullable: true),
                    BudgetPeriod = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    RequestsPerMinute = table.Column<int>(type: "INTEGER", nullable: true),
                    TokensPerMinute = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spend_limits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_ApiKeyId_CreatedAt",
                table: "request_logs",
                columns: new[] { "ApiKeyId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_spend_limits_SubjectKind_SubjectId",
                table: "spend_limits",
                columns: new[] { "SubjectKind", "SubjectId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spend_limits");

            migrationBuilder.DropIndex(
                name: "IX_request_logs_ApiKeyId_CreatedAt",
                table: "request_logs");

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_ApiKeyId",
                table: "request_logs",
                column: "ApiKeyId");
        }
    }
}
