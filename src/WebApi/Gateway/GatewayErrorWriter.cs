using CleanDashboard.Application.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>Writes an error the way the route's protocol does, so the official clients surface the message and code instead of failing to parse.</summary>
internal static class GatewayErrorWriter
{
    public static Task WriteAsync(HttpResponse response, GatewayProtocol protocol, GatewayError error, CancellationToken cancellationToken)
    {
        var json = protocol.ErrorBody(error);
        response.StatusCode = error.Status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, cancellationToken).AsTask();
    }

    /// <summary>Ends a stream that has already started with the error as its last event, in the protocol's stream format.</summary>
    public static async Task WriteStreamEventAsync(HttpResponse response, GatewayProtocol protocol, GatewayOperation operation, GatewayError error, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(protocol.StreamErrorEvent(error, operation), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}

/// <summary>An error answer of a gateway route, in its protocol.</summary>
internal sealed class GatewayErrorResult(GatewayProtocol protocol, GatewayError error) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => GatewayErrorWriter.WriteAsync(httpContext.Response, protocol, error, httpContext.RequestAborted);
}

/// <summary>One error in protocol-neutral terms: status, message, the parameter at fault and OpenAI's code for it.</summary>
public sealed record GatewayError(int Status, string Message, string? Param, string? Code)
{
    /// <summary>OpenAI's error type when the status alone does not say it (<c>insufficient_quota</c>); null: by status.</summary>
    public string? Type { get; init; }
}
