using CleanDashboard.Application.Budgets;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.TestSupport;

/// <summary>
/// Counts the spend settlements of every instance it decorates, per limited key or user, so a test waits for the
/// settlement itself — the gateway settles a request's cost once its answer has been sent, after the client had it.
/// One signal may decorate several instances: their settlements are counted together.
/// </summary>
public sealed class SpendSettlementSignal
{
    private readonly Dictionary<LimitSubject, int> _settled = [];
    private readonly List<(LimitSubject Subject, int Count, TaskCompletionSource Reached)> _waiters = [];

    /// <summary>Replaces the registered spend counters with themselves wrapped in a decorator that reports to this signal.</summary>
    public void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ISpendCounters));
        services.Remove(registered);
        services.AddSingleton<ISpendCounters>(provider => new Counting(Create(provider, registered), this));
    }

    /// <summary>Completes once <paramref name="settlements"/> admitted requests limited by <paramref name="subject"/> have been settled, or throws after 10 s.</summary>
    public Task WaitForAsync(LimitSubject subject, int settlements)
    {
        lock (_waiters)
        {
            if (_settled.GetValueOrDefault(subject) >= settlements)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((subject, settlements, reached));
            return reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private void Settled(IReadOnlyList<CounterCheck> admitted)
    {
        lock (_waiters)
        {
            foreach (var subject in admitted.Select(c => c.Subject).Distinct())
            {
                var count = _settled[subject] = _settled.GetValueOrDefault(subject) + 1;
                foreach (var waiter in _waiters.Where(w => w.Subject == subject && w.Count <= count).ToList())
                {
                    waiter.Reached.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    private static ISpendCounters Create(IServiceProvider provider, ServiceDescriptor registered) =>
        (ISpendCounters)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));

    private sealed class Counting(ISpendCounters inner, SpendSettlementSignal signal) : ISpendCounters
    {
        public Task<CounterAdmission> TryAdmitAsync(IReadOnlyList<CounterCheck> checks, CancellationToken cancellationToken) =>
            inner.TryAdmitAsync(checks, cancellationToken);

        public async Task SettleAsync(IReadOnlyList<CounterCheck> admitted, long costUnits, long tokens, CancellationToken cancellationToken)
        {
            await inner.SettleAsync(admitted, costUnits, tokens, cancellationToken);
            signal.Settled(admitted);
        }

        public Task ReconcileAsync(LimitSubject subject, PeriodWindow period, long recordedUnits, CancellationToken cancellationToken) =>
            inner.ReconcileAsync(subject, period, recordedUnits, cancellationToken);

        public Task<long> SpentAsync(LimitSubject subject, PeriodWindow period, CancellationToken cancellationToken) =>
            inner.SpentAsync(subject, period, cancellationToken);
    }
}
