using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Threats.Common;

/// <summary>Severity names as the API shows and accepts them: low, medium, high, critical.</summary>
public static class ThreatSeverities
{
    public static readonly IReadOnlyList<string> Names = Enum.GetValues<ThreatSeverity>().Select(Name).ToArray();

    public static string Name(ThreatSeverity severity) => severity.ToString().ToLowerInvariant();

    public static ThreatSeverity? Parse(string? text) =>
        Names.Contains(text?.Trim().ToLowerInvariant()) ? Enum.Parse<ThreatSeverity>(text!.Trim(), true) : null;
}
