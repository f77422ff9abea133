using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>
/// The model price list shipped with the app. It is the first configuration source, so appsettings,
/// environment variables and the command line override any of its prices.
/// </summary>
internal static class PricingFile
{
    public const string FileName = "pricing.json";

    public static JsonConfigurationSource Source() => new()
    {
        FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        Path = FileName,
        Optional = false,
        ReloadOnChange = false,
    };
}
