using CleanDashboard.Application;
using CleanDashboard.Infrastructure;
using CleanDashboard.WebApi;
using CleanDashboard.WebApi.Cli;
using CleanDashboard.WebApi.Endpoints;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Infrastructure;

var commandLine = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(commandLine.HostArguments);
builder.Configuration.Sources.Insert(0, PricingFile.Source());
if (commandLine.Demo)
{
    builder.Configuration[StartupTasks.DemoModeKey] = "true";
    builder.Configuration[GatewayOptions.DemoModelEnabledKey] = "true";
}

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration);

if (BootstrapAdminKeyCheck.Problem(builder.Configuration) is { } problem)
{
    Console.Error.WriteLine(problem);
    return 2;
}

var app = builder.Build();

if (commandLine.Command is not null)
{
    return await ManagementCommands.RunAsync(commandLine, app.Services);
}

app.UseWebApi();
app.MapWebApiEndpoints();

app.Lifetime.ApplicationStarted.Register(app.Services.GetRequiredService<StartupBanner>().Print);
await app.RunAsync();
return 0;

public partial class Program;
