using System.Text;
using System.Text.Json;
using CleanDashboard.Application.Capture.Redaction;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Application.Capture;

/// <summary>Turns the bytes of one request and its answer into a <see cref="CapturedExchange"/>: capped, redacted, compressed.</summary>
public sealed class CaptureBuilder(CaptureOptions options, Redactor redactor)
{
    public int CapBytes => options.MaxBodyBytes;

    /// <param name="requestBody">The first bytes of the request body; <paramref name="requestBytes"/> how long it really was.</param>
    /// <param name="response">The answer as text: a JSON body, or <see cref="AssembledAnswer"/> of a stream.</param>
    public CapturedExchange Build(ReadOnlySpan<byte> requestBody, long requestBytes, string response, bool responseTruncated, string? contentType, string? userAgent)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var request = redactor.Redact(JsonEscapes.UnescapePrintable(Capped(requestBody, requestBytes, out var requestTruncated)), counts);
        var answer = redactor.Redact(JsonEscapes.UnescapePrintable(response), counts);
        return new CapturedExchange
        {
            RequestBody = CaptureCompression.Compress(request),
            ResponseText = CaptureCompression.Compress(answer),
            SearchText = Capture.SearchText.OfExchange(request, answer),
            RequestTruncated = requestTruncated,
            ResponseTruncated = responseTruncated,
            CapBytes = options.MaxBodyBytes,
            Redactions = counts,
            ContentType = redactor.Redact(contentType ?? string.Empty, counts),
            UserAgent = redactor.Redact(userAgent ?? string.Empty, counts),
        };
    }

    /// <summary>A JSON answer's first bytes as text, cut to the cap.</summary>
    public string ResponseBody(ReadOnlySpan<byte> body, long totalBytes, out bool truncated) => Capped(body, totalBytes, out truncated);

    /// <summary>A streamed answer as one document: its text, its tool calls and its final usage.</summary>
    public static string AssembledAnswer(StreamAnswerAssembler assembler, TokenUsage usage)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", assembler.Text);
            json.WriteStartArray("toolCalls");
            foreach (var call in assembler.ToolCalls)
            {
                json.WriteStartObject();
                json.WriteString("id", call.Id);
                json.WriteString("name", call.Name);
                json.WriteString("arguments", call.Arguments.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (usage.HasTokens)
            {
                json.WriteStartObject("usage");
                WriteNumber(json, "promptTokens", usage.PromptTokens);
                WriteNumber(json, "completionTokens", usage.CompletionTokens);
                WriteNumber(json, "totalTokens", usage.TotalTokens);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("usage");
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private string Capped(ReadOnlySpan<byte> body, long totalBytes, out bool truncated)
    {
        var cap = options.MaxBodyBytes;
        var kept = body.Length > cap ? body[..cap] : body;
        truncated = totalBytes > kept.Length;
        return Encoding.UTF8.GetString(kept);
    }
}
