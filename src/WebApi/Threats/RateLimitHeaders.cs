using System.Globalization;

namespace CleanDashboard.WebApi.Threats;

/// <summary>
/// The headers clients back off by on a 429: <c>retry-after</c> (seconds) and OpenAI's <c>x-ratelimit-*</c> for requests,
/// which the OpenAI, Anthropic and Ollama SDKs and LangChain read.
/// </summary>
internal static class RateLimitHeaders
{
    public static void Write(HttpResponse response, int retryAfterSeconds, int limit)
    {
        var seconds = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.RetryAfter = seconds;
        response.Headers["x-ratelimit-limit-requests"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining-requests"] = "0";
        response.Headers["x-ratelimit-reset-requests"] = seconds + "s";
    }
}
