using System.Net.Http.Headers;
using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Rollups;
using CleanDashboard.TestSupport;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.WebApi.IntegrationTests;

/// <summary>
/// The real application (<c>Program</c>) over HTTP, on its own SQLite file (or, with <c>CD_TEST_DATABASE=Postgres</c>,
/// its own PostgreSQL database) created by the migrations at start-up, with a known bootstrap admin key and a fake
/// clock pinned at <see cref="Now"/>.
/// </summary>
public class DashboardApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "webapi-tests-admin-key-0123456789abcdef";

    public static readonly DateTimeOffset Now = new(2024, 3, 1, 10, 37, 12, TimeSpan.Zero);

    public DashboardApiFactory()
    {
        DataDirectory = Path.Combine(TempRoot, "cleandashboard-webapi-tests", Guid.NewGuid().ToString("N"));
        DatabasePath = Path.Combine(DataDirectory, "dashboard.db");
        Target = TestDatabaseTarget.Create($"Data Source={DatabasePath}");
    }

    /// <summary>RAM-backed /dev/shm where there is one, else the temp folder.</summary>
    public static string TempRoot { get; } = OperatingSystem.IsLinux() && Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    public string DataDirectory { get; }

    public string DatabasePath { get; }

    public TestDatabaseTarget Target { get; }

    public string ConnectionString => Target.ConnectionString;

    public FakeTimeProvider Time { get; } = new(Now);

    public string MemberKey { get; private set; } = string.Empty;

    public int MemberUserId { get; private set; }

    public virtual async ValueTask InitializeAsync()
    {
        if (!await Target.TryCreateAsync())
        {
            return;
        }

        // Starting the server runs the start-up tasks: migrations and the bootstrap admin key.
        StartServer();
        await using var scope = Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var member = await mediator.Send(new CreateUserCommand("member-1", "member"));
        MemberUserId = member.Id;
        MemberKey = (await mediator.Send(new CreateApiKeyCommand(member.Name, "tests"))).Key;
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Inserts rows directly (not through the tracking writer), then sums them into the rollups as <c>rebuild-rollups</c> does.</summary>
    public async Task SeedAsync(Action<DashboardDbContext> seed)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        seed(db);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<RollupRebuilder>().RebuildAsync(CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Target.IsPostgres)
        {
            await Target.DisposeAsync();
        }
        else
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Target.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("RequestLogWriter:JournalPath", Path.Combine(DataDirectory, "writer.request-journal"));
        builder.UseSetting("RequestLogWriter:JournalMaxBytes", "1048576");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            QueuedRequestSignal.Decorate(services);
        });
    }
}
