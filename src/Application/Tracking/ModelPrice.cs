namespace CleanDashboard.Application.Tracking;

/// <summary>USD per one million input (prompt) and output (completion) tokens.</summary>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion);
