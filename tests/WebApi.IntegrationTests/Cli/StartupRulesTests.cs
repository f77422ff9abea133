using System.Diagnostics;

namespace CleanDashboard.WebApi.IntegrationTests.Cli;

/// <summary>The built app as an operator runs it (<c>dotnet CleanDashboard.WebApi.dll …</c>), in its own process.</summary>
public sealed class StartupRulesTests : IDisposable
{
    private readonly string _directory = Path.Combine(DashboardApiFactory.TempRoot, "cleandashboard-cli-tests", Guid.NewGuid().ToString("N"));

    public StartupRulesTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("short", 5)]
    [InlineData("0123456789abcdef0123456789abcde", 31)]
    public async Task Start_WhenTheConfiguredAdminKeyIsTooShort_ShouldStopWithOneLineNamingTheRule(string key, int length)
    {
        var (exitCode, output, error) = await RunAsync(new() { ["Auth__BootstrapAdminKey"] = key });

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Be(
            "Auth:BootstrapAdminKey must be at least 32 printable ASCII characters without spaces (for example the output of " +
            $"`openssl rand -base64 32`); the configured key has {length} characters. Not starting.\n");
        File.Exists(Path.Combine(_directory, "dashboard.db")).Should().BeFalse("nothing is started, not even the database");
    }

    [Fact]
    public async Task Start_WhenASettingIsOutOfItsRange_ShouldStopWithOneLineNamingTheKey()
    {
        var (exitCode, output, error) = await RunAsync(new() { ["Sessions__IdleTimeout"] = "00:00:00" });

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Be("The field Sessions:IdleTimeout must be between 00:00:01 and 7.00:00:00. Not starting.\n");
        File.Exists(Path.Combine(_directory, "dashboard.db")).Should().BeFalse("nothing is started, not even the database");
    }

    [Fact]
    public async Task CreateUser_WhenTheRoleIsAdminWithATrailingSpace_ShouldRefuseIt()
    {
        var (exitCode, _, error) = await RunAsync([], "create-user", "mallory", "--role", "Admin ");

        exitCode.Should().Be(2);
        error.Should().Be("role: Role must be exactly 'admin' or 'member' (lower case).\n");
    }

    [Fact]
    public async Task CreateApiKey_WhenTheUserNameHasATrailingSpace_ShouldRefuseItInsteadOfFindingTheAdmin()
    {
        var (exitCode, output, error) = await RunAsync([], "create-api-key", "admin ", "--name", "x");

        exitCode.Should().Be(2);
        error.Should().Be("userName: User Name must not start or end with white space or contain control characters.\n");
        output.Should().MatchRegex(@"\AAn admin API key was created \(shown once\): cd_[A-Za-z0-9_-]{43}\n\z", "the start-up's own admin key, and no key for the user");
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__Dashboard"] = $"Data Source={Path.Combine(_directory, "dashboard.db")}";
        start.Environment["Database__Provider"] = "Sqlite";
        // The console logger writes from its own thread: with logging on, its lines could land anywhere in the output.
        start.Environment["Logging__LogLevel__Default"] = "None";
        start.Environment.Remove("Auth__BootstrapAdminKey");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
