using System.Globalization;
using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Common.Mapping;
using CleanDashboard.Application.Dashboard.Common;
using Mapster;
using MediatR;

namespace CleanDashboard.Application.Dashboard.Queries.GetDashboard;

/// <summary>The dashboard for a range (<c>24h</c>, <c>7d</c>, <c>1m</c>, <c>3m</c>, <c>custom</c> with start and end).</summary>
public sealed record GetDashboardQuery(string? Range, string? Start, string? End) : IRequest<DashboardDto>, ICachedQuery
{
    /// <summary>The range, or a custom range's two instants in UTC ticks: "+02:00" and "Z" spellings of one instant share a key.</summary>
    public string CacheKey
    {
        get
        {
            var range = NormalizedRange;
            if (range != DashboardRanges.Custom)
            {
                return range;
            }

            var (start, end) = CustomInstants();
            return string.Create(CultureInfo.InvariantCulture, $"{range}:{start.Ticks}-{end.Ticks}");
        }
    }

    private string NormalizedRange => string.IsNullOrWhiteSpace(Range) ? DashboardRanges.Default : Range.Trim();

    /// <summary>The window this query asks for; call only after validation.</summary>
    public DashboardWindow ToWindow(DateTime nowUtc)
    {
        var range = NormalizedRange;
        if (range != DashboardRanges.Custom)
        {
            return DashboardWindow.ForPreset(range, nowUtc);
        }

        var (start, end) = CustomInstants();
        return DashboardWindow.ForCustom(start, end);
    }

    private (DateTime Start, DateTime End) CustomInstants() =>
        DashboardWindow.TryParseInstant(Start, out var start) && DashboardWindow.TryParseInstant(End, out var end)
            ? (start, end)
            : throw new InvalidOperationException("A custom range needs a valid start and end; validate the query first.");
}

public sealed class GetDashboardQueryHandler(IDashboardReadStore readStore, TimeProvider timeProvider, TypeAdapterConfig mapping)
    : IRequestHandler<GetDashboardQuery, DashboardDto>
{
    internal const int TopListSize = 10;

    public async Task<DashboardDto> Handle(GetDashboardQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var window = request.ToWindow(now);
        var (from, to) = (window.From, window.To);

        var buckets = await readStore.GetRequestBucketsAsync(from, to, window.BucketSize, cancellationToken);
        var errorCodes = await readStore.GetErrorCodesAsync(from, to, cancellationToken);
        var models = await readStore.GetTopModelsAsync(from, to, TopListSize, cancellationToken);
        // Ties are ranked by the shown name, which the store cannot sort by; country codes are few, so read them all.
        var countries = await readStore.GetTopCountryCodesAsync(from, to, int.MaxValue, cancellationToken);
        var unpricedModels = await readStore.GetUnpricedModelsAsync(from, to, cancellationToken);
        var users = await readStore.GetUserActivityAsync(from, to, cancellationToken);
        var ratings = await readStore.GetRatingCountsAsync(from, to, cancellationToken);
        var threats = await readStore.GetThreatTotalsAsync(from, to, TopListSize, cancellationToken);

        var series = DashboardSeries.Fill(window, buckets);
        return new DashboardDto(
            window.Range,
            TruncateToSeconds(now),
            series.Requests,
            errorCodes.Adapt<List<LabelValueDto>>(mapping),
            models.Adapt<List<NamedCountDto>>(mapping),
            series.Costs,
            TopCountries(countries),
            series.Latency,
            DashboardFigures.Summary(buckets, unpricedModels),
            DashboardFigures.Users(users),
            DashboardFigures.Feedback(ratings),
            new ThreatsDto(threats.Total, threats.Unresolved, threats.Critical, threats.High, threats.TopTypes.Adapt<List<ThreatTypeCountDto>>(mapping)));
    }

    /// <summary>Most requests first, ties by the label shown ("Germany (DE)", "Unknown"), at most <see cref="TopListSize"/>.</summary>
    private static List<NamedCountDto> TopCountries(IReadOnlyList<LabelCount> countries) => countries
        .Select(c => new NamedCountDto(CountryNames.Label(c.Label), c.Count))
        .OrderByDescending(c => c.Requests)
        .ThenBy(c => c.Name, StringComparer.Ordinal)
        .Take(TopListSize)
        .ToList();

    private static DateTime TruncateToSeconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
