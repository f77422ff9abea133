using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Rollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_request_logs_CreatedAt_CountryCode",
                table: "request_logs");

            migrationBuilder.DropIndex(
                name: "IX_request_logs_CreatedAt_ModelName",
                table: "request_logs");

            migrationBuilder.DropIndex(
                name: "IX_request_logs_CreatedAt_StatusCode",
                table: "request_logs");

            migrationBuilder.CreateTable(
                name: "active_users_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_active_users_daily", x => new { x.BucketStart, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "active_users_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_active_users_hourly", x => new { x.BucketStart, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "request_rollups_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    Errors = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyUs = table.Column<long>(type: "INTEGER", nullable: false),
                    Tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsWithTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CostTenThousandths = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsWithCost = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_rollups_daily", x => new { x.BucketStart, x.Dimension, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "request_rollups_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    Errors = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyUs = table.Column<long>(type: "INTEGER", nullable: false),
                    Tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsWithTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CostTenThousandths = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsWithCost = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_rollups_hourly", x => new { x.BucketStart, x.Dimension, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "session_rollups_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Sessions = table.Column<long>(type: "INTEGER", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    CostTenThousandths = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_session_rollups_daily", x => x.BucketStart);
                });

            migrationBuilder.CreateTable(
                name: "session_rollups_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Sessions = table.Column<long>(type: "INTEGER", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    CostTenThousandths = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_session_rollups_hourly", x => x.BucketStart);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "active_users_daily");

            migrationBuilder.DropTable(
                name: "active_users_hourly");

            migrationBuilder.DropTable(
                name: "request_rollups_daily");

            migrationBuilder.DropTable(
                name: "request_rollups_hourly");

            migrationBuilder.DropTable(
                name: "session_rollups_daily");

            migrationBuilder.DropTable(
                name: "session_rollups_hourly");

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_CreatedAt_CountryCode",
                table: "request_logs",
                columns: new[] { "CreatedAt", "CountryCode" });

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_CreatedAt_ModelName",
                table: "request_logs",
                columns: new[] { "CreatedAt", "ModelName" });

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_CreatedAt_StatusCode",
                table: "request_logs",
                columns: new[] { "CreatedAt", "StatusCode" });
        }
    }
}
