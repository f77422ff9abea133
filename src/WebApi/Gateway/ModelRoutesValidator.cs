using CleanDashboard.Application.Gateway;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>Checks <c>Gateway:ModelRoutes</c> and <c>Gateway:Failover</c>, naming the key at fault, and turns the routes into the router's pools.</summary>
internal static class ModelRoutesValidator
{
    private const string FailoverKey = "Gateway:Failover";
    private static readonly TimeSpan PollyMinimumDuration = TimeSpan.FromMilliseconds(500);

    public static IEnumerable<string> Validate(GatewayOptions options)
    {
        var upstreams = new HashSet<string>(options.Upstreams.Select(u => u.Name.Trim()), StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.ModelRoutes.Count; i++)
        {
            var route = options.ModelRoutes[i];
            var at = $"{UpstreamRouter.ModelRoutesConfigurationKey}:{i}";
            if (string.IsNullOrWhiteSpace(route.Model))
            {
                yield return $"{at}:Model needs a model name pattern, such as 'gpt-4o*'.";
            }

            if (route.Upstreams.Count == 0)
            {
                yield return $"{at}:Upstreams needs at least one entry with the Name of an upstream of {UpstreamRouter.UpstreamsConfigurationKey}.";
            }

            var members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var j = 0; j < route.Upstreams.Count; j++)
            {
                var member = route.Upstreams[j];
                var memberAt = $"{at}:Upstreams:{j}";
                if (!upstreams.Contains(member.Name.Trim()))
                {
                    yield return $"{memberAt}:Name '{member.Name}' is not the Name of an upstream in {UpstreamRouter.UpstreamsConfigurationKey}.";
                }
                else if (!members.Add(member.Name.Trim()))
                {
                    yield return $"{memberAt}:Name '{member.Name}' is listed twice in this route.";
                }

                if (member.Weight is < 1 or > ModelRouteUpstreamOptions.MaxWeight)
                {
                    yield return $"{memberAt}:Weight must be a whole number from 1 to {ModelRouteUpstreamOptions.MaxWeight}, not {member.Weight}.";
                }
            }
        }

        var failover = options.Failover;
        if (failover.MaxAttempts is < 1 or > FailoverOptions.MaxMaxAttempts)
        {
            yield return $"{FailoverKey}:MaxAttempts must be from 1 to {FailoverOptions.MaxMaxAttempts}, not {failover.MaxAttempts}.";
        }

        if (failover.FailureRatio is <= 0 or > 1 || double.IsNaN(failover.FailureRatio))
        {
            yield return $"{FailoverKey}:FailureRatio must be more than 0 and at most 1, not {failover.FailureRatio}.";
        }

        if (failover.MinimumThroughput < 2)
        {
            yield return $"{FailoverKey}:MinimumThroughput must be at least 2, not {failover.MinimumThroughput}.";
        }

        if (failover.SamplingDuration < PollyMinimumDuration || failover.BreakDuration < PollyMinimumDuration)
        {
            yield return $"{FailoverKey}:SamplingDuration and {FailoverKey}:BreakDuration must be at least 00:00:00.5.";
        }

        if (options.ModelListCacheDuration < TimeSpan.Zero)
        {
            yield return $"Gateway:ModelListCacheDuration must not be negative, not {options.ModelListCacheDuration}.";
        }
    }

    public static IReadOnlyList<UpstreamPool> ToPools(GatewayOptions options, IReadOnlyList<Upstream> upstreams) => options.ModelRoutes
        .Select(route => new UpstreamPool(
            route.Model.Trim(),
            route.Upstreams
                .Select(m => new WeightedUpstream(upstreams.Single(u => string.Equals(u.Name, m.Name.Trim(), StringComparison.OrdinalIgnoreCase)), m.Weight))
                .ToList()))
        .ToList();
}
