using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardCube : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "LatencySketch",
                table: "request_rollups_hourly",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "TtftCount",
                table: "request_rollups_hourly",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<byte[]>(
                name: "TtftSketch",
                table: "request_rollups_hourly",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "TtftUs",
                table: "request_rollups_hourly",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<byte[]>(
                name: "LatencySketch",
                table: "request_rollups_daily",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "TtftCount",
                table: "request_rollups_daily",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<byte[]>(
                name: "TtftSketch",
                table: "request_rollups_daily",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "TtftUs",
                table: "request_rollups_daily",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "request_cubes_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModelName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    ApiKeyId = table.Column<int>(type: "integer", nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
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
                    table.PrimaryKey("PK_request_cubes_daily", x => new { x.BucketStart, x.ModelName, x.UserId, x.ApiKeyId, x.Endpoint });
                });

            migrationBuilder.CreateTable(
                name: "request_cubes_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModelName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    ApiKeyId = table.Column<int>(type: "integer", nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
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
                    table.PrimaryKey("PK_request_cubes_hourly", x => new { x.BucketStart, x.ModelName, x.UserId, x.ApiKeyId, x.Endpoint });
                });

            migrationBuilder.CreateTable(
                name: "request_facets_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModelName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    ApiKeyId = table.Column<int>(type: "integer", nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Facet = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false, collation: "C"),
                    Requests = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_facets_daily", x => new { x.BucketStart, x.ModelName, x.UserId, x.ApiKeyId, x.Endpoint, x.Facet, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "request_facets_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModelName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    ApiKeyId = table.Column<int>(type: "integer", nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Facet = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false, collation: "C"),
                    Requests = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_facets_hourly", x => new { x.BucketStart, x.ModelName, x.UserId, x.ApiKeyId, x.Endpoint, x.Facet, x.Key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_request_cubes_daily_ApiKeyId_BucketStart",
                table: "request_cubes_daily",
                columns: new[] { "ApiKeyId", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_cubes_daily_Endpoint_BucketStart",
                table: "request_cubes_daily",
                columns: new[] { "Endpoint", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_cubes_daily_ModelName_BucketStart",
                table: "request_cubes_daily",
                columns: new[] { "ModelName", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_cubes_daily_UserId_BucketStart",
                table: "request_cubes_daily",
                columns: new[] { "UserId", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_cubes_hourly_ApiKeyId_BucketStart",
                table: "request_cubes_hourly",
                columns: new[] { "ApiKeyId", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_cubes_hourly_Endpoint_BucketStart",
                table: "request_cubes_hourly",
                columns: new[] { "Endpoint", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_cubes_hourly_ModelName_BucketStart",
                table: "request_cubes_hourly",
                columns: new[] { "ModelName", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_cubes_hourly_UserId_BucketStart",
                table: "request_cubes_hourly",
                columns: new[] { "UserId", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_facets_daily_ApiKeyId_BucketStart",
                table: "request_facets_daily",
                columns: new[] { "ApiKeyId", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_facets_daily_Endpoint_BucketStart",
                table: "request_facets_daily",
                columns: new[] { "Endpoint", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_facets_daily_ModelName_BucketStart",
                table: "request_facets_daily",
                columns: new[] { "ModelName", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_facets_daily_UserId_BucketStart",
                table: "request_facets_daily",
                columns: new[] { "UserId", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_facets_hourly_ApiKeyId_BucketStart",
                table: "request_facets_hourly",
                columns: new[] { "ApiKeyId", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_facets_hourly_Endpoint_BucketStart",
                table: "request_facets_hourly",
                columns: new[] { "Endpoint", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_facets_hourly_ModelName_BucketStart",
                table: "request_facets_hourly",
                columns: new[] { "ModelName", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_facets_hourly_UserId_BucketStart",
                table: "request_facets_hourly",
                columns: new[] { "UserId", "BucketStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "request_cubes_daily");

            migrationBuilder.DropTable(
                name: "request_cubes_hourly");

            migrationBuilder.DropTable(
                name: "request_facets_daily");

            migrationBuilder.DropTable(
                name: "request_facets_hourly");

            migrationBuilder.DropColumn(
                name: "LatencySketch",
                table: "request_rollups_hourly");

            migrationBuilder.DropColumn(
                name: "TtftCount",
                table: "request_rollups_hourly");

            migrationBuilder.DropColumn(
                name: "TtftSketch",
                table: "request_rollups_hourly");

            migrationBuilder.DropColumn(
                name: "TtftUs",
                table: "request_rollups_hourly");

            migrationBuilder.DropColumn(
                name: "LatencySketch",
                table: "request_rollups_daily");

            migrationBuilder.DropColumn(
                name: "TtftCount",
                table: "request_rollups_daily");

            migrationBuilder.DropColumn(
                name: "TtftSketch",
                table: "request_rollups_daily");

            migrationBuilder.DropColumn(
                name: "TtftUs",
                table: "request_rollups_daily");
        }
    }
}
