namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>The time ranges the dashboard accepts (see docs/decisions/004-dashboard-ranges-and-buckets.md).</summary>
public static class DashboardRanges
{
    public const string Last24Hours = "24h";
    public const string Last7Days = "7d";
    public const string LastMonth = "1m";
    public const string Last3Months = "3m";
    public const string Custom = "custom";

    public const string Default = Last7Days;

    public static readonly TimeSpan MaxCustomSpan = TimeSpan.FromDays(366);

    /// <summary>Custom ranges up to this long get hourly buckets; longer ones daily.</summary>
    public static readonly TimeSpan MaxHourlySpan = TimeSpan.FromHours(48);

    public static IReadOnlyList<string> All { get; } = [Last24Hours, Last7Days, LastMonth, Last3Months, Custom];
}
