using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.Domain.Entities;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using CleanDashboard.TestSupport;

namespace CleanDashboard.Admin.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed class FeedbackTests(AdminApiFactory factory)
{
    [Fact]
    public async Task SubmitFeedback_WhenOwnRequest_ShouldAnswer201AndReplaceAnEarlierRating()
    {
        var (ownerId, _, ownerKey) = await factory.CreateUserWithKeyAsync("rater-owner");
        var requestId = await InsertRequestAsync(ownerId);
        using var owner = factory.ClientWithKey(ownerKey);

        var first = await owner.PostAsJsonAsync("/api/feedback", new { requestLogId = requestId, rating = 4, feedbackText = "Good answer." });
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        created.GetProperty("rating").GetInt32().Should().Be(4);
        created.GetProperty("feedbackText").GetString().Should().Be("Good answer.");
        created.GetProperty("requestLogId").GetInt64().Should().Be(requestId);

        var second = await owner.PostAsJsonAsync("/api/feedback", new { requestLogId = requestId, rating = 2 });
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        var replaced = await second.Content.ReadFromJsonAsync<JsonElement>();
        replaced.GetProperty("id").GetInt64().Should().Be(created.GetProperty("id").GetInt64());
        replaced.GetProperty("rating").GetInt32().Should().Be(2);
        replaced.GetProperty("feedbackText").GetString().Should().BeEmpty();

        var stored = await factory.WithDbAsync(db => db.FeedbackLogs.AsNoTracking().Where(f => f.RequestLogId == requestId).ToListAsync());
        stored.Should().ContainSingle().Which.Should().Match<FeedbackLog>(f => f.Rating == 2 && f.UserId == ownerId && f.FeedbackText == string.Empty);
    }

    [Fact]
    public async Task SubmitFeedback_WhenSomeoneElsesRequest_ShouldAnswer404LikeAMissingOne()
    {
        var (ownerId, _, _) = await factory.CreateUserWithKeyAsync("rater-victim");
        var (_, _, otherKey) = await factory.CreateUserWithKeyAsync("rater-other");
        var requestId = await InsertRequestAsync(ownerId);
        using var other = factory.ClientWithKey(otherKey);

        var foreign = await other.PostAsJsonAsync("/api/feedback", new { requestLogId = requestId, rating = 1 });
        var missing = await other.PostAsJsonAsync("/api/feedback", new { requestLogId = 987654321, rating = 1 });

        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.FeedbackLogs.CountAsync(f => f.RequestLogId == requestId))).Should().Be(0);
    }

    [Fact]
    public async Task SubmitFeedback_WhenNoKey_ShouldAnswer401()
    {
        using var anonymous = factory.ClientWithKey(null);
        (await anonymous.PostAsJsonAsync("/api/feedback", new { requestLogId = 1, rating = 5 })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SubmitFeedback_WhenGiven_ShouldShowInTheAdminFeedbackList()
    {
        var (ownerId, _, ownerKey) = await factory.CreateUserWithKeyAsync("rater-listed");
        var requestId = await InsertRequestAsync(ownerId);
        using var owner = factory.ClientWithKey(ownerKey);
        await owner.PostAsJsonAsync("/api/feedback", new { requestLogId = requestId, rating = 3, feedbackText = "fine" });

        using var admin = factory.AdminClient();
        var page = await PageOf.GetAsync(admin, $"/api/admin/feedback?userId={ownerId}");
        page.TotalCount.Should().Be(1);
        page.Items[0].GetProperty("userName").GetString().Should().Be("rater-listed");
        page.Items[0].GetProperty("rating").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task AdminFeedbackList_ShouldSayWhichRatedRequestHasACapture()
    {
        var (ownerId, _, ownerKey) = await factory.CreateUserWithKeyAsync("rater-captured");
        var captured = await InsertRequestAsync(ownerId);
        var plain = await InsertRequestAsync(ownerId);
        await factory.WithDbAsync(async db =>
        {
            db.RequestCaptures.Add(new RequestCapture { RequestLogId = captured, CreatedAt = DateTime.UtcNow, CapBytes = 262144, ContentType = "application/json" });
            await db.SaveChangesAsync();
        });
        using var owner = factory.ClientWithKey(ownerKey);
        await owner.PostAsJsonAsync("/api/feedback", new { requestLogId = captured, rating = 1, feedbackText = "wrong answer" });
        await owner.PostAsJsonAsync("/api/feedback", new { requestLogId = plain, rating = 5 });

        using var admin = factory.AdminClient();
        var page = await PageOf.GetAsync(admin, $"/api/admin/feedback?userId={ownerId}&sort=requestLogId");
        page.Items.Select(i => (i.GetProperty("requestLogId").GetInt64(), i.GetProperty("hasCapture").GetBoolean()))
            .Should().Equal((captured, true), (plain, false));
    }

    private Task<long> InsertRequestAsync(int userId) => factory.WithDbAsync(async db =>
    {
        var log = RequestLogBuilder.ChatAt(DateTime.UtcNow).Latency(12).Model("demo-echo").UserId(userId).Build();
        db.RequestLogs.Add(log);
        await db.SaveChangesAsync();
        return log.Id;
    });
}
