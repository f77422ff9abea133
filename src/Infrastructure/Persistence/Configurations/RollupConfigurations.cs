using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

/// <summary>The rollup tables: one per bucket size, keyed by the bucket and what it groups by, so upserts find their row.</summary>
public abstract class RequestRollupConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : RequestRollup
{
    public virtual void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(r => new { r.BucketStart, r.Dimension, r.Key });
        builder.Property(r => r.Key).HasMaxLength(RequestLog.ModelNameMaxLength);
    }
}

/// <summary>The filter cube: keyed by the bucket and every filter dimension; an index per filter, each led by the filter's column.</summary>
public abstract class RequestCubeConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : RequestCube
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(c => new { c.BucketStart, c.ModelName, c.UserId, c.ApiKeyId, c.Endpoint, c.Source });
        builder.Property(c => c.ModelName).HasMaxLength(RequestLog.ModelNameMaxLength);
        builder.Property(c => c.Endpoint).HasMaxLength(RequestLog.EndpointMaxLength);
        builder.HasIndex(c => new { c.ModelName, c.BucketStart });
        builder.HasIndex(c => new { c.UserId, c.BucketStart });
        builder.HasIndex(c => new { c.ApiKeyId, c.BucketStart });
        builder.HasIndex(c => new { c.Endpoint, c.BucketStart });
        builder.Property(c => c.Source).HasMaxLength(RequestLog.SourceMaxLength);
        builder.HasIndex(c => new { c.Source, c.BucketStart });
    }
}

public sealed class HourlyRequestCubeConfiguration() : RequestCubeConfiguration<HourlyRequestCube>(RollupTables.HourlyCubes);

public sealed class DailyRequestCubeConfiguration() : RequestCubeConfiguration<DailyRequestCube>(RollupTables.DailyCubes);

public abstract class RequestFacetConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : RequestFacet
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(f => new { f.BucketStart, f.ModelName, f.UserId, f.ApiKeyId, f.Endpoint, f.Source, f.Facet, f.Key });
        builder.Property(f => f.ModelName).HasMaxLength(RequestLog.ModelNameMaxLength);
        builder.Property(f => f.Endpoint).HasMaxLength(RequestLog.EndpointMaxLength);
        builder.Property(f => f.Key).HasMaxLength(RequestLog.CountryCodeLength + 1);
        builder.HasIndex(f => new { f.ModelName, f.BucketStart });
        builder.HasIndex(f => new { f.UserId, f.BucketStart });
        builder.HasIndex(f => new { f.ApiKeyId, f.BucketStart });
        builder.HasIndex(f => new { f.Endpoint, f.BucketStart });
        builder.Property(f => f.Source).HasMaxLength(RequestLog.SourceMaxLength);
        builder.HasIndex(f => new { f.Source, f.BucketStart });
    }
}

public sealed class HourlyRequestFacetConfiguration() : RequestFacetConfiguration<HourlyRequestFacet>(RollupTables.HourlyFacets);

public sealed class DailyRequestFacetConfiguration() : RequestFacetConfiguration<DailyRequestFacet>(RollupTables.DailyFacets);

/// <summary>Pairs: keyed filter first, so a filter's breakdown over a window is one range of the key.</summary>
public abstract class RequestPairConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : RequestPair
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(p => new { p.Dimension, p.Key, p.By, p.BucketStart, p.ByKey });
        builder.Property(p => p.Key).HasMaxLength(RequestLog.ModelNameMaxLength);
        builder.Property(p => p.ByKey).HasMaxLength(RequestLog.ModelNameMaxLength);
    }
}

public sealed class HourlyRequestPairConfiguration() : RequestPairConfiguration<HourlyRequestPair>(RollupTables.HourlyPairs);

public sealed class DailyRequestPairConfiguration() : RequestPairConfiguration<DailyRequestPair>(RollupTables.DailyPairs);

/// <summary>
/// Hourly rows are read over whole windows when days are local (a time zone's day is 24 UTC hours, not a UTC day): one
/// dimension's rows, or one value's, without scanning every dimension's rows of the window (decision 122).
/// </summary>
public sealed class HourlyRequestRollupConfiguration() : RequestRollupConfiguration<HourlyRequestRollup>(RollupTables.HourlyRequests)
{
    public override void Configure(EntityTypeBuilder<HourlyRequestRollup> builder)
    {
        base.Configure(builder);
        builder.HasIndex(r => new { r.Dimension, r.BucketStart, r.Key });
        builder.HasIndex(r => new { r.Dimension, r.Key, r.BucketStart });
    }
}

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

/// <summary>The feedback cube: keyed by the bucket, every filter dimension and the rating; the triggers upsert by that key.</summary>
public abstract class FeedbackCubeConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : FeedbackCube
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(c => new { c.BucketStart, c.ModelName, c.UserId, c.ApiKeyId, c.Endpoint, c.Source, c.Rating });
        builder.Property(c => c.ModelName).HasMaxLength(RequestLog.ModelNameMaxLength);
        builder.Property(c => c.Endpoint).HasMaxLength(RequestLog.EndpointMaxLength);
        builder.Property(c => c.Source).HasMaxLength(RequestLog.SourceMaxLength);
    }
}

public sealed class HourlyFeedbackCubeConfiguration() : FeedbackCubeConfiguration<HourlyFeedbackCube>(RollupTables.HourlyFeedback);

public sealed class DailyFeedbackCubeConfiguration() : FeedbackCubeConfiguration<DailyFeedbackCube>(RollupTables.DailyFeedback);

/// <summary>The feedback rollups: keyed for their reads, one dimension's key over a range of buckets; the triggers upsert by that key.</summary>
public abstract class FeedbackRollupConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : FeedbackRollup
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(r => new { r.Dimension, r.Key, r.BucketStart, r.Rating });
        builder.Property(r => r.Key).HasMaxLength(RequestLog.ModelNameMaxLength);
    }
}

public sealed class HourlyFeedbackRollupConfiguration() : FeedbackRollupConfiguration<HourlyFeedbackRollup>(RollupTables.HourlyFeedbackRollups);

public sealed class DailyFeedbackRollupConfiguration() : FeedbackRollupConfiguration<DailyFeedbackRollup>(RollupTables.DailyFeedbackRollups);

/// <summary>Table names, shared by the model and the raw upserts.</summary>
public static class RollupTables
{
    public const string HourlyRequests = "request_rollups_hourly";
    public const string DailyRequests = "request_rollups_daily";
    public const string HourlyActiveUsers = "active_users_hourly";
    public const string DailyActiveUsers = "active_users_daily";
    public const string HourlySessions = "session_rollups_hourly";
    public const string DailySessions = "session_rollups_daily";
    public const string HourlyCubes = "request_cubes_hourly";
    public const string DailyCubes = "request_cubes_daily";
    public const string HourlyFacets = "request_facets_hourly";
    public const string DailyFacets = "request_facets_daily";
    public const string HourlyPairs = "request_pairs_hourly";
    public const string DailyPairs = "request_pairs_daily";
    public const string HourlyFeedback = "feedback_cubes_hourly";
    public const string DailyFeedback = "feedback_cubes_daily";
    public const string HourlyFeedbackRollups = "feedback_rollups_hourly";
    public const string DailyFeedbackRollups = "feedback_rollups_daily";
}
