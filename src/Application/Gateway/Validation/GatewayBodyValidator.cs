namespace CleanDashboard.Application.Gateway.Validation;

/// <summary>Checks a request for the built-in demo model as the server of its protocol would; upstreams check their own.</summary>
public static class GatewayBodyValidator
{
    /// <exception cref="InvalidGatewayRequestException">A field the demo model reads is missing, of the wrong type or out of range.</exception>
    public static void Validate(GatewayRequest request, GatewayOperation operation)
    {
        switch (operation.Api())
        {
            case UpstreamKind.OpenAI:
                OpenAIBodyValidator.Validate(request.Body, operation);
                break;
            case UpstreamKind.Ollama:
                OllamaBodyValidator.Validate(request.Body, operation);
                break;
            case UpstreamKind.Anthropic:
                AnthropicBodyValidator.Validate(request.Body, operation);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "No validator for this API.");
        }
    }
}
