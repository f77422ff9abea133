using CleanDashboard.Application.Common.Exceptions;
using MediatR;

namespace CleanDashboard.Application.RequestLogs.Queries.ListUpstreamAttempts;

/// <summary>The upstreams a balanced request tried, and how each failed, before the one in its request log answered.</summary>
public sealed record ListUpstreamAttemptsQuery(long RequestLogId) : IRequest<IReadOnlyList<UpstreamAttemptDto>>;

/// <param name="StatusCode">The failing status the upstream answered (5xx, 429); null when it could not be reached or timed out.</param>
/// <param name="Failure"><c>status</c>, <c>connection_failed</c> or <c>timeout</c>.</param>
public sealed record UpstreamAttemptDto(int Attempt, string Upstream, int? StatusCode, string Failure, double LatencyMs);

public interface IUpstreamAttemptReadStore
{
    /// <summary>The request's failed attempts in order, or null when there is no such request log.</summary>
    Task<IReadOnlyList<UpstreamAttemptDto>?> ListAsync(long requestLogId, CancellationToken cancellationToken);
}

public sealed class ListUpstreamAttemptsQueryHandler(IUpstreamAttemptReadStore readStore) : IRequestHandler<ListUpstreamAttemptsQuery, IReadOnlyList<UpstreamAttemptDto>>
{
    public async Task<IReadOnlyList<UpstreamAttemptDto>> Handle(ListUpstreamAttemptsQuery request, CancellationToken cancellationToken) =>
        await readStore.ListAsync(request.RequestLogId, cancellationToken) ?? throw new NotFoundException("Request log", request.RequestLogId);
}
