namespace CleanDashboard.Infrastructure.DemoData;

/// <summary>Configuration section <c>Demo</c>; <c>--demo</c> sets <c>Demo:Enabled</c>.</summary>
public sealed class DemoModeOptions
{
    public const string Section = "Demo";

    public const string EnabledKey = Section + ":" + nameof(Enabled);

    public bool Enabled { get; set; }
}
