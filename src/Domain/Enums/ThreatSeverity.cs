namespace CleanDashboard.Domain.Enums;

/// <summary>Severity of a security incident, stored as its lower-case name.</summary>
public enum ThreatSeverity
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}
