namespace CleanDashboard.Domain.Entities.Alerts;

/// <summary>Where a rule stands: it starts ok, fires once its condition has held for its <c>for</c> duration, and resolves when it stops holding.</summary>
public enum AlertState
{
    Ok = 0,
    Firing = 1,
    Resolved = 2,
}
