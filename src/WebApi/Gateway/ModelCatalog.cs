using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Gateway.DemoModel;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.WebApi.Gateway.Failover;
using CleanDashboard.WebApi.Gateway.Protocols;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>
/// The models a client can ask the gateway for: the demo model, then what each upstream lists (at its protocol's model
/// list path), keeping only names that would actually be routed to that upstream, each name once (a model of a model
/// route is listed by each of its upstreams). An upstream that cannot be asked contributes its patterns that have no
/// wildcard. The upstreams are asked at most once per Gateway:ModelListCacheDuration, by one caller at a time.
/// </summary>
public sealed class ModelCatalog(
    UpstreamRouter router,
    GatewayProtocols protocols,
    UpstreamHttpClient upstreamClient,
    ApplicationInfo application,
    IOptions<GatewayOptions> options,
    [FromKeyedServices(UpstreamCircuits.TimeProviderKey)] TimeProvider clock,
    ILogger<ModelCatalog> logger) : IDisposable
{
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CollectedModels? _collected;

    public void Dispose() => _refresh.Dispose();

    /// <summary><c>GET /v1/models</c>: an OpenAI model list.</summary>
    public async Task<FileContentHttpResult> ListOpenAIModelsAsync(CancellationToken cancellationToken)
    {
        var models = await CollectAsync(ollamaRoutesOnly: false, cancellationToken);
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var model in models)
            {
                WriteOpenAIModel(w, model);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary><c>GET /v1/models/{id}</c>: one model of the OpenAI list (case is ignored), or 404 <c>model_not_found</c> in OpenAI's shape.</summary>
    public async Task<IResult> FindOpenAIModelAsync(string id, CancellationToken cancellationToken)
    {
        var models = await CollectAsync(ollamaRoutesOnly: false, cancellationToken);
        if (models.FirstOrDefault(m => string.Equals(m.Name, id, StringComparison.OrdinalIgnoreCase)) is not { } model)
        {
            return new GatewayErrorResult(protocols.For(UpstreamKind.OpenAI), new GatewayError(
                StatusCodes.Status404NotFound, $"The model '{id}' does not exist or is not served by this gateway (GET /v1/models lists them).", "model", "model_not_found"));
        }

        return Json(w => WriteOpenAIModel(w, model));
    }

    /// <summary><c>GET /ollama/api/tags</c>: an Ollama model list of what the Ollama routes can serve.</summary>
    public async Task<FileContentHttpResult> ListOllamaModelsAsync(CancellationToken cancellationToken)
    {
        var models = await CollectAsync(ollamaRoutesOnly: true, cancellationToken);
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("models");
            foreach (var model in models)
            {
                if (model.OllamaEntry is { } entry)
                {
                    entry.WriteTo(w);
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("name", model.Name);
                w.WriteString("model", model.Name);
                w.WriteString("modified_at", (model.Created ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteNumber("size", 0);
                w.WriteString("digest", string.Empty);
                w.WriteStartObject("details");
                w.WriteString("format", model.Owner);
                w.WriteString("family", model.Owner);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteOpenAIModel(Utf8JsonWriter w, ListedModel model)
    {
        w.WriteStartObject();
        w.WriteString("id", model.Name);
        w.WriteString("object", "model");
        w.WriteNumber("created", model.Created?.ToUnixTimeSeconds() ?? 0);
        w.WriteString("owned_by", model.Owner);
        w.WriteEndObject();
    }

    private async Task<List<ListedModel>> CollectAsync(bool ollamaRoutesOnly, CancellationToken cancellationToken)
    {
        var listed = await UpstreamModelsAsync(cancellationToken);
        var models = new List<ListedModel>();
        if (router.DemoModelEnabled)
        {
            models.Add(new ListedModel(DemoEcho.ModelName, UpstreamRouter.DemoUpstreamName, application.StartedAt, null));
        }

        var seen = new HashSet<string>(models.Select(m => m.Name), StringComparer.OrdinalIgnoreCase);
        models.AddRange(listed
            .Where(u => !ollamaRoutesOnly || protocols.For(u.Upstream.Kind).UpstreamPath(GatewayOperation.OllamaChat) is not null)
            .SelectMany(u => u.Models)
            .Where(m => seen.Add(m.Name)));
        return models;
    }

    /// <summary>What every upstream listed, from the cache while it is fresh.</summary>
    private async Task<IReadOnlyList<(Upstream Upstream, List<ListedModel> Models)>> UpstreamModelsAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _collected)) is { } cached)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_collected) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            var upstreams = router.Upstreams;
            var listed = await Task.WhenAll(upstreams.Select(u => ListUpstreamAsync(u, cancellationToken)));
            var collected = upstreams.Zip(listed).ToList();
            Volatile.Write(ref _collected, new CollectedModels(collected, clock.GetUtcNow()));
            return collected;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private IReadOnlyList<(Upstream Upstream, List<ListedModel> Models)>? Fresh(CollectedModels? collected) =>
        collected is not null && clock.GetUtcNow() - collected.At < options.Value.ModelListCacheDuration ? collected.Models : null;

    private async Task<List<ListedModel>> ListUpstreamAsync(Upstream upstream, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ListTimeout);
        try
        {
            var protocol = protocols.For(upstream.Kind);
            using var request = new HttpRequestMessage(HttpMethod.Get, UpstreamRouter.Address(upstream, protocol.ModelListPath));
            protocol.AuthenticateUpstream(request, upstream);

            using var response = await upstreamClient.Invoker.SendAsync(request, timeout.Token);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: timeout.Token);
            return protocol.ParseModelList(document.RootElement, upstream).Where(m => router.RoutesTo(m.Name, upstream)).ToList();
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or InvalidOperationException or KeyNotFoundException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Listing the models of upstream {Upstream} failed ({Reason}); listing its configured model names instead", upstream.Name, ex.Message);
            return router.LiteralModelNames(upstream)
                .Select(name => new ListedModel(name, upstream.Name, null, null))
                .ToList();
        }
    }

    private static FileContentHttpResult Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return TypedResults.Bytes(buffer.WrittenSpan.ToArray(), "application/json; charset=utf-8");
    }

    private sealed record CollectedModels(IReadOnlyList<(Upstream Upstream, List<ListedModel> Models)> Models, DateTimeOffset At);
}
