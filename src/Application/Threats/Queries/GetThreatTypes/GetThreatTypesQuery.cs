using CleanDashboard.Application.Threats.Detection;
using MediatR;

namespace CleanDashboard.Application.Threats.Queries.GetThreatTypes;

/// <summary>The threat types the registered detectors raise: the values the threat list's <c>threatType</c> filter accepts.</summary>
public sealed record GetThreatTypesQuery : IRequest<IReadOnlyList<string>>;

public sealed class GetThreatTypesQueryHandler(ThreatTypeCatalog catalog) : IRequestHandler<GetThreatTypesQuery, IReadOnlyList<string>>
{
    public Task<IReadOnlyList<string>> Handle(GetThreatTypesQuery request, CancellationToken cancellationToken) => Task.FromResult(catalog.All);
}
