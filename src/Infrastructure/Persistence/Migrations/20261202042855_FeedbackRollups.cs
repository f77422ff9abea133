using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback_rollups_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Ratings = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_rollups_daily", x => new { x.Dimension, x.Key, x.BucketStart, x.Rating });
                });

            migrationBuilder.CreateTable(
                name: "feedback_rollups_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Ratings = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_rollups_hourly", x => new { x.Dimension, x.Key, x.BucketStart, x.Rating });
                });

            migrationBuilder.Sql(FeedbackCubeSql.DropTriggers(postgres: false));
            migrationBuilder.Sql(FeedbackCubeSql.CreateTriggers(postgres: false, withRollups: true));
            migrationBuilder.Sql(FeedbackCubeSql.PopulateRollups(postgres: false));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FeedbackCubeSql.DropTriggers(postgres: false));
            migrationBuilder.Sql(FeedbackCubeSql.CreateTriggers(postgres: false, withRollups: false));

            migrationBuilder.DropTable(
                name: "feedback_rollups_daily");

            migrationBuilder.DropTable(
                name: "feedback_rollups_hourly");
        }
    }
}
