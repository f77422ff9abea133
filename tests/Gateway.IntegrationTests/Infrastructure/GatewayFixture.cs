using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Linq.Expressions;
using System.Text.Json;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Tracking;
using CleanDashboard.TestSupport;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The real application on a real loopback port with its own SQLite file (or PostgreSQL database, with
/// <c>CD_TEST_DATABASE=Postgres</c>), in front of a <see cref="StubUpstream"/>,
/// with one member user and key. Upstreams: "stub-openai" (OpenAI kind, with an upstream key), "stub-ollama"
/// (Ollama kind), "offline" (a port nobody listens on) and "stub-anthropic" (Anthropic kind, claude-*, with its own key). demo-echo is priced at $1,000 / $2,000 per million
/// tokens so its small word counts give costs that survive rounding to 4 decimals.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789-abcdefghij";
    public const string UpstreamKey = "upstream-secret-key";
    public const string AnthropicUpstreamKey = StubUpstream.AnthropicModelsKey;
    public const string MemberName = "alice";
    public const long MaxRequestBytes = 64 * 1024;
    public const decimal DemoInputPerMillion = 1000m;
    public const decimal DemoOutputPerMillion = 2000m;
    public static readonly TimeSpan UpstreamTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RowWait = TimeSpan.FromSeconds(10);

    private const string JournalSuffix = ".request-journal";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"cleandashboard-gateway-{Guid.NewGuid():N}.db");
    private readonly TestDatabaseTarget _database;
    private GatewayApplication? _app;

    public GatewayFixture()
    {
        _database = TestDatabaseTarget.Create($"Data Source={_databasePath}");
    }

    public StubUpstream Stub { get; private set; } = null!;

    /// <summary>The SQLite file (unused on PostgreSQL), for tests that read what reached the disk.</summary>
    public string DatabasePath => _databasePath;

    public Uri BaseAddress { get; private set; } = null!;

    public int MemberId { get; private set; }

    public IServiceProvider Services => _app!.Services;

    /// <summary>Settings a derived fixture adds or replaces.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        if (!await _database.TryCreateAsync())
        {
            return;
        }

        Stub = await StubUpstream.StartAsync();
        var stubRoot = Stub.BaseAddress.AbsoluteUri.TrimEnd('/');
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["RequestLogWriter:JournalPath"] = _databasePath + JournalSuffix,
            ["RequestLogWriter:JournalMaxBytes"] = "1048576",
            ["Auth:BootstrapAdminKey"] = AdminKey,
            ["Demo:Enabled"] = "false",
            ["Gateway:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:UpstreamTimeout"] = UpstreamTimeout.ToString(),
            ["Gateway:Upstreams:0:Name"] = "stub-openai",
            ["Gateway:Upstreams:0:BaseUrl"] = stubRoot + "/v1",
            ["Gateway:Upstreams:0:Kind"] = "openai",
            ["Gateway:Upstreams:0:Provider"] = "openai",
            ["Gateway:Upstreams:0:ApiKey"] = UpstreamKey,
            ["Gateway:Upstreams:0:Models:0"] = "gpt-4o-mini",
            ["Gateway:Upstreams:0:Models:1"] = "text-embedding-3-small",
            ["Gateway:Upstreams:0:Models:2"] = "slow-*",
            ["Gateway:Upstreams:0:Models:3"] = "drip-*",
            ["Gateway:Upstreams:0:Models:4"] = "fail-*",
            ["Gateway:Upstreams:0:Models:5"] = "stall-*",
            ["Gateway:Upstreams:0:Models:6"] = "gpt-resp-*",
            ["Gateway:Upstreams:1:Name"] = "stub-ollama",
            ["Gateway:Upstreams:1:BaseUrl"] = stubRoot,
            ["Gateway:Upstreams:1:Kind"] = "ollama",
            ["Gateway:Upstreams:1:Models:0"] = "llama3.2*",
            ["Gateway:Upstreams:2:Name"] = "offline",
            ["Gateway:Upstreams:2:BaseUrl"] = $"http://127.0.0.1:{UnusedPort()}/v1",
            ["Gateway:Upstreams:2:Kind"] = "openai",
            ["Gateway:Upstreams:2:Models:0"] = "offline-*",
            ["Gateway:Upstreams:3:Name"] = "stub-anthropic",
            ["Gateway:Upstreams:3:BaseUrl"] = stubRoot + "/anthropic/v1",
            ["Gateway:Upstreams:3:Kind"] = "anthropic",
            ["Gateway:Upstreams:3:Provider"] = "anthropic",
            ["Gateway:Upstreams:3:ApiKey"] = AnthropicUpstreamKey,
            ["Gateway:Upstreams:3:Models:0"] = "claude-*",
            ["Pricing:Models:claude-stub:InputPerMillion"] = "3",
            ["Pricing:Models:claude-stub:OutputPerMillion"] = "15",
            ["Pricing:Models:claude-stub:CachedInputPerMillion"] = "0.3",
            ["Pricing:Models:claude-stub:CacheWritePerMillion"] = "3.75",
            ["Pricing:Models:gpt-resp-stub:InputPerMillion"] = "2",
            ["Pricing:Models:gpt-resp-stub:OutputPerMillion"] = "8",
            ["Pricing:Models:gpt-resp-stub:CachedInputPerMillion"] = "0.5",
            ["Pricing:Models:demo-echo:InputPerMillion"] = DemoInputPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Pricing:Models:demo-echo:OutputPerMillion"] = DemoOutputPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        await AddSettingsAsync(settings);
        _app = new GatewayApplication(settings, services =>
        {
            QueuedRequestSignal.Decorate(services);
            ConfigureServices(services);
        });
        _app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");

        await using var scope = _app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        MemberId = (await mediator.Send(new CreateUserCommand(MemberName, "member"), CancellationToken.None)).Id;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await DisposeExtrasAsync();

        if (Stub is not null)
        {
            await Stub.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await _database.DisposeAsync();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", JournalSuffix })
        {
            File.Delete(_databasePath + suffix);
        }
    }

    /// <summary>A new API key of the member: its requests are told apart from other tests' by the key id in the request log.</summary>
    public async Task<GatewayCaller> NewCallerAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateApiKeyCommand(MemberName, "gateway test"), CancellationToken.None);
        return new GatewayCaller(this, key.Key, key.Id);
    }

    public HttpClient HttpClient(string? apiKey)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return http;
    }

    /// <summary>
    /// The request logs matching the filter once at least <paramref name="expected"/> are written, or after 10 s. Waits on
    /// the app itself: each round drains the writer of everything queued (and, on SQLite, indexes the captured text it
    /// committed), and the next waits for another hand-off to the queue (a request is queued after its answer was sent,
    /// so the client may ask before it is).
    /// </summary>
    public async Task<List<RequestLog>> RequestLogsAsync(Expression<Func<RequestLog, bool>> filter, int expected = 1)
    {
        var queue = (QueuedRequestSignal)Services.GetRequiredService<IRequestLogQueue>();
        var writer = Services.GetRequiredService<RequestLogWriter>();
        var deadline = DateTime.UtcNow + RowWait;
        while (true)
        {
            var queued = queue.Queued;
            await writer.WaitForDrainAsync(CancellationToken.None);
            await Services.GetRequiredService<CaptureSearchIndexer>().CatchUpAsync(CancellationToken.None);
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            var rows = await db.RequestLogs.AsNoTracking().Where(filter).OrderBy(r => r.Id).ToListAsync();
            var left = deadline - DateTime.UtcNow;
            if (rows.Count >= expected || left <= TimeSpan.Zero)
            {
                return rows;
            }

            try
            {
                await queue.WaitForAsync(queued + 1).WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // Nothing more was queued in time: the last round's rows are the answer.
            }
        }
    }

    /// <summary>The one request log matching the filter.</summary>
    public async Task<RequestLog> SingleRequestLogAsync(Expression<Func<RequestLog, bool>> filter)
    {
        var rows = await RequestLogsAsync(filter);
        rows.Should().ContainSingle("one request makes one request log");
        return rows[0];
    }

    public async Task<JsonElement> DashboardAsync(string range)
    {
        using var http = HttpClient(AdminKey);
        var response = await http.GetAsync($"api/dashboard/?range={range}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>For a derived fixture: more configuration (upstreams, model routes) on top of the shared one.</summary>
    protected virtual Task AddSettingsAsync(Dictionary<string, string?> settings) => Task.CompletedTask;

    /// <summary>For a derived fixture: services replaced after the application's own (a fake clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected virtual ValueTask DisposeExtrasAsync() => ValueTask.CompletedTask;

    /// <summary>A loopback port with nothing listening on it: connecting is refused at once.</summary>
    protected static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class GatewayApplication(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> configureServices) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(configureServices);
        }
    }
}
