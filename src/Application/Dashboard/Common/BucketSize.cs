namespace CleanDashboard.Application.Dashboard.Common;

public enum BucketSize
{
    Hour,
    Day,
}
