namespace CleanDashboard.Application.Common.Caching;

/// <summary>The data version cached answers are keyed by: every committed write publishes a new one.</summary>
public interface IDataVersionSource
{
    /// <summary>The version as this instance knows it; another instance's commit is known here a fraction of a second later (decision 080).</summary>
    ValueTask<DataVersion> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>Called after a write has committed; never throws (a version that cannot be shared stays local and is shared later).</summary>
    ValueTask PublishAsync(CancellationToken cancellationToken);
}
