namespace CleanDashboard.Domain.Entities;

/// <summary>The values of <see cref="RequestLog.Source"/>.</summary>
public static class RequestSources
{
    /// <summary>Tracked by our own middleware: gateway calls and every other tracked route.</summary>
    public const string Gateway = "gateway";

    /// <summary>A GenAI span an application exported to <c>POST /v1/traces</c>.</summary>
    public const string Otlp = "otlp";

    public static readonly IReadOnlyList<string> All = [Gateway, Otlp];
}
