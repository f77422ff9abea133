using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestLogId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    Upstream = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    Failure = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    LatencyMs = table.Column<double>(type: "double precision", nullable: false)
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
