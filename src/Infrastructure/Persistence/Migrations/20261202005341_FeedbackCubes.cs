using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Endpoint",
                table: "feedback_logs",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ModelName",
                table: "feedback_logs",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "feedback_logs",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "gateway");

            migrationBuilder.CreateTable(
                name: "feedback_cubes_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModelName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApiKeyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Ratings = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_cubes_daily", x => new { x.BucketStart, x.ModelName, x.UserId, x.ApiKeyId, x.Endpoint, x.Source, x.Rating });
                });

            migrationBuilder.CreateTable(
                name: "feedback_cubes_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModelName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApiKeyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Ratings = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_cubes_hourly", x => new { x.BucketStart, x.ModelName, x.UserId, x.ApiKeyId, x.Endpoint, x.Source, x.Rating });
                });

            migrationBuilder.Sql(FeedbackCubeSql.CopyDimensions);
            migrationBuilder.Sql(FeedbackCubeSql.Populate(postgres: false));
            migrationBuilder.Sql(FeedbackCubeSql.CreateTriggers(postgres: false, withRollups: false));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FeedbackCubeSql.DropTriggers(postgres: false));

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
