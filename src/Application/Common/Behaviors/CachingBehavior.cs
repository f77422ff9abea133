using System.Runtime.CompilerServices;
using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Telemetry.Metrics;
using MediatR;
using Microsoft.Extensions.Caching.Hybrid;

namespace CleanDashboard.Application.Common.Behaviors;

/// <summary>
/// Serves <see cref="ICachedQuery"/> answers from the HybridCache (in memory, and in Redis when configured). Runs after
/// validation, so only valid queries are cached; concurrent misses of one key run the handler once and share its answer.
/// Each answer is tagged with its query type, and a successful <see cref="IChangesCachedQueries"/> command drops the
/// answers it made stale (resolving a threat shows on the next dashboard load, not up to a cache lifetime later).
/// </summary>
public sealed class CachingBehavior<TRequest, TResponse>(HybridCache cache, QueryCacheSettings settings, CacheMetrics metrics)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IChangesCachedQueries changes)
        {
            var response = await next();
            await cache.RemoveByTagAsync(changes.ChangedQueries, cancellationToken);
            return response;
        }

        if (request is not ICachedQuery cached || !settings.Enabled)
        {
            return await next();
        }

        var options = new HybridCacheEntryOptions { Expiration = settings.Duration, LocalCacheExpiration = settings.Duration };
        var miss = new StrongBox<bool>();
        var answer = await cache.GetOrCreateAsync(
            $"{typeof(TRequest).Name}:{cached.CacheKey}",
            (next, miss),
            static async (state, _) =>
            {
                state.miss.Value = true;
                return await state.next();
            },
            options,
            [typeof(TRequest).Name],
            cancellationToken);
        metrics.Record(typeof(TRequest).Name, hit: !miss.Value);
        return answer;
    }
}
