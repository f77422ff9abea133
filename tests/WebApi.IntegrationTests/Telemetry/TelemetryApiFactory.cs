using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.TestSupport;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// The real app with prices pinned for the models the telemetry tests send, so their costs can be computed by hand:
/// gpt-4o-mini $0.15 / $0.60 per million input / output tokens and $0.075 for cache reads (also as its dated name),
/// gpt-4o $2.50 / $10.00.
/// </summary>
public sealed class TelemetryApiFactory : DashboardApiFactory
{
    /// <param name="loopback">Serve on Kestrel at 127.0.0.1 (a port from <see cref="LoopbackPorts"/>) instead of the in-memory TestServer,
    /// for clients that send synchronously, as the OpenTelemetry exporter does.</param>
    public TelemetryApiFactory(bool loopback = false, Dictionary<string, string>? settings = null)
    {
        _settings = settings ?? [];
        if (loopback)
        {
            Port = LoopbackPorts.Reserve();
            UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
        }
    }

    private readonly Dictionary<string, string> _settings;

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Spans start an hour before the factory's clock, inside the dashboard's 24h window.</summary>
    public static readonly DateTime SpanStart = Now.UtcDateTime.AddHours(-1);

    public HttpClient Admin => ClientWithKey(AdminKey);

    public async Task DrainWriterAsync() =>
        await Services.GetRequiredService<RequestLogWriter>().WaitForDrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Waits until <paramref name="count"/> requests in all were handed to the writer (30 s at most), then until they are written.</summary>
    public async Task WaitForQueuedRequestsAsync(int count)
    {
        var queue = (QueuedRequestSignal)Services.GetRequiredService<IRequestLogQueue>();
        await queue.WaitForAsync(count).WaitAsync(TimeSpan.FromSeconds(30));
        await DrainWriterAsync();
    }

    public async Task<int> RequestLogCountAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().RequestLogs.CountAsync();
    }

    /// <summary>The admin list of request logs of one source, oldest first.</summary>
    public async Task<List<JsonElement>> RequestLogsAsync(string source)
    {
        var page = await Admin.GetFromJsonAsync<JsonElement>($"/api/admin/request-logs?source={source}&sort=createdAt&desc=false");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public async Task<JsonElement> DashboardSummaryAsync() =>
        (await Admin.GetFromJsonAsync<JsonElement>("/api/dashboard/?range=24h")).GetProperty("summary");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Pricing:Models:gpt-4o-mini:InputPerMillion", "0.15");
        builder.UseSetting("Pricing:Models:gpt-4o-mini:OutputPerMillion", "0.60");
        builder.UseSetting("Pricing:Models:gpt-4o-mini:CachedInputPerMillion", "0.075");
        builder.UseSetting("Pricing:Models:gpt-4o-mini:Aliases:0", "gpt-4o-mini-2024-07-18");
        builder.UseSetting("Pricing:Models:gpt-4o:InputPerMillion", "2.50");
        builder.UseSetting("Pricing:Models:gpt-4o:OutputPerMillion", "10.00");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(QueuedRequestSignal.Decorate);
    }
}
