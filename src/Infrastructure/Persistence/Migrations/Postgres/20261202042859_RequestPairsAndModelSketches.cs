using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
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
                    Dimension = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    By = table.Column<int>(type: "integer", nullable: false),
                    ByKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Requests = table.Column<long>(type: "bigint", nullable: false),
                    Errors = table.Column<long>(type: "bigint", nullable: false),
                    LatencyUs = table.Column<long>(type: "bigint", nullable: false),
                    Tokens = table.Column<long>(type: "bigint", nullable: false),
                    RowsWithTokens = table.Column<long>(type: "bigint", nullable: false),
                    CostUnits = table.Column<long>(type: "bigint", nullable: false),
                    RowsWithCost = table.Column<long>(type: "bigint", nullable: false),
                    TtftCount = table.Column<long>(type: "bigint", nullable: false),
                    TtftUs = table.Column<long>(type: "bigint", nullable: false),
                    LatencySketch = table.Column<byte[]>(type: "bytea", nullable: false),
                    TtftSketch = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_pairs_daily", x => new { x.Dimension, x.Key, x.By, x.BucketStart, x.ByKey });
                });

            migrationBuilder.CreateTable(
                name: "request_pairs_hourly",
                columns: table => new
                {
                    Dimension = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    By = table.Column<int>(type: "integer", nullable: false),
                    ByKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Requests = table.Column<long>(type: "bigint", nullable: false),
                    Errors = table.Column<long>(type: "bigint", nullable: false),
                    LatencyUs = table.Column<long>(type: "bigint", nullable: false),
                    Tokens = table.Column<long>(type: "bigint", nullable: false),
                    RowsWithTokens = table.Column<long>(type: "bigint", nullable: false),
                    CostUnits = table.Column<long>(type: "bigint", nullable: false),
                    RowsWithCost = table.Column<long>(type: "bigint", nullable: false),
                    TtftCount = table.Column<long>(type: "bigint", nullable: false),
                    TtftUs = table.Column<long>(type: "bigint", nullable: false),
                    LatencySketch = table.Column<byte[]>(type: "bytea", nullable: false),
                    TtftSketch = table.Column<byte[]>(type: "bytea", nullable: false)
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
            migrationBuilder.Sql(RequestPairSql.Populate(postgres: true));
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
