using CleanDashboard.Application;
using CleanDashboard.Infrastructure;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.WebApi;
using CleanDashboard.WebApi.Cli;
using CleanDashboard.WebApi.Endpoints;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Hosting;

var commandLine = CommandLine.Parse(args);
if (commandLine.Help)
{
    Console.WriteLine(HelpText.Text);
    return 0;
}

if (commandLine.Error is { } error)
{
    Console.Error.WriteLine($"{error} Run with --help to see the commands and options.");
    return 2;
}

var builder = WebApplication.CreateBuilder(commandLine.HostArguments);
builder.Configuration.Sources.Insert(0, PricingFile.Source());
if (commandLine.Demo)
{
    builder.Configuration[DemoModeOptions.EnabledKey] = "true";
    builder.Configuration[GatewayOptions.DemoModelEnabledKey] = "true";
    builder.Configuration[CleanDashboard.Application.Capture.CaptureOptions.EnabledKey] = "true";
}

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration);
var server = ServerRun.Prepare(builder);
var app = builder.Build();

if (ConfigurationCheck.Problem(app.Services) is { } problem)
{
    Console.Error.WriteLine(problem);
    return 2;
}

if (commandLine.Command is not null)
{
    return await ManagementCommands.RunAsync(commandLine, app.Services);
}

app.UseWebApi();
app.MapWebApiEndpoints();

app.Lifetime.ApplicationStarted.Register(app.Services.GetRequiredService<StartupBanner>().Print);
return await server.RunAsync(app);

public partial class Program;
