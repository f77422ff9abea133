using System.Diagnostics;
using System.Diagnostics.Metrics;
using CleanDashboard.Application.Tracking;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.Telemetry.Metrics;

/// <summary>
/// The OpenTelemetry GenAI client metrics of every model call we record, gateway and OTLP alike —
/// <c>gen_ai.client.token.usage</c>, <c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.operation.time_to_first_chunk</c> —
/// labelled by operation, provider, model (capped), <c>error.type</c> and our source; and the product's cost counter.
/// </summary>
public sealed class GenAiClientMetrics
{
    private readonly Histogram<long> _tokens;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstChunk;
    private readonly Counter<double> _cost;
    private readonly LabelLimiter _models;
    private readonly LabelLimiter _keys;

    public GenAiClientMetrics(IMeterFactory meters, IOptions<MetricsOptions> options)
    {
        var meter = meters.Create(TelemetryNames.Meter);
        _tokens = meter.CreateHistogram("gen_ai.client.token.usage", "{token}", "Number of input and output tokens used.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });
        _duration = meter.CreateHistogram("gen_ai.client.operation.duration", "s", "GenAI operation duration.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });
        _timeToFirstChunk = meter.CreateHistogram("gen_ai.client.operation.time_to_first_chunk", "s", "Time to receive the first chunk of a streamed answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });
        _cost = meter.CreateCounter<double>("cleandashboard.request.cost", "USD", "Cost of the recorded model calls (priced ones only).");
        _models = new LabelLimiter(options.Value.MaxModels);
        _keys = new LabelLimiter(options.Value.MaxKeys);
    }

    /// <summary>Records one tracked request; requests without a model (feedback, listings) are no GenAI operation.</summary>
    public void Record(TrackedRequest entry)
    {
        if (entry.ModelName.Length == 0)
        {
            return;
        }

        var tags = new TagList
        {
            { "gen_ai.operation.name", GenAiOperations.FromEndpoint(entry.Endpoint) },
            { "gen_ai.provider.name", entry.Provider ?? entry.Upstream ?? "unknown" },
            { "gen_ai.request.model", _models.Limit(entry.ModelName) },
            { "cleandashboard.source", entry.Source },
        };
        if (entry.StatusCode >= 400)
        {
            tags.Add("error.type", entry.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _duration.Record(entry.LatencyMs / 1000, tags);
        if (entry.TtftMs is { } ttft)
        {
            _timeToFirstChunk.Record(ttft / 1000, tags);
        }

        RecordTokens(entry.PromptTokens, "input", tags);
        RecordTokens(entry.CompletionTokens, "output", tags);
        if (entry.CostUsd is { } cost)
        {
            var costTags = tags;
            costTags.Add("cleandashboard.api_key.id", entry.ApiKeyId is { } key ? _keys.Limit(key.ToString(System.Globalization.CultureInfo.InvariantCulture)) : "none");
            _cost.Add((double)cost, costTags);
        }
    }

    private void RecordTokens(int? count, string type, TagList tags)
    {
        if (count is { } tokens)
        {
            tags.Add("gen_ai.token.type", type);
            _tokens.Record(tokens, tags);
        }
    }
}
