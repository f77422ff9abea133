using System;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "request_captures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestLogId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestBody = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ResponseText = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RequestTruncated = table.Column<bool>(type: "INTEGER", nullable: false),
                    ResponseTruncated = table.Column<bool>(type: "INTEGER", nullable: false),
                    CapBytes = table.Column<int>(type: "INTEGER", nullable: false),
                    Redactions = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false)
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

            migrationBuilder.Sql(CaptureSearchSql.SqliteUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CaptureSearchSql.SqliteDown);

            migrationBuilder.DropTable(
                name: "request_captures");

            migrationBuilder.DropColumn(
                name: "NeverCapture",
                table: "api_keys");
        }
    }
}
