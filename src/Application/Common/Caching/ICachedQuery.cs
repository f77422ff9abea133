namespace CleanDashboard.Application.Common.Caching;

/// <summary>A query whose answer may be served from the cache for <see cref="QueryCacheSettings.Duration"/>.</summary>
public interface ICachedQuery
{
    /// <summary>The normalized query: equal for every request that must get the same answer. Read only after validation.</summary>
    string CacheKey { get; }
}
