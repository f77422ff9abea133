using System.Text.Json;
using CleanDashboard.Application.Gateway;

namespace CleanDashboard.WebApi.Gateway.Protocols;

/// <summary>
/// One API the gateway speaks, in one place: to clients, the path prefixes of its routes (tracked, rate-limited and
/// scanned), where their key is sent, its error shapes and the demo model's answers; to upstreams of its kind, the path
/// of each operation, their authentication and their model list. docs/gateway.md says how to add one.
/// </summary>
public abstract class GatewayProtocol
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The upstream kind that speaks this API natively, and the API of the routes this protocol serves.</summary>
    public abstract UpstreamKind Kind { get; }

    /// <summary>The value of <c>Gateway:Upstreams:N:Kind</c> that names this API (<c>openai</c>, <c>ollama</c>, …).</summary>
    public abstract string ConfigName { get; }

    /// <summary>The path prefixes of this API's routes, whole segments (<c>/v1/</c>); the longest matching prefix picks the protocol of a path.</summary>
    public abstract IReadOnlyList<string> PathPrefixes { get; }

    /// <summary>How the routes' clients send their CleanDashboard key, for the 401 message.</summary>
    public virtual string KeyHint => "'Authorization: Bearer <key>'";

    /// <summary>The path, relative to the base URL of an upstream of this kind, that serves the operation; null when it cannot.</summary>
    public abstract string? UpstreamPath(GatewayOperation operation);

    /// <summary>The path, relative to the base URL of an upstream of this kind, that lists its models.</summary>
    public abstract string ModelListPath { get; }

    /// <summary>The client's CleanDashboard key as this API's SDKs send it, or null.</summary>
    public virtual string? ClientKey(HttpRequest request) => BearerToken(request);

    /// <summary>Puts the upstream's own credentials on a request to it; the client's key has already been removed.</summary>
    public abstract void AuthenticateUpstream(HttpRequestMessage request, Upstream upstream);

    /// <summary>The models an upstream of this kind listed at <see cref="ModelListPath"/>.</summary>
    /// <exception cref="KeyNotFoundException">The document is not this API's model list.</exception>
    public abstract IReadOnlyList<ListedModel> ParseModelList(JsonElement root, Upstream upstream);

    /// <summary>True when the gateway should ask the upstream for a stream's usage the client did not ask for (OpenAI's <c>stream_options</c>).</summary>
    public virtual bool InjectsStreamUsage(GatewayRequest request, GatewayOperation operation) => false;

    /// <summary>An error answer's body in this API's shape.</summary>
    public abstract byte[] ErrorBody(GatewayError error);

    /// <summary>The last event of a stream of the operation that has already started and ends with an error, in this API's stream format.</summary>
    public abstract byte[] StreamErrorEvent(GatewayError error, GatewayOperation operation);

    /// <summary>Answers a request for the built-in demo model as a server of this API would.</summary>
    public abstract Task AnswerDemoAsync(HttpContext context, GatewayRequest request, GatewayOperation operation, bool includeStreamUsage, CancellationToken cancellationToken);

    public static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        return !string.IsNullOrEmpty(header) && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? header[BearerPrefix.Length..].Trim()
            : null;
    }

    /// <summary>Serializes one JSON document.</summary>
    protected static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    protected static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

/// <summary>One model of a model list: its name, who serves it, when it was made, and (Ollama) the upstream's own entry.</summary>
/// <param name="OllamaEntry">The upstream's own entry of an Ollama list, passed on unchanged.</param>
public sealed record ListedModel(string Name, string Owner, DateTimeOffset? Created, JsonElement? OllamaEntry);
