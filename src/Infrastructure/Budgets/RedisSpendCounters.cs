using System.Globalization;
using CleanDashboard.Application.Budgets;
using CleanDashboard.Infrastructure.Caching;
using StackExchange.Redis;

namespace CleanDashboard.Infrastructure.Budgets;

/// <summary>
/// The counters in the Redis of <c>Cache:Redis</c>, shared by every instance: each operation is one Lua script, which
/// Redis runs atomically, so N instances admit against one budget exactly. Per subject and period a hash
/// <c>{prefix}limits:budget:{k12}:{period start ticks}</c> holds <c>spent</c> and <c>reserved</c> (units of $10^-10) until a
/// day after the period; per subject and minute a hash <c>{prefix}limits:rate:{k12}:{minute}</c> holds <c>requests</c> and
/// <c>tokens</c> for two minutes. Amounts go to <c>HINCRBY</c> as the strings they were sent as, never through Lua's doubles.
/// </summary>
public sealed class RedisSpendCounters(RedisConnection redis, string keyPrefix, TimeProvider timeProvider) : ISpendCounters
{
    private const int ArgumentsPerCheck = 6;
    private static readonly TimeSpan RateKeyLifetime = TimeSpan.FromMinutes(2);

    private const string AdmitScript = """
        local n = #KEYS / 2
        for i = 0, n - 1 do
          local budgetKey, rateKey, a = KEYS[2 * i + 1], KEYS[2 * i + 2], 6 * i
          local budget, tpm, rpm = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 4]), tonumber(ARGV[a + 3])
          if budget >= 0 then
            local spent = tonumber(redis.call('HGET', budgetKey, 'spent') or '0')
            local reserved = tonumber(redis.call('HGET', budgetKey, 'reserved') or '0')
            if spent + reserved + tonumber(ARGV[a + 2]) > budget then return { i, 1 } end
          end
          if rpm >= 0 and tonumber(redis.call('HGET', rateKey, 'requests') or '0') + 1 > rpm then return { i, 2 } end
          if tpm >= 0 and tonumber(redis.call('HGET', rateKey, 'tokens') or '0') + tonumber(ARGV[a + 5]) > tpm then return { i, 3 } end
        end
        for i = 0, n - 1 do
          local budgetKey, rateKey, a = KEYS[2 * i + 1], KEYS[2 * i + 2], 6 * i
          if tonumber(ARGV[a + 1]) >= 0 then
            redis.call('HINCRBY', budgetKey, 'reserved', ARGV[a + 2])
            redis.call('HSETNX', budgetKey, 'spent', '0')
            redis.call('PEXPIRE', budgetKey, ARGV[a + 6])
          end
          redis.call('HINCRBY', rateKey, 'requests', 1)
          redis.call('HINCRBY', rateKey, 'tokens', ARGV[a + 5])
          redis.call('PEXPIRE', rateKey, ARGV[n * 6 + 1])
        end
        return { -1, 0 }
        """;

    private const string SettleScript = """
        for i = 0, #KEYS / 2 - 1 do
          local budgetKey, rateKey, a = KEYS[2 * i + 1], KEYS[2 * i + 2], 3 * i
          if ARGV[a + 1] ~= 'none' and redis.call('EXISTS', budgetKey) == 1 then
            redis.call('HINCRBY', budgetKey, 'reserved', ARGV[a + 1])
            redis.call('HINCRBY', budgetKey, 'spent', ARGV[a + 2])
          end
          if redis.call('EXISTS', rateKey) == 1 then redis.call('HINCRBY', rateKey, 'tokens', ARGV[a + 3]) end
        end
        return 0
        """;

    private const string ReconcileScript = """
        if tonumber(redis.call('HGET', KEYS[1], 'spent') or '0') < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'spent', ARGV[1]) end
        redis.call('HSETNX', KEYS[1], 'reserved', '0')
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 0
        """;

    public async Task<CounterAdmission> TryAdmitAsync(IReadOnlyList<CounterCheck> checks, CancellationToken cancellationToken)
    {
        var keys = checks.SelectMany(c => new[] { BudgetKey(c.Subject, c.Period), RateKey(c) }).ToArray();
        var values = checks.SelectMany(c => new RedisValue[]
        {
            c.BudgetUnits is { } budget ? Number(budget) : "-1",
            Number(c.EstimateUnits),
            c.RequestsPerMinute is { } requests ? Number(requests) : "-1",
            c.TokensPerMinute is { } tokens ? Number(tokens) : "-1",
            Number(c.TokenEstimate),
            Milliseconds(BudgetKeyLifetime(c.Period)),
        }).Append(Milliseconds(RateKeyLifetime)).ToArray();
        var result = (RedisResult[])(await (await DatabaseAsync()).ScriptEvaluateAsync(AdmitScript, keys, values))!;
        var refused = (int)result[0];
        return refused < 0 ? CounterAdmission.Yes : new CounterAdmission(false, refused, (LimitKind)(int)result[1]);
    }

    public async Task SettleAsync(IReadOnlyList<CounterCheck> admitted, long costUnits, long tokens, CancellationToken cancellationToken)
    {
        var keys = admitted.SelectMany(c => new[] { BudgetKey(c.Subject, c.Period), RateKey(c) }).ToArray();
        var values = admitted.SelectMany(c => new RedisValue[]
        {
            c.BudgetUnits is null ? "none" : Number(-c.EstimateUnits),
            Number(costUnits),
            Number(tokens - c.TokenEstimate),
        }).ToArray();
        await (await DatabaseAsync()).ScriptEvaluateAsync(SettleScript, keys, values);
    }

    public async Task ReconcileAsync(LimitSubject subject, PeriodWindow period, long recordedUnits, CancellationToken cancellationToken) =>
        await (await DatabaseAsync()).ScriptEvaluateAsync(ReconcileScript, [BudgetKey(subject, period)], [Number(recordedUnits), Milliseconds(BudgetKeyLifetime(period))]);

    public async Task<long> SpentAsync(LimitSubject subject, PeriodWindow period, CancellationToken cancellationToken)
    {
        var spent = await (await DatabaseAsync()).HashGetAsync(BudgetKey(subject, period), "spent");
        return spent.IsNull ? 0 : (long)spent;
    }

    private async Task<IDatabase> DatabaseAsync() => (await redis.GetAsync()).GetDatabase();

    private RedisKey BudgetKey(LimitSubject subject, PeriodWindow period) =>
        $"{keyPrefix}limits:budget:{subject.CounterName}:{period.StartUtc.Ticks.ToString(CultureInfo.InvariantCulture)}";

    private RedisKey RateKey(CounterCheck check) =>
        $"{keyPrefix}limits:rate:{check.Subject.CounterName}:{check.Minute.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Until a day after the period ends: a request settling late still finds its period's counter.</summary>
    private TimeSpan BudgetKeyLifetime(PeriodWindow period)
    {
        var left = period.EndUtc - timeProvider.GetUtcNow().UtcDateTime;
        return (left > TimeSpan.Zero ? left : TimeSpan.Zero) + TimeSpan.FromDays(1);
    }

    private static RedisValue Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static RedisValue Milliseconds(TimeSpan span) => Number((long)Math.Ceiling(span.TotalMilliseconds));
}
