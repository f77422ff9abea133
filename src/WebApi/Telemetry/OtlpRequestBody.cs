using System.IO.Compression;
using CleanDashboard.Application.Telemetry.Ingestion;
using Microsoft.Net.Http.Headers;

namespace CleanDashboard.WebApi.Telemetry;

/// <summary>Reads an OTLP/HTTP body: its encoding from the Content-Type, gunzipped when sent so, at most the configured size both before and after.</summary>
public static class OtlpRequestBody
{
    public static TraceEncoding? Encoding(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/x-protobuf" or "application/protobuf" => TraceEncoding.Protobuf,
            "application/json" => TraceEncoding.Json,
            _ => null,
        } : null;

    /// <summary>The body, or why it cannot be read: <see cref="OtlpBodyException"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw OtlpBodyException.TooLarge(limit);
        }

        var contentEncoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        var raw = await ReadLimitedAsync(request.Body, limit, cancellationToken);
        switch (contentEncoding)
        {
            case "" or "identity":
                return raw;
            case "gzip":
                try
                {
                    await using var gunzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
                    return await ReadLimitedAsync(gunzip, limit, cancellationToken);
                }
                catch (InvalidDataException)
                {
                    throw OtlpBodyException.Invalid("The body is marked 'Content-Encoding: gzip' but is not valid gzip.");
                }

            default:
                throw OtlpBodyException.Unsupported($"Content-Encoding '{contentEncoding}' is not supported: send gzip or no encoding.");
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream source, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw OtlpBodyException.TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>A body that cannot be taken, with the status to answer.</summary>
public sealed class OtlpBodyException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static OtlpBodyException TooLarge(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The export is larger than {limit} bytes (before or after gzip); send smaller batches.");

    public static OtlpBodyException Invalid(string message) => new(StatusCodes.Status400BadRequest, message);

    public static OtlpBodyException Unsupported(string message) => new(StatusCodes.Status415UnsupportedMediaType, message);
}
