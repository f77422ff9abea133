using CleanDashboard.WebApi.Cli;

namespace CleanDashboard.WebApi.IntegrationTests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--urls", "http://127.0.0.1:5090")]
    [InlineData("--urls=http://127.0.0.1:5090")]
    [InlineData("--demo", "--urls", "http://127.0.0.1:5090")]
    [InlineData("--Database:Provider", "Postgres")]
    [InlineData("--Logging=", "--Logging:LogLevel:Default=Warning", "--environment=Testing")]
    [InlineData("urls=http://127.0.0.1:5090")]
    public void Parse_WithServerArguments_ShouldAcceptThemForTheHost(params string[] args)
    {
        var commandLine = CommandLine.Parse(args);

        (commandLine.Command, commandLine.Error, commandLine.Help).Should().Be((null, null, false));
        commandLine.HostArguments.Should().Equal(args.Where(a => a != "--demo"));
    }

    [Theory]
    [InlineData("Unknown command 'serve'.", "serve")]
    [InlineData("Unknown option '--port'.", "--port", "5090")]
    [InlineData("Unknown option '--role'.", "create-api-key", "admin", "--role", "admin")]
    [InlineData("Unknown option '--days'.", "rebuild-rollups", "--days", "3")]
    public void Parse_WithAnUnknownCommandOrOption_ShouldNameIt(string expected, params string[] args)
    {
        CommandLine.Parse(args).Error.Should().Be(expected);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("create-api-key", "--help")]
    [InlineData("--urls", "http://127.0.0.1:5090", "-h")]
    public void Parse_WithHelpAnywhere_ShouldAskForHelp(params string[] args)
    {
        CommandLine.Parse(args).Help.Should().BeTrue();
    }

    [Fact]
    public void Parse_WithACommandAndItsOptions_ShouldSplitThemFromTheHost()
    {
        var commandLine = CommandLine.Parse(["create-api-key", "admin", "--name", "laptop"]);

        (commandLine.Command, commandLine.Error, commandLine.Positional(), commandLine.Option("--name")).Should().Be(("create-api-key", null, "admin", "laptop"));
        commandLine.HostArguments.Should().BeEmpty();
    }
}
