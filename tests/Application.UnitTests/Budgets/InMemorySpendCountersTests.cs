using CleanDashboard.Application.Budgets;

namespace CleanDashboard.Application.UnitTests.Budgets;

public sealed class InMemorySpendCountersTests
{
    private static readonly PeriodWindow Today = new(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc));
    private static readonly LimitSubject Key = LimitSubject.ApiKey(7);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static CounterCheck Budget(long budget, long estimate, long minute = 1) => new(Key, budget, Today, estimate, null, null, minute, 0);

    [Fact]
    public async Task TryAdmit_WhenReservationsAndSpendWouldPassTheBudget_ShouldRefuseAndChangeNothing()
    {
        var counters = new InMemorySpendCounters();

        (await counters.TryAdmitAsync([Budget(100, 60)], Cancellation)).Admitted.Should().BeTrue();
        (await counters.TryAdmitAsync([Budget(100, 40)], Cancellation)).Admitted.Should().BeTrue("60 + 40 = 100 is within");
        var refused = await counters.TryAdmitAsync([Budget(100, 1)], Cancellation);

        (refused.Admitted, refused.RefusedCheck, refused.RefusedBy).Should().Be((false, 0, LimitKind.Budget));
        (await counters.SpentAsync(Key, Today, Cancellation)).Should().Be(0, "nothing is settled yet");
    }

    [Fact]
    public async Task Settle_WhenTheRealCostIsBelowTheEstimate_ShouldFreeTheDifference()
    {
        var counters = new InMemorySpendCounters();
        var first = Budget(100, 60);
        await counters.TryAdmitAsync([first], Cancellation);

        await counters.SettleAsync([first], 25, 0, Cancellation);

        (await counters.SpentAsync(Key, Today, Cancellation)).Should().Be(25);
        (await counters.TryAdmitAsync([Budget(100, 75)], Cancellation)).Admitted.Should().BeTrue("25 + 75 = 100");
        (await counters.TryAdmitAsync([Budget(100, 1)], Cancellation)).Admitted.Should().BeFalse();
    }

    [Fact]
    public async Task Reconcile_ShouldRaiseTheSpendToTheRecordedOneButNeverLowerIt()
    {
        var counters = new InMemorySpendCounters();

        await counters.ReconcileAsync(Key, Today, 40, Cancellation);
        await counters.ReconcileAsync(Key, Today, 30, Cancellation);

        (await counters.SpentAsync(Key, Today, Cancellation)).Should().Be(40);
    }

    [Fact]
    public async Task TryAdmit_WhenTheUsersCheckRefuses_ShouldNotCountTheRequestAgainstTheKeyEither()
    {
        var counters = new InMemorySpendCounters();
        var key = new CounterCheck(Key, null, default, 0, 1, null, 5, 0);
        var user = new CounterCheck(LimitSubject.User(3), 10, Today, 20, null, null, 5, 0);

        var refused = await counters.TryAdmitAsync([key, user], Cancellation);

        (refused.Admitted, refused.RefusedCheck).Should().Be((false, 1));
        (await counters.TryAdmitAsync([key], Cancellation)).Admitted.Should().BeTrue("the refused request took none of the key's one request per minute");
        (await counters.TryAdmitAsync([key], Cancellation)).Admitted.Should().BeFalse();
        (await counters.TryAdmitAsync([key with { Minute = 6 }], Cancellation)).Admitted.Should().BeTrue("a new minute starts the count again");
    }
}
