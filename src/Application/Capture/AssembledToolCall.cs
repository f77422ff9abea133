using System.Text;

namespace CleanDashboard.Application.Capture;

/// <summary>A tool call of a streamed answer, put together from its pieces.</summary>
public sealed class AssembledToolCall
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public StringBuilder Arguments { get; } = new();
}
