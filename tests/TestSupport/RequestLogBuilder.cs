using CleanDashboard.Domain.Entities;

namespace CleanDashboard.TestSupport;

/// <summary>
/// The one way tests make a <see cref="RequestLog"/>: a successful <c>POST /v1/chat/completions</c> at a given instant,
/// changed only where a test cares, so each row states just what it is about.
/// </summary>
public sealed class RequestLogBuilder
{
    public const string ChatCompletions = "/v1/chat/completions";

    private readonly RequestLog _log;

    private RequestLogBuilder(DateTime at) =>
        _log = new RequestLog { CreatedAt = at, Endpoint = ChatCompletions, Method = "POST", StatusCode = 200 };

    /// <summary>A successful chat completion at <paramref name="at"/>; no model, latency, tokens, cost, country or owner yet.</summary>
    public static RequestLogBuilder ChatAt(DateTime at) => new(at);

    public RequestLogBuilder Endpoint(string endpoint, string method = "POST") => Set(r => (r.Endpoint, r.Method) = (endpoint, method));

    public RequestLogBuilder Status(int statusCode) => Set(r => r.StatusCode = statusCode);

    public RequestLogBuilder Latency(double milliseconds, double? ttftMilliseconds = null) => Set(r => (r.LatencyMs, r.TtftMs) = (milliseconds, ttftMilliseconds));

    public RequestLogBuilder Model(string model) => Set(r => r.ModelName = model);

    /// <summary>Prompt and completion tokens, and their sum as the total (null when both are).</summary>
    public RequestLogBuilder Tokens(int? prompt, int? completion) =>
        Set(r => (r.PromptTokens, r.CompletionTokens, r.TotalTokens) = (prompt, completion, prompt is null && completion is null ? null : (prompt ?? 0) + (completion ?? 0)));

    /// <summary>Only a total, as an upstream that does not split its usage reports it.</summary>
    public RequestLogBuilder TotalTokens(int? total) => Set(r => r.TotalTokens = total);

    public RequestLogBuilder Cost(decimal? costUsd) => Set(r => r.CostUsd = costUsd);

    public RequestLogBuilder Country(string countryCode) => Set(r => r.CountryCode = countryCode);

    public RequestLogBuilder Ip(string? ipAddress) => Set(r => r.IpAddress = ipAddress);

    /// <summary>Owned by a user not yet saved (the row and the user are added together).</summary>
    public RequestLogBuilder User(User? user) => Set(r => r.User = user);

    public RequestLogBuilder UserId(int? userId) => Set(r => r.UserId = userId);

    public RequestLogBuilder ApiKeyId(int? apiKeyId) => Set(r => r.ApiKeyId = apiKeyId);

    public RequestLog Build() => _log;

    private RequestLogBuilder Set(Action<RequestLog> change)
    {
        change(_log);
        return this;
    }
}
