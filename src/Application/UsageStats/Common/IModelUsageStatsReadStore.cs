using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.UsageStats.Queries.ListModelUsageStats;

namespace CleanDashboard.Application.UsageStats.Common;

public interface IModelUsageStatsReadStore
{
    Task<PagedList<ModelUsageStatsDto>> ListAsync(ModelUsageStatsFilter filter, ListPage page, CancellationToken cancellationToken);

    Task<ModelUsageStatsDto?> FindAsync(long id, CancellationToken cancellationToken);
}

/// <summary>Daily stats filters: days from <see cref="FromDate"/> (inclusive) to <see cref="ToDate"/> (exclusive), exact model.</summary>
public sealed record ModelUsageStatsFilter(DateOnly? FromDate, DateOnly? ToDate, string? Model)
{
    /// <summary>The days whose start lies in [from, to).</summary>
    public static ModelUsageStatsFilter From(DateTime? from, DateTime? to, string? model) =>
        new(FirstDayStartingAtOrAfter(from), FirstDayStartingAtOrAfter(to), string.IsNullOrWhiteSpace(model) ? null : model.Trim());

    private static DateOnly? FirstDayStartingAtOrAfter(DateTime? instant) => instant is not { } value
        ? null
        : DateOnly.FromDateTime(value).AddDays(value.TimeOfDay == TimeSpan.Zero ? 0 : 1);
}
