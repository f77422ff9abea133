using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Feedback.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.ReadStores;
using CleanDashboard.Infrastructure.Retention;
using CleanDashboard.Infrastructure.Rollups;
using CleanDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Rollups;

/// <summary>
/// The feedback cubes and rollups the database's triggers keep (docs/decisions/120, 123), on a clock at 2024-03-01 10:37:12 UTC with the
/// default 90-day retention (cutoff 2023-12-02 00:00 UTC). Three requests of one user's key: "now" at 2024-03-01 08:15
/// (gpt-4o, chat), "earlier" at 2024-02-29 23:50 (llama3.2, embeddings), "expiring" at 2023-12-01 23:00 (gpt-4o, chat),
/// whose rating was given after the cutoff, at 2023-12-02 08:00.
/// </summary>
public sealed class FeedbackCubeTests : IAsyncLifetime
{
    private static readonly DateTime Day = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();
    private (int User, int Key, long Now, long Earlier, long Expiring) _ids;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _ids = await _database.QueryAsync(async db =>
        {
            var user = new User { Name = "rater", Role = UserRole.Member, CreatedAt = Day.AddDays(-200) };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            var key = new ApiKey { UserId = user.Id, Name = "key", Prefix = "cd_rate", KeyHash = new byte[32], CreatedAt = user.CreatedAt };
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            RequestLog Request(DateTime at, string model, string endpoint) =>
                RequestLogBuilder.ChatAt(at).Model(model).Endpoint(endpoint).UserId(user.Id).ApiKeyId(key.Id).Build();
            var (now, earlier, expiring) = (
                Request(Day.AddHours(8.25), "gpt-4o", RequestLogBuilder.ChatCompletions),
                Request(Day.AddMinutes(-10), "llama3.2", "/v1/embeddings"),
                Request(new DateTime(2023, 12, 1, 23, 0, 0, DateTimeKind.Utc), "gpt-4o", RequestLogBuilder.ChatCompletions));
            db.RequestLogs.AddRange(now, earlier, expiring);
            await db.SaveChangesAsync();
            return (user.Id, key.Id, now.Id, earlier.Id, expiring.Id);
        });
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Ratings_WhenGivenAndGivenAgain_ShouldBeCountedUnderTheirRequestsDimensionsInTheHourAndDayOfTheirLatestRating()
    {
        await RateAsync(_ids.Now, 5, Day.AddHours(8.5));
        await RateAsync(_ids.Earlier, 3, Day.AddMinutes(-5));

        // The earlier request rated again the next day: its 3 leaves 2024-02-29 23:00 and the day before, a 1 arrives at 09:00.
        await RateAsync(_ids.Earlier, 1, Day.AddHours(9.1));

        var (chat, embeddings) = (RequestLogBuilder.ChatCompletions, "/v1/embeddings");
        (await HourlyAsync()).Should().Equal(
            $"2024-02-29T23:00 llama3.2 {embeddings} 3: 0",
            $"2024-03-01T08:00 gpt-4o {chat} 5: 1",
            $"2024-03-01T09:00 llama3.2 {embeddings} 1: 1");
        (await DailyAsync()).Should().Equal(
            $"2024-02-29T00:00 llama3.2 {embeddings} 3: 0",
            $"2024-03-01T00:00 gpt-4o {chat} 5: 1",
            $"2024-03-01T00:00 llama3.2 {embeddings} 1: 1");
        var (user, key) = ($"User={_ids.User}", $"ApiKey={_ids.Key}");
        (await HourlyRollupsAsync()).Should().Equal(
            $"2024-02-29T23:00 {key} 3: 0",
            $"2024-02-29T23:00 Endpoint={embeddings} 3: 0",
            "2024-02-29T23:00 Model=llama3.2 3: 0",
            "2024-02-29T23:00 Total= 3: 0",
            $"2024-02-29T23:00 {user} 3: 0",
            $"2024-03-01T08:00 {key} 5: 1",
            $"2024-03-01T08:00 Endpoint={chat} 5: 1",
            "2024-03-01T08:00 Model=gpt-4o 5: 1",
            "2024-03-01T08:00 Total= 5: 1",
            $"2024-03-01T08:00 {user} 5: 1",
            $"2024-03-01T09:00 {key} 1: 1",
            $"2024-03-01T09:00 Endpoint={embeddings} 1: 1",
            "2024-03-01T09:00 Model=llama3.2 1: 1",
            "2024-03-01T09:00 Total= 1: 1",
            $"2024-03-01T09:00 {user} 1: 1");
        (await DailyRollupsAsync()).Should().Equal(
            $"2024-02-29T00:00 {key} 3: 0",
            $"2024-02-29T00:00 Endpoint={embeddings} 3: 0",
            "2024-02-29T00:00 Model=llama3.2 3: 0",
            "2024-02-29T00:00 Total= 3: 0",
            $"2024-02-29T00:00 {user} 3: 0",
            $"2024-03-01T00:00 {key} 1: 1",
            $"2024-03-01T00:00 {key} 5: 1",
            $"2024-03-01T00:00 Endpoint={chat} 5: 1",
            $"2024-03-01T00:00 Endpoint={embeddings} 1: 1",
            "2024-03-01T00:00 Model=gpt-4o 5: 1",
            "2024-03-01T00:00 Model=llama3.2 1: 1",
            "2024-03-01T00:00 Total= 1: 1",
            "2024-03-01T00:00 Total= 5: 1",
            $"2024-03-01T00:00 {user} 1: 1",
            $"2024-03-01T00:00 {user} 5: 1");
    }

