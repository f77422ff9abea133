using StackExchange.Redis;

namespace CleanDashboard.TestSupport;

/// <summary>
/// The Redis server for tests that need one: <c>CD_TEST_REDIS</c>, a StackExchange.Redis configuration string (default
/// <c>127.0.0.1:6379</c>). Tests give their keys a prefix of their own, so a rerun never sees an earlier run's keys.
/// </summary>
public static class TestRedis
{
    public const string ServerVariable = "CD_TEST_REDIS";

    public const string DefaultServer = "127.0.0.1:6379";

    private static readonly Lazy<string?> ServerProblem = new(ProbeServer, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Configuration =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured ? configured : DefaultServer;

    /// <summary>Null when the server answers a PING; else why not, naming the server but not the password.</summary>
    public static string? Problem => ServerProblem.Value;

    /// <summary>A key prefix (the application's <c>Cache:RedisInstanceName</c>) no other test run uses.</summary>
    public static string NewInstanceName() => $"cd-test-{Guid.NewGuid():N}:";

    public static async Task<IConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(Configuration);

    private static string? ProbeServer()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 3000;
        options.ConnectRetry = 1;
        try
        {
            using var connection = ConnectionMultiplexer.Connect(options);
            connection.GetDatabase().Ping();
            return null;
        }
        catch (RedisException ex)
        {
            return $"Redis not reachable at {string.Join(", ", options.EndPoints)} ({ServerVariable}): {ex.GetType().Name}";
        }
    }
}
