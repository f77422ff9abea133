namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>
/// The request logs of one time bucket and one combination of the filter dimensions, summed exactly with their
/// latency sketches: a filter is a WHERE on these columns, a breakdown a GROUP BY of another one (docs/decisions/075).
/// A request without a user or key counts under 0; the model is empty for a request without one.
/// </summary>
public abstract class RequestCube : RequestSums
{
    public DateTime BucketStart { get; set; }

    public string ModelName { get; set; } = string.Empty;

    public int UserId { get; set; }

    public int ApiKeyId { get; set; }

    public string Endpoint { get; set; } = string.Empty;

    /// <summary>The requests' <see cref="RequestLog.Source"/>.</summary>
    public string Source { get; set; } = RequestSources.Gateway;
}

/// <summary>A <see cref="RequestCube"/> of one UTC hour.</summary>
public sealed class HourlyRequestCube : RequestCube;

/// <summary>A <see cref="RequestCube"/> of one UTC day.</summary>
public sealed class DailyRequestCube : RequestCube;

/// <summary>
/// Request counts of one time bucket and one combination of the filter dimensions per country, and per error status
/// (400 and above): what the country and error breakdowns need under a filter, without multiplying the cube's rows.
/// </summary>
public abstract class RequestFacet
{
    public DateTime BucketStart { get; set; }

    public string ModelName { get; set; } = string.Empty;

    public int UserId { get; set; }

    public int ApiKeyId { get; set; }

    public string Endpoint { get; set; } = string.Empty;

    /// <summary>The requests' <see cref="RequestLog.Source"/>.</summary>
    public string Source { get; set; } = RequestSources.Gateway;

    /// <summary><see cref="Enums.RollupDimension.Country"/> or <see cref="Enums.RollupDimension.Status"/>.</summary>
    public Enums.RollupDimension Facet { get; set; }

    public string Key { get; set; } = string.Empty;

    public long Requests { get; set; }
}

/// <summary>A <see cref="RequestFacet"/> of one UTC hour.</summary>
public sealed class HourlyRequestFacet : RequestFacet;

/// <summary>A <see cref="RequestFacet"/> of one UTC day.</summary>
public sealed class DailyRequestFacet : RequestFacet;
