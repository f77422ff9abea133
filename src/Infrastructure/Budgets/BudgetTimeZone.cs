using CleanDashboard.Application.Budgets;

namespace CleanDashboard.Infrastructure.Budgets;

public static class BudgetTimeZone
{

    /// <summary>The zone of <c>Budgets:TimeZone</c>; an unknown id stops the start with a message naming the setting.</summary>
    /// <exception cref="InvalidOperationException">The zone is unknown.</exception>
    public static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new InvalidOperationException($"{BudgetOptions.Section}:TimeZone '{id}' is not a known time zone; use an IANA id such as 'UTC' or 'Europe/Berlin'.", ex);
        }
    }
}
