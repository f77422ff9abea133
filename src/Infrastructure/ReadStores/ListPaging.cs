using System.Linq.Expressions;
using CleanDashboard.Application.Common.Lists;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>One page of an admin list: the filtered count and the sorted, projected rows of the page.</summary>
internal static class ListPaging
{
    /// <summary>Counts the filtered rows, then reads one page of them in order and projects it.</summary>
    public static async Task<PagedList<TDto>> ToPageAsync<TEntity, TId, TDto>(
        this IQueryable<TEntity> filtered,
        SortMap<TEntity> sortMap,
        ListPage page,
        Expression<Func<TEntity, TId>> id,
        Expression<Func<TEntity, TDto>> projection,
        CancellationToken cancellationToken)
    {
        var total = await filtered.LongCountAsync(cancellationToken);
        var items = total <= page.Skip
            ? []
            : await sortMap.Apply(filtered, page.Sort, page.Descending, id)
                .Skip(page.Skip)
                .Take(page.PageSize)
                .Select(projection)
                .ToListAsync(cancellationToken);
        return new PagedList<TDto>(items, page.Page, page.PageSize, total);
    }
}
