namespace CleanDashboard.Application.Alerts.Common;

/// <summary>Which requests a rule counts; a null field does not filter.</summary>
public sealed record AlertFilters(string? Model, int? ApiKeyId, int? UserId, string? Endpoint)
{
    public static readonly AlertFilters None = new(null, null, null, null);

    public bool IsEmpty => this == None;
}
