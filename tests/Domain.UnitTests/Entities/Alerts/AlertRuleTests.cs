using CleanDashboard.Domain.Entities.Alerts;

namespace CleanDashboard.Domain.UnitTests.Entities.Alerts;

public sealed class AlertRuleTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Observe_WhenTheValueEqualsTheThreshold_ShouldStayOk()
    {
        var rule = new AlertRule { Threshold = 0.1m };

        rule.Observe(0.1m, T0).Should().BeNull();

        rule.State.Should().Be(AlertState.Ok);
        rule.ConditionSince.Should().BeNull();
        rule.LastValue.Should().Be(0.1m);
        rule.LastEvaluatedAt.Should().Be(T0);
    }

    [Fact]
    public void Observe_WhenAboveWithoutForDuration_ShouldFireOnceThenResolveOnce()
    {
        var rule = new AlertRule { Threshold = 0.1m };

        rule.Observe(0.2m, T0).Should().Be(AlertState.Firing);
        rule.Observe(0.3m, T0.AddSeconds(30)).Should().BeNull();
        rule.Observe(0.1m, T0.AddSeconds(60)).Should().Be(AlertState.Resolved);
        rule.Observe(0.05m, T0.AddSeconds(90)).Should().BeNull();

        rule.State.Should().Be(AlertState.Resolved);
        rule.StateChangedAt.Should().Be(T0.AddSeconds(60));
    }

    [Fact]
    public void Observe_WhenForIsOneMinute_ShouldFireOnlyAfterTheConditionHeldForOneMinute()
    {
        var rule = new AlertRule { Threshold = 10m, For = TimeSpan.FromMinutes(1) };

        rule.Observe(11m, T0).Should().BeNull();
        rule.Observe(12m, T0.AddSeconds(59)).Should().BeNull();
        rule.Observe(12m, T0.AddSeconds(60)).Should().Be(AlertState.Firing);

        rule.StateChangedAt.Should().Be(T0.AddSeconds(60));
    }

    [Fact]
    public void Observe_WhenTheConditionBreaksBeforeFor_ShouldStartTheDurationAgain()
    {
        var rule = new AlertRule { Threshold = 10m, For = TimeSpan.FromMinutes(1) };

        rule.Observe(11m, T0).Should().BeNull();
        rule.Observe(10m, T0.AddSeconds(30)).Should().BeNull();
        rule.Observe(11m, T0.AddSeconds(60)).Should().BeNull();
        rule.Observe(11m, T0.AddSeconds(119)).Should().BeNull();
        rule.Observe(11m, T0.AddSeconds(120)).Should().Be(AlertState.Firing);

        rule.ConditionSince.Should().Be(T0.AddSeconds(60));
    }

    [Fact]
    public void Observe_WhenResolvedAndAboveAgain_ShouldFireAgain()
    {
        var rule = new AlertRule { Threshold = 1m };
        rule.Observe(2m, T0);
        rule.Observe(0m, T0.AddMinutes(1));

        rule.Observe(2m, T0.AddMinutes(2)).Should().Be(AlertState.Firing);
    }
}
