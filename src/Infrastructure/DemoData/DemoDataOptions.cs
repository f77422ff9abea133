namespace CleanDashboard.Infrastructure.DemoData;

/// <summary>Options of <c>populate-dashboard-data</c>.</summary>
public sealed record DemoDataOptions(int Days = 14, int Users = 3, int RequestsPerDay = 2000, bool Clear = false, int Seed = 42);
