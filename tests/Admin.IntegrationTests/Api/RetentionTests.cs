using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Retention;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CleanDashboard.TestSupport;

namespace CleanDashboard.Admin.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed class RetentionTests(AdminApiFactory factory)
{
    [Fact]
    public async Task Purge_WhenLogsAreOlderThanTheRetention_ShouldDeleteThemWithTheirFeedbackAndKeepDailyStats()
    {
        var now = DateTime.UtcNow;
        var (userId, _, _) = await factory.CreateUserWithKeyAsync("retention-user");
        var (oldIds, recentId, statsId) = await factory.WithDbAsync(async db =>
        {
            var old = Enumerable.Range(0, 3).Select(i => Log(now.AddDays(-91 - i), userId)).ToList();
            var recent = Log(now.AddDays(-89), userId);
            db.RequestLogs.AddRange(old);
            db.RequestLogs.Add(recent);
            var stats = new ModelUsageStats { Date = DateOnly.FromDateTime(now.AddDays(-100)), ModelName = "retention-model", TotalRequests = 3 };
            db.ModelUsageStats.Add(stats);
            await db.SaveChangesAsync();
            var rating = FeedbackLog.For(old[0], userId);
            (rating.Rating, rating.CreatedAt) = (4, now.AddDays(-91));
            db.FeedbackLogs.Add(rating);
            await db.SaveChangesAsync();
            return (old.Select(o => o.Id).ToArray(), recent.Id, stats.Id);
        });

        await using var scope = factory.Services.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<RequestLogRetention>().PurgeAsync(TestContext.Current.CancellationToken);

        deleted.Should().BeGreaterThanOrEqualTo(3);
        await factory.WithDbAsync(async db =>
        {
            (await db.RequestLogs.CountAsync(r => oldIds.Contains(r.Id))).Should().Be(0);
            (await db.RequestLogs.CountAsync(r => r.Id == recentId)).Should().Be(1);
            (await db.FeedbackLogs.CountAsync(f => f.RequestLogId == oldIds[0])).Should().Be(0);
            (await db.ModelUsageStats.CountAsync(s => s.Id == statsId)).Should().Be(1);
        });
    }

    private static RequestLog Log(DateTime at, int userId) =>
        RequestLogBuilder.ChatAt(at).Latency(5).Model("retention-model").UserId(userId).Build();
}
