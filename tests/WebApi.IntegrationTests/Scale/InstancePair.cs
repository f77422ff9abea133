using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Tracking;
using CleanDashboard.TestSupport;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace CleanDashboard.WebApi.IntegrationTests.Scale;

/// <summary>
/// Two instances of the application, A and B, each with its own services (background writer, in-memory cache level) on
/// one fresh PostgreSQL database and one Redis, under a key prefix of their own. A starts first and answers its health
/// check before B starts, so only A migrates the new database. Each instance runs on the clock it is given. demo-echo is
/// priced at $1,000 in / $2,000 out per million tokens, so each <see cref="Prompt"/> costs 3 × 0.001 + 4 × 0.002 = 0.011.
/// </summary>
public sealed class InstancePair : IAsyncDisposable
{
    public const string AdminKey = "scale-tests-admin-key-0123456789abcdef";

    /// <summary>3 prompt words; demo-echo answers "Echo: Count this request", 4 completion words.</summary>
    public const string Prompt = "Count this request";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly TestDatabaseTarget _database;
    private readonly IConnectionMultiplexer _redis;
    private readonly List<AppInstance> _started = [];

    private InstancePair(TestDatabaseTarget database, IConnectionMultiplexer redis, string redisPrefix)
    {
        _database = database;
        _redis = redis;
        RedisPrefix = redisPrefix;
    }

    public AppInstance A { get; private set; } = null!;

    public AppInstance B { get; private set; } = null!;

    /// <summary>The <c>Cache:RedisInstanceName</c> both instances use: every key they write starts with it.</summary>
    public string RedisPrefix { get; }

    public string MemberKey { get; private set; } = string.Empty;

    /// <summary>Counts the spend settlements of both instances together.</summary>
    public SpendSettlementSignal Settlements { get; } = new();

