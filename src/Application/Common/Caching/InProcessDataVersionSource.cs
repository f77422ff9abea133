namespace CleanDashboard.Application.Common.Caching;

/// <summary>The data version of one instance without a shared cache: a counter of this process's commits.</summary>
public sealed class InProcessDataVersionSource : IDataVersionSource
{
    private long _commits;

    public ValueTask<DataVersion> CurrentAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DataVersion(0, Interlocked.Read(ref _commits)));

    public ValueTask PublishAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _commits);
        return ValueTask.CompletedTask;
    }
}
