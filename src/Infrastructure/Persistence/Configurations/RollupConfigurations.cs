using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

/// <summary>The rollup tables: one per bucket size, keyed by the bucket and what it groups by, so upserts find their row.</summary>
public abstract class RequestRollupConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : RequestRollup
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(r => new { r.BucketStart, r.Dimension, r.Key });
        builder.Property(r => r.Key).HasMaxLength(RequestLog.ModelNameMaxLength);
    }
}

public sealed class HourlyRequestRollupConfiguration() : RequestRollupConfiguration<HourlyRequestRollup>(RollupTables.HourlyRequests);

public sealed class DailyRequestRollupConfiguration() : RequestRollupConfiguration<DailyRequestRollup>(RollupTables.DailyRequests);

public abstract class ActiveUserConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : ActiveUser
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(u => new { u.BucketStart, u.UserId });
    }
}

public sealed class HourlyActiveUserConfiguration() : ActiveUserConfiguration<HourlyActiveUser>(RollupTables.HourlyActiveUsers);

public sealed class DailyActiveUserConfiguration() : ActiveUserConfiguration<DailyActiveUser>(RollupTables.DailyActiveUsers);

public abstract class SessionRollupConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : SessionRollup
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(s => s.BucketStart);
    }
}

public sealed class HourlySessionRollupConfiguration() : SessionRollupConfiguration<HourlySessionRollup>(RollupTables.HourlySessions);

public sealed class DailySessionRollupConfiguration() : SessionRollupConfiguration<DailySessionRollup>(RollupTables.DailySessions);

/// <summary>Table names, shared by the model and the raw upserts.</summary>
public static class RollupTables
{
    public const string HourlyRequests = "request_rollups_hourly";
    public const string DailyRequests = "request_rollups_daily";
    public const string HourlyActiveUsers = "active_users_hourly";
    public const string DailyActiveUsers = "active_users_daily";
    public const string HourlySessions = "session_rollups_hourly";
    public const string DailySessions = "session_rollups_daily";
}
