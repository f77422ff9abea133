using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "active_users_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_active_users_daily", x => new { x.BucketStart, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "active_users_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_active_users_hourly", x => new { x.BucketStart, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "model_usage_stats",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    ModelName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    TotalRequests = table.Column<int>(type: "integer", nullable: false),
                    SuccessfulRequests = table.Column<int>(type: "integer", nullable: false),
                    FailedRequests = table.Column<int>(type: "integer", nullable: false),
                    TotalTokens = table.Column<long>(type: "bigint", nullable: false),
                    TotalCost = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    AvgLatencyMs = table.Column<double>(type: "double precision", nullable: false),
                    TotalLatencyUs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_usage_stats", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "request_rollups_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Dimension = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Requests = table.Column<long>(type: "bigint", nullable: false),
                    Errors = table.Column<long>(type: "bigint", nullable: false),
                    LatencyUs = table.Column<long>(type: "bigint", nullable: false),
                    Tokens = table.Column<long>(type: "bigint", nullable: false),
                    RowsWithTokens = table.Column<long>(type: "bigint", nullable: false),
                    CostTenThousandths = table.Column<long>(type: "bigint", nullable: false),
                    RowsWithCost = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_rollups_daily", x => new { x.BucketStart, x.Dimension, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "request_rollups_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Dimension = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Requests = table.Column<long>(type: "bigint", nullable: false),
                    Errors = table.Column<long>(type: "bigint", nullable: false),
                    LatencyUs = table.Column<long>(type: "bigint", nullable: false),
                    Tokens = table.Column<long>(type: "bigint", nullable: false),
                    RowsWithTokens = table.Column<long>(type: "bigint", nullable: false),
                    CostTenThousandths = table.Column<long>(type: "bigint", nullable: false),
                    RowsWithCost = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_rollups_hourly", x => new { x.BucketStart, x.Dimension, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "session_rollups_daily",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Sessions = table.Column<long>(type: "bigint", nullable: false),
                    Requests = table.Column<long>(type: "bigint", nullable: false),
                    CostTenThousandths = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_session_rollups_daily", x => x.BucketStart);
                });

            migrationBuilder.CreateTable(
                name: "session_rollups_hourly",
                columns: table => new
                {
                    BucketStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Sessions = table.Column<long>(type: "bigint", nullable: false),
                    Requests = table.Column<long>(type: "bigint", nullable: false),
                    CostTenThousandths = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_session_rollups_hourly", x => x.BucketStart);
                });

            migrationBuilder.CreateTable(
                name: "threat_logs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ThreatType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, collation: "C"),
                    Severity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    IpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Resolved = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Occurrences = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_threat_logs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false, collation: "C"),
                    Role = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Prefix = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    KeyHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastUsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_api_keys_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_sessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    SessionStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SessionEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastActivityAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false, collation: "C"),
                    UserAgent = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    TotalRequests = table.Column<int>(type: "integer", nullable: false),
                    TotalCost = table.Column<decimal>(type: "numeric(10,4)", precision: 10, scale: 4, nullable: false),
                    TotalTokens = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_user_sessions_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "request_logs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    StatusCode = table.Column<int>(type: "integer", nullable: false),
                    LatencyMs = table.Column<double>(type: "double precision", nullable: false),
                    TtftMs = table.Column<double>(type: "double precision", nullable: true),
                    ModelName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    PromptTokens = table.Column<int>(type: "integer", nullable: true),
                    CompletionTokens = table.Column<int>(type: "integer", nullable: true),
                    TotalTokens = table.Column<int>(type: "integer", nullable: true),
                    CostUsd = table.Column<decimal>(type: "numeric(10,4)", precision: 10, scale: 4, nullable: true),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false, collation: "C"),
                    IpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true, collation: "C"),
                    UserId = table.Column<int>(type: "integer", nullable: true),
                    ApiKeyId = table.Column<int>(type: "integer", nullable: true),
                    Upstream = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_logs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_request_logs_api_keys_ApiKeyId",
                        column: x => x.ApiKeyId,
                        principalTable: "api_keys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_request_logs_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "feedback_logs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestLogId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    FeedbackText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_logs", x => x.Id);
                    table.CheckConstraint("CK_feedback_logs_rating", "\"Rating\" BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_feedback_logs_request_logs_RequestLogId",
                        column: x => x.RequestLogId,
                        principalTable: "request_logs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_feedback_logs_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_KeyHash",
                table: "api_keys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_UserId",
                table: "api_keys",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_logs_CreatedAt",
                table: "feedback_logs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_logs_Rating_CreatedAt",
                table: "feedback_logs",
                columns: new[] { "Rating", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_logs_RequestLogId",
                table: "feedback_logs",
                column: "RequestLogId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_logs_UserId",
                table: "feedback_logs",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_model_usage_stats_Date_ModelName",
                table: "model_usage_stats",
                columns: new[] { "Date", "ModelName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_ApiKeyId",
                table: "request_logs",
                column: "ApiKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_CreatedAt",
                table: "request_logs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_UserId_CreatedAt",
                table: "request_logs",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_threat_logs_CreatedAt",
                table: "threat_logs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_threat_logs_Resolved_Severity",
                table: "threat_logs",
                columns: new[] { "Resolved", "Severity" });

            migrationBuilder.CreateIndex(
                name: "IX_threat_logs_ThreatType_IpAddress_LastSeenAt",
                table: "threat_logs",
                columns: new[] { "ThreatType", "IpAddress", "LastSeenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_user_sessions_SessionStart",
                table: "user_sessions",
                column: "SessionStart");

            migrationBuilder.CreateIndex(
                name: "IX_user_sessions_UserId_SessionEnd_LastActivityAt",
                table: "user_sessions",
                columns: new[] { "UserId", "SessionEnd", "LastActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_users_Name",
                table: "users",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "active_users_daily");

            migrationBuilder.DropTable(
                name: "active_users_hourly");

            migrationBuilder.DropTable(
                name: "feedback_logs");

            migrationBuilder.DropTable(
                name: "model_usage_stats");

            migrationBuilder.DropTable(
                name: "request_rollups_daily");

            migrationBuilder.DropTable(
                name: "request_rollups_hourly");

            migrationBuilder.DropTable(
                name: "session_rollups_daily");

            migrationBuilder.DropTable(
                name: "session_rollups_hourly");

            migrationBuilder.DropTable(
                name: "threat_logs");

            migrationBuilder.DropTable(
                name: "user_sessions");

            migrationBuilder.DropTable(
                name: "request_logs");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
