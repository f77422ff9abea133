namespace CleanDashboard.Application.Budgets;

/// <summary>
/// The counters of a single instance (no <c>Cache:Redis</c>): one lock makes every admission atomic. Each subject keeps
/// its current budget period and minute only; a request settling after its period or minute has passed changes nothing,
/// as its cost already belongs to a period the database has.
/// </summary>
public sealed class InMemorySpendCounters : ISpendCounters
{
    private readonly Lock _lock = new();
    private readonly Dictionary<LimitSubject, SubjectCounters> _subjects = [];

    public Task<CounterAdmission> TryAdmitAsync(IReadOnlyList<CounterCheck> checks, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            for (var i = 0; i < checks.Count; i++)
            {
                var check = checks[i];
                var counters = Counters(check.Subject, check.BudgetUnits is null ? null : check.Period, check.Minute);
                if (check.BudgetUnits is { } budget && counters.Spent + counters.Reserved + check.EstimateUnits > budget)
                {
                    return Task.FromResult(new CounterAdmission(false, i, LimitKind.Budget));
                }

                if (check.RequestsPerMinute is { } requests && counters.Requests + 1 > requests)
                {
                    return Task.FromResult(new CounterAdmission(false, i, LimitKind.Requests));
                }

                if (check.TokensPerMinute is { } tokens && counters.Tokens + check.TokenEstimate > tokens)
                {
                    return Task.FromResult(new CounterAdmission(false, i, LimitKind.Tokens));
                }
            }

            foreach (var check in checks)
            {
                var counters = _subjects[check.Subject];
                counters.Reserved += check.BudgetUnits is null ? 0 : check.EstimateUnits;
                counters.Requests++;
                counters.Tokens += check.TokenEstimate;
            }

            return Task.FromResult(CounterAdmission.Yes);
        }
    }

    public Task SettleAsync(IReadOnlyList<CounterCheck> admitted, long costUnits, long tokens, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var check in admitted)
            {
                if (!_subjects.TryGetValue(check.Subject, out var counters))
                {
                    continue;
                }

                if (check.BudgetUnits is not null && counters.PeriodStart == check.Period.StartUtc)
                {
                    counters.Reserved -= check.EstimateUnits;
                    counters.Spent += costUnits;
                }

                if (counters.Minute == check.Minute)
                {
                    counters.Tokens += tokens - check.TokenEstimate;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task ReconcileAsync(LimitSubject subject, PeriodWindow period, long recordedUnits, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var counters = Counters(subject, period, minute: null);
            counters.Spent = Math.Max(counters.Spent, recordedUnits);
        }

        return Task.CompletedTask;
    }

    public Task<long> SpentAsync(LimitSubject subject, PeriodWindow period, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_subjects.TryGetValue(subject, out var counters) && counters.PeriodStart == period.StartUtc ? counters.Spent : 0);
        }
    }

    /// <summary>The subject's counters, started afresh when a new period or minute has begun.</summary>
    private SubjectCounters Counters(LimitSubject subject, PeriodWindow? period, long? minute)
    {
        if (!_subjects.TryGetValue(subject, out var counters))
        {
            counters = new SubjectCounters { PeriodStart = period?.StartUtc ?? DateTime.MinValue, Minute = minute ?? 0 };
            _subjects[subject] = counters;
        }

        if (period is { } budgetPeriod && counters.PeriodStart != budgetPeriod.StartUtc)
        {
            (counters.PeriodStart, counters.Spent, counters.Reserved) = (budgetPeriod.StartUtc, 0, 0);
        }

        if (minute is { } current && counters.Minute != current)
        {
            (counters.Minute, counters.Requests, counters.Tokens) = (current, 0, 0);
        }

        return counters;
    }

    private sealed class SubjectCounters
    {
        public DateTime PeriodStart { get; set; }

        public long Spent { get; set; }

        public long Reserved { get; set; }

        public long Minute { get; set; }

        public long Requests { get; set; }

        public long Tokens { get; set; }
    }
}
