using System.Text;
using Microsoft.Net.Http.Headers;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>
/// Refuses (415) a body whose Content-Type names a charset that cannot be decoded; the JSON body reader would
/// otherwise throw on it while binding, which is no bad-request exception and would answer 500.
/// </summary>
public sealed class RequestCharsetMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.Charset.HasValue && !IsDecodable(type.Charset.Value!))
        {
            throw new BadHttpRequestException(
                "The Content-Type names a charset that cannot be decoded: send the body as UTF-8 ('application/json; charset=utf-8').",
                StatusCodes.Status415UnsupportedMediaType);
        }

        return next(context);
    }

    private static bool IsDecodable(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
