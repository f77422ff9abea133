using CleanDashboard.Application;
using CleanDashboard.Infrastructure;
using CleanDashboard.WebApi;
using CleanDashboard.WebApi.Cli;
using CleanDashboard.WebApi.Endpoints;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Infrastructure;
using CleanDashboard.WebApi.Tracking;
using Scalar.AspNetCore;

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
    .AddWebApi(builder.Configuration)
    .AddRequestTracking(builder.Configuration);

var app = builder.Build();

if (commandLine.Command is not null)
{
    return await ManagementCommands.RunAsync(commandLine, app.Services);
}

app.UseRequestTracking();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthEndpoints();
app.MapDashboardEndpoints();
app.MapGatewayEndpoints();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();
return 0;

public partial class Program;