    /// <summary>
    /// Starts A, waits for its health check, starts B; or skips the running test with the reason when PostgreSQL or Redis
    /// cannot be reached. <paramref name="cacheDuration"/> null keeps the application's default.
    /// </summary>
    public static async Task<InstancePair> StartAsync(TimeProvider clockA, TimeProvider clockB, TimeSpan? cacheDuration = null)
    {
        if (TestDatabaseTarget.PostgresProblem is { } postgresProblem)
        {
            Assert.Skip($"Needs PostgreSQL and Redis. {postgresProblem}");
        }

        if (TestRedis.Problem is { } redisProblem)
        {
            Assert.Skip($"Needs PostgreSQL and Redis. {redisProblem}");
        }

        var database = TestDatabaseTarget.CreatePostgres();
        await database.CreateAsync();
        var pair = new InstancePair(database, await TestRedis.ConnectAsync(), TestRedis.NewInstanceName());
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Auth:BootstrapAdminKey"] = AdminKey,
            ["Demo:Enabled"] = "false",
            ["Cache:Redis"] = TestRedis.Configuration,
            ["Cache:RedisInstanceName"] = pair.RedisPrefix,
            ["RequestLogWriter:BatchDelayMs"] = "20",
            ["Pricing:Models:demo-echo:InputPerMillion"] = "1000",
            ["Pricing:Models:demo-echo:OutputPerMillion"] = "2000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Budgets:ReconcileInterval"] = "00:00:00.200",
        };
        if (cacheDuration is { } duration)
        {
            settings["Cache:Duration"] = duration.ToString("c", CultureInfo.InvariantCulture);
        }

        pair.A = await pair.StartInstanceAsync(settings, clockA);
        pair.B = await pair.StartInstanceAsync(settings, clockB);

        await using var scope = pair.A.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var member = await mediator.Send(new CreateUserCommand("scale-member", "member"));
        pair.MemberKey = (await mediator.Send(new CreateApiKeyCommand(member.Name, "scale tests"))).Key;
        return pair;
    }

    /// <summary>Sends <paramref name="count"/> demo-echo chat completions to the instance through its gateway, one after the other.</summary>
    public async Task SendChatsAsync(AppInstance instance, int count)
    {
        var queue = (QueuedRequestSignal)instance.Services.GetRequiredService<IRequestLogQueue>();
        var before = queue.Queued;
        using var client = Client(instance, MemberKey);
        for (var i = 0; i < count; i++)
        {
            using var body = new StringContent(
                $$"""{"model":"demo-echo","messages":[{"role":"user","content":"{{Prompt}}"}]}""", Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/v1/chat/completions", body);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // TestServer may answer the client before the middleware hands the request to the writer: wait for the hand-off.
        await queue.WaitForAsync(before + count).WaitAsync(Wait);
    }

    /// <summary>The number of request logs in the shared database, once it reaches <paramref name="expected"/> or 10 s have passed.</summary>
    public async Task<int> WaitForRequestLogsAsync(int expected)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            await using var scope = A.Services.CreateAsyncScope();
            var count = await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().RequestLogs.CountAsync();
            if (count >= expected || DateTime.UtcNow > deadline)
            {
                return count;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until both instances' writers have committed (and published the data version of) everything queued so far.</summary>
    public async Task DrainWritersAsync()
    {
        foreach (var instance in new[] { A, B })
        {
            await instance.Services.GetRequiredService<RequestLogWriter>().WaitForDrainAsync(CancellationToken.None).WaitAsync(Wait);
        }
    }

    /// <summary>The data version as the instance knows it, which names its cached answers' keys.</summary>
    public static async Task<DataVersion> DataVersionAsync(AppInstance instance) =>
        await instance.Services.GetRequiredService<IDataVersionSource>().CurrentAsync(CancellationToken.None);

    public async Task<JsonElement> DashboardAsync(AppInstance instance, string range)
    {
        using var client = Client(instance, AdminKey);
        using var response = await client.GetAsync($"/api/dashboard/?range={range}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Polls the instance's dashboard until its total is <paramref name="expected"/> or 10 s have passed; returns the last answer.</summary>
    public async Task<JsonElement> DashboardUntilTotalAsync(AppInstance instance, string range, long expected)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var dashboard = await DashboardAsync(instance, range);
            if (dashboard.GetProperty("summary").GetProperty("totalRequests").GetInt64() == expected || DateTime.UtcNow > deadline)
            {
                return dashboard;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Whether the key (with <see cref="RedisPrefix"/>) exists in Redis, waiting up to 10 s for it: HybridCache writes its
    /// second level after it has answered.
    /// </summary>
    public async Task<bool> WaitForRedisKeyAsync(string key)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await _redis.GetDatabase().KeyExistsAsync(RedisPrefix + key))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    public async Task<TimeSpan?> RedisTimeToLiveAsync(string key) => await _redis.GetDatabase().KeyTimeToLiveAsync(RedisPrefix + key);

    /// <summary>An HTTP client of the instance sending <paramref name="key"/>.</summary>
    public static HttpClient ClientOf(AppInstance instance, string key) => Client(instance, key);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Enumerable.Reverse(_started))
        {
            await instance.DisposeAsync();
        }

        await _database.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static HttpClient Client(AppInstance instance, string key)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<AppInstance> StartInstanceAsync(IReadOnlyDictionary<string, string?> settings, TimeProvider clock)
    {
        var instance = new AppInstance(settings, clock, Settlements);
        _started.Add(instance);

        // Starting the server runs the start-up tasks (migrations, the admin key) before it returns.
        instance.StartServer();
        using var client = instance.CreateClient();
        using var health = await client.GetAsync("/api/dashboard/health/");
        health.StatusCode.Should().Be(HttpStatusCode.OK, "the next instance starts only once this one is up");
        using var document = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("checks").GetProperty("cache").GetProperty("status").GetString().Should().Be("healthy", "Redis answers");
        return instance;
    }
}

/// <summary>One instance of the application: its own DI container, background writer and in-memory cache level, on the given clock.</summary>
public sealed class AppInstance(IReadOnlyDictionary<string, string?> settings, TimeProvider clock, SpendSettlementSignal settlements) : WebApplicationFactory<Program>
{
    /// <summary>Each instance journals into its own file, as two processes sharing a database must.</summary>
    private readonly string _journalPath = Path.Combine(Path.GetTempPath(), $"cleandashboard-instance-{Guid.NewGuid():N}.request-journal");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_journalPath);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("RequestLogWriter:JournalPath", _journalPath);
        builder.UseSetting("RequestLogWriter:JournalMaxBytes", "1048576");

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(clock);
        });
        builder.ConfigureServices(QueuedRequestSignal.Decorate);
        builder.ConfigureTestServices(settlements.Decorate);
    }
}
