using System.Text.Json;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>
/// Writes an error the way the route's protocol does: OpenAI's <c>{"error":{"message","type","param","code"}}</c>
/// or Ollama's <c>{"error":"message"}</c>, so the official clients surface the message instead of failing to parse.
/// </summary>
internal static class GatewayErrorWriter
{
    public static Task WriteAsync(HttpResponse response, GatewayErrorFormat format, GatewayError error, CancellationToken cancellationToken)
    {
        var json = Serialize(format, error);
        response.StatusCode = error.Status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, cancellationToken).AsTask();
    }

    /// <summary>
    /// Ends a stream that has already started with the error as its last event: <c>data: {"error":{...}}</c> for OpenAI
    /// event streams, an <c>{"error":"..."}</c> line for Ollama NDJSON — what the official clients raise as an error.
    /// </summary>
    public static async Task WriteStreamEventAsync(HttpResponse response, GatewayErrorFormat format, GatewayError error, CancellationToken cancellationToken)
    {
        var json = Serialize(format, error);
        var ollama = format == GatewayErrorFormat.Ollama;
        if (!ollama)
        {
            await response.Body.WriteAsync("data: "u8.ToArray(), cancellationToken);
        }

        await response.Body.WriteAsync(json, cancellationToken);
        await response.Body.WriteAsync(ollama ? "\n"u8.ToArray() : "\n\n"u8.ToArray(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static byte[] Serialize(GatewayErrorFormat format, GatewayError error)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (format == GatewayErrorFormat.Ollama)
            {
                w.WriteString("error", error.Message);
            }
            else
            {
                w.WriteStartObject("error");
                w.WriteString("message", error.Message);
                w.WriteString("type", error.Status >= StatusCodes.Status500InternalServerError ? "server_error" : "invalid_request_error");
                WriteStringOrNull(w, "param", error.Param);
                WriteStringOrNull(w, "code", error.Code);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

/// <summary>An error answer of a gateway route, in its protocol.</summary>
internal sealed class GatewayErrorResult(GatewayErrorFormat format, GatewayError error) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => GatewayErrorWriter.WriteAsync(httpContext.Response, format, error, httpContext.RequestAborted);
}

/// <summary>One error in protocol-neutral terms: status, message, the parameter at fault and OpenAI's code for it.</summary>
internal sealed record GatewayError(int Status, string Message, string? Param, string? Code);
