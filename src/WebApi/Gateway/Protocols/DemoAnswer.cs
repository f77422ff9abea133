using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CleanDashboard.WebApi.Gateway.Protocols;

/// <summary>One answer of the demo model being written: its id and timestamp, a reusable buffer for its JSON, and the framing of each wire format.</summary>
internal sealed class DemoAnswer(HttpResponse response, DateTimeOffset now)
{
    private static readonly byte[] EventPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\n"u8.ToArray();
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public DateTimeOffset Now => now;

    public long Created => now.ToUnixTimeSeconds();

    public string CreatedAt => now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public HttpResponse Response => response;

    public async Task WriteJsonAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var json = Serialize(write);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, cancellationToken);
    }

    public void StartStream(string contentType)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
    }

    /// <summary>A server-sent event, flushed on its own: <c>event: name</c> when named (Responses API, Anthropic), then <c>data: {json}</c>.</summary>
    public async Task SendEventAsync(string? name, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        if (name is not null)
        {
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes("event: " + name + "\n"), cancellationToken);
        }

        var json = Serialize(write);
        await response.Body.WriteAsync(EventPrefix, cancellationToken);
        await response.Body.WriteAsync(json, cancellationToken);
        await response.Body.WriteAsync(EventEnd, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    public async Task SendRawAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>One NDJSON line, flushed on its own.</summary>
    public async Task SendLineAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var json = Serialize(write);
        await response.Body.WriteAsync(json, cancellationToken);
        await response.Body.WriteAsync(LineEnd, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>An embedding as a JSON array of numbers, named or (inside an array) not.</summary>
    public static void WriteVector(Utf8JsonWriter w, string? name, float[] vector)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var value in vector)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }

    private ReadOnlyMemory<byte> Serialize(Action<Utf8JsonWriter> write)
    {
        _buffer.Clear();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            write(writer);
        }

        return _buffer.WrittenMemory;
    }
}
