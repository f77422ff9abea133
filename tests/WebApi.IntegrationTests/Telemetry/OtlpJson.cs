using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary>OTLP/HTTP JSON exports written by hand, as the JavaScript and Python exporters send them.</summary>
internal static class OtlpJson
{
    /// <summary>2024-03-01T08:37:12Z, two hours before the test factory's clock.</summary>
    public const long StartNanos = 1_709_282_232_000_000_000;

    public static string Export(params string[] spans) =>
        $$$"""{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"js-app"}}]},"scopeSpans":[{"scope":{"name":"openllmetry"},"spans":[{{{string.Join(",", spans)}}}]}]}]}""";

    public static string Span(int index, long durationNanos, params string[] attributes) =>
        $$$"""
        {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b17{{{index}}}","name":"chat","kind":3,
         "startTimeUnixNano":"{{{StartNanos}}}","endTimeUnixNano":"{{{StartNanos + durationNanos}}}",
         "attributes":[{{{string.Join(",", attributes)}}}],"status":{},"futureField":{"ignored":true}}
        """;

    public static string Text(string key, string value) => $$$"""{"key":"{{{key}}}","value":{"stringValue":"{{{value}}}"}}""";

    public static string Int(string key, long value) => $$$"""{"key":"{{{key}}}","value":{"intValue":"{{{value}}}"}}""";

    public static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    public static Task<HttpResponseMessage> PostTracesAsync(this HttpClient client, byte[] body, string contentType, bool gzip = false)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return client.PostAsync("/v1/traces", content);
    }
}
