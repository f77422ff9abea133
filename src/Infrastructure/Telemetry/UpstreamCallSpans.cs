using System.Diagnostics;
using System.Globalization;
using CleanDashboard.Application.Telemetry.Metrics;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Infrastructure.Telemetry;

/// <summary>
/// One OpenTelemetry GenAI CLIENT span per upstream call the gateway made, named <c>{operation} {model}</c>, timed as
/// the request log is, with the <c>gen_ai.*</c> attributes of the call (models, tokens, finish reasons, <c>server.address</c>,
/// <c>error.type</c>). Never message content. Costs nothing while no exporter listens.
/// </summary>
internal sealed class UpstreamCallSpans : IDisposable
{
    private readonly ActivitySource _source = new(TelemetryNames.ActivitySource);

    public void Record(TrackedRequest entry)
    {
        if (entry.Source != RequestSources.Gateway || entry.Upstream is null || entry.ModelName.Length == 0 || !_source.HasListeners())
        {
            return;
        }

        var operation = GenAiOperations.FromEndpoint(entry.Endpoint);
        var start = new DateTimeOffset(DateTime.SpecifyKind(entry.CreatedAt, DateTimeKind.Utc));
        var tags = new List<KeyValuePair<string, object?>>
        {
            new("gen_ai.operation.name", operation),
            new("gen_ai.provider.name", entry.Provider ?? entry.Upstream),
            new("gen_ai.request.model", entry.ModelName),
            new("gen_ai.response.model", entry.ModelName),
            new("cleandashboard.upstream", entry.Upstream),
        };
        Add(tags, "gen_ai.usage.input_tokens", entry.PromptTokens);
        Add(tags, "gen_ai.usage.output_tokens", entry.CompletionTokens);
        Add(tags, "gen_ai.usage.cache_read.input_tokens", entry.CachedInputTokens);
        Add(tags, "gen_ai.usage.cache_creation.input_tokens", entry.CacheCreationTokens);
        Add(tags, "gen_ai.usage.reasoning.output_tokens", entry.ReasoningTokens);
        if (entry.FinishReasons is { Count: > 0 } reasons)
        {
            tags.Add(new("gen_ai.response.finish_reasons", reasons.ToArray()));
        }

        if (ServerAddress(entry.Provider) is { } host)
        {
            tags.Add(new("server.address", host));
        }

        if (entry.StatusCode >= 400)
        {
            tags.Add(new("error.type", entry.StatusCode.ToString(CultureInfo.InvariantCulture)));
        }

        // The server's own request activity is not exported (no ASP.NET Core instrumentation): the span continues the caller's
        // trace when the request brought a traceparent, and starts one otherwise, instead of hanging off an unsampled parent.
        var ambient = Activity.Current;
        Activity.Current = null;
        try
        {
            using var activity = _source.StartActivity($"{operation} {entry.ModelName}", ActivityKind.Client, CallerContext(ambient), tags, startTime: start);
            if (activity is null)
            {
                return;
            }

            if (entry.StatusCode >= 400)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }

            activity.SetEndTime(start.AddMilliseconds(entry.LatencyMs).UtcDateTime);
        }
        finally
        {
            Activity.Current = ambient;
        }
    }

    private static ActivityContext CallerContext(Activity? request) =>
        request is { HasRemoteParent: true, ParentId: { } parent } && ActivityContext.TryParse(parent, request.TraceStateString, isRemote: true, out var caller)
            ? caller
            : default;

    public void Dispose() => _source.Dispose();

    private static void Add(List<KeyValuePair<string, object?>> tags, string name, int? value)
    {
        if (value is { } count)
        {
            tags.Add(new(name, (long)count));
        }
    }

    /// <summary>The host of the upstream's API root, when the provider is given as one.</summary>
    private static string? ServerAddress(string? provider) =>
        Uri.TryCreate(provider, UriKind.Absolute, out var root) && root.Scheme.StartsWith("http", StringComparison.Ordinal) ? root.Host : null;
}
