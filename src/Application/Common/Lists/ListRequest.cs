namespace CleanDashboard.Application.Common.Lists;

/// <summary>
/// What every admin list takes besides its own filters. Values arrive as the strings the client sent, so a
/// bad one is a 400 naming the field rather than a binding failure; they are parsed after validation.
/// </summary>
public interface IListQuery
{
    string? Page { get; }

    string? PageSize { get; }

    string? Sort { get; }

    string? Desc { get; }
}

/// <summary>A list with a date range filter: <c>from</c> inclusive, <c>to</c> exclusive.</summary>
public interface IDateRangeQuery
{
    string? From { get; }

    string? To { get; }
}

/// <summary>Paging and ordering, parsed and checked: <see cref="Sort"/> is always one of the list's columns.</summary>
public sealed record ListPage(int Page, int PageSize, string Sort, bool Descending)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Without <c>sort</c>, lists show the newest rows first.</summary>
    public const string DefaultSort = "id";

    public int Skip => (Page - 1) * PageSize;

    /// <summary>The page a validated query asks for.</summary>
    public static ListPage From(IListQuery query, IReadOnlyList<string> columns)
    {
        var page = ListValues.ParseInt(query.Page) ?? 1;
        var pageSize = ListValues.ParseInt(query.PageSize) ?? DefaultPageSize;
        if (string.IsNullOrWhiteSpace(query.Sort))
        {
            return new ListPage(page, pageSize, DefaultSort, ListValues.ParseBool(query.Desc) ?? true);
        }

        var sort = columns.First(c => string.Equals(c, query.Sort.Trim(), StringComparison.OrdinalIgnoreCase));
        return new ListPage(page, pageSize, sort, ListValues.ParseBool(query.Desc) ?? false);
    }
}
