namespace CleanDashboard.Domain.Entities.Alerts;

/// <summary>What became of a transition's notification once every attempt was made.</summary>
public enum AlertDeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}
