using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Application.Telemetry.Metrics;

/// <summary>Configuration section <c>Telemetry:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Telemetry:Metrics";

    /// <summary>Distinct model names labelled in the metrics; later ones are labelled <c>other</c>.</summary>
    [Range(1, 10_000)]
    public int MaxModels { get; set; } = 100;

    /// <summary>Distinct API keys labelled in the product's per-key metrics; later ones are labelled <c>other</c>.</summary>
    [Range(1, 10_000)]
    public int MaxKeys { get; set; } = 100;

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) that may scrape <c>/metrics</c> without a key; anyone else needs an admin key.</summary>
    public List<string> AllowedNetworks { get; set; } = [];
}
