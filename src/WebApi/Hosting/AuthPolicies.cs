namespace CleanDashboard.WebApi.Hosting;

public static class AuthPolicies
{
    /// <summary>Any valid API key.</summary>
    public const string ApiKey = "api-key";

    /// <summary>An API key of an admin user.</summary>
    public const string Admin = "admin";

    /// <summary>An admin key, or a client address allowed to scrape the metrics (<c>Telemetry:Metrics:AllowedNetworks</c>).</summary>
    public const string MetricsScrape = "metrics-scrape";
}
