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

        response.StatusCode = error.Status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.Length;
        return response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).AsTask();
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
