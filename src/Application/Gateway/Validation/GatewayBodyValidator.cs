namespace CleanDashboard.Application.Gateway.Validation;

/// <summary>Checks a request for the built-in demo model as the server of its protocol would; upstreams check their own.</summary>
public static class GatewayBodyValidator
{
    /// <exception cref="InvalidGatewayRequestException">A field the demo model reads is missing, of the wrong type or out of range.</exception>
    public static void Validate(GatewayRequest request, GatewayOperation operation)
    {
        if (operation.SpeaksOllama())
        {
            OllamaBodyValidator.Validate(request.Body, operation);
        }
        else
        {
            OpenAIBodyValidator.Validate(request.Body, operation);
        }
    }
}
