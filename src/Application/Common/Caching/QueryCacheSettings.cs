namespace CleanDashboard.Application.Common.Caching;

/// <summary>How long cached query answers live; <see cref="TimeSpan.Zero"/> turns the cache off.</summary>
public sealed record QueryCacheSettings(TimeSpan Duration)
{
    /// <summary>Under the dashboard's 30 s refresh, so every refresh sees data at most this old.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(15);

    public bool Enabled => Duration > TimeSpan.Zero;
}
