using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubjectKind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    SubjectId = table.Column<int>(type: "integer", nullable: false),
                    BudgetUsd = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: true),
                    BudgetPeriod = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true, collation: "C"),
                    RequestsPerMinute = table.Column<int>(type: "integer", nullable: true),
                    TokensPerMinute = table.Column<int>(type: "integer", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
