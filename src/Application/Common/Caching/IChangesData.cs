namespace CleanDashboard.Application.Common.Caching;

/// <summary>
/// A command that writes data cached queries read (feedback): once it succeeds, a new <see cref="DataVersion"/> is
/// published, so the next answers include the write, recomputed at most once per <see cref="QueryCacheSettings.RecomputeInterval"/>.
/// </summary>
public interface IChangesData;
