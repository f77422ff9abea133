namespace CleanDashboard.Application.Gateway;

/// <summary>One upstream of a pool and its share of the pool's requests.</summary>
public sealed record WeightedUpstream(Upstream Upstream, int Weight);

/// <summary>
/// A model pattern served by several upstreams (<c>Gateway:ModelRoutes</c>): each request starts at the member the
/// weighted round-robin picks and fails over to the others in configuration order.
/// </summary>
public sealed class UpstreamPool
{
    private readonly SmoothWeightedRoundRobin _balancer;

    public UpstreamPool(string modelPattern, IReadOnlyList<WeightedUpstream> members)
    {
        ModelPattern = modelPattern;
        Members = members;
        _balancer = new SmoothWeightedRoundRobin(members.Select(m => m.Weight).ToList());
    }

    public string ModelPattern { get; }

    public IReadOnlyList<WeightedUpstream> Members { get; }

    public bool Serves(string model) => Gateway.ModelPattern.Matches(ModelPattern, model);

    public bool Contains(Upstream upstream) => Members.Any(m => ReferenceEquals(m.Upstream, upstream));

    /// <summary>The order in which one request tries the members: the balancer's pick first, then the rest in configuration order.</summary>
    public IReadOnlyList<Upstream> NextAttemptOrder()
    {
        var first = _balancer.Next();
        var order = new List<Upstream>(Members.Count) { Members[first].Upstream };
        order.AddRange(Members.Where((_, i) => i != first).Select(m => m.Upstream));
        return order;
    }
}
