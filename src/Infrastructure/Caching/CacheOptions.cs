using System.ComponentModel.DataAnnotations;
using CleanDashboard.Application.Common.Caching;

namespace CleanDashboard.Infrastructure.Caching;

/// <summary>Configuration section <c>Cache</c>: how long query answers are kept, and the Redis they are shared through.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>How long a query answer is served from the cache; <see cref="TimeSpan.Zero"/> turns the cache off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Duration { get; set; } = QueryCacheSettings.DefaultDuration;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RecomputeInterval { get; set; } = QueryCacheSettings.DefaultRecomputeInterval;

    /// <summary>A StackExchange.Redis configuration string; unset: every instance caches and counts in its own memory.</summary>
    public string? Redis { get; set; }

    /// <summary>The prefix of every Redis key; empty means <see cref="RedisConnection.DefaultInstanceName"/>.</summary>
    public string? RedisInstanceName { get; set; }

    public bool UsesRedis => !string.IsNullOrEmpty(Redis);

    public string KeyPrefix => RedisInstanceName is { Length: > 0 } name ? name : RedisConnection.DefaultInstanceName;

    public QueryCacheSettings QuerySettings => new(Duration) { RecomputeInterval = RecomputeInterval };
}
