using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Retention;
using CleanDashboard.Infrastructure.Tracking;
using CleanDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Gateway.IntegrationTests.Capture;

/// <summary>Finding a request by a phrase of its prompt (FTS5 / tsvector), who may read bodies, "never capture" keys, and capture retention.</summary>
public sealed class CaptureSearchTests(CaptureFixture gateway) : IClassFixture<CaptureFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_WhenQIsAPhraseOfOnePrompt_ShouldFindThatRequestOnlyAndCombineWithTheOtherFilters()
    {
        var caller = await gateway.NewCallerAsync();
        var marker = "zebra" + Guid.NewGuid().ToString("N")[..8];
        await CaptureFixture.PostAsync(caller, "v1/chat/completions", Chat("demo-echo", $"the purple {marker} sings loudly"));
        await CaptureFixture.PostAsync(caller, "v1/chat/completions", Chat("demo-echo", $"the {marker} purple sings"));
        await CaptureFixture.PostAsync(caller, "ollama/api/chat", $$"""{"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"purple {{marker}} sings"}]}""");
        var rows = await caller.RequestLogsAsync(3);

        // Each request is handed to the writer after its answer, so ids need not follow the order of the posts: told apart
        // by model and by demo-echo's prompt tokens (one per word: 5 and 4).
        var phrase = rows.Single(r => r.ModelName == "demo-echo" && r.PromptTokens == 5).Id;
        var shuffled = rows.Single(r => r.ModelName == "demo-echo" && r.PromptTokens == 4).Id;
        var ollama = rows.Single(r => r.ModelName == "llama3.2").Id;
        (await gateway.ListIdsAsync($"q={Uri.EscapeDataString($"purple {marker} sings")}&sort=id&desc=false")).Should().Equal(new[] { phrase, ollama }.Order());
        (await gateway.ListIdsAsync($"q={Uri.EscapeDataString($"PURPLE {marker}")}&model=demo-echo")).Should().Equal(phrase);
        (await gateway.ListIdsAsync($"q={marker}&userId={gateway.MemberId}&status=200&sort=id&desc=false")).Should().Equal(new[] { phrase, shuffled, ollama }.Order());
        (await gateway.ListIdsAsync($"q={marker}&status=404")).Should().BeEmpty();
        (await gateway.ListIdsAsync($"q={Uri.EscapeDataString($"\"{marker} OR")}")).Should().BeEmpty("FTS syntax in q is searched as words, not run");
    }

    [Fact]
    public async Task List_WhenQIsTooLong_ShouldBe400NamingQ()
    {
        using var http = gateway.HttpClient(CaptureFixture.AdminKey);

        var response = await http.GetAsync($"api/admin/request-logs?q={new string('a', 201)}", Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("q");
    }

    [Fact]
    public async Task Detail_WhenAskedWithAMemberKeyOrNone_ShouldBeForbiddenOrUnauthorized()
    {
        var caller = await gateway.NewCallerAsync();
        await CaptureFixture.PostAsync(caller, "v1/chat/completions", Chat("demo-echo", "a private question"));
        var row = await caller.SingleRequestLogAsync();

        using var member = caller.Http();
        (await member.GetAsync($"api/admin/request-logs/{row.Id}", Cancellation)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await member.GetAsync("api/admin/request-logs?q=private", Cancellation)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var anonymous = gateway.HttpClient(null);
        (await anonymous.GetAsync($"api/admin/request-logs/{row.Id}", Cancellation)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await gateway.DetailAsync(row.Id)).GetProperty("capture").GetProperty("requestBody").GetString().Should().Contain("a private question");
    }

    [Fact]
    public async Task NeverCaptureKey_ShouldKeepTheFiguresButNoBodies()
    {
        var caller = await gateway.NewCallerAsync();
        using var admin = gateway.HttpClient(CaptureFixture.AdminKey);

        var marked = await admin.PutAsJsonAsync($"api/admin/api-keys/{caller.KeyId}/capture", new { neverCapture = true }, Cancellation);
        marked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await marked.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("neverCapture").GetBoolean().Should().BeTrue();
        await CaptureFixture.PostAsync(caller, "v1/chat/completions", Chat("demo-echo", "keep this to yourself"));

        var detail = await gateway.DetailAsync((await caller.SingleRequestLogAsync()).Id);
        detail.GetProperty("capture").ValueKind.Should().Be(JsonValueKind.Null);
        (detail.GetProperty("promptTokens").GetInt32(), detail.GetProperty("completionTokens").GetInt32()).Should().Be((4, 5), "4 words asked, \"Echo:\" and 4 words answered");
    }

    [Fact]
    public async Task SetCapture_WhenNeverCaptureIsMissingOrTheKeyUnknown_ShouldBe400NamingItOr404()
    {
        using var admin = gateway.HttpClient(CaptureFixture.AdminKey);

        var missing = await admin.PutAsJsonAsync("api/admin/api-keys/1/capture", new { }, Cancellation);
        var unknown = await admin.PutAsJsonAsync("api/admin/api-keys/999999/capture", new { neverCapture = true }, Cancellation);

        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync(Cancellation));
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("neverCapture");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Retention_WhenACaptureIsOlderThanRetentionDays_ShouldDeleteItAndItsIndexButKeepTheRequestLog()
    {
        var caller = await gateway.NewCallerAsync();
        var marker = "walrus" + Guid.NewGuid().ToString("N")[..8];
        await CaptureFixture.PostAsync(caller, "v1/chat/completions", Chat("demo-echo", $"old {marker}"));
        await CaptureFixture.PostAsync(caller, "v1/chat/completions", Chat("demo-echo", $"new {marker}"));
        var rows = await caller.RequestLogsAsync(2);
        await using (var scope = gateway.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            var eightDaysAgo = DateTime.UtcNow.AddDays(-8);
            await db.RequestCaptures.Where(c => c.RequestLogId == rows[0].Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.CreatedAt, eightDaysAgo), Cancellation);

            var purged = await scope.ServiceProvider.GetRequiredService<RequestLogRetention>().PurgeCapturesAsync(Cancellation);

            purged.Should().Be(1);
            (await db.RequestCaptures.CountAsync(c => c.RequestLogId == rows[0].Id || c.RequestLogId == rows[1].Id, Cancellation)).Should().Be(1);
            (await db.RequestLogs.CountAsync(r => r.Id == rows[0].Id, Cancellation)).Should().Be(1, "the figures stay");
        }

        (await gateway.DetailAsync(rows[0].Id)).GetProperty("capture").ValueKind.Should().Be(JsonValueKind.Null);
        (await gateway.ListIdsAsync($"q={marker}")).Should().Equal(rows[1].Id);
    }

    [Fact]
    public async Task List_WhenNothingButTheAppRunsTheIndexer_ShouldFindTheCaptureAfterTheIndexersOwnPass()
    {
        // PostgreSQL indexes in the writer's insert and its indexer stops after its first pass (CaptureSearchIndexerTests).
        Assert.SkipWhen(TestDatabaseTarget.UsesPostgres, "SQLite's indexer, after the writer's commit (decision 130).");
        var caller = await gateway.NewCallerAsync();
        var marker = "heron" + Guid.NewGuid().ToString("N")[..8];
        await CaptureFixture.PostAsync(caller, "v1/chat/completions", Chat("demo-echo", $"a grey {marker} waits"));

        // Not caller.RequestLogsAsync, which runs the indexer itself: only the writer is waited for, then the app's own
        // passes (woken by the writer's commit on SQLite, or every CaptureSearchIndexer.Poll).
        var indexer = gateway.Services.GetRequiredService<CaptureSearchIndexer>();
        var writer = gateway.Services.GetRequiredService<RequestLogWriter>();
        List<long> found = [];
        for (var pass = 0; pass < 3 && found.Count == 0; pass++)
        {
            var next = indexer.NextCatchUpAsync();
            await writer.WaitForDrainAsync(Cancellation);
            found = await gateway.ListIdsAsync($"q={Uri.EscapeDataString($"grey {marker}")}");
            if (found.Count == 0)
            {
                await next.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
            }
        }

        found.Should().ContainSingle();
        indexer.LastError.Should().BeNull();
    }

    private static string Chat(string model, string text) => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"{{text}}"}]}""";
}
