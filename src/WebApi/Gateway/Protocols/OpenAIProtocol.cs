using System.Net.Http.Headers;
using System.Text.Json;
using CleanDashboard.Application.Gateway;

namespace CleanDashboard.WebApi.Gateway.Protocols;

/// <summary>The OpenAI API: routes under <c>/v1/</c>, <c>Authorization: Bearer</c>, errors <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed class OpenAIProtocol(TimeProvider timeProvider) : GatewayProtocol
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] ResponsesErrorEventPrefix = "event: error\ndata: "u8.ToArray();
    private readonly OpenAIDemoResponder _demo = new(timeProvider);

    public override UpstreamKind Kind => UpstreamKind.OpenAI;

    public override string ConfigName => "openai";

    public override IReadOnlyList<string> PathPrefixes { get; } = ["/v1/"];

    public override string ModelListPath => "models";

    public override string? UpstreamPath(GatewayOperation operation) => operation switch
    {
        GatewayOperation.ChatCompletions => "chat/completions",
        GatewayOperation.Completions => "completions",
        GatewayOperation.Embeddings => "embeddings",
        GatewayOperation.Responses => "responses",
        _ => null,
    };

    public override void AuthenticateUpstream(HttpRequestMessage request, Upstream upstream) =>
        request.Headers.Authorization = upstream.ApiKey is null ? null : new AuthenticationHeaderValue("Bearer", upstream.ApiKey);

    public override IReadOnlyList<ListedModel> ParseModelList(JsonElement root, Upstream upstream) =>
        root.GetProperty("data").EnumerateArray()
            .Select(m => new ListedModel(
                m.GetProperty("id").GetString()!,
                upstream.Name,
                m.TryGetProperty("created", out var created) && created.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
                null))
            .ToList();

    /// <summary>Chat and text completions report a stream's usage only when asked (<c>stream_options.include_usage</c>).</summary>
    public override bool InjectsStreamUsage(GatewayRequest request, GatewayOperation operation) =>
        operation is GatewayOperation.ChatCompletions or GatewayOperation.Completions && request.IsStreaming(operation) && !request.AsksForStreamUsage;

    public override byte[] ErrorBody(GatewayError error) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", error.Message);
        w.WriteString("type", error.Type ?? ErrorType(error.Status));
        WriteStringOrNull(w, "param", error.Param);
        WriteStringOrNull(w, "code", error.Code);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>
    /// Chat and completions: <c>data: {"error":{...}}</c>, what the official clients raise mid-stream. The Responses API:
    /// its own <c>error</c> event, <c>{"type":"error","code","message","param"}</c>.
    /// </summary>
    public override byte[] StreamErrorEvent(GatewayError error, GatewayOperation operation) => operation == GatewayOperation.Responses
        ? [.. ResponsesErrorEventPrefix, .. Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "error");
            WriteStringOrNull(w, "code", error.Code);
            w.WriteString("message", error.Message);
            WriteStringOrNull(w, "param", error.Param);
            w.WriteEndObject();
        }), .. EventEnd]
        : [.. DataPrefix, .. ErrorBody(error), .. EventEnd];

    public override Task AnswerDemoAsync(HttpContext context, GatewayRequest request, GatewayOperation operation, bool includeStreamUsage, CancellationToken cancellationToken) =>
        _demo.AnswerAsync(context, request, operation, includeStreamUsage, cancellationToken);

    /// <summary>OpenAI's error types: <c>requests</c> for rate limits, <c>server_error</c> for its own failures, else <c>invalid_request_error</c>.</summary>
    private static string ErrorType(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests => "requests",
        >= StatusCodes.Status500InternalServerError => "server_error",
        _ => "invalid_request_error",
    };
}
