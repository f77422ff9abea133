using System.Runtime.CompilerServices;
using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Telemetry.Metrics;
using MediatR;
using Microsoft.Extensions.Caching.Hybrid;

namespace CleanDashboard.Application.Common.Behaviors;

/// <summary>
/// Serves <see cref="ICachedQuery"/> answers from the HybridCache (in memory, and in Redis when configured). Runs after
/// validation, so only valid queries are cached; concurrent misses of one key run the handler once and share its answer.
/// Answers are keyed by the <see cref="DataVersion"/> they were computed at, so a committed write shows on the next
/// answers, at most <see cref="QueryCacheSettings.RecomputeInterval"/> later; meanwhile, and while one caller computes
/// the newer answer, the others are served the cached one (<see cref="AnswerVersionThrottle"/>). A
/// successful <see cref="IChangesData"/> command publishes a new version; an <see cref="IChangesCachedQueries"/> one also
/// drops the answers of its query types at once, by their tag (resolving a threat shows on the very next load).
/// </summary>
public sealed class CachingBehavior<TRequest, TResponse>(
    HybridCache cache,
    QueryCacheSettings settings,
    IDataVersionSource versions,
    AnswerVersionThrottle throttle,
    CacheMetrics metrics,
    TimeProvider time)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string QueryName = typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IChangesData)
        {
            return await ChangeAsync(request, next, cancellationToken);
        }

        if (request is not ICachedQuery cached || !settings.Enabled)
        {
            return await next();
        }

        var query = $"{QueryName}:{cached.CacheKey}";
        var now = time.GetUtcNow();
        var version = throttle.Choose(query, await versions.CurrentAsync(cancellationToken), now);
        var options = new HybridCacheEntryOptions { Expiration = settings.Duration, LocalCacheExpiration = settings.Duration };
        var miss = new StrongBox<bool>();
        try
        {
            var answer = await cache.GetOrCreateAsync(
                $"{query}@{version}",
                (next, miss),
                static async (state, _) =>
                {
                    state.miss.Value = true;
                    return await state.next();
                },
                options,
                [QueryName],
                cancellationToken);
            metrics.Record(QueryName, hit: !miss.Value);
            throttle.Answered(query, version, now);
            return answer;
        }
        catch
        {
            throttle.Abandoned(query, version);
            throw;
        }
    }

    private async Task<TResponse> ChangeAsync(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next();
        await versions.PublishAsync(cancellationToken);
        if (request is IChangesCachedQueries changes)
        {
            await cache.RemoveByTagAsync(changes.ChangedQueries, cancellationToken);
        }

        return response;
    }
}
