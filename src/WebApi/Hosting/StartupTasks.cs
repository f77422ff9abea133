using CleanDashboard.Application.Health.Common;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.Infrastructure.Auth;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>
/// Runs before the server accepts requests: migrations, the admin key, and demo data in <c>--demo</c> mode. The demo
/// sign-in key is rotated only once the server listens (<see cref="StartedAsync"/> runs after Kestrel has bound its
/// ports, before the banner prints it), so a start that fails, e.g. on a port in use, leaves the running instance's key valid.
/// </summary>
public sealed class StartupTasks(
    DatabaseInitializer initializer,
    DemoDataSeeder demoData,
    IOptions<DemoModeOptions> demoMode,
    IOptions<AuthOptions> auth,
    StartupBanner banner,
    ApplicationInfo applicationInfo,
    ILogger<StartupTasks> logger)
    : IHostedLifecycleService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Taking ApplicationInfo here fixes the start time that uptime counts from.
        logger.LogDebug("Starting CleanDashboard {Version}", applicationInfo.Version);
        banner.NewAdminKey = await initializer.InitializeAsync(cancellationToken);
        await demoData.SeedWhenEmptyAsync(cancellationToken);
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (demoMode.Value.Enabled && banner.NewAdminKey is null && !auth.Value.HasBootstrapAdminKey)
        {
            banner.NewAdminKey = await initializer.IssueDemoSignInKeyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
