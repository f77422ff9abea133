using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AlertRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_budget_warnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_budget_warnings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_evaluation_lease",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_evaluation_lease", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    RuleName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    Threshold = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Threshold = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    Window = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    For = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    FilterModel = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    FilterApiKeyId = table.Column<int>(type: "INTEGER", nullable: true),
                    FilterUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    FilterEndpoint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ChannelType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChannelUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    ChannelSecret = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ConditionSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StateChangedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastValue = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: true),
                    LastEvaluatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_delivery_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlertEventId = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_delivery_attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alert_delivery_attempts_alert_events_AlertEventId",
                        column: x => x.AlertEventId,
                        principalTable: "alert_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "alert_evaluation_lease",
                columns: new[] { "Id", "ExpiresAt", "Holder" },
                values: new object[] { 1, new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_budget_warnings_once_per_level",
                table: "alert_budget_warnings",
                columns: new[] { "RuleId", "SubjectKind", "SubjectId", "PeriodStart", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alert_delivery_attempts_AlertEventId",
                table: "alert_delivery_attempts",
                column: "AlertEventId");

            migrationBuilder.CreateIndex(
                name: "IX_alert_events_At",
                table: "alert_events",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_alert_events_RuleId_At",
                table: "alert_events",
                columns: new[] { "RuleId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_budget_warnings");

            migrationBuilder.DropTable(
                name: "alert_delivery_attempts");

            migrationBuilder.DropTable(
                name: "alert_evaluation_lease");

            migrationBuilder.DropTable(
                name: "alert_rules");

            migrationBuilder.DropTable(
                name: "alert_events");
        }
    }
}
