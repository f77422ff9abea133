using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;

namespace CleanDashboard.WebApi.Cli;

/// <summary>Runs the web server; a port that is already taken ends the start with one line saying what to do, exit code 2.</summary>
public static partial class ServerRun
{
    public const int PortInUseExitCode = 2;

    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is AddressInUseException || ex.InnerException is AddressInUseException)
        {
            Console.Error.WriteLine(PortInUseMessage(BoundAddress(ex.Message) ?? string.Join(", ", app.Urls)));
            return PortInUseExitCode;
        }
    }

    public static string PortInUseMessage(string address)
    {
        var port = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : address;
        return $"Port {port} is already in use ({address}); stop what listens there or choose another port with --urls http://127.0.0.1:PORT";
    }

    /// <summary>Kestrel names the address in its message: "Failed to bind to address http://127.0.0.1:5080: address already in use."</summary>
    private static string? BoundAddress(string message) => BindFailure().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"bind to address (\S+?):? address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BindFailure();
}
