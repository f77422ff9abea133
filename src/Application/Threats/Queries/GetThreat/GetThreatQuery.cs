using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Threats.Queries.ListThreats;
using MediatR;

namespace CleanDashboard.Application.Threats.Queries.GetThreat;

public sealed record GetThreatQuery(long Id) : IRequest<ThreatDto>;

public sealed class GetThreatQueryHandler(IThreatStore store) : IRequestHandler<GetThreatQuery, ThreatDto>
{
    public async Task<ThreatDto> Handle(GetThreatQuery request, CancellationToken cancellationToken) =>
        await store.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Threat", request.Id);
}
