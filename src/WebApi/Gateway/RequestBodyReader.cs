using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>Reads a request body into memory, refusing (413) one larger than the limit without reading more than the limit.</summary>
internal static class RequestBodyReader
{
    private const int ReadChunkBytes = 16 * 1024;

    /// <exception cref="BadHttpRequestException">413 when the body is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<ArraySegment<byte>> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        // The gateway's own limit replaces the server's, which could otherwise be the smaller one.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = null;
        }

        using var body = new MemoryStream(request.ContentLength is { } length ? (int)length : ReadChunkBytes);
        var chunk = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new ArraySegment<byte>(body.GetBuffer(), 0, (int)body.Length);
    }

    private static BadHttpRequestException TooLarge(long maxBytes) =>
        new($"The request body is larger than Gateway:MaxRequestBytes ({maxBytes} bytes).", StatusCodes.Status413PayloadTooLarge);
}
