using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.Infrastructure.Persistence;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanDashboard.Admin.IntegrationTests.Api;

/// <summary>
/// A write to the admin API while the database cannot take writes is a 503 problem with Retry-After and changes nothing;
/// once the database takes writes again, the same request succeeds. SQLite: another connection holds the write lock.
/// PostgreSQL: the database is switched to read-only transactions, as a replica after a failover is.
/// </summary>
public sealed class DatabaseUnavailableTests(DatabaseUnavailableTests.UnwritableDatabaseFactory factory)
    : IClassFixture<DatabaseUnavailableTests.UnwritableDatabaseFactory>
{
    [Fact]
    public async Task CreateUser_WhenTheDatabaseCannotBeWritten_ShouldAnswer503WithRetryAfterAndChangeNothing()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var client = factory.AdminClient();
        var user = new { name = "locked-out", role = "member" };

        await using (await factory.BlockWritesAsync(cancellation))
        {
            using var response = await client.PostAsJsonAsync("/api/admin/users", user, cancellation);

            var text = await response.Content.ReadAsStringAsync(cancellation);
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, text);
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            using var problem = JsonDocument.Parse(text);
            problem.RootElement.GetProperty("status").GetInt32().Should().Be(503);
            problem.RootElement.GetProperty("title").GetString().Should().Be("The database is unavailable.");
        }

        (await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Name == "locked-out", cancellation))).Should().Be(0);
        using var retried = await client.PostAsJsonAsync("/api/admin/users", user, cancellation);
        retried.StatusCode.Should().Be(HttpStatusCode.Created, await retried.Content.ReadAsStringAsync(cancellation));
    }

    /// <summary>The admin app with SQLite's busy wait cut from 30 s to 1 s, so a held lock fails a write quickly.</summary>
    public sealed class UnwritableDatabaseFactory : AdminApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings => Database.IsPostgres
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { [DatabaseProviders.ConnectionStringSetting] = Database.ConnectionString + ";Default Timeout=1" };

        /// <summary>Stops the app's writes until the returned handle is disposed.</summary>
        public async Task<IAsyncDisposable> BlockWritesAsync(CancellationToken cancellationToken)
        {
            if (!Database.IsPostgres)
            {
                var holder = new SqliteConnection(Database.ConnectionString + ";Pooling=False");
                await holder.OpenAsync(cancellationToken);
                await using var begin = holder.CreateCommand();
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync(cancellationToken);
                return holder;
            }

            await SetReadOnlyAsync(true, cancellationToken);
            return new ReadOnlyDatabase(this);
        }

        private async Task SetReadOnlyAsync(bool readOnly, CancellationToken cancellationToken)
        {
            var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "postgres", Pooling = false };
            await using var admin = new NpgsqlConnection(server.ConnectionString);
            await admin.OpenAsync(cancellationToken);
            await using var alter = admin.CreateCommand();
            alter.CommandText = $"ALTER DATABASE \"{Database.DatabaseName}\" SET default_transaction_read_only = {(readOnly ? "on" : "off")};";
            await alter.ExecuteNonQueryAsync(cancellationToken);

            // The setting applies to new sessions: drop the pooled ones.
            NpgsqlConnection.ClearAllPools();
        }

        private sealed class ReadOnlyDatabase(UnwritableDatabaseFactory factory) : IAsyncDisposable
        {
            public async ValueTask DisposeAsync() => await factory.SetReadOnlyAsync(false, CancellationToken.None);
        }
    }
}
