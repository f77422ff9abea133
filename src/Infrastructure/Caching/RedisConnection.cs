using StackExchange.Redis;

namespace CleanDashboard.Infrastructure.Caching;

/// <summary>
/// This instance's one connection to the Redis of <c>Cache:Redis</c>, shared by the cache's second level and its health
/// check. It fails fast: while Redis cannot be reached, a cache read or write fails at once (HybridCache then answers from
/// memory or computes) instead of waiting seconds for a connection, and the connection is retried in the background.
/// </summary>
public sealed class RedisConnection(ConfigurationOptions options) : IAsyncDisposable
{
    /// <summary>The prefix of every key this application writes, unless <c>Cache:RedisInstanceName</c> names another.</summary>
    public const string DefaultInstanceName = "cleandashboard:";

    /// <summary>Connect, sync and async timeout unless the configuration string sets its own: Redis on a network answers in milliseconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    private readonly Lazy<Task<IConnectionMultiplexer>> _connection = new(
        async () => await ConnectionMultiplexer.ConnectAsync(options),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection, opened on first use; connected or not, it keeps reconnecting by itself.</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>
    /// Parses a StackExchange.Redis configuration string (<c>host:port,password=…</c>) and makes it fail fast: no backlog of
    /// commands waiting for a connection, a start that does not need Redis, and one-second timeouts where the string sets none.
    /// </summary>
    public static ConfigurationOptions Configure(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var timeout = (int)DefaultTimeout.TotalMilliseconds;
        if (!Names(configuration, "connectTimeout"))
        {
            options.ConnectTimeout = timeout;
        }

        if (!Names(configuration, "syncTimeout"))
        {
            options.SyncTimeout = timeout;
        }

        if (!Names(configuration, "asyncTimeout"))
        {
            options.AsyncTimeout = timeout;
        }

        return options;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    private static bool Names(string configuration, string option) => configuration
        .Split(',')
        .Any(part => part.Split('=', 2)[0].Trim().Equals(option, StringComparison.OrdinalIgnoreCase));
}
