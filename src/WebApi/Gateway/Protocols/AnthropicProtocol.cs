using System.Globalization;
using System.Text.Json;
using CleanDashboard.Application.Gateway;

namespace CleanDashboard.WebApi.Gateway.Protocols;

/// <summary>
/// Anthropic's Messages API: routes under <c>/v1/messages</c>, the key in <c>x-api-key</c> (or <c>Authorization: Bearer</c>),
/// errors <c>{"type":"error","error":{"type","message"}}</c>; an upstream of kind <c>anthropic</c> gets its own
/// <c>x-api-key</c> and an <c>anthropic-version</c>.
/// </summary>
public sealed class AnthropicProtocol(TimeProvider timeProvider) : GatewayProtocol
{
    public const string ApiKeyHeader = "x-api-key";
    public const string VersionHeader = "anthropic-version";

    /// <summary>Sent to an Anthropic upstream when the client named no version; the one version Anthropic's API has.</summary>
    public const string DefaultVersion = "2023-06-01";

    private static readonly byte[] ErrorEventPrefix = "event: error\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private readonly AnthropicDemoResponder _demo = new(timeProvider);

    public override UpstreamKind Kind => UpstreamKind.Anthropic;

    public override string ConfigName => "anthropic";

    public override IReadOnlyList<string> PathPrefixes { get; } = ["/v1/messages"];

    public override string KeyHint => "'x-api-key: <key>' or 'Authorization: Bearer <key>'";

    public override string ModelListPath => "models";

    public override string? UpstreamPath(GatewayOperation operation) => operation switch
    {
        GatewayOperation.AnthropicMessages => "messages",
        GatewayOperation.AnthropicCountTokens => "messages/count_tokens",
        _ => null,
    };

    public override string? ClientKey(HttpRequest request) =>
        request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } key ? key.Trim() : BearerToken(request);

    /// <summary>The upstream's key as Anthropic expects it; the client's <c>anthropic-version</c> passes through, else the default.</summary>
    public override void AuthenticateUpstream(HttpRequestMessage request, Upstream upstream)
    {
        request.Headers.Authorization = null;
        if (upstream.ApiKey is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, upstream.ApiKey);
        }

        if (!request.Headers.Contains(VersionHeader))
        {
            request.Headers.TryAddWithoutValidation(VersionHeader, DefaultVersion);
        }
    }

    public override IReadOnlyList<ListedModel> ParseModelList(JsonElement root, Upstream upstream) =>
        root.GetProperty("data").EnumerateArray()
            .Select(m => new ListedModel(
                m.GetProperty("id").GetString()!,
                upstream.Name,
                m.TryGetProperty("created_at", out var created) && created.ValueKind == JsonValueKind.String
                    && DateTimeOffset.TryParse(created.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
                null))
            .ToList();

    public override byte[] ErrorBody(GatewayError error) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", ErrorType(error.Status));
        w.WriteString("message", error.Message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary><c>event: error</c> with the error document: what Anthropic's SDKs raise mid-stream.</summary>
    public override byte[] StreamErrorEvent(GatewayError error, GatewayOperation operation) => [.. ErrorEventPrefix, .. ErrorBody(error), .. EventEnd];

    public override Task AnswerDemoAsync(HttpContext context, GatewayRequest request, GatewayOperation operation, bool includeStreamUsage, CancellationToken cancellationToken) =>
        _demo.AnswerAsync(context, request, operation, cancellationToken);

    /// <summary>Anthropic's error types, by status.</summary>
    private static string ErrorType(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status404NotFound => "not_found_error",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        StatusCodes.Status504GatewayTimeout => "timeout_error",
        529 => "overloaded_error",
        >= StatusCodes.Status500InternalServerError => "api_error",
        _ => "invalid_request_error",
    };
}
