using CleanDashboard.Application;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.Infrastructure.IntegrationTests;

/// <summary>
/// A real SQLite database in its own temporary file (or, with <c>CD_TEST_DATABASE=Postgres</c>, its own PostgreSQL
/// database), wired with the production registrations (AddApplication + AddInfrastructure) and a fake clock.
/// Deleted, with its WAL files (or dropped), on dispose.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset DefaultNow = new(2024, 3, 1, 10, 37, 12, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;
    private ServiceProvider? _services;

    public TestDatabase()
        : this(new Dictionary<string, string?>())
    {
    }

    protected TestDatabase(Dictionary<string, string?> settings)
    {
        Directory = Path.Combine(TempRoot, "cleandashboard-tests", Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Directory, "dashboard.db");
        Target = TestDatabaseTarget.Create($"Data Source={FilePath}");
        _settings = settings;
        _settings.TryAdd("RequestLogWriter:JournalPath", Path.Combine(Directory, "writer.request-journal"));
        _settings.TryAdd("RequestLogWriter:JournalMaxBytes", "1048576");
        foreach (var (key, value) in Target.Settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>RAM-backed /dev/shm where there is one: a real SQLite file, without paying the disk's fsync on every commit.</summary>
    public static string TempRoot { get; } = OperatingSystem.IsLinux() && System.IO.Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    public string Directory { get; }

    public string FilePath { get; }

    public TestDatabaseTarget Target { get; }

    public bool IsPostgres => Target.IsPostgres;

    public string ConnectionString => Target.ConnectionString;

    public FakeTimeProvider Time { get; } = new(DefaultNow);

    public IServiceProvider Services => _services ?? NotInitialized();

    /// <summary>False after <see cref="InitializeAsync"/> only when the PostgreSQL server cannot be reached: a fixture then seeds nothing.</summary>
    public bool IsReady => _services is not null;

    public virtual async ValueTask InitializeAsync()
    {
        if (!await PrepareDatabaseAsync())
        {
            return;
        }

        _services = BuildServices(_settings, Time);
        await CreateSchemaAsync();
    }

    /// <summary>The production registrations (AddApplication + AddInfrastructure) on these settings and this clock: one instance of the app's services.</summary>
    public static ServiceProvider BuildServices(IEnumerable<KeyValuePair<string, string?>> settings, TimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddApplication()
            .AddInfrastructure(configuration);
        services.AddSingleton(time);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Creates the PostgreSQL database (SQLite creates its file itself); false when its server cannot be reached.</summary>
    protected virtual Task<bool> PrepareDatabaseAsync() => Target.TryCreateAsync();

    /// <summary>The real migrations, as the application applies them; never EnsureCreated.</summary>
    protected virtual async Task CreateSchemaAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Database.MigrateAsync();
    }

    public async Task<T> QueryAsync<T>(Func<DashboardDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task ExecuteAsync(Func<DashboardDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    /// <summary>Runs SQL on a plain connection (no EF) to this test's database, returning the first column of every row.</summary>
    public async Task<List<object?>> SqlColumnAsync(string sql)
    {
        await using var connection = Target.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object?>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return values;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (IsPostgres)
        {
            await Target.DisposeAsync();
        }
        else
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private IServiceProvider NotInitialized()
    {
        TestDatabaseTarget.SkipIfServerUnavailable();
        throw new InvalidOperationException("The database is not initialized yet.");
    }
}
