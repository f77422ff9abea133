using CleanDashboard.Application.Common.Caching;
using StackExchange.Redis;

namespace CleanDashboard.Infrastructure.Caching;

/// <summary>
/// The data version shared by every instance on one Redis (decision 080): a commit increments one counter there
/// (<c>{prefix}data-version</c>), and each instance reads it at most every <see cref="RefreshInterval"/>, so one instance's
/// write reaches the others' cache keys within that interval, and instances that agree on the version share its answers.
/// A commit that cannot reach Redis counts in <see cref="DataVersion.Local"/> (this instance's answers still include it)
/// and is published with the next refresh that reaches Redis.
/// </summary>
public sealed class RedisDataVersionSource(RedisConnection redis, string keyPrefix, TimeProvider time) : IDataVersionSource
{
    /// <summary>One read of Redis per instance per interval, not one per dashboard request.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly RedisKey _key = keyPrefix + "data-version";
    private long _shared;
    private long _unpublished;
    private long _refreshedAtTicks;
    private int _refreshing;
    private Task? _firstRefresh;

    public async ValueTask<DataVersion> CurrentAsync(CancellationToken cancellationToken)
    {
        // The first read waits for Redis: a version of 0 would name answers another instance cached long ago.
        await LazyInitializer.EnsureInitialized(ref _firstRefresh, RefreshAsync).WaitAsync(cancellationToken);
        if (time.GetUtcNow().UtcTicks - Interlocked.Read(ref _refreshedAtTicks) >= RefreshInterval.Ticks
            && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            try
            {
                await RefreshAsync();
            }
            finally
            {
                Interlocked.Exchange(ref _refreshing, 0);
            }
        }

        return new DataVersion(Interlocked.Read(ref _shared), Interlocked.Read(ref _unpublished));
    }

    public async ValueTask PublishAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _unpublished);
        await SyncAsync();
    }

    /// <summary>Syncs with Redis; also when Redis is unreachable, the next try is one interval later, not on every request.</summary>
    private async Task RefreshAsync()
    {
        await SyncAsync();
        Interlocked.Exchange(ref _refreshedAtTicks, time.GetUtcNow().UtcTicks);
    }

    /// <summary>Increments the shared counter for this instance's commits Redis has not counted yet, or else reads it.</summary>
    private async Task SyncAsync()
    {
        var uncounted = Interlocked.Read(ref _unpublished);
        try
        {
            var database = (await redis.GetAsync()).GetDatabase();
            if (uncounted == 0)
            {
                var value = await database.StringGetAsync(_key);
                Raise(value.TryParse(out long shared) ? shared : 0);
                return;
            }

            Raise(await database.StringIncrementAsync(_key));
            Interlocked.Add(ref _unpublished, -uncounted);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Unreachable: the commits stay in Local and go out with the next sync that reaches Redis.
        }
    }

    /// <summary>The counter only grows; an answer read before a later increment must not move this instance's view back.</summary>
    private void Raise(long shared)
    {
        var seen = Interlocked.Read(ref _shared);
        while (shared > seen)
        {
            var previous = Interlocked.CompareExchange(ref _shared, shared, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
