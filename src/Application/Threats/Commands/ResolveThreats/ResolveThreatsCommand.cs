using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Dashboard.Queries.GetDashboard;
using CleanDashboard.Application.Threats.Common;
using MediatR;

namespace CleanDashboard.Application.Threats.Commands.ResolveThreats;

/// <summary>The bulk action of the threat list: marks incidents resolved (or open again). Unknown ids are skipped.</summary>
public sealed record ResolveThreatsCommand(IReadOnlyList<long>? Ids, bool Resolved) : IRequest<ResolveThreatsResultDto>, IChangesCachedQueries
{
    /// <summary>The dashboard counts unresolved threats.</summary>
    public IReadOnlyList<string> ChangedQueries => [nameof(GetDashboardQuery)];
}

/// <summary>How many incidents actually changed: already-resolved ones and unknown ids do not count.</summary>
public sealed record ResolveThreatsResultDto(int Changed);

public sealed class ResolveThreatsCommandHandler(IThreatStore store) : IRequestHandler<ResolveThreatsCommand, ResolveThreatsResultDto>
{
    public async Task<ResolveThreatsResultDto> Handle(ResolveThreatsCommand request, CancellationToken cancellationToken) =>
        new(await store.SetResolvedAsync(request.Ids!.Distinct().ToArray(), request.Resolved, cancellationToken));
}
