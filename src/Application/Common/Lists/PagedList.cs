namespace CleanDashboard.Application.Common.Lists;

/// <summary>One page of a list: the rows, where the page is, and how many rows match in all.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);
