using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.RequestLogs.Common;
using MediatR;

namespace CleanDashboard.Application.RequestLogs.Queries.GetRequestLog;

public sealed record GetRequestLogQuery(long Id) : IRequest<RequestLogDetailDto>;

public sealed class GetRequestLogQueryHandler(IRequestLogReadStore readStore) : IRequestHandler<GetRequestLogQuery, RequestLogDetailDto>
{
    public async Task<RequestLogDetailDto> Handle(GetRequestLogQuery request, CancellationToken cancellationToken)
    {
        var log = await readStore.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Request log", request.Id);
        return new RequestLogDetailDto(log, await readStore.FindCaptureAsync(request.Id, cancellationToken));
    }
}
