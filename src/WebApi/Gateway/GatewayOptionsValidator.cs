using CleanDashboard.Application.Gateway;
using CleanDashboard.Domain.Entities;
using CleanDashboard.WebApi.Gateway.Protocols;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>Checks <c>Gateway</c> at start-up, so a mistyped upstream stops the service with a message instead of failing requests.</summary>
public sealed class GatewayOptionsValidator(GatewayProtocols protocols) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRequestBytes <= 0)
        {
            failures.Add("Gateway:MaxRequestBytes must be a positive number of bytes.");
        }

        if (options.UpstreamTimeout <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add("Gateway:UpstreamTimeout and Gateway:ConnectTimeout must be positive durations, such as 00:05:00.");
        }

        var routed = new HashSet<string>(options.ModelRoutes.SelectMany(r => r.Upstreams).Select(u => u.Name.Trim()), StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { UpstreamRouter.DemoUpstreamName };
        for (var i = 0; i < options.Upstreams.Count; i++)
        {
            var upstream = options.Upstreams[i];
            var at = $"{UpstreamRouter.UpstreamsConfigurationKey}:{i}";
            if (string.IsNullOrWhiteSpace(upstream.Name) || upstream.Name.Length > RequestLog.UpstreamMaxLength)
            {
                failures.Add($"{at}:Name is required, at most {RequestLog.UpstreamMaxLength} characters.");
            }
            else if (!names.Add(upstream.Name))
            {
                failures.Add($"{at}:Name '{upstream.Name}' is used twice (or is the reserved name '{UpstreamRouter.DemoUpstreamName}').");
            }

            if (!Uri.TryCreate(upstream.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                failures.Add($"{at}:BaseUrl must be an absolute http or https URL, not '{upstream.BaseUrl}'.");
            }

            if (protocols.ForConfigName(upstream.Kind) is null)
            {
                failures.Add($"{at}:Kind must be {string.Join(" or ", protocols.All.Select(p => $"'{p.ConfigName}'"))}, not '{upstream.Kind}'.");
            }

            if ((upstream.Models.Count == 0 && !routed.Contains(upstream.Name.Trim())) || upstream.Models.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{at}:Models needs at least one model name pattern, such as 'gpt-4o*' or '*' (or name the upstream in {UpstreamRouter.ModelRoutesConfigurationKey}).");
            }
        }

        failures.AddRange(ModelRoutesValidator.Validate(options));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The validated configuration as the router.</summary>
    public static UpstreamRouter ToRouter(GatewayOptions options, GatewayProtocols protocols)
    {
        var upstreams = ToUpstreams(options, protocols);
        return new UpstreamRouter(upstreams, options.DemoModel.Enabled, protocols, ModelRoutesValidator.ToPools(options, upstreams));
    }

    /// <summary>The validated configuration as the router's upstreams.</summary>
    public static IReadOnlyList<Upstream> ToUpstreams(GatewayOptions options, GatewayProtocols protocols) => options.Upstreams
        .Select(u => new Upstream(
            u.Name.Trim(),
            new Uri(u.BaseUrl, UriKind.Absolute),
            protocols.ForConfigName(u.Kind)?.Kind ?? throw new InvalidOperationException($"Upstream '{u.Name}': unknown kind '{u.Kind}'."),
            string.IsNullOrEmpty(u.ApiKey) ? null : u.ApiKey,
            u.Models.Select(m => m.Trim()).ToList())
        {
            Provider = string.IsNullOrWhiteSpace(u.Provider) ? null : u.Provider.Trim(),
        })
        .ToList();
}
