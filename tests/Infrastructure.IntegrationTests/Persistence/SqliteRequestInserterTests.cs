using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>The fast SQLite inserter must store exactly the bytes the ADO.NET path stores, or reads and comparisons would differ.</summary>
public sealed class SqliteRequestInserterTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static readonly RequestLog TokenDetailsRow = new()
    {
        CreatedAt = new DateTime(2024, 6, 2, 0, 0, 0, DateTimeKind.Utc),
        Endpoint = "/v1/responses",
        Method = "POST",
        StatusCode = 499,
        LatencyMs = 88.5,
        ModelName = "o3-mini",
        PromptTokens = 1000,
        CompletionTokens = 100,
        TotalTokens = 1100,
        CachedInputTokens = 800,
        CacheCreationTokens = 50,
        ReasoningTokens = 60,
        UsageEstimated = true,
        CostUsd = 0.0000000011m,
        CountryCode = "US",
    };

    public static TheoryData<RequestLog> Rows => new(
        new RequestLog
        {
            CreatedAt = new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc),
            Endpoint = "/v1/chat/completions",
            Method = "POST",
            StatusCode = 200,
            LatencyMs = 1234.5,
            TtftMs = 12.25,
            ModelName = "gpt-4o",
            PromptTokens = 10,
            CompletionTokens = 20,
            TotalTokens = 30,
            CostUsd = 0.0100m,
            CountryCode = "DE",
            IpAddress = "203.0.113.7",
            Upstream = "demo",
        },
        new RequestLog
        {
            CreatedAt = new DateTime(2024, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1_234_500),
            Endpoint = "/v1/embeddings",
            Method = "POST",
            StatusCode = 502,
            LatencyMs = 0.001,
            ModelName = string.Empty,
            CostUsd = 12m,
            CountryCode = string.Empty,
        },
        new RequestLog
        {
            CreatedAt = new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1),
            Endpoint = "/ollama/api/chat",
            Method = "GET",
            StatusCode = 401,
            LatencyMs = 30000.125,
            ModelName = "modèle-ünïcode",
            CostUsd = 0.00001234m,
            CountryCode = "JP",
        },
        TokenDetailsRow);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Insert_WhenGivenARow_ShouldStoreTheSameValuesAsTheAdoNetPath(RequestLog row)
    {
        Assert.SkipWhen(_database.IsPostgres, "The inserter is SQLite's; PostgreSQL uses the ADO.NET path.");

        var (viaAdo, viaInserter) = await _database.QueryAsync<(string, string)>(async db =>
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var writer = new RowWriter(connection, transaction))
            {
                await writer.InsertRequestAsync(Copy(row, id: 1), CancellationToken.None);
            }

            using (var inserter = new SqliteRequestInserter(connection))
            {
                inserter.Insert(Copy(row, id: 2));
            }

            await transaction.CommitAsync();
            return (await StoredAsync(connection, 1), await StoredAsync(connection, 2));
        });

        viaInserter.Should().Be(viaAdo);
    }

    [Fact]
    public async Task Insert_WhenTheCostHasTenDecimals_ShouldStoreItExactlyWithTheTokenDetails()
    {
        Assert.SkipWhen(_database.IsPostgres, "The inserter is SQLite's; PostgreSQL uses the ADO.NET path.");
        var row = TokenDetailsRow;

        var stored = await _database.QueryAsync(async db =>
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            using (var inserter = new SqliteRequestInserter(connection))
            {
                inserter.Insert(Copy(row, id: 3));
            }

            return await StoredAsync(connection, 3);
        });

        stored.Split('|')[10..].Should().Equal("'0.0000000011'", "'US'", "NULL", "NULL", "NULL", "NULL", "800", "50", "60", "1");
    }

    private static RequestLog Copy(RequestLog r, long id) => new()
    {
        Id = id,
        CreatedAt = r.CreatedAt,
        Endpoint = r.Endpoint,
        Method = r.Method,
        StatusCode = r.StatusCode,
        LatencyMs = r.LatencyMs,
        TtftMs = r.TtftMs,
        ModelName = r.ModelName,
        PromptTokens = r.PromptTokens,
        CompletionTokens = r.CompletionTokens,
        TotalTokens = r.TotalTokens,
        CostUsd = r.CostUsd,
        CountryCode = r.CountryCode,
        IpAddress = r.IpAddress,
        UserId = r.UserId,
        ApiKeyId = r.ApiKeyId,
        Upstream = r.Upstream,
        CachedInputTokens = r.CachedInputTokens,
        CacheCreationTokens = r.CacheCreationTokens,
        ReasoningTokens = r.ReasoningTokens,
        UsageEstimated = r.UsageEstimated,
    };

    /// <summary>Every column but the id, as SQLite's quote() writes it: type and bytes both.</summary>
    private static async Task<string> StoredAsync(SqliteConnection connection, long id)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT quote("CreatedAt") || '|' || quote("Endpoint") || '|' || quote("Method") || '|' || quote("StatusCode") || '|' || quote("LatencyMs")
                || '|' || quote("TtftMs") || '|' || quote("ModelName") || '|' || quote("PromptTokens") || '|' || quote("CompletionTokens")
                || '|' || quote("TotalTokens") || '|' || quote("CostUsd") || '|' || quote("CountryCode") || '|' || quote("IpAddress")
                || '|' || quote("UserId") || '|' || quote("ApiKeyId") || '|' || quote("Upstream") || '|' || quote("CachedInputTokens") || '|' || quote("CacheCreationTokens")
                || '|' || quote("ReasoningTokens") || '|' || quote("UsageEstimated")
            FROM "request_logs" WHERE "Id" = $id;
            """;
        command.Parameters.AddWithValue("$id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
