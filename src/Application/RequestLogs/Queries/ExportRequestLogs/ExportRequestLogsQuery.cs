using System.Runtime.CompilerServices;
using CleanDashboard.Application.Common.Csv;
using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.RequestLogs.Common;
using CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;
using MediatR;

namespace CleanDashboard.Application.RequestLogs.Queries.ExportRequestLogs;

/// <summary>Every request log matching the filters (not one page) as CSV, produced row by row.</summary>
public sealed record ExportRequestLogsQuery(
    string? From = null,
    string? To = null,
    string? Model = null,
    string? Status = null,
    string? Country = null,
    string? UserId = null,
    string? ApiKeyId = null,
    string? Endpoint = null,
    string? StatusClass = null,
    string? MinLatencyMs = null,
    string? Sort = null,
    string? Desc = null,
    string? Unpriced = null,
    string? Source = null,
    string? Q = null) : IRequest<CsvExportDto>, IRequestLogFilterQuery
{
    string? IListQuery.Page => null;

    string? IListQuery.PageSize => null;
}

public sealed class ExportRequestLogsQueryHandler(IRequestLogReadStore readStore, TimeProvider timeProvider)
    : IRequestHandler<ExportRequestLogsQuery, CsvExportDto>
{
    public Task<CsvExportDto> Handle(ExportRequestLogsQuery request, CancellationToken cancellationToken)
    {
        var page = ListPage.From(request, RequestLogDto.Columns);
        var rows = readStore.StreamAsync(RequestLogFilter.Parse(request), page.Sort, page.Descending, cancellationToken);
        var fileName = $"request-logs-{timeProvider.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return Task.FromResult(new CsvExportDto(fileName, RequestLogDto.Columns, Fields(rows, cancellationToken)));
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Fields(IAsyncEnumerable<RequestLogDto> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            yield return [
                r.Id, r.CreatedAt, r.Endpoint, r.Method, r.StatusCode, r.LatencyMs, r.TtftMs, r.ModelName, r.PromptTokens,
                r.CompletionTokens, r.TotalTokens, r.CostUsd, r.CountryCode, r.IpAddress, r.UserId, r.UserName, r.ApiKeyId, r.Upstream,
                r.CachedInputTokens, r.CacheCreationTokens, r.ReasoningTokens, r.UsageEstimated, r.ApiKeyName, r.Source];
        }
    }
}
