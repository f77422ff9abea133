using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OneOpenSessionPerUser : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OpenSessionsSql.CloseAllButTheLatest);

            migrationBuilder.CreateIndex(
                name: "IX_user_sessions_open",
                table: "user_sessions",
                column: "UserId",
                unique: true,
                filter: "\"SessionEnd\" IS NULL AND \"ConversationId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_user_sessions_open",
                table: "user_sessions");
        }
    }
}
