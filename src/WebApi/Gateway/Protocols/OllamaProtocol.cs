using System.Net.Http.Headers;
using System.Text.Json;
using CleanDashboard.Application.Gateway;

namespace CleanDashboard.WebApi.Gateway.Protocols;

/// <summary>
/// The Ollama API: routes under <c>/ollama/</c> (so its <c>/api/…</c> never meets CleanDashboard's own <c>/api/</c>),
/// errors <c>{"error":"message"}</c>, NDJSON streams. An Ollama upstream also serves the OpenAI API under <c>/v1</c>.
/// </summary>
public sealed class OllamaProtocol(TimeProvider timeProvider) : GatewayProtocol
{
    private static readonly byte[] LineEnd = "\n"u8.ToArray();
    private readonly OllamaDemoResponder _demo = new(timeProvider);

    public override UpstreamKind Kind => UpstreamKind.Ollama;

    public override string ConfigName => "ollama";

    public override IReadOnlyList<string> PathPrefixes { get; } = ["/ollama/"];

    public override string ModelListPath => "api/tags";

    /// <summary>What <c>/ollama/api/version</c> reports: the Ollama API version whose routes the gateway serves, for clients that check features by version.</summary>
    public const string CompatibleVersion = "0.12.0";

    public override string? UpstreamPath(GatewayOperation operation) => operation switch
    {
        GatewayOperation.ChatCompletions => "v1/chat/completions",
        GatewayOperation.Completions => "v1/completions",
        GatewayOperation.Embeddings => "v1/embeddings",
        GatewayOperation.Responses => "v1/responses",
        GatewayOperation.OllamaChat => "api/chat",
        GatewayOperation.OllamaGenerate => "api/generate",
        GatewayOperation.OllamaEmbed => "api/embed",
        GatewayOperation.OllamaLegacyEmbeddings => "api/embeddings",
        GatewayOperation.OllamaShow => "api/show",
        _ => null,
    };

    public override void AuthenticateUpstream(HttpRequestMessage request, Upstream upstream) =>
        request.Headers.Authorization = upstream.ApiKey is null ? null : new AuthenticationHeaderValue("Bearer", upstream.ApiKey);

    public override IReadOnlyList<ListedModel> ParseModelList(JsonElement root, Upstream upstream) =>
        root.GetProperty("models").EnumerateArray()
            .Select(m => new ListedModel(
                (m.TryGetProperty("name", out var name) ? name : m.GetProperty("model")).GetString()!,
                upstream.Name,
                m.TryGetProperty("modified_at", out var modified) && modified.TryGetDateTimeOffset(out var at) ? at : null,
                m.Clone()))
            .ToList();

    public override byte[] ErrorBody(GatewayError error) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("error", error.Message);
        w.WriteEndObject();
    });

    /// <summary>An <c>{"error":"..."}</c> line: what the Ollama clients raise mid-stream.</summary>
    public override byte[] StreamErrorEvent(GatewayError error, GatewayOperation operation) => [.. ErrorBody(error), .. LineEnd];

    public override Task AnswerDemoAsync(HttpContext context, GatewayRequest request, GatewayOperation operation, bool includeStreamUsage, CancellationToken cancellationToken) =>
        _demo.AnswerAsync(context, request, operation, cancellationToken);
}
