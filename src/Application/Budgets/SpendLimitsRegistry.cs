namespace CleanDashboard.Application.Budgets;

/// <summary>
/// This instance's copy of every key's and user's limits, read on the request path without touching the database: an
/// admin's change here applies at once, the background reconciler reloads every instance's copy from the database.
/// </summary>
public sealed class SpendLimitsRegistry
{
    private readonly Lock _writes = new();
    private Dictionary<LimitSubject, SubjectLimits> _limits = [];

    /// <summary>Counts changes, so a reload read before an admin's change cannot undo it.</summary>
    public long Version { get; private set; }

    public IReadOnlyCollection<SubjectLimits> All => Volatile.Read(ref _limits).Values;

    public SubjectLimits? Find(LimitSubject subject) => Volatile.Read(ref _limits).GetValueOrDefault(subject);

    public void Set(SubjectLimits limits)
    {
        lock (_writes)
        {
            var copy = new Dictionary<LimitSubject, SubjectLimits>(_limits);
            if (limits.LimitsNothing)
            {
                copy.Remove(limits.Subject);
            }
            else
            {
                copy[limits.Subject] = limits;
            }

            Volatile.Write(ref _limits, copy);
            Version++;
        }
    }

    /// <summary>Replaces every limit with what the database holds, unless this instance changed one since <paramref name="readAtVersion"/>.</summary>
    public bool ReplaceAll(IEnumerable<SubjectLimits> limits, long readAtVersion)
    {
        lock (_writes)
        {
            if (Version != readAtVersion)
            {
                return false;
            }

            Volatile.Write(ref _limits, limits.Where(l => !l.LimitsNothing).ToDictionary(l => l.Subject));
            Version++;
            return true;
        }
    }
}
