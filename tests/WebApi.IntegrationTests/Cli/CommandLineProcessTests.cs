using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace CleanDashboard.WebApi.IntegrationTests.Cli;

/// <summary>The application started as a process, as a newcomer starts it: help, mistyped arguments, a port that is taken.</summary>
public sealed class CommandLineProcessTests : IDisposable
{

    private const string DemoKeyMarker = "Admin API key (shown once";

    private readonly string _directory = Path.Combine(DashboardApiFactory.TempRoot, "cleandashboard-cli-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "dashboard.db");

    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__Dashboard"] = $"Data Source={DatabasePath}",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Run_WithHelp_ShouldPrintTheCommandsAndOptionsAndExit0WithoutStarting(string flag)
    {
        var (exitCode, output, error) = await WebApiProcess.RunAsync(Environment, flag);

        exitCode.Should().Be(0);
        output.Should().Contain("--urls <url>").And.Contain("create-api-key <user> [--name <key name>]").And.Contain("populate-dashboard-data")
            .And.Contain("-h, --help");
        error.Should().BeEmpty();
        File.Exists(DatabasePath).Should().BeFalse("help starts no server and touches no database");
    }

    [Theory]
    [InlineData("Unknown command 'frobnicate'.", "frobnicate")]
    [InlineData("Unknown option '--prot'.", "--prot", "5080")]
    [InlineData("Unknown option '--nam'.", "create-api-key", "admin", "--nam", "laptop")]
    public async Task Run_WithAnUnknownCommandOrOption_ShouldSaySoAndExit2(string message, params string[] arguments)
    {
        var (exitCode, output, error) = await WebApiProcess.RunAsync(Environment, arguments);

        exitCode.Should().Be(2);
        error.Should().Be(message + " Run with --help to see the commands and options." + System.Environment.NewLine);
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_WhenThePortIsInUse_ShouldPrintOneLineNamingThePortAndExit2WithoutAStackTrace()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 5240);
        occupant.Start();

        var (exitCode, output, error) = await WebApiProcess.RunAsync(Environment, "--urls", "http://127.0.0.1:5240");

        exitCode.Should().Be(2);
        error.Should().Be(PortInUseLine(5240) + System.Environment.NewLine);
        output.Should().NotContain("Exception").And.NotContain(" at ");
    }

    [Fact]
    public async Task RunDemo_WhenASecondStartFindsThePortTaken_ShouldLeaveTheRunningInstancesSignInKeyValid()
    {
        // An admin exists already (as after any first start), so --demo makes a demo sign-in key and prints it.
        (await WebApiProcess.RunAsync(Environment, "create-user", "someone")).ExitCode.Should().Be(0);
        await using var running = WebApiProcess.Start(Environment, "--demo", "--urls", "http://127.0.0.1:5241");
        var key = (await running.LineAfterAsync(DemoKeyMarker, TimeSpan.FromMinutes(2))).Trim();

        var (exitCode, _, error) = await WebApiProcess.RunAsync(Environment, "--demo", "--urls", "http://127.0.0.1:5241");

        exitCode.Should().Be(2);
        error.Should().Be(PortInUseLine(5241) + System.Environment.NewLine);
        using var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5241") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var me = await client.GetAsync("/api/me", TestContext.Current.CancellationToken);
        me.StatusCode.Should().Be(HttpStatusCode.OK, "the key the running instance printed is still valid");
    }

    private static string PortInUseLine(int port) =>
        $"Port {port} is already in use (http://127.0.0.1:{port}); stop what listens there or choose another port with --urls http://127.0.0.1:PORT";

    [Fact]
    public async Task Reprice_WithoutARange_ShouldNameBothFieldsAndExit2()
    {
        var (exitCode, _, error) = await WebApiProcess.RunAsync(Environment, "reprice", "--to", "tomorrow");

        exitCode.Should().Be(2);
        error.Should().Be(
            "from: From is required: a date (2026-01-31) or an ISO-8601 time with Z or an offset, from 1970-01-01T00:00:00Z up to (not including) 9999-01-01T00:00:00Z." + System.Environment.NewLine
            + "to: To is required: a date (2026-01-31) or an ISO-8601 time with Z or an offset, from 1970-01-01T00:00:00Z up to (not including) 9999-01-01T00:00:00Z." + System.Environment.NewLine);
    }

    [Fact]
    public async Task Reprice_WithARange_ShouldPrintTheRowsChangedAndBothTotalsAndExit0()
    {
        var (exitCode, output, error) = await WebApiProcess.RunAsync(Environment, "reprice", "--from", "2024-03-01", "--to", "2024-03-02T00:00:00Z");

        exitCode.Should().Be(0, error);
        output.Should().Contain("Repriced 0 request logs from 2024-03-01 to 2024-03-02T00:00:00Z in ")
            .And.Contain(": 0 changed; total $0 before, $0 now. Their sessions, daily model stats and rollups are rebuilt.");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
