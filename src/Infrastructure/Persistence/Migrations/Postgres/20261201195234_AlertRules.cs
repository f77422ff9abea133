using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RuleId = table.Column<int>(type: "integer", nullable: false),
                    SubjectKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    SubjectId = table.Column<int>(type: "integer", nullable: false),
                    PeriodStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_budget_warnings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_evaluation_lease",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Holder = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_evaluation_lease", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RuleId = table.Column<int>(type: "integer", nullable: false),
                    RuleName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Metric = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Value = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    Threshold = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Delivery = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Subject = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Metric = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Threshold = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    Window = table.Column<TimeSpan>(type: "interval", nullable: false),
                    For = table.Column<TimeSpan>(type: "interval", nullable: false),
                    FilterModel = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    FilterApiKeyId = table.Column<int>(type: "integer", nullable: true),
                    FilterUserId = table.Column<int>(type: "integer", nullable: true),
                    FilterEndpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    ChannelType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    ChannelUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false, collation: "C"),
                    ChannelSecret = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    ConditionSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StateChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastValue = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: true),
                    LastEvaluatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_delivery_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AlertEventId = table.Column<long>(type: "bigint", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    Error = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false)
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
