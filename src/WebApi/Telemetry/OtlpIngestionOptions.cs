using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.WebApi.Telemetry;

/// <summary>Configuration section <c>Telemetry:Ingestion</c>: OTLP/HTTP trace ingestion on <c>POST /v1/traces</c>.</summary>
public sealed class OtlpIngestionOptions
{
    public const string Section = "Telemetry:Ingestion";

    public const string Path = "/v1/traces";

    /// <summary>The largest export taken, before and after gzip (10 MiB); more is answered 413.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBodyBytes { get; set; } = 10 * 1024 * 1024;
}
