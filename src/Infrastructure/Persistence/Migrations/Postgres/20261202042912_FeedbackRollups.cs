using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
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
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Dimension = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Ratings = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_rollups_daily", x => new { x.Dimension, x.Key, x.BucketStart, x.Rating });
                });

            migrationBuilder.CreateTable(
                name: "feedback_rollups_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Dimension = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Ratings = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_rollups_hourly", x => new { x.Dimension, x.Key, x.BucketStart, x.Rating });
                });

            migrationBuilder.Sql(FeedbackCubeSql.DropTriggers(postgres: true));
            migrationBuilder.Sql(FeedbackCubeSql.CreateTriggers(postgres: true, withRollups: true));
            migrationBuilder.Sql(FeedbackCubeSql.PopulateRollups(postgres: true));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FeedbackCubeSql.DropTriggers(postgres: true));
            migrationBuilder.Sql(FeedbackCubeSql.CreateTriggers(postgres: true, withRollups: false));

            migrationBuilder.DropTable(
                name: "feedback_rollups_daily");

            migrationBuilder.DropTable(
                name: "feedback_rollups_hourly");
        }
    }
}
