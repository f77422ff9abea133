using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanDashboard.WebApi.Cli;

/// <summary>
/// Runs the web server; a port that is already taken ends the start with one line saying what to do, exit code 2, and
/// no stack trace: the host's own "Hosting failed to start" error is held back for that one failure (the server, wrapped
/// by <see cref="BindWatchingServer"/>, says when binding failed); every other start-up failure is logged as before.
/// </summary>
public sealed partial class ServerRun
{
    public const int PortInUseExitCode = 2;

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool _portInUse;

    private ServerRun()
    {
    }

    /// <summary>Wires the watch on binding into the builder; call before <c>Build</c>.</summary>
    public static ServerRun Prepare(WebApplicationBuilder builder)
    {
        var run = new ServerRun();
        builder.Logging.AddFilter(HostCategory, level => level >= LogLevel.Information && !(run._portInUse && level >= LogLevel.Error));
        var server = builder.Services.LastOrDefault(d => d.ServiceType == typeof(IServer));
        if (server?.ImplementationType is { } serverType)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<IServer>(sp =>
                new BindWatchingServer((IServer)ActivatorUtilities.CreateInstance(sp, serverType), () => run._portInUse = true)));
        }

        return run;
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (IsAddressInUse(ex))
        {
            Console.Error.WriteLine(PortInUseMessage(BoundAddress(ex.Message) ?? string.Join(", ", app.Urls)));
            return PortInUseExitCode;
        }
    }

    public static string PortInUseMessage(string address)
    {
        var port = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Port.ToString(CultureInfo.InvariantCulture) : address;
        return $"Port {port} is already in use ({address}); stop what listens there or choose another port with --urls http://127.0.0.1:PORT";
    }

    internal static bool IsAddressInUse(Exception ex) => ex is AddressInUseException || ex.InnerException is AddressInUseException;

    /// <summary>Kestrel names the address in its message: "Failed to bind to address http://127.0.0.1:5080: address already in use."</summary>
    private static string? BoundAddress(string message) => BindFailure().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"bind to address (\S+?):? address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BindFailure();
}

/// <summary>The real server, reporting a port already in use before the host logs the failure.</summary>
internal sealed class BindWatchingServer(IServer inner, Action onAddressInUse) : IServer
{
    public IFeatureCollection Features => inner.Features;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        try
        {
            await inner.StartAsync(application, cancellationToken);
        }
        catch (Exception ex) when (ServerRun.IsAddressInUse(ex))
        {
            onAddressInUse();
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();
}
