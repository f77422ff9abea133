using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ExactMoney : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "CostTenThousandths",
                table: "session_rollups_hourly",
                newName: "CostUnits");

            migrationBuilder.RenameColumn(
                name: "CostTenThousandths",
                table: "session_rollups_daily",
                newName: "CostUnits");

            migrationBuilder.RenameColumn(
                name: "CostTenThousandths",
                table: "request_rollups_hourly",
                newName: "CostUnits");

            migrationBuilder.RenameColumn(
                name: "CostTenThousandths",
                table: "request_rollups_daily",
                newName: "CostUnits");

            migrationBuilder.Sql(ExactMoneySql.Up);

            migrationBuilder.AddColumn<int>(
                name: "CacheCreationTokens",
                table: "request_logs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CachedInputTokens",
                table: "request_logs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReasoningTokens",
                table: "request_logs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "UsageEstimated",
                table: "request_logs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ExactMoneySql.Down);

            migrationBuilder.DropColumn(
                name: "CacheCreationTokens",
                table: "request_logs");

            migrationBuilder.DropColumn(
                name: "CachedInputTokens",
                table: "request_logs");

            migrationBuilder.DropColumn(
                name: "ReasoningTokens",
                table: "request_logs");

            migrationBuilder.DropColumn(
                name: "UsageEstimated",
                table: "request_logs");

            migrationBuilder.RenameColumn(
                name: "CostUnits",
                table: "session_rollups_hourly",
                newName: "CostTenThousandths");

            migrationBuilder.RenameColumn(
                name: "CostUnits",
                table: "session_rollups_daily",
                newName: "CostTenThousandths");

            migrationBuilder.RenameColumn(
                name: "CostUnits",
                table: "request_rollups_hourly",
                newName: "CostTenThousandths");

            migrationBuilder.RenameColumn(
                name: "CostUnits",
                table: "request_rollups_daily",
                newName: "CostTenThousandths");
        }
    }
}
