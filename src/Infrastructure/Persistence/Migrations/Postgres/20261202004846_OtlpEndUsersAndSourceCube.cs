using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OtlpEndUsersAndSourceCube : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_users_Name",
                table: "users");

            migrationBuilder.DropPrimaryKey(
                name: "PK_request_facets_hourly",
                table: "request_facets_hourly");

            migrationBuilder.DropPrimaryKey(
                name: "PK_request_facets_daily",
                table: "request_facets_daily");

            migrationBuilder.DropPrimaryKey(
                name: "PK_request_cubes_hourly",
                table: "request_cubes_hourly");

            migrationBuilder.DropPrimaryKey(
                name: "PK_request_cubes_daily",
                table: "request_cubes_daily");

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "users",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<int>(
                name: "ParentUserId",
                table: "users",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConversationId",
                table: "user_sessions",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "request_facets_hourly",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "gateway",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "request_facets_daily",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "gateway",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "request_cubes_hourly",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "gateway",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "request_cubes_daily",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "gateway",
                collation: "C");

            migrationBuilder.AddPrimaryKey(
                name: "PK_request_facets_hourly",
                table: "request_facets_hourly",
                columns: new[] { "BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Source", "Facet", "Key" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_request_facets_daily",
                table: "request_facets_daily",
                columns: new[] { "BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Source", "Facet", "Key" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_request_cubes_hourly",
                table: "request_cubes_hourly",
                columns: new[] { "BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Source" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_request_cubes_daily",
                table: "request_cubes_daily",
                columns: new[] { "BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_users_Name",
                table: "users",
                column: "Name",
                unique: true,
                filter: "\"ParentUserId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_users_ParentUserId_ExternalId",
                table: "users",
                columns: new[] { "ParentUserId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_user_sessions_UserId_ConversationId",
                table: "user_sessions",
                columns: new[] { "UserId", "ConversationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_request_facets_hourly_Source_BucketStart",
                table: "request_facets_hourly",
                columns: new[] { "Source", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_facets_daily_Source_BucketStart",
                table: "request_facets_daily",
                columns: new[] { "Source", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_cubes_hourly_Source_BucketStart",
                table: "request_cubes_hourly",
                columns: new[] { "Source", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_request_cubes_daily_Source_BucketStart",
                table: "request_cubes_daily",
                columns: new[] { "Source", "BucketStart" });

            migrationBuilder.AddForeignKey(
                name: "FK_users_users_ParentUserId",
                table: "users",
                column: "ParentUserId",
                principalTable: "users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_users_users_ParentUserId",
                table: "users");

            migrationBuilder.DropIndex(
                name: "IX_users_Name",
                table: "users");

            migrationBuilder.DropIndex(
                name: "IX_users_ParentUserId_ExternalId",
                table: "users");

            migrationBuilder.DropIndex(
                name: "IX_user_sessions_UserId_ConversationId",
                table: "user_sessions");

            migrationBuilder.DropPrimaryKey(
                name: "PK_request_facets_hourly",
                table: "request_facets_hourly");

            migrationBuilder.DropIndex(
                name: "IX_request_facets_hourly_Source_BucketStart",
                table: "request_facets_hourly");

            migrationBuilder.DropPrimaryKey(
                name: "PK_request_facets_daily",
                table: "request_facets_daily");

            migrationBuilder.DropIndex(
                name: "IX_request_facets_daily_Source_BucketStart",
                table: "request_facets_daily");

            migrationBuilder.DropPrimaryKey(
                name: "PK_request_cubes_hourly",
                table: "request_cubes_hourly");

            migrationBuilder.DropIndex(
                name: "IX_request_cubes_hourly_Source_BucketStart",
                table: "request_cubes_hourly");

            migrationBuilder.DropPrimaryKey(
                name: "PK_request_cubes_daily",
                table: "request_cubes_daily");

            migrationBuilder.DropIndex(
                name: "IX_request_cubes_daily_Source_BucketStart",
                table: "request_cubes_daily");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "users");

            migrationBuilder.DropColumn(
                name: "ParentUserId",
                table: "users");

            migrationBuilder.DropColumn(
                name: "ConversationId",
                table: "user_sessions");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "request_facets_hourly");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "request_facets_daily");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "request_cubes_hourly");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "request_cubes_daily");

            migrationBuilder.AddPrimaryKey(
                name: "PK_request_facets_hourly",
                table: "request_facets_hourly",
                columns: new[] { "BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Facet", "Key" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_request_facets_daily",
                table: "request_facets_daily",
                columns: new[] { "BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Facet", "Key" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_request_cubes_hourly",
                table: "request_cubes_hourly",
                columns: new[] { "BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_request_cubes_daily",
                table: "request_cubes_daily",
                columns: new[] { "BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint" });

            migrationBuilder.CreateIndex(
                name: "IX_users_Name",
                table: "users",
                column: "Name",
                unique: true);
        }
    }
}
