namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>A user who sent at least one request in a time bucket: the sets that keep distinct-user counts exact.</summary>
public abstract class ActiveUser
{
    public DateTime BucketStart { get; set; }

    public int UserId { get; set; }
}

/// <summary>An <see cref="ActiveUser"/> of one UTC hour.</summary>
public sealed class HourlyActiveUser : ActiveUser;

/// <summary>An <see cref="ActiveUser"/> of one UTC day.</summary>
public sealed class DailyActiveUser : ActiveUser;
