using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.UserSessions.Common;
using MediatR;

namespace CleanDashboard.Application.UserSessions.Queries.ListUserSessions;

public sealed record ListUserSessionsQuery(
    string? From = null,
    string? To = null,
    string? UserId = null,
    string? Active = null,
    string? Page = null,
    string? PageSize = null,
    string? Sort = null,
    string? Desc = null) : IRequest<PagedList<UserSessionDto>>, IListQuery, IDateRangeQuery;

public sealed class ListUserSessionsQueryHandler(IUserSessionReadStore readStore) : IRequestHandler<ListUserSessionsQuery, PagedList<UserSessionDto>>
{
    public Task<PagedList<UserSessionDto>> Handle(ListUserSessionsQuery request, CancellationToken cancellationToken) =>
        readStore.ListAsync(
            new UserSessionFilter(ListValues.ParseInstant(request.From), ListValues.ParseInstant(request.To), ListValues.ParseInt(request.UserId), ListValues.ParseBool(request.Active)),
            ListPage.From(request, UserSessionDto.Columns),
            cancellationToken);
}
