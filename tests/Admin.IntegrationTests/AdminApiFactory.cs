using System.Net;
using System.Net.Http.Headers;
using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Tracking;
using CleanDashboard.TestSupport;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Admin.IntegrationTests;

/// <summary>
/// The whole app over TestServer against its own SQLite file (or, with <c>CD_TEST_DATABASE=Postgres</c>, its own
/// PostgreSQL database), created by the real migrations. A request's client
/// address comes from the <see cref="ClientIpHeader"/> header (TestServer has no socket), and
/// <see cref="OversizedPath"/> answers 413 behind the app's pipeline, as a server body limit would.
/// </summary>
public class AdminApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789abcdefghij";
    public const string ClientIpHeader = "X-Test-Client-Ip";
    public const string DefaultClientIp = "192.0.2.200";
    public const string OversizedPath = "/test/oversized-upload";

    private const string JournalSuffix = ".request-journal";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"cleandashboard-admin-{Guid.NewGuid():N}.db");
    private readonly Lazy<Task<string>> _memberKey;
    private readonly TestDatabaseTarget _database;

    public AdminApiFactory()
    {
        _database = TestDatabaseTarget.Create($"Data Source={_databasePath}");
        _memberKey = new Lazy<Task<string>>(async () => (await CreateUserWithKeyAsync("member-" + Guid.NewGuid().ToString("N")[..8])).Key);
    }

    /// <summary>The database this app runs against.</summary>
    protected TestDatabaseTarget Database => _database;

    /// <summary>The key of a member (not admin) user, made once per app.</summary>
    public Task<string> MemberKeyAsync() => _memberKey.Value;

    /// <summary>Settings on top of the common test settings; a subclass tunes detectors here.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        if (!await _database.TryCreateAsync())
        {
            return;
        }

        _ = Server;
        await SeedAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await _database.DisposeAsync();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", JournalSuffix })
        {
            File.Delete(_databasePath + suffix);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Data a fixture puts in before its tests run.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Auth:BootstrapAdminKey"] = AdminKey,
            ["RequestLogWriter:BatchDelayMs"] = "20",
            ["RequestLogWriter:JournalPath"] = _databasePath + JournalSuffix,
            ["RequestLogWriter:JournalMaxBytes"] = "1048576",
            ["Retention:Enabled"] = "false",
            ["Retention:BatchSize"] = "2",
            ["Retention:PauseMs"] = "1",
            ["ThreatDetection:RateLimit:PermitsPerKey"] = "100000",
            ["ThreatDetection:RateLimit:PermitsPerAddress"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestClientFilter>());
    }

    public HttpClient ClientWithKey(string? key, string? clientIp = null)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        client.DefaultRequestHeaders.Add(ClientIpHeader, clientIp ?? DefaultClientIp);
        return client;
    }

    public HttpClient AdminClient() => ClientWithKey(AdminKey);

    public async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    public Task WithDbAsync(Func<DashboardDbContext, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>Creates a user with one key through the app's own commands; returns the user id and the key.</summary>
    public async Task<(int UserId, int KeyId, string Key)> CreateUserWithKeyAsync(string name, string role = "member")
    {
        await using var scope = Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var user = await mediator.Send(new CreateUserCommand(name, role));
        var key = await mediator.Send(new CreateApiKeyCommand(name, "test"));
        return (user.Id, key.Id, key.Key);
    }

    /// <summary>Waits until the background writer has committed everything queued so far; throws when the writer is stopped or failed.</summary>
    public Task DrainWriterAsync() =>
        Services.GetRequiredService<RequestLogWriter>().WaitForDrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Polls the database until the condition holds (the background writer is asynchronous) or 10 s pass.</summary>
    public async Task<T> EventuallyAsync<T>(Func<DashboardDbContext, Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await WithDbAsync(read);
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }

    private sealed class TestClientFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var header = context.Request.Headers[ClientIpHeader].ToString();
                context.Connection.RemoteIpAddress = IPAddress.Parse(header.Length > 0 ? header : DefaultClientIp);
                return nextMiddleware(context);
            });
            next(app);
            app.Run(context =>
            {
                context.Response.StatusCode = context.Request.Path.StartsWithSegments(OversizedPath)
                    ? StatusCodes.Status413PayloadTooLarge
                    : StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        };
    }
}
