using System;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RequestCapture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "NeverCapture",
                table: "api_keys",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "request_captures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestLogId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestBody = table.Column<byte[]>(type: "bytea", nullable: false),
                    ResponseText = table.Column<byte[]>(type: "bytea", nullable: false),
                    RequestTruncated = table.Column<bool>(type: "boolean", nullable: false),
                    ResponseTruncated = table.Column<bool>(type: "boolean", nullable: false),
                    CapBytes = table.Column<int>(type: "integer", nullable: false),
                    Redactions = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false, collation: "C"),
                    ContentType = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UserAgent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_captures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_request_captures_request_logs_RequestLogId",
                        column: x => x.RequestLogId,
                        principalTable: "request_logs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_request_captures_CreatedAt",
                table: "request_captures",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_request_captures_RequestLogId",
                table: "request_captures",
                column: "RequestLogId",
                unique: true);

            migrationBuilder.Sql(CaptureSearchSql.PostgresUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CaptureSearchSql.PostgresDown);

            migrationBuilder.DropTable(
                name: "request_captures");

            migrationBuilder.DropColumn(
                name: "NeverCapture",
                table: "api_keys");
        }
    }
}
