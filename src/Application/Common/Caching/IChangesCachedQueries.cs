namespace CleanDashboard.Application.Common.Caching;

/// <summary>
/// A command after which the cached answers of some queries are out of date: once it succeeds, every cached answer
/// of those query types is dropped (in this instance's memory and, through HybridCache's tags, in Redis), and a new data
/// version is published, which the other instances see too.
/// </summary>
public interface IChangesCachedQueries : IChangesData
{
    /// <summary>The names of the <see cref="ICachedQuery"/> types whose answers this command changes.</summary>
    IReadOnlyList<string> ChangedQueries { get; }
}
