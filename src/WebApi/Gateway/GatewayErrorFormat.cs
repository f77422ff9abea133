using CleanDashboard.Application.Gateway;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>Endpoint metadata: the wire format the route's clients expect errors in, instead of a problem document.</summary>
public sealed class GatewayErrorFormat
{
    public static readonly GatewayErrorFormat OpenAI = new();

    public static readonly GatewayErrorFormat Ollama = new();

    private GatewayErrorFormat()
    {
    }

    public static GatewayErrorFormat For(GatewayOperation operation) => operation.SpeaksOllama() ? Ollama : OpenAI;
}
