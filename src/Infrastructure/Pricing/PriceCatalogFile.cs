using System.Text.Json;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Application.Tracking.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Pricing;

/// <summary>
/// The catalog file the build places beside the app (or <c>Pricing:CatalogPath</c>), read once at start. A missing or
/// unreadable file does not stop the app: only configured prices apply and health says why.
/// </summary>
public sealed class PriceCatalogFile
{
    public static readonly string DefaultPath = Path.Combine(AppContext.BaseDirectory, "Pricing", "genai-prices.json");

    public PriceCatalogFile(IOptions<PricingOptions> options, ILogger<PriceCatalogFile> logger)
    {
        var path = string.IsNullOrWhiteSpace(options.Value.CatalogPath) ? DefaultPath : options.Value.CatalogPath;
        try
        {
            using var stream = File.OpenRead(path);
            var (catalog, version) = GenAiPricesReader.Read(stream);
            Catalog = catalog;
            Status = new HealthCheckDto(HealthStatus.Healthy, $"genai-prices {version}: {catalog.ModelCount} models of {catalog.Providers.Count} providers");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException
                ? $"Price catalog not found at '{Path.GetFileName(path)}'; set Pricing:CatalogPath."
                : $"Price catalog '{Path.GetFileName(path)}' cannot be read ({ex.GetType().Name}).";
            Status = new HealthCheckDto(HealthStatus.Degraded, reason + " Only models in Pricing:Models are priced.");
            logger.LogWarning("{Reason} Only models in Pricing:Models are priced", reason);
        }
    }

    public PriceCatalog Catalog { get; } = PriceCatalog.Empty;

    public HealthCheckDto Status { get; }
}
