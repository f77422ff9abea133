using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RequestPairsAndModelSketches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "request_pairs_daily",
                columns: table => new
                {
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    By = table.Column<int>(type: "INTEGER", nullable: false),
                    ByKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    Errors = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyUs = table.Column<long>(type: "INTEGER", nullable: false),
                    Tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsWithTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CostUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsWithCost = table.Column<long>(type: "INTEGER", nullable: false),
                    TtftCount = table.Column<long>(type: "INTEGER", nullable: false),
                    TtftUs = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencySketch = table.Column<byte[]>(type: "BLOB", nullable: false),
                    TtftSketch = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_pairs_daily", x => new { x.Dimension, x.Key, x.By, x.BucketStart, x.ByKey });
                });

            migrationBuilder.CreateTable(
                name: "request_pairs_hourly",
                columns: table => new
                {
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    By = table.Column<int>(type: "INTEGER", nullable: false),
                    ByKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    Errors = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyUs = table.Column<long>(type: "INTEGER", nullable: false),
                    Tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsWithTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CostUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsWithCost = table.Column<long>(type: "INTEGER", nullable: false),
                    TtftCount = table.Column<long>(type: "INTEGER", nullable: false),
                    TtftUs = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencySketch = table.Column<byte[]>(type: "BLOB", nullable: false),
                    TtftSketch = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_pairs_hourly", x => new { x.Dimension, x.Key, x.By, x.BucketStart, x.ByKey });
                });

            migrationBuilder.CreateIndex(
                name: "IX_request_rollups_hourly_Dimension_BucketStart_Key",
                table: "request_rollups_hourly",
                columns: new[] { "Dimension", "BucketStart", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_request_rollups_hourly_Dimension_Key_BucketStart",
                table: "request_rollups_hourly",
                columns: new[] { "Dimension", "Key", "BucketStart" });

            // Existing buckets' pairs from their cube and facets; the model rows' sketches fill in from the next batch or rebuild-rollups (decision 122).
            migrationBuilder.Sql(RequestPairSql.Populate(postgres: false));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "request_pairs_daily");

            migrationBuilder.DropTable(
                name: "request_pairs_hourly");

            migrationBuilder.DropIndex(
                name: "IX_request_rollups_hourly_Dimension_BucketStart_Key",
                table: "request_rollups_hourly");

            migrationBuilder.DropIndex(
                name: "IX_request_rollups_hourly_Dimension_Key_BucketStart",
                table: "request_rollups_hourly");
        }
    }
}
