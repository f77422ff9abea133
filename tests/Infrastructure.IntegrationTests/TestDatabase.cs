using CleanDashboard.Application;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.Infrastructure.IntegrationTests;

/// <summary>
/// A real SQLite database in its own temporary file, wired with the production registrations
/// (AddApplication + AddInfrastructure) and a fake clock. Deleted, with its WAL files, on dispose.
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
        _settings = settings;
        _settings["ConnectionStrings:Dashboard"] = ConnectionString;
    }

    /// <summary>RAM-backed /dev/shm where there is one: a real SQLite file, without paying the disk's fsync on every commit.</summary>
    public static string TempRoot { get; } = OperatingSystem.IsLinux() && System.IO.Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    public string Directory { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public FakeTimeProvider Time { get; } = new(DefaultNow);

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The database is not initialized yet.");

    public virtual async ValueTask InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddApplication()
            .AddInfrastructure(configuration);
        services.AddSingleton<TimeProvider>(Time);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await CreateSchemaAsync();
    }

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

    /// <summary>Runs SQL on a plain connection (no EF), returning the first column of every row.</summary>
    public async Task<List<object?>> SqlColumnAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
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

        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
