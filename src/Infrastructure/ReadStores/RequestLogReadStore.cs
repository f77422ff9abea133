using System.Linq.Expressions;
using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.RequestLogs.Common;
using CleanDashboard.Application.RequestLogs.Queries.GetRequestLog;
using CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

public sealed class RequestLogReadStore(DashboardDbContext db) : IRequestLogReadStore
{
    internal static readonly SortMap<RequestLog> Sorts = new SortMap<RequestLog>()
        .Add("id", r => r.Id)
        .Add("createdAt", r => r.CreatedAt)
        .Add("endpoint", r => r.Endpoint)
        .Add("method", r => r.Method)
        .Add("statusCode", r => r.StatusCode)
        .Add("latencyMs", r => r.LatencyMs)
        .Add("ttftMs", r => r.TtftMs)
        .Add("modelName", r => r.ModelName)
        .Add("promptTokens", r => r.PromptTokens)
        .Add("completionTokens", r => r.CompletionTokens)
        .Add("totalTokens", r => r.TotalTokens)
        .Add("costUsd", r => r.CostUsd)
        .Add("countryCode", r => r.CountryCode)
        .Add("ipAddress", r => r.IpAddress)
        .Add("userId", r => r.UserId)
        .Add("userName", r => r.User!.Name)
        .Add("apiKeyId", r => r.ApiKeyId)
        .Add("upstream", r => r.Upstream)
        .Add("cachedInputTokens", r => r.CachedInputTokens)
        .Add("cacheCreationTokens", r => r.CacheCreationTokens)
        .Add("reasoningTokens", r => r.ReasoningTokens)
        .Add("usageEstimated", r => r.UsageEstimated)
        .Add("apiKeyName", r => r.ApiKey!.Name)
        .Add("source", r => r.Source);

    private static readonly Expression<Func<RequestLog, RequestLogDto>> ToDto = r => new RequestLogDto(
        r.Id, r.CreatedAt, r.Endpoint, r.Method, r.StatusCode, r.LatencyMs, r.TtftMs, r.ModelName, r.PromptTokens, r.CompletionTokens,
        r.TotalTokens, r.CostUsd, r.CountryCode, r.IpAddress, r.UserId, r.User == null ? null : r.User.Name, r.ApiKeyId, r.Upstream,
        r.CachedInputTokens, r.CacheCreationTokens, r.ReasoningTokens, r.UsageEstimated, r.ApiKey == null ? null : r.ApiKey.Name, r.Source);

    public Task<PagedList<RequestLogDto>> ListAsync(RequestLogFilter filter, ListPage page, CancellationToken cancellationToken) =>
        Filtered(filter).ToPageAsync(Sorts, page, r => r.Id, ToDto, cancellationToken);

    public Task<RequestLogDto?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.RequestLogs.AsNoTracking().Where(r => r.Id == id).Select(ToDto).FirstOrDefaultAsync(cancellationToken);

    public async Task<RequestCaptureDto?> FindCaptureAsync(long requestLogId, CancellationToken cancellationToken)
    {
        var stored = await db.RequestCaptures.AsNoTracking().FirstOrDefaultAsync(c => c.RequestLogId == requestLogId, cancellationToken);
        return stored is null ? null : CaptureSearch.ToDto(stored);
    }

    public IAsyncEnumerable<RequestLogDto> StreamAsync(RequestLogFilter filter, string sort, bool descending, CancellationToken cancellationToken) =>
        Sorts.Apply(Filtered(filter), sort, descending, r => r.Id).Select(ToDto).AsAsyncEnumerable();

    private IQueryable<RequestLog> Filtered(RequestLogFilter filter)
    {
        var query = db.RequestLogs.AsNoTracking();
        if (filter.From is { } from)
        {
            query = query.Where(r => r.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(r => r.CreatedAt < to);
        }

        if (filter.Model is { } model)
        {
            query = query.Where(r => r.ModelName == model);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(r => r.StatusCode == status);
        }

        if (filter.Country is { } country)
        {
            query = query.Where(r => r.CountryCode == country);
        }

        if (filter.UserId is { } userId)
        {
            query = query.Where(r => r.UserId == userId);
        }

        if (filter.ApiKeyId is { } apiKeyId)
        {
            query = query.Where(r => r.ApiKeyId == apiKeyId);
        }

        if (filter.Endpoint is { } endpoint)
        {
            query = query.Where(r => r.Endpoint == endpoint);
        }

        if (filter.StatusClass is { } statusClass)
        {
            var (lowest, highest) = (statusClass * 100, (statusClass * 100) + 99);
            query = query.Where(r => r.StatusCode >= lowest && r.StatusCode <= highest);
        }

        if (filter.MinLatencyMs is { } minLatencyMs)
        {
            query = query.Where(r => r.LatencyMs >= minLatencyMs);
        }

        if (filter.Text is { } text)
        {
            var matching = CaptureSearch.RequestLogIdsMatching(db, text);
            query = query.Where(r => matching.Contains(r.Id));
        }

        if (filter.Unpriced is { } unpriced)
        {
            query = unpriced ? query.Where(r => r.TotalTokens != null && r.CostUsd == null) : query.Where(r => r.TotalTokens == null || r.CostUsd != null);
        }

        if (filter.Source is { } source)
        {
            query = query.Where(r => r.Source == source);
        }

        return query;
    }
}
