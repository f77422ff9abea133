using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Dashboard.Queries.GetDashboard;
using CleanDashboard.Application.UnitTests.TestDoubles;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ValidationException = CleanDashboard.Application.Common.Exceptions.ValidationException;

namespace CleanDashboard.Application.UnitTests.Dashboard.Queries.GetDashboard;

/// <summary>The handler through the real pipeline (AddApplication), over the shared fake read store.</summary>
public sealed class GetDashboardQueryHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 10, 37, 12, 345, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly FakeDashboardReadStore _store = new();
    private readonly ServiceProvider _services;

    public GetDashboardQueryHandlerTests()
    {
        var services = new ServiceCollection().AddApplication();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IDashboardReadStore>(_store);
        services.AddHybridCache();
        services.AddSingleton(new QueryCacheSettings(TimeSpan.Zero));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Handle_WhenRangeIsMissing_ShouldAnswerForTheLast7DaysWithDailyBuckets()
    {
        var dashboard = await SendAsync(new GetDashboardQuery(null, null, null));

        dashboard.Range.Should().Be("7d");
        dashboard.Requests.Select(p => p.Timestamp).Should().Equal(Enumerable.Range(24, 6).Select(d => Utc(2024, 2, d)).Append(Utc(2024, 3, 1)));
        var window = (Utc(2024, 2, 24), Now.UtcDateTime);
        // The previous period: as long as the window (6 d 10:37:12.345), just before it.
        var previous = (new DateTime(2024, 2, 17, 13, 22, 47, 655, DateTimeKind.Utc), Utc(2024, 2, 24).AddTicks(-1));
        _store.Calls.Where(c => (c.From, c.To) == window).Should().HaveCount(12);
        _store.Calls.Where(c => (c.From, c.To) == previous).Select(c => c.Method).Should().Equal("GetRequestBucketsAsync", "GetLatencyAsync", "GetUserActivityAsync");
        _store.Calls.Should().HaveCount(15);
        _store.BucketStarts.Should().Equal(Enumerable.Range(24, 6).Select(d => Utc(2024, 2, d)).Append(Utc(2024, 3, 1)));
    }

    [Fact]
    public async Task Handle_WhenRowsHaveTokensButNoCost_ShouldCountThemAsUnpricedWithTheirModelsInTheStoresOrder()
    {
        // Bucket 1: 5 rows with tokens, 3 with cost; bucket 2: 4 with tokens, 4 with cost; failed rows carry neither.
        _store.Buckets =
        [
            new RequestBucketTotals(Utc(2024, 2, 28), 5, 2, 7_000, 500, 5, 0.003m, 3),
            new RequestBucketTotals(Utc(2024, 2, 29), 4, 1, 5_000, 400, 4, 0.004m, 4),
        ];
        _store.UnpricedModels = [new LabelCount("llama3.2", 2)];

        var dashboard = await SendAsync(new GetDashboardQuery("7d", null, null));

        dashboard.Summary.UnpricedRequests.Should().Be(2);
        dashboard.Summary.UnpricedModels.Should().Equal("llama3.2");
    }

    [Fact]
    public async Task Handle_WhenNowHasMilliseconds_ShouldReportGeneratedAtToTheSecondInUtc()
    {
        var dashboard = await SendAsync(new GetDashboardQuery("24h", null, null));

        dashboard.GeneratedAt.Should().Be(new DateTime(2024, 3, 1, 10, 37, 12, DateTimeKind.Utc));
        dashboard.GeneratedAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task Handle_WhenRangeIsCustomWithOffsets_ShouldQueryTheStoreInUtcWithHourlyBuckets()
    {
        var dashboard = await SendAsync(new GetDashboardQuery("custom", "2024-03-01T12:05:00+02:00", "2024-03-01T12:30:00+02:00"));

        dashboard.Range.Should().Be("custom");
        dashboard.Requests.Select(p => p.Timestamp).Should().Equal(Utc(2024, 3, 1, 10));
        var window = (new DateTime(2024, 3, 1, 10, 5, 0, DateTimeKind.Utc), new DateTime(2024, 3, 1, 10, 30, 0, DateTimeKind.Utc));
        var previous = (new DateTime(2024, 3, 1, 9, 40, 0, DateTimeKind.Utc), new DateTime(2024, 3, 1, 10, 5, 0, DateTimeKind.Utc).AddTicks(-1));
        _store.Calls.Where(c => (c.From, c.To) == window).Should().HaveCount(12);
        _store.Calls.Count(c => (c.From, c.To) == previous).Should().Be(3);
        _store.BucketStarts.Should().Equal(Utc(2024, 3, 1, 10));
    }

    [Fact]
    public async Task Handle_WhenTheStoreHasTotals_ShouldMapEveryBlockOfTheDocument()
    {
        _store.Buckets = [new RequestBucketTotals(Utc(2024, 3, 1, 10), 3, 1, 2_000_000, 90, 3, 0.0300m, 3)];
        _store.ErrorCodes = [new LabelCount("500", 1)];
        _store.Models = [new LabelCount("llama3.2", 3), new LabelCount("gpt-4o", 1)];
        _store.Users = new UserActivity(2, 1, 0.03m, 4);
        _store.Ratings = [new RatingCount(5, 1)];
        _store.Threats = new ThreatTotals(3, 2, 1, 1, [new LabelCount("rate_limit", 2), new LabelCount("scanner", 1)]);

        var dashboard = await SendAsync(new GetDashboardQuery("24h", null, null));

        dashboard.Requests[^1].Should().Be(new RequestPointDto(Utc(2024, 3, 1, 10), 3, 1));
        dashboard.Costs[^1].Should().Be(new CostPointDto(Utc(2024, 3, 1, 10), 0.03m));
        dashboard.Latency[^1].Should().Be(new LatencyPointDto(Utc(2024, 3, 1, 10), 0.5)); // 2000 ms / 4 rows
        dashboard.ErrorsBreakdown.Should().Equal(new LabelValueDto("500", 1));
        dashboard.TopModels.Should().Equal(new NamedCountDto("llama3.2", 3), new NamedCountDto("gpt-4o", 1));
        dashboard.Summary.Should().BeEquivalentTo(new SummaryDto(4, 3, 500, 0.03m, 90, 30, 0.01m), o => o.WithStrictOrdering()); // 3 rows with tokens, 3 with cost: none unpriced
        dashboard.Users.Should().Be(new UsersDto(2, 1, 0.03m, 4));
        dashboard.Feedback.TotalFeedback.Should().Be(1);
        dashboard.Feedback.AvgRating.Should().Be(5);
        dashboard.Threats.Should().BeEquivalentTo(new ThreatsDto(3, 2, 1, 1, [new ThreatTypeCountDto("rate_limit", 2), new ThreatTypeCountDto("scanner", 1)]));
        _store.ModelLimit.Should().Be(10);
        _store.ThreatTypeLimit.Should().Be(10);
    }

    [Fact]
    public async Task Handle_WhenCountriesHaveCodes_ShouldLabelThemWithNamesAndUnknown()
    {
        _store.Countries = [new LabelCount("DE", 5), new LabelCount(string.Empty, 2), new LabelCount("ZZ", 1)];

        var dashboard = await SendAsync(new GetDashboardQuery("24h", null, null));

        dashboard.TopCountries.Should().Equal(new NamedCountDto("Germany (DE)", 5), new NamedCountDto("Unknown", 2), new NamedCountDto("ZZ", 1));
    }

    [Fact]
    public async Task Handle_WhenCountriesTie_ShouldOrderThemByTheirShownName()
    {
        // The store orders ties by code ("" < "CH" < "DE" < "US"); the contract orders ties by name.
        _store.Countries = [new LabelCount(string.Empty, 4), new LabelCount("US", 4), new LabelCount("CH", 2), new LabelCount("DE", 2)];

        var dashboard = await SendAsync(new GetDashboardQuery("24h", null, null));

        dashboard.TopCountries.Should().Equal(
            new NamedCountDto("United States (US)", 4),
            new NamedCountDto("Unknown", 4),
            new NamedCountDto("Germany (DE)", 2),
            new NamedCountDto("Switzerland (CH)", 2));
    }

    [Fact]
    public async Task Handle_WhenMoreThanTenCountriesTie_ShouldKeepTheTenFirstByName()
    {
        // In code order the store's first ten end with GB and drop HU; by name, United Kingdom and Switzerland
        // sort last, so Hungary is in the ten and United Kingdom is not.
        string[] codes = ["AT", "BE", "CA", "CH", "DE", "DK", "EE", "FI", "FR", "GB", "HU"];
        _store.Countries = [.. codes.Select(c => new LabelCount(c, 1))];

        var dashboard = await SendAsync(new GetDashboardQuery("24h", null, null));

        dashboard.TopCountries.Select(c => c.Name).Should().Equal(
            "Austria (AT)", "Belgium (BE)", "Canada (CA)", "Denmark (DK)", "Estonia (EE)",
            "Finland (FI)", "France (FR)", "Germany (DE)", "Hungary (HU)", "Switzerland (CH)");
    }

    [Fact]
    public async Task Handle_ShouldPinTheSnapshotBeforeReadingTheClockAndHoldItOverEveryRead()
    {
        // The clock moves 1.5 s while the snapshot is taken: the window must end at the later instant.
        _store.OnSnapshot = () => _clock.Advance(TimeSpan.FromMilliseconds(1_500));

        await SendAsync(new GetDashboardQuery("24h", null, null));

        var end = Now.UtcDateTime.AddMilliseconds(1_500);
        _store.Calls.Where(c => c.To == end).Should().HaveCount(12);
        _store.SnapshotOpenedAfterCalls.Should().Be(0);
        _store.SnapshotClosedAfterCalls.Should().Be(15);
    }

    [Fact]
    public async Task Handle_WhenTheQueryIsInvalid_ShouldThrowValidationExceptionBeforeReadingTheStore()
    {
        var act = () => SendAsync(new GetDashboardQuery("custom", "2025-01-15T00:00:00Z", "2025-01-01T00:00:00Z"));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Keys.Should().Equal("end");
        _store.Calls.Should().BeEmpty();
        _store.SnapshotOpenedAfterCalls.Should().BeNull();
    }

    private async Task<DashboardDto> SendAsync(GetDashboardQuery query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, TestContext.Current.CancellationToken);
    }

    private static DateTime Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
}
