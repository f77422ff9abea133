using CleanDashboard.Application;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Infrastructure.Tracking;
using CleanDashboard.Infrastructure.Tracking.Journal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace CleanDashboard.Infrastructure.IntegrationTests.Tracking.Journal;

/// <summary>
/// One run of the application's background writer with the production registrations: started like the host starts
/// it, stopped like the host stops it (with the host's shutdown timeout), its logs collected. A new one over the same
/// settings is the next start of the process.
/// </summary>
internal sealed class WriterProcess : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TimeSpan _shutdownTimeout;
    private bool _stopped;

    private WriterProcess(ServiceProvider services, TimeSpan shutdownTimeout)
    {
        _services = services;
        _shutdownTimeout = shutdownTimeout;
    }

    public RequestLogQueue Queue => _services.GetRequiredService<RequestLogQueue>();

    public RequestLogWriter Writer => _services.GetRequiredService<RequestLogWriter>();

    public RequestLogJournal Journal => _services.GetRequiredService<RequestLogJournal>();

    public FakeLogCollector Logs => _services.GetFakeLogCollector();

    public static async Task<WriterProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan? shutdownTimeout = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var timeout = shutdownTimeout ?? TimeSpan.FromSeconds(30);
        var services = new ServiceCollection()
            .AddFakeLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddApplication()
            .AddInfrastructure(configuration)
            .Configure<HostOptions>(o => o.ShutdownTimeout = timeout)
            .BuildServiceProvider();
        var process = new WriterProcess(services, timeout);
        await process.Writer.StartAsync(CancellationToken.None);
        return process;
    }

    /// <summary>As the host stops it on SIGTERM: the token fires when the host's shutdown timeout is over.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        using var timeout = new CancellationTokenSource(_shutdownTimeout);
        await Writer.StopAsync(timeout.Token);
    }

    public Task DrainAsync() => Writer.WaitForDrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

    public Task<HealthCheckDto> HealthAsync() =>
        _services.GetServices<IHealthContributor>().OfType<RequestLogWriterHealthContributor>().Single().CheckAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        await _services.DisposeAsync();
    }
}
