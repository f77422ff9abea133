using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RequestLogJournal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "request_log_journal_checkpoints",
                columns: table => new
                {
                    Generation = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReplayedRecords = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_log_journal_checkpoints", x => x.Generation);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "request_log_journal_checkpoints");
        }
    }
}
