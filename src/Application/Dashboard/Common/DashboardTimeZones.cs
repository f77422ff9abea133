namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>IANA time zones, as the operating system's time zone database knows them.</summary>
public static class DashboardTimeZones
{
    /// <summary>The zone of an IANA id such as <c>Europe/Berlin</c>, or null for anything else (Windows ids and paths included).</summary>
    public static TimeZoneInfo? Find(string id)
    {
        if (id.Length is 0 or > 64 || id.Contains("..", StringComparison.Ordinal) || !id.All(IsIdCharacter))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone : null;
    }

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+';
}
