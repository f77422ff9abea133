using System.Globalization;

namespace CleanDashboard.Application.Common.Caching;

/// <summary>
/// How far the stored data has moved: <see cref="Shared"/> counts the commits every instance has published (one counter in
/// Redis, or this process's own without it), <see cref="Local"/> this instance's commits not yet published there (Redis
/// was unreachable). Cached answers are keyed by it, so a commit makes the next answers new ones.
/// </summary>
public readonly record struct DataVersion(long Shared, long Local)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"v{Shared}.{Local}");
}
