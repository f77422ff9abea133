using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FeedbackCubes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ApiKeyId",
                table: "feedback_logs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Endpoint",
                table: "feedback_logs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "ModelName",
                table: "feedback_logs",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "feedback_logs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "gateway",
                collation: "C");

            migrationBuilder.CreateTable(
                name: "feedback_cubes_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModelName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    ApiKeyId = table.Column<int>(type: "integer", nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Ratings = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_cubes_daily", x => new { x.BucketStart, x.ModelName, x.UserId, x.ApiKeyId, x.Endpoint, x.Source, x.Rating });
                });

            migrationBuilder.CreateTable(
                name: "feedback_cubes_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModelName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    ApiKeyId = table.Column<int>(type: "integer", nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Ratings = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_cubes_hourly", x => new { x.BucketStart, x.ModelName, x.UserId, x.ApiKeyId, x.Endpoint, x.Source, x.Rating });
                });

            migrationBuilder.Sql(FeedbackCubeSql.CopyDimensions);
            migrationBuilder.Sql(FeedbackCubeSql.Populate(postgres: true));
            migrationBuilder.Sql(FeedbackCubeSql.CreateTriggers(postgres: true, withRollups: false));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FeedbackCubeSql.DropTriggers(postgres: true));

            migrationBuilder.DropTable(
                name: "feedback_cubes_daily");

            migrationBuilder.DropTable(
                name: "feedback_cubes_hourly");

            migrationBuilder.DropColumn(
                name: "ApiKeyId",
                table: "feedback_logs");

            migrationBuilder.DropColumn(
                name: "Endpoint",
                table: "feedback_logs");

            migrationBuilder.DropColumn(
                name: "ModelName",
                table: "feedback_logs");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "feedback_logs");
        }
    }
}
