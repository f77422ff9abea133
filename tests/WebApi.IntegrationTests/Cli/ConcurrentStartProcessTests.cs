using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.TestSupport;

namespace CleanDashboard.WebApi.IntegrationTests.Cli;

/// <summary>Two processes of the built application started at the same moment on one database that does not exist yet.</summary>
public sealed class ConcurrentStartProcessTests
{
    private const int Trials = 3;

    private const string AdminKeyShown = "An admin API key was created (shown once):";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_WhenTwoProcessesInitializeAFreshDatabaseTogether_ShouldBothSucceedAndShowOneAdminKey(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres && TestDatabaseTarget.PostgresProblem is { } problem)
        {
            Assert.Skip(problem);
        }

        for (var trial = 1; trial <= Trials; trial++)
        {
            var directory = Path.Combine(DashboardApiFactory.TempRoot, "cleandashboard-cli-tests", Guid.NewGuid().ToString("N"));
            await using var target = provider == DatabaseProvider.Postgres
                ? TestDatabaseTarget.CreatePostgres()
                : TestDatabaseTarget.CreateSqlite($"Data Source={Path.Combine(directory, "dashboard.db")}");
            var environment = target.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
            environment["Logging__LogLevel__Default"] = "Warning";
            try
            {
                var runs = await Task.WhenAll(
                    WebApiProcess.RunAsync(environment, "create-user", "first"),
                    WebApiProcess.RunAsync(environment, "create-user", "second"));

                runs.Select(r => r.ExitCode).Should().Equal([0, 0], $"trial {trial}: {string.Join(" | ", runs.Select(r => r.Error))}");
                runs.Count(r => r.Output.Contains(AdminKeyShown, StringComparison.Ordinal)).Should().Be(1, $"trial {trial}");
                (await CountAsync(target, "SELECT COUNT(*) FROM api_keys")).Should().Be(1, $"trial {trial}");
                (await CountAsync(target, "SELECT COUNT(*) FROM users WHERE \"Role\" = 'admin'")).Should().Be(1, $"trial {trial}");
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }
    }

    private static async Task<long> CountAsync(TestDatabaseTarget target, string sql)
    {
        await using var connection = target.CreateConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