    [Fact]
    public async Task Rollups_WhenARatingIsDeleted_ShouldTakeItsOneFromEachDimensionOfItsHourAndDay()
    {
        await RateAsync(_ids.Now, 5, Day.AddHours(8.5));
        await RateAsync(_ids.Earlier, 3, Day.AddMinutes(-5));

        await _database.QueryAsync(db => db.FeedbackLogs.Where(f => f.RequestLogId == _ids.Now).ExecuteDeleteAsync());

        var (user, key, chat) = ($"User={_ids.User}", $"ApiKey={_ids.Key}", RequestLogBuilder.ChatCompletions);
        (await HourlyRollupsAsync()).Should().Equal(
            $"2024-02-29T23:00 {key} 3: 1",
            "2024-02-29T23:00 Endpoint=/v1/embeddings 3: 1",
            "2024-02-29T23:00 Model=llama3.2 3: 1",
            "2024-02-29T23:00 Total= 3: 1",
            $"2024-02-29T23:00 {user} 3: 1",
            $"2024-03-01T08:00 {key} 5: 0",
            $"2024-03-01T08:00 Endpoint={chat} 5: 0",
            "2024-03-01T08:00 Model=gpt-4o 5: 0",
            "2024-03-01T08:00 Total= 5: 0",
            $"2024-03-01T08:00 {user} 5: 0");
        (await DailyRollupsAsync()).Should().Equal(
            $"2024-02-29T00:00 {key} 3: 1",
            "2024-02-29T00:00 Endpoint=/v1/embeddings 3: 1",
            "2024-02-29T00:00 Model=llama3.2 3: 1",
            "2024-02-29T00:00 Total= 3: 1",
            $"2024-02-29T00:00 {user} 3: 1",
            $"2024-03-01T00:00 {key} 5: 0",
            $"2024-03-01T00:00 Endpoint={chat} 5: 0",
            "2024-03-01T00:00 Model=gpt-4o 5: 0",
            "2024-03-01T00:00 Total= 5: 0",
            $"2024-03-01T00:00 {user} 5: 0");
    }

