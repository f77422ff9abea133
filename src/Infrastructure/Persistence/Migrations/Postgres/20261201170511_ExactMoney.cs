using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
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

            migrationBuilder.AlterColumn<decimal>(
                name: "TotalCost",
                table: "user_sessions",
                type: "numeric(20,10)",
                precision: 20,
                scale: 10,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(10,4)",
                oldPrecision: 10,
                oldScale: 4);

            migrationBuilder.AlterColumn<decimal>(
                name: "CostUsd",
                table: "request_logs",
                type: "numeric(20,10)",
                precision: 20,
                scale: 10,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(10,4)",
                oldPrecision: 10,
                oldScale: 4,
                oldNullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CacheCreationTokens",
                table: "request_logs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CachedInputTokens",
                table: "request_logs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReasoningTokens",
                table: "request_logs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "UsageEstimated",
                table: "request_logs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<decimal>(
                name: "TotalCost",
                table: "model_usage_stats",
                type: "numeric(22,10)",
                precision: 22,
                scale: 10,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(12,4)",
                oldPrecision: 12,
                oldScale: 4);
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

            migrationBuilder.AlterColumn<decimal>(
                name: "TotalCost",
                table: "user_sessions",
                type: "numeric(10,4)",
                precision: 10,
                scale: 4,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,10)",
                oldPrecision: 20,
                oldScale: 10);

            migrationBuilder.AlterColumn<decimal>(
                name: "CostUsd",
                table: "request_logs",
                type: "numeric(10,4)",
                precision: 10,
                scale: 4,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,10)",
                oldPrecision: 20,
                oldScale: 10,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "TotalCost",
                table: "model_usage_stats",
                type: "numeric(12,4)",
                precision: 12,
                scale: 4,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(22,10)",
                oldPrecision: 22,
                oldScale: 10);
        }
    }
}
