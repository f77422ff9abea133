using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Application.Telemetry.Ingestion;

/// <summary>
/// Turns a GenAI span into the request log the gateway would have written for the same call: its start time and
/// duration, model, tokens, time to first chunk, status (from <c>error.type</c> or the span status), the provider's
/// address as upstream, and cost from <c>gen_ai.usage.cost</c> when the app sent it, else priced by our catalog; the app's
/// end user (<c>user.id</c> / <c>enduser.id</c>) and conversation (<c>gen_ai.conversation.id</c>) for the writer to file it under.
/// </summary>
public sealed class GenAiSpanMapper(PricingCatalog pricing)
{
    /// <summary>What a request log of an ingested span shows as its method: the call was not made over our HTTP.</summary>
    public const string Method = "OTLP";

    public const string UnknownOperation = "(unknown)";

    public SpanMapping Map(TelemetrySpan span, int? userId, int? apiKeyId)
    {
        if (!GenAiAttributes.IsGenAi(span))
        {
            return SpanMapping.Ignored;
        }

        var read = new SpanAttributeReader(span);
        var model = read.Text(GenAiAttributes.ResponseModel) ?? read.Text(GenAiAttributes.RequestModel);
        var usage = new TokenUsage(model, read.Count(GenAiAttributes.InputTokens), read.Count(GenAiAttributes.OutputTokens), read.Count(GenAiAttributes.TotalTokens))
        {
            CachedInputTokens = read.Count(GenAiAttributes.CacheReadTokens),
            CacheCreationTokens = read.Count(GenAiAttributes.CacheCreationTokens),
            ReasoningTokens = read.Count(GenAiAttributes.ReasoningTokens),
        };
        var reportedCost = read.Amount(GenAiAttributes.CostUsd);
        var timeToFirstChunk = read.Amount(GenAiAttributes.TimeToFirstChunkSeconds);
        var provider = read.Text(GenAiAttributes.Provider);
        var operation = read.Text(GenAiAttributes.Operation) ?? OpenInferenceOperation(read.Text(GenAiAttributes.OpenInferenceSpanKind)) ?? UnknownOperation;
        var server = read.Text(GenAiAttributes.ServerAddress);
        var status = Status(span, read);
        var endUser = read.Identifier(GenAiAttributes.EndUserId, User.ExternalIdMaxLength);
        var conversation = read.Identifier(GenAiAttributes.ConversationId, UserSession.ConversationIdMaxLength);

        if (model is not null && ModelNames.Problem(model) is { } modelProblem)
        {
            read.Problems.Add($"the model name {modelProblem.TrimEnd('.').ToLowerInvariant()}");
        }

        if (span.StartTimeUnixNano == 0 || span.EndTimeUnixNano < span.StartTimeUnixNano)
        {
            read.Problems.Add("startTimeUnixNano must be set and endTimeUnixNano must not be before it");
        }

        if (read.Problems.Count > 0)
        {
            return SpanMapping.Rejected($"{span.Location}: {string.Join("; ", read.Problems)}.");
        }

        var total = usage.TotalTokens ?? (usage.PromptTokens is null && usage.CompletionTokens is null ? null : (usage.PromptTokens ?? 0) + (usage.CompletionTokens ?? 0));
        usage = usage with { TotalTokens = total };
        var startedAt = DateTime.UnixEpoch.AddTicks((long)(span.StartTimeUnixNano / 100));
        var modelName = model ?? string.Empty;
        return SpanMapping.Recorded(new TrackedRequest
        {
            CreatedAt = startedAt,
            Endpoint = Truncate(operation, RequestLog.EndpointMaxLength),
            Method = Method,
            StatusCode = status,
            LatencyMs = Milliseconds(span.EndTimeUnixNano - span.StartTimeUnixNano),
            TtftMs = timeToFirstChunk is { } seconds ? (double)Math.Round(seconds * 1000m, 3, MidpointRounding.AwayFromZero) : null,
            ModelName = modelName,
            PromptTokens = usage.PromptTokens,
            CompletionTokens = usage.CompletionTokens,
            TotalTokens = usage.TotalTokens,
            CachedInputTokens = usage.CachedInputTokens,
            CacheCreationTokens = usage.CacheCreationTokens,
            ReasoningTokens = usage.ReasoningTokens,
            CostUsd = reportedCost is { } cost
                ? Math.Round(cost, RequestLog.CostDecimals, MidpointRounding.AwayFromZero)
                : pricing.Cost(modelName, usage, startedAt, provider),
            UserId = userId,
            ApiKeyId = apiKeyId,
            EndUserId = userId is null ? null : endUser,
            ConversationId = userId is null ? null : conversation,
            Upstream = server is null ? null : Truncate(server, RequestLog.UpstreamMaxLength),
            Provider = provider,
            Source = RequestSources.Otlp,
        });
    }

    /// <summary>An error span is the HTTP status it carries, else <c>error.type</c> when that is a status code, else 500; any other span is its HTTP status or 200.</summary>
    private static int Status(TelemetrySpan span, SpanAttributeReader read)
    {
        var httpStatus = read.Count(GenAiAttributes.HttpStatus) is int code && code is >= 100 and <= 599 ? code : (int?)null;
        var errorType = read.Text(GenAiAttributes.ErrorType);
        if (span.Status != SpanStatusCode.Error && errorType is null)
        {
            return httpStatus ?? 200;
        }

        return httpStatus is >= 400
            ? httpStatus.Value
            : int.TryParse(errorType, out var fromErrorType) && fromErrorType is >= 400 and <= 599 ? fromErrorType : 500;
    }

    /// <summary>OpenInference names the kind of call instead of the operation.</summary>
    private static string? OpenInferenceOperation(string? spanKind) => spanKind?.ToUpperInvariant() switch
    {
        "LLM" => "chat",
        "EMBEDDING" => "embeddings",
        _ => null,
    };

    private static double Milliseconds(ulong nanoseconds) =>
        (double)Math.Round(nanoseconds / 1_000_000m, 3, MidpointRounding.AwayFromZero);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>What became of one span: recorded as a request log, ignored (no <c>gen_ai.*</c> attributes), or rejected with the reason.</summary>
public sealed record SpanMapping(TrackedRequest? Request, string? Rejection)
{
    public static readonly SpanMapping Ignored = new(null, null);

    public static SpanMapping Recorded(TrackedRequest request) => new(request, null);

    public static SpanMapping Rejected(string reason) => new(null, reason);
}
