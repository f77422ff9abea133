using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Application.Budgets;

/// <summary>The <c>Budgets</c> section: the time zone periods follow, what happens when the shared counters cannot be reached, and estimates.</summary>
public sealed class BudgetOptions
{
    public const string Section = "Budgets";

    /// <summary>IANA (or Windows) id of the zone whose midnights start days, weeks (Mondays) and months.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Closed: a request of a key or user with limits is refused (503) while the counters cannot be reached; open: it goes through uncounted.</summary>
    [EnumDataType(typeof(BudgetFailureMode))]
    public BudgetFailureMode FailureMode { get; set; } = BudgetFailureMode.Closed;

    /// <summary>The completion tokens reserved for a request that names no <c>max_tokens</c>.</summary>
    [Range(0, int.MaxValue)]
    public int DefaultCompletionTokens { get; set; } = 1024;

    /// <summary>How often each instance reloads the limits and reconciles its counters with the spend the database recorded.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(5);
}

public enum BudgetFailureMode
{
    Closed = 0,
    Open = 1,
}
