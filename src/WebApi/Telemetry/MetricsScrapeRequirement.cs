using System.Net;
using CleanDashboard.WebApi.Tracking;
using Microsoft.AspNetCore.Authorization;

namespace CleanDashboard.WebApi.Telemetry;

/// <summary>Who may scrape <c>/metrics</c>: an admin key, or a client in one of <c>Telemetry:Metrics:AllowedNetworks</c> (a Prometheus server sends no key).</summary>
public sealed class MetricsScrapeRequirement : IAuthorizationRequirement;

/// <summary>Decides <see cref="MetricsScrapeRequirement"/> with the configured networks.</summary>
public sealed class MetricsScrapeHandler(IReadOnlyList<IPNetwork> allowedNetworks) : AuthorizationHandler<MetricsScrapeRequirement>
{
    public static MetricsScrapeHandler FromConfiguration(IEnumerable<string> cidrs) => new(cidrs
        .Select(cidr => IPNetwork.TryParse(cidr, out var network)
            ? network
            : throw new InvalidOperationException($"Telemetry:Metrics:AllowedNetworks: '{cidr}' is not a network in CIDR notation, such as 10.0.0.0/8."))
        .ToList());

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsScrapeRequirement requirement)
    {
        if (context.User.IsInRole("admin") || (context.Resource is HttpContext http && IsAllowed(http)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private bool IsAllowed(HttpContext http) =>
        http.RequestServices.GetRequiredService<ClientAddressResolver>().Resolve(http) is { } address
        && allowedNetworks.Any(network => network.Contains(address));
}
