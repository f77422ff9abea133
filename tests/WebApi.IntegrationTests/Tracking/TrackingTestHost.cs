using System.Net;
using System.Text;
using CleanDashboard.Application;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Tracking;
using CleanDashboard.TestSupport;
using CleanDashboard.WebApi.Hosting;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanDashboard.WebApi.IntegrationTests.Tracking;

/// <summary>
/// The application's own services and middleware pipeline (<c>UseWebApi</c>) over a real SQLite file (or PostgreSQL
/// database, with <c>CD_TEST_DATABASE=Postgres</c>),
/// with test endpoints that answer like model servers do. The peer address comes from the
/// <c>X-Test-Peer</c> header, standing in for the socket address TestServer does not have.
/// </summary>
public sealed class TrackingTestHost : IAsyncDisposable
{
    public const string PeerHeader = "X-Test-Peer";
    public const string AdminKey = "tracking-tests-admin-key-0123456789";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cleandashboard-tests", Guid.NewGuid().ToString("N"));
    private readonly TestDatabaseTarget _database;
    private WebApplication? _app;

    private TrackingTestHost()
    {
        _database = TestDatabaseTarget.Create($"Data Source={Path.Combine(_directory, "tracking.db")}");
    }

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string MemberKey { get; private set; } = string.Empty;

    public int MemberUserId { get; private set; }

    public static async Task<TrackingTestHost> StartAsync(Dictionary<string, string?>? settings = null, IGeoIpResolver? geoIp = null)
    {
        var host = new TrackingTestHost();
        await host.StartCoreAsync(settings ?? [], geoIp ?? new FakeGeoIpResolver(), kestrel: false);
        return host;
    }

    /// <summary>The same host on Kestrel at a loopback port, for what only real connections show (a client closing its socket).</summary>
    public static async Task<TrackingTestHost> StartOnKestrelAsync()
    {
        var host = new TrackingTestHost();
        await host.StartCoreAsync([], new FakeGeoIpResolver(), kestrel: true);
        return host;
    }

    /// <summary>A client of its own connection to the Kestrel host; disposing it closes that connection.</summary>
    public HttpClient NewConnection() => new() { BaseAddress = new Uri(_app!.Urls.First()) };

    /// <summary>
    /// Waits until <paramref name="count"/> requests in all were handed to the writer (TestServer may answer the client
    /// before the middleware hands its request over; 10 s at most) and the writer has committed them; returns the request
    /// logs by id.
    /// </summary>
    public async Task<List<RequestLog>> WaitForLogsAsync(int count)
    {
        await QueuedRequestSignal.WaitUntilWrittenAsync(Services, count, TimeSpan.FromSeconds(10));
        return await QueryAsync(db => db.RequestLogs.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
    }

    /// <summary>Waits until the background writer has committed everything queued so far; throws when the writer is stopped or failed.</summary>
    public Task DrainWriterAsync() =>
        Services.GetRequiredService<RequestLogWriter>().WaitForDrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    public async Task<T> QueryAsync<T>(Func<DashboardDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    public HttpRequestMessage Post(string path, string json, string? key = null, string? peer = "203.0.113.9")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        Decorate(request, key ?? MemberKey, peer);
        return request;
    }

    public HttpRequestMessage Get(string path, string? key = null, string? peer = "203.0.113.9")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        Decorate(request, key ?? MemberKey, peer);
        return request;
    }

    public async Task StopAsync() => await _app!.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            Client.Dispose();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await _database.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static void Decorate(HttpRequestMessage request, string key, string? peer)
    {
        if (key.Length > 0)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        if (peer is not null)
        {
            request.Headers.Add(PeerHeader, peer);
        }
    }

    private async Task StartCoreAsync(Dictionary<string, string?> settings, IGeoIpResolver geoIp, bool kestrel)
    {
        await _database.CreateAsync();
        Directory.CreateDirectory(_directory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        if (kestrel)
        {
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Configuration.Sources.Insert(0, PricingFile.Source());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:BootstrapAdminKey"] = AdminKey,
            ["RequestLogWriter:BatchDelayMs"] = "20",
            ["RequestLogWriter:JournalPath"] = Path.Combine(_directory, "writer.request-journal"),
            ["RequestLogWriter:JournalMaxBytes"] = "1048576",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(_database.Settings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddApplication().AddInfrastructure(builder.Configuration).AddWebApi(builder.Configuration);
        QueuedRequestSignal.Decorate(builder.Services);
        builder.Services.RemoveAll<IGeoIpResolver>();
        builder.Services.AddSingleton(geoIp);

        _app = builder.Build();
        _app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            }

            if (context.Request.Headers.ContainsKey(ClientClosingAtDeclaredLength.Header))
            {
                context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>(
                    new ClientClosingAtDeclaredLength(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()!, context.Response));
            }

            return next(context);
        });
        _app.UseWebApi();
        _app.MapWebApiEndpoints();
        TestModelEndpoints.Map(_app);
        await _app.StartAsync();
        Client = kestrel ? NewConnection() : _app.GetTestClient();

        await using var scope = _app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var user = await mediator.Send(new CreateUserCommand("tracked-member", "member"));
        MemberUserId = user.Id;
        MemberKey = (await mediator.Send(new CreateApiKeyCommand(user.Name, "tests"))).Key;
    }
}

/// <summary>Resolves the few addresses the tests use; everything else has no country.</summary>
public sealed class FakeGeoIpResolver : IGeoIpResolver
{
    public string ResolveCountryCode(IPAddress? address) => address?.ToString() switch
    {
        "8.8.8.8" => "US",
        "203.0.113.9" => "DE",
        "203.0.113.77" => "FR",
        _ => string.Empty,
    };
}
