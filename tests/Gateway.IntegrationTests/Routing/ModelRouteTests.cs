using CleanDashboard.Application.Gateway;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;

namespace CleanDashboard.Gateway.IntegrationTests.Routing;

/// <summary>Model routes without a server: the weighted round-robin, the order a request tries upstreams in, and the start-up check of the new settings.</summary>
[Trait("Database", "Independent")]
public sealed class ModelRouteTests
{
    private static readonly GatewayProtocols Protocols = new([new OpenAIProtocol(TimeProvider.System), new OllamaProtocol(TimeProvider.System), new AnthropicProtocol(TimeProvider.System)]);
    private static readonly Upstream Primary = new("primary", new Uri("https://primary.example.test/v1"), UpstreamKind.OpenAI, "sk-a", []);
    private static readonly Upstream Backup = new("backup", new Uri("https://backup.example.test/v1"), UpstreamKind.OpenAI, "sk-b", []);
    private static readonly Upstream Local = new("local", new Uri("http://127.0.0.1:11434"), UpstreamKind.Ollama, null, ["gpt-4o*"]);

    [Fact]
    public void Next_WithWeightsThreeAndOne_ShouldRepeatZeroZeroOneZero()
    {
        var balancer = new SmoothWeightedRoundRobin([3, 1]);

        Enumerable.Range(0, 8).Select(_ => balancer.Next()).Should().Equal(0, 0, 1, 0, 0, 0, 1, 0);
    }

    [Fact]
    public void Next_WithWeightsTwoTwoOne_ShouldGiveEachItsShareOfEveryFive()
    {
        var balancer = new SmoothWeightedRoundRobin([2, 2, 1]);

        // Current weights per step: [2,2,1]→0 [-1,4,2]→1 [1,1,3]→2 [3,3,-1]→0 [0,5,0]→1, then all zero again.
        Enumerable.Range(0, 10).Select(_ => balancer.Next()).Should().Equal(0, 1, 2, 0, 1, 0, 1, 2, 0, 1);
    }

    [Fact]
    public void Route_WhenAModelRouteMatches_ShouldStartAtTheBalancersPickAndFailOverToTheOthers()
    {
        var pool = new UpstreamPool("gpt-4o*", [new WeightedUpstream(Primary, 1), new WeightedUpstream(Backup, 1)]);
        var router = new UpstreamRouter([Primary, Backup, Local], demoModelEnabled: true, Protocols, [pool]);

        var first = router.Route("gpt-4o-mini", GatewayOperation.ChatCompletions);
        var second = router.Route("gpt-4o-mini", GatewayOperation.ChatCompletions);

        first.Balanced.Should().BeTrue();
        first.Candidates.Select(c => c.Address.AbsoluteUri).Should().Equal("https://primary.example.test/v1/chat/completions", "https://backup.example.test/v1/chat/completions");
        second.Candidates.Select(c => c.Upstream.Name).Should().Equal("backup", "primary");
        router.RoutesTo("gpt-4o-mini", Backup).Should().BeTrue();
        router.RoutesTo("gpt-4o-mini", Local).Should().BeFalse("the model route comes before the upstreams' own patterns");
    }

    [Fact]
    public void Route_WhenNoModelRouteMatches_ShouldRouteAsBeforeToOneUpstreamWithoutFailover()
    {
        var pool = new UpstreamPool("claude-*", [new WeightedUpstream(Primary, 1), new WeightedUpstream(Backup, 1)]);
        var router = new UpstreamRouter([Primary, Backup, Local], demoModelEnabled: true, Protocols, [pool]);

        var target = router.Route("gpt-4o", GatewayOperation.ChatCompletions);

        target.Balanced.Should().BeFalse();
        target.Upstream.Should().Be(Local);
        target.Candidates.Should().ContainSingle().Which.Address.Should().Be(new Uri("http://127.0.0.1:11434/v1/chat/completions"));
    }

    [Fact]
    public void Route_WhenAMemberCannotServeTheOperation_ShouldLeaveItOutOfTheCandidates()
    {
        var pool = new UpstreamPool("mixed", [new WeightedUpstream(Primary, 5), new WeightedUpstream(Local, 1)]);
        var router = new UpstreamRouter([Primary, Local], demoModelEnabled: true, Protocols, [pool]);

        var target = router.Route("mixed", GatewayOperation.OllamaChat);

        target.Candidates.Should().ContainSingle().Which.Address.Should().Be(new Uri("http://127.0.0.1:11434/api/chat"));
    }

    [Fact]
    public void Validate_WhenTheOldSingleUpstreamShapeIsUsed_ShouldAcceptItUnchanged()
    {
        var options = new GatewayOptions { Upstreams = [Entry("openai", models: ["gpt-4o*"])] };

        new GatewayOptionsValidator(Protocols).Validate(null, options).Succeeded.Should().BeTrue();
        GatewayOptionsValidator.ToRouter(options, Protocols).Pools.Should().BeEmpty();
    }

    [Fact]
    public void Validate_WhenModelRoutesAreWrong_ShouldNameEachKeyAtFault()
    {
        var options = new GatewayOptions
        {
            Upstreams = [Entry("a", models: []), Entry("b", models: ["b-*"])],
            ModelRoutes =
            [
                new ModelRouteOptions { Model = " ", Upstreams = [new() { Name = "a", Weight = 0 }, new() { Name = "A" }, new() { Name = "nobody" }] },
                new ModelRouteOptions { Model = "x", Upstreams = [] },
            ],
            Failover = new FailoverOptions { MaxAttempts = 0, FailureRatio = 1.5, MinimumThroughput = 1, BreakDuration = TimeSpan.FromMilliseconds(100) },
            ModelListCacheDuration = TimeSpan.FromSeconds(-1),
        };

        var result = new GatewayOptionsValidator(Protocols).Validate(null, options);

        result.Failures.Should().Equal(
            "Gateway:ModelRoutes:0:Model needs a model name pattern, such as 'gpt-4o*'.",
            "Gateway:ModelRoutes:0:Upstreams:0:Weight must be a whole number from 1 to 1000, not 0.",
            "Gateway:ModelRoutes:0:Upstreams:1:Name 'A' is listed twice in this route.",
            "Gateway:ModelRoutes:0:Upstreams:2:Name 'nobody' is not the Name of an upstream in Gateway:Upstreams.",
            "Gateway:ModelRoutes:1:Upstreams needs at least one entry with the Name of an upstream of Gateway:Upstreams.",
            "Gateway:Failover:MaxAttempts must be from 1 to 10, not 0.",
            "Gateway:Failover:FailureRatio must be more than 0 and at most 1, not 1.5.",
            "Gateway:Failover:MinimumThroughput must be at least 2, not 1.",
            "Gateway:Failover:SamplingDuration and Gateway:Failover:BreakDuration must be at least 00:00:00.5.",
            "Gateway:ModelListCacheDuration must not be negative, not -00:00:01.");
    }

    [Fact]
    public void Validate_WhenAnUpstreamHasNoModelsAndNoRouteNamesIt_ShouldAskForEither()
    {
        var options = new GatewayOptions { Upstreams = [Entry("a", models: [])] };

        new GatewayOptionsValidator(Protocols).Validate(null, options).Failures.Should().Equal(
            "Gateway:Upstreams:0:Models needs at least one model name pattern, such as 'gpt-4o*' or '*' (or name the upstream in Gateway:ModelRoutes).");
    }

    private static UpstreamOptions Entry(string name, List<string> models) =>
        new() { Name = name, BaseUrl = "https://" + name + ".example.test/v1", Kind = "openai", Models = models };
}
