using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.WebApi.Gateway.Failover;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The gateway with model routes over stubs that misbehave on purpose, each route used by one test, and a fake clock
/// for the circuit breakers and the model list cache. Circuits open after 3 failed calls (ratio 0.5) and stay open 30 s.
/// </summary>
public sealed class FailoverFixture : GatewayFixture
{
    public const int MinimumThroughput = 3;
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan ModelListCacheDuration = TimeSpan.FromSeconds(5);

    /// <summary>Routes: model → its upstreams and weights (every upstream here speaks OpenAI's API).</summary>
    private static readonly (string Model, (string Upstream, int Weight)[] Members)[] Routes =
    [
        ("refused-model", [("refusing", 1), ("answering", 1)]),
        ("unavailable-model", [("unavailable", 1), ("answering", 1)]),
        ("throttled-model", [("throttled", 1), ("answering", 1)]),
        ("timeout-pool-model", [("slow", 1), ("answering", 1)]),
        ("keeps-answering", [("down", 1), ("answering", 1)]),
        ("circuit-model", [("switchable", 1)]),
        ("midstream-model", [("stalling", 1), ("answering", 1)]),
        ("weighted-model", [("heavy", 3), ("light", 1)]),
        ("other-model", [("heavy", 1), ("light", 1)]),
    ];

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Serves "answering", "heavy" and "light".</summary>
    public StubUpstream Healthy { get; private set; } = null!;

    public StubUpstream Unavailable { get; private set; } = null!;

    public StubUpstream Throttled { get; private set; } = null!;

    public StubUpstream Slow { get; private set; } = null!;

    /// <summary>Longer than the base fixture's second: on a loaded machine the answering upstream must never time out too.</summary>
    public static readonly TimeSpan FailoverUpstreamTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Answers 503 until a test says otherwise.</summary>
    public StubUpstream Switchable { get; private set; } = null!;

    /// <summary>Streams its first piece, then goes silent.</summary>
    public StubUpstream Stalling { get; private set; } = null!;

    /// <summary>The upstream attempts recorded for one request log, in order.</summary>
    public async Task<List<UpstreamAttemptLog>> AttemptsOfAsync(long requestLogId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        return await db.UpstreamAttemptLogs.AsNoTracking().Where(a => a.RequestLogId == requestLogId).OrderBy(a => a.Attempt).ToListAsync();
    }

    protected override async Task AddSettingsAsync(Dictionary<string, string?> settings)
    {
        Healthy = await StubUpstream.StartAsync();
        Unavailable = await StubUpstream.StartAsync();
        Unavailable.ForcedStatus = 503;
        Throttled = await StubUpstream.StartAsync();
        Throttled.ForcedStatus = 429;
        Slow = await StubUpstream.StartAsync();
        Slow.ForcedDelay = TimeSpan.FromMinutes(1); // until the gateway gives up on it and hangs up
        Switchable = await StubUpstream.StartAsync();
        Switchable.ForcedStatus = 503;
        Stalling = await StubUpstream.StartAsync();
        Stalling.StallsAfterFirstPiece = true;

        var refused = $"http://127.0.0.1:{UnusedPort()}/";
        var upstreams = new (string Name, string Root)[]
        {
            ("refusing", refused), ("answering", Root(Healthy)), ("unavailable", Root(Unavailable)), ("throttled", Root(Throttled)),
            ("slow", Root(Slow)), ("down", refused), ("switchable", Root(Switchable)), ("stalling", Root(Stalling)),
            ("heavy", Root(Healthy)), ("light", Root(Healthy)),
        };
        var index = settings.Keys.Count(k => k.StartsWith("Gateway:Upstreams:", StringComparison.Ordinal) && k.EndsWith(":Name", StringComparison.Ordinal));
        foreach (var (name, root) in upstreams)
        {
            settings[$"Gateway:Upstreams:{index}:Name"] = name;
            settings[$"Gateway:Upstreams:{index}:BaseUrl"] = root + "v1";
            settings[$"Gateway:Upstreams:{index}:Kind"] = "openai";
            index++;
        }

        for (var r = 0; r < Routes.Length; r++)
        {
            settings[$"Gateway:ModelRoutes:{r}:Model"] = Routes[r].Model;
            for (var m = 0; m < Routes[r].Members.Length; m++)
            {
                settings[$"Gateway:ModelRoutes:{r}:Upstreams:{m}:Name"] = Routes[r].Members[m].Upstream;
                settings[$"Gateway:ModelRoutes:{r}:Upstreams:{m}:Weight"] = Routes[r].Members[m].Weight.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        settings["Gateway:UpstreamTimeout"] = FailoverUpstreamTimeout.ToString();
        settings["Gateway:Failover:MinimumThroughput"] = MinimumThroughput.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Gateway:Failover:FailureRatio"] = "0.5";
        settings["Gateway:Failover:BreakDuration"] = BreakDuration.ToString();
        settings["Gateway:Failover:SamplingDuration"] = "00:01:00";
        settings["Gateway:ModelListCacheDuration"] = ModelListCacheDuration.ToString();
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddKeyedSingleton<TimeProvider>(UpstreamCircuits.TimeProviderKey, Clock);

    protected override async ValueTask DisposeExtrasAsync()
    {
        foreach (var stub in new[] { Healthy, Unavailable, Throttled, Slow, Switchable, Stalling })
        {
            if (stub is not null)
            {
                await stub.DisposeAsync();
            }
        }
    }

    private static string Root(StubUpstream stub) => stub.BaseAddress.AbsoluteUri;
}