    [Fact]
    public async Task Rollups_WhenTheRatedRequestHasNoModelAndNoKey_ShouldCountItUnderTheTotalUserAndEndpointOnly()
    {
        var anonymous = await _database.QueryAsync(async db =>
        {
            var request = RequestLogBuilder.ChatAt(Day.AddHours(7.5)).Model(string.Empty).UserId(_ids.User).ApiKeyId(null).Build();
            db.RequestLogs.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

        await RateAsync(anonymous, 2, Day.AddHours(7.75));

        (await HourlyRollupsAsync()).Should().Equal(
            $"2024-03-01T07:00 Endpoint={RequestLogBuilder.ChatCompletions} 2: 1",
            "2024-03-01T07:00 Total= 2: 1",
            $"2024-03-01T07:00 User={_ids.User} 2: 1");
        (await DailyRollupsAsync()).Should().Equal(
            $"2024-03-01T00:00 Endpoint={RequestLogBuilder.ChatCompletions} 2: 1",
            "2024-03-01T00:00 Total= 2: 1",
            $"2024-03-01T00:00 User={_ids.User} 2: 1");
    }

    [Fact]
    public async Task RatingCounts_WhenReadFromTheRollupsOrTheCubesUnderAFilter_ShouldEqualTheRatingsOfTheMatchingRequests()
    {
        await RateAsync(_ids.Now, 5, Day.AddHours(8.5));
        await RateAsync(_ids.Earlier, 3, Day.AddMinutes(-5));
        await RateAsync(_ids.Earlier, 1, Day.AddHours(9.1));

        // 2024-02-29 22:30 to 2024-03-01 10:37:12: a raw half hour, hours 23:00 and 00:00–10:00 from the cubes, a raw tail.
        var (from, to) = (Day.AddHours(-1.5), _database.Time.GetUtcNow().UtcDateTime);
        (await RatingsAsync(from, to, DashboardFilter.None)).Should().Equal(new RatingCount(1, 1), new RatingCount(5, 1));
        (await RatingsAsync(from, to, new DashboardFilter("llama3.2", null, null, null))).Should().Equal(new RatingCount(1, 1));
        (await RatingsAsync(from, to, new DashboardFilter(null, _ids.User, null, null))).Should().Equal(new RatingCount(1, 1), new RatingCount(5, 1));
        (await RatingsAsync(from, to, new DashboardFilter(null, null, _ids.Key, null))).Should().Equal(new RatingCount(1, 1), new RatingCount(5, 1));
        (await RatingsAsync(from, to, new DashboardFilter(null, null, null, "/v1/embeddings"))).Should().Equal(new RatingCount(1, 1));
        (await RatingsAsync(from, to, new DashboardFilter(null, null, null, "/v1/embeddings", RequestSources.Gateway))).Should().Equal(new RatingCount(1, 1));
        (await RatingsAsync(from, to, new DashboardFilter(null, _ids.User, _ids.Key, RequestLogBuilder.ChatCompletions))).Should().Equal(new RatingCount(5, 1));
        (await RatingsAsync(from, to, new DashboardFilter(null, _ids.User + 1, null, null))).Should().BeEmpty();
    }

    [Fact]
    public async Task Retention_WhenItDeletesARatedRequest_ShouldTakeItsRatingOutOfTheCubesEvenWhereTheRatingOutlivesTheCutoff()
    {
        await RateAsync(_ids.Now, 4, Day.AddHours(8.5));
        await RateAsync(_ids.Expiring, 2, new DateTime(2023, 12, 2, 8, 0, 0, DateTimeKind.Utc));
        (await HourlyAsync()).Should().Contain("2023-12-02T08:00 gpt-4o /v1/chat/completions 2: 1");
        (await HourlyRollupsAsync()).Should().Contain("2023-12-02T08:00 Total= 2: 1");

        var deleted = await _database.InScopeAsync(sp => sp.GetRequiredService<RequestLogRetention>().PurgeAsync(CancellationToken.None));

        deleted.Should().Be(1);
        (await HourlyAsync()).Should().Equal("2024-03-01T08:00 gpt-4o /v1/chat/completions 4: 1");
        (await DailyAsync()).Should().Equal("2024-03-01T00:00 gpt-4o /v1/chat/completions 4: 1");
        var (user, key) = ($"User={_ids.User}", $"ApiKey={_ids.Key}");
        (await HourlyRollupsAsync()).Should().Equal(
            $"2024-03-01T08:00 {key} 4: 1",
            "2024-03-01T08:00 Endpoint=/v1/chat/completions 4: 1",
            "2024-03-01T08:00 Model=gpt-4o 4: 1",
            "2024-03-01T08:00 Total= 4: 1",
            $"2024-03-01T08:00 {user} 4: 1");
        (await DailyRollupsAsync()).Should().Equal(
            $"2024-03-01T00:00 {key} 4: 1",
            "2024-03-01T00:00 Endpoint=/v1/chat/completions 4: 1",
            "2024-03-01T00:00 Model=gpt-4o 4: 1",
            "2024-03-01T00:00 Total= 4: 1",
            $"2024-03-01T00:00 {user} 4: 1");
        var (from, to) = (new DateTime(2023, 12, 2, 0, 0, 0, DateTimeKind.Utc), _database.Time.GetUtcNow().UtcDateTime);
        (await RatingsAsync(from, to, DashboardFilter.None)).Should().Equal(new RatingCount(4, 1));
    }

    [Fact]
    public async Task RebuildRollups_WhenRunAfterRatingsAndReRatings_ShouldWriteTheCountsTheTriggersKeptWithoutTheEmptiedRows()
    {
        await RateAsync(_ids.Now, 5, Day.AddHours(8.5));
        await RateAsync(_ids.Now, 4, Day.AddHours(10));
        await RateAsync(_ids.Expiring, 2, new DateTime(2023, 12, 2, 8, 0, 0, DateTimeKind.Utc));

        await _database.InScopeAsync(sp => sp.GetRequiredService<RollupRebuilder>().RebuildAsync(CancellationToken.None));

        (await HourlyAsync()).Should().Equal(
            "2023-12-02T08:00 gpt-4o /v1/chat/completions 2: 1",
            "2024-03-01T10:00 gpt-4o /v1/chat/completions 4: 1");
        (await DailyAsync()).Should().Equal(
            "2023-12-02T00:00 gpt-4o /v1/chat/completions 2: 1",
            "2024-03-01T00:00 gpt-4o /v1/chat/completions 4: 1");
        var (user, key) = ($"User={_ids.User}", $"ApiKey={_ids.Key}");
        (await HourlyRollupsAsync()).Should().Equal(
            $"2023-12-02T08:00 {key} 2: 1",
            "2023-12-02T08:00 Endpoint=/v1/chat/completions 2: 1",
            "2023-12-02T08:00 Model=gpt-4o 2: 1",
            "2023-12-02T08:00 Total= 2: 1",
            $"2023-12-02T08:00 {user} 2: 1",
            $"2024-03-01T10:00 {key} 4: 1",
            "2024-03-01T10:00 Endpoint=/v1/chat/completions 4: 1",
            "2024-03-01T10:00 Model=gpt-4o 4: 1",
            "2024-03-01T10:00 Total= 4: 1",
            $"2024-03-01T10:00 {user} 4: 1");
        (await DailyRollupsAsync()).Should().Equal(
            $"2023-12-02T00:00 {key} 2: 1",
            "2023-12-02T00:00 Endpoint=/v1/chat/completions 2: 1",
            "2023-12-02T00:00 Model=gpt-4o 2: 1",
            "2023-12-02T00:00 Total= 2: 1",
            $"2023-12-02T00:00 {user} 2: 1",
            $"2024-03-01T00:00 {key} 4: 1",
            "2024-03-01T00:00 Endpoint=/v1/chat/completions 4: 1",
            "2024-03-01T00:00 Model=gpt-4o 4: 1",
            "2024-03-01T00:00 Total= 4: 1",
            $"2024-03-01T00:00 {user} 4: 1");
    }

    private Task<FeedbackLog> RateAsync(long requestLogId, int rating, DateTime at) =>
        _database.InScopeAsync(sp => sp.GetRequiredService<IFeedbackStore>().SaveAsync(requestLogId, _ids.User, rating, string.Empty, at, CancellationToken.None));

    private Task<IReadOnlyList<RatingCount>> RatingsAsync(DateTime from, DateTime to, DashboardFilter filter) =>
        _database.QueryAsync(db => new DashboardReadStore(db).GetRatingCountsAsync(from, to, filter, CancellationToken.None));

    private Task<List<string>> HourlyAsync() =>
        _database.QueryAsync(async db => Describe(await db.HourlyFeedbackCubes.AsNoTracking().ToListAsync()));

    private Task<List<string>> DailyAsync() =>
        _database.QueryAsync(async db => Describe(await db.DailyFeedbackCubes.AsNoTracking().ToListAsync()));

    private Task<List<string>> HourlyRollupsAsync() =>
        _database.QueryAsync(async db => DescribeRollups(await db.HourlyFeedbackRollups.AsNoTracking().ToListAsync()));

    private Task<List<string>> DailyRollupsAsync() =>
        _database.QueryAsync(async db => DescribeRollups(await db.DailyFeedbackRollups.AsNoTracking().ToListAsync()));

    private static List<string> DescribeRollups(IEnumerable<Domain.Entities.Rollups.FeedbackRollup> rollups) => rollups
        .Select(r => $"{r.BucketStart:yyyy-MM-ddTHH:mm} {r.Dimension}={r.Key} {r.Rating}: {r.Ratings}")
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Every cube row is the one user's and key's from the gateway; the rest of its key and its count, in order.</summary>
    private List<string> Describe(IEnumerable<Domain.Entities.Rollups.FeedbackCube> cubes)
    {
        var rows = cubes.ToList();
        rows.Should().OnlyContain(c => c.UserId == _ids.User && c.ApiKeyId == _ids.Key && c.Source == RequestSources.Gateway);
        return rows
            .Select(c => $"{c.BucketStart:yyyy-MM-ddTHH:mm} {c.ModelName} {c.Endpoint} {c.Rating}: {c.Ratings}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
