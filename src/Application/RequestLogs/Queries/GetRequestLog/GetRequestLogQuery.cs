using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.RequestLogs.Common;
using CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;
using MediatR;

namespace CleanDashboard.Application.RequestLogs.Queries.GetRequestLog;

public sealed record GetRequestLogQuery(long Id) : IRequest<RequestLogDto>;

public sealed class GetRequestLogQueryHandler(IRequestLogReadStore readStore) : IRequestHandler<GetRequestLogQuery, RequestLogDto>
{
    public async Task<RequestLogDto> Handle(GetRequestLogQuery request, CancellationToken cancellationToken) =>
        await readStore.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Request log", request.Id);
}
