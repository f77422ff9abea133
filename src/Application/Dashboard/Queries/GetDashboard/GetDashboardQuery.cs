using System.Globalization;
using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Common.Mapping;
using CleanDashboard.Application.Dashboard.Common;
using Mapster;
using MediatR;

namespace CleanDashboard.Application.Dashboard.Queries.GetDashboard;

/// <summary>
/// The dashboard for a range (<c>24h</c>, <c>7d</c>, <c>1m</c>, <c>3m</c>, <c>custom</c> with start and end), optionally
/// filtered by model, user, API key, endpoint and source (gateway or OTLP), with daily buckets in an IANA time zone (default UTC).
/// </summary>
public sealed record GetDashboardQuery(string? Range, string? Start, string? End) : IRequest<DashboardDto>, ICachedQuery
{
    public string? Model { get; init; }

    public string? UserId { get; init; }

    public string? ApiKeyId { get; init; }

    public string? Endpoint { get; init; }

    public string? Source { get; init; }

    public string? Tz { get; init; }

    /// <summary>
    /// The range, or a custom range's two instants in UTC ticks ("+02:00" and "Z" spellings of one instant share a key),
    /// then the zone and each filter given.
    /// </summary>
    public string CacheKey
    {
        get
        {
            var range = NormalizedRange;
            var key = range;
            if (range == DashboardRanges.Custom)
            {
                var (start, end) = CustomInstants();
                key = string.Create(CultureInfo.InvariantCulture, $"{range}:{start.Ticks}-{end.Ticks}");
            }

            var filter = ToFilter();
            var zone = TimeZoneId;
            return zone == DefaultTimeZone && filter.IsEmpty
                ? key
                : string.Create(CultureInfo.InvariantCulture, $"{key}|tz={Uri.EscapeDataString(zone)}|model={Escape(filter.Model)}|user={filter.UserId}|key={filter.ApiKeyId}|endpoint={Escape(filter.Endpoint)}|source={filter.Source}");
        }
    }

    public const string DefaultTimeZone = "UTC";

    /// <summary>The zone's IANA id as asked for, or UTC.</summary>
    public string TimeZoneId => string.IsNullOrEmpty(Tz) ? DefaultTimeZone : Tz;

    private string NormalizedRange => string.IsNullOrWhiteSpace(Range) ? DashboardRanges.Default : Range.Trim();

    /// <summary>The filters given; call only after validation.</summary>
    public DashboardFilter ToFilter() => new(
        string.IsNullOrEmpty(Model) ? null : Model,
        ParseId(UserId),
        ParseId(ApiKeyId),
        string.IsNullOrEmpty(Endpoint) ? null : Endpoint,
        string.IsNullOrEmpty(Source) ? null : Source);

    /// <summary>The window this query asks for; call only after validation.</summary>
    public DashboardWindow ToWindow(DateTime nowUtc)
    {
        var range = NormalizedRange;
        var zone = DashboardTimeZones.Find(TimeZoneId) ?? throw new InvalidOperationException("Unknown time zone; validate the query first.");
        if (range != DashboardRanges.Custom)
        {
            return DashboardWindow.ForPreset(range, nowUtc, zone);
        }

        var (start, end) = CustomInstants();
        return DashboardWindow.ForCustom(start, end, zone);
    }

    /// <summary>A positive integer id, or null when none is given.</summary>
    internal static int? ParseId(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static string Escape(string? text) => text is null ? string.Empty : Uri.EscapeDataString(text);

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
        // Snapshot first, then the clock: no row it sees lies after the window's end (decision 114).
        await using var snapshot = await readStore.BeginSnapshotAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var window = request.ToWindow(now);
        var filter = request.ToFilter();
        var (from, to) = (window.From, window.To);

        var buckets = await readStore.GetRequestBucketsAsync(from, to, window.Buckets, filter, cancellationToken);
        var latency = await readStore.GetLatencyAsync(from, to, window.Buckets, filter, cancellationToken);
        var errorCodes = await readStore.GetErrorCodesAsync(from, to, filter, cancellationToken);
        var models = await readStore.GetTopModelsAsync(from, to, TopListSize, filter, cancellationToken);
        // Ties are ranked by the shown name, which the store cannot sort by; country codes are few, so read them all.
        var countries = await readStore.GetTopCountryCodesAsync(from, to, int.MaxValue, filter, cancellationToken);
        var unpricedModels = await readStore.GetUnpricedModelsAsync(from, to, filter, cancellationToken);
        var users = await readStore.GetUserActivityAsync(from, to, filter, cancellationToken);
        var ratings = await readStore.GetRatingCountsAsync(from, to, filter, cancellationToken);
        var threats = await readStore.GetThreatTotalsAsync(from, to, TopListSize, cancellationToken);
        var topUsers = await readStore.GetTopUsersAsync(from, to, TopListSize, filter, cancellationToken);
        var topApiKeys = await readStore.GetTopApiKeysAsync(from, to, TopListSize, filter, cancellationToken);
        var endpoints = await readStore.GetEndpointsAsync(from, to, filter, cancellationToken);
        var previous = await PreviousAsync(from, to, filter, cancellationToken);

        var series = DashboardSeries.Fill(window, buckets, latency.Buckets);
        return new DashboardDto(
            window.Range,
            TruncateToSeconds(now),
            series.Requests,
            errorCodes.Adapt<List<LabelValueDto>>(mapping),
            models.Adapt<List<NamedCountDto>>(mapping),
            series.Costs,
            TopCountries(countries),
            series.Latency,
            DashboardFigures.Summary(buckets, unpricedModels, latency.Window),
            DashboardFigures.Users(users),
            DashboardFigures.Feedback(ratings),
            new ThreatsDto(threats.Total, threats.Unresolved, threats.Critical, threats.High, threats.TopTypes.Adapt<List<ThreatTypeCountDto>>(mapping)))
        {
            TopUsers = [.. topUsers.Select(u => new TopUserDto(u.Id, u.Name, u.Requests, u.Tokens, Rounding.Money(u.Cost)))],
            TopApiKeys = [.. topApiKeys.Select(k => new TopApiKeyDto(k.Id, k.Name, k.UserName, k.Requests, k.Tokens, Rounding.Money(k.Cost)))],
            TopEndpoints = DashboardFigures.TopEndpoints(endpoints, TopListSize),
            Previous = previous,
            TimeZone = request.TimeZoneId,
            Filters = DashboardFigures.Filters(filter),
        };
    }

    /// <summary>The window of the same length just before <c>[from, to]</c>: <c>[from − (to − from), from)</c>.</summary>
    internal static (DateTime From, DateTime To) PreviousWindow(DateTime from, DateTime to) => (from - (to - from), from.AddTicks(-1));

    private async Task<PreviousPeriodDto> PreviousAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var (previousFrom, previousTo) = PreviousWindow(from, to);
        DateTime[] oneBucket = [previousFrom];
        var buckets = await readStore.GetRequestBucketsAsync(previousFrom, previousTo, oneBucket, filter, cancellationToken);
        var latency = await readStore.GetLatencyAsync(previousFrom, previousTo, oneBucket, filter, cancellationToken);
        var users = await readStore.GetUserActivityAsync(previousFrom, previousTo, filter, cancellationToken);
        return DashboardFigures.Previous(buckets, latency.Window, users);
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
