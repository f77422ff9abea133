using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanDashboard.Infrastructure.Persistence.Migrations
{
    /// <summary>Data only: stored key prefixes shortened to the marker and 4 characters (nothing to restore on the way down).</summary>
    public partial class ShortKeyPrefixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ShortKeyPrefixesSql.Up);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
