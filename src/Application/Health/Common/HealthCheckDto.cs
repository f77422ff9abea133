namespace CleanDashboard.Application.Health.Common;

/// <summary>One part's health: a <see cref="HealthStatus"/> value and what it means, in a sentence.</summary>
public sealed record HealthCheckDto(string Status, string? Detail);
