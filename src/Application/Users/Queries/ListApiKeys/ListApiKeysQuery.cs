using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Users.Common;
using MediatR;

namespace CleanDashboard.Application.Users.Queries.ListApiKeys;

public sealed record ListApiKeysQuery(
    string? UserId = null,
    string? Revoked = null,
    string? Page = null,
    string? PageSize = null,
    string? Sort = null,
    string? Desc = null) : IRequest<PagedList<ApiKeyDto>>, IListQuery;

public sealed class ListApiKeysQueryHandler(IUserReadStore readStore) : IRequestHandler<ListApiKeysQuery, PagedList<ApiKeyDto>>
{
    public Task<PagedList<ApiKeyDto>> Handle(ListApiKeysQuery request, CancellationToken cancellationToken) =>
        readStore.ListApiKeysAsync(
            new ApiKeyFilter(ListValues.ParseInt(request.UserId), ListValues.ParseBool(request.Revoked)),
            ListPage.From(request, ApiKeyDto.Columns),
            cancellationToken);
}
