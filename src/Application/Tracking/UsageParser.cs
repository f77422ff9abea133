using System.Text;
using System.Text.Json;

namespace CleanDashboard.Application.Tracking;

/// <summary>
/// Reads the model and token usage, with cached, cache-write and reasoning tokens, from an answer body: OpenAI chat and
/// Responses API JSON (<c>usage</c>), Anthropic Messages JSON, Ollama JSON (<c>prompt_eval_count</c>/<c>eval_count</c>),
/// and their server-sent event and NDJSON streams, where later counts win field by field (Anthropic sends the input in
/// <c>message_start</c> and the output in <c>message_delta</c>; the Responses API in <c>response.completed</c>).
/// Counts are normalized as <see cref="TokenUsage"/> says (decision 070). Works on a captured prefix and suffix when
/// the body was larger than the capture limit.
/// </summary>
public static class UsageParser
{
    private static readonly byte[] UsageKey = "\"usage\""u8.ToArray();
    private static readonly byte[] PromptEvalKey = "\"prompt_eval_count\""u8.ToArray();

    /// <param name="contentType">The response's Content-Type.</param>
    /// <param name="prefix">The first bytes of the body.</param>
    /// <param name="suffix">The last bytes of the body when it did not fit in <paramref name="prefix"/>, else empty.</param>
    /// <param name="complete">True when <paramref name="prefix"/> holds the whole body.</param>
    public static TokenUsage ParseResponse(string? contentType, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> suffix, bool complete)
    {
        if (prefix.IsEmpty || contentType is null)
        {
            return TokenUsage.None;
        }

        if (contentType.Contains("event-stream", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return ParseLines(prefix, suffix, complete);
        }

        if (!contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return TokenUsage.None;
        }

        if (complete)
        {
            return TryParseDocument(prefix) is { } whole ? whole : TokenUsage.None;
        }

        var model = FindTopLevelString(prefix, "model");
        var usage = ParseObjectAfterKey(suffix, UsageKey) ?? ParseOllamaTail(suffix);
        return (usage ?? TokenUsage.None) with { Model = model };
    }

    /// <summary>The top-level <c>model</c> of a JSON request body (possibly cut short), or null.</summary>
    public static string? ParseRequestModel(ReadOnlySpan<byte> body) => body.IsEmpty ? null : FindTopLevelString(body, "model");

    private static TokenUsage ParseLines(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> suffix, bool complete)
    {
        var state = new StreamState { FinishReasons = new() };
        ReadLines(prefix, ref state, skipFirst: false);
        if (!complete && !suffix.IsEmpty)
        {
            ReadLines(suffix, ref state, skipFirst: true);
        }

        return (state.Usage?.Normalize() ?? TokenUsage.None) with { Model = state.Model, FinishReasons = FinishReasonReader.InOrder(state.FinishReasons) };
    }

    private static SortedDictionary<int, string> Reasons(List<(int Choice, string Reason)> reasons, SortedDictionary<int, string> byChoice)
    {
        foreach (var (choice, reason) in reasons)
        {
            byChoice[choice] = reason;
        }

        return byChoice;
    }

    private static void ReadLines(ReadOnlySpan<byte> text, ref StreamState state, bool skipFirst)
    {
        var first = true;
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            if (skipFirst && first)
            {
                first = false;
                continue;
            }

            first = false;
            line = line.TrimEnd((byte)'\r').Trim((byte)' ');
            if (line.StartsWith("data:"u8))
            {
                line = line[5..].TrimStart((byte)' ');
            }

            if (line.IsEmpty || line[0] != (byte)'{')
            {
                continue;
            }

            if (TryReadDocument(line) is { } chunk)
            {
                state.Model ??= chunk.Model;

                // A later event's reason for the same choice wins: the Responses API goes from in_progress to completed.
                Reasons(chunk.Reasons, state.FinishReasons);
                if (chunk.Usage is { } usage)
                {
                    // Anthropic reports input in message_start and the running output in message_delta: later counts win, field by field.
                    state.Usage = state.Usage is { } earlier ? usage.After(earlier) : usage;
                }
            }
        }
    }

    private static TokenUsage? TryParseDocument(ReadOnlySpan<byte> json) =>
        TryReadDocument(json) is { } read
            ? (read.Usage?.Normalize() ?? TokenUsage.None) with { Model = read.Model, FinishReasons = FinishReasonReader.InOrder(Reasons(read.Reasons, new())) }
            : null;

    private static (string? Model, RawUsage? Usage, List<(int Choice, string Reason)> Reasons)? TryReadDocument(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var (model, usage) = FromObject(document.RootElement);
            return (model, usage, FinishReasonReader.Read(document.RootElement).ToList());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// One answer or one streamed event: usage at the top (OpenAI chat and Responses JSON, Anthropic JSON and
    /// <c>message_delta</c>), inside <c>message</c> (Anthropic <c>message_start</c>) or <c>response</c> (Responses
    /// API events such as <c>response.completed</c>), or Ollama's counts.
    /// </summary>
    private static (string? Model, RawUsage? Usage) FromObject(JsonElement root)
    {
        var anthropic = root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && (type.ValueEquals("message") || type.ValueEquals("message_start") || type.ValueEquals("message_delta"));
        var model = String(root, "model");
        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            return (model, RawUsage.From(usage, anthropic));
        }

        foreach (var wrapper in WrapperNames)
        {
            if (root.TryGetProperty(wrapper, out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                var innerModel = String(inner, "model");
                if (inner.TryGetProperty("usage", out var innerUsage) && innerUsage.ValueKind == JsonValueKind.Object)
                {
                    return (model ?? innerModel, RawUsage.From(innerUsage, anthropic));
                }

                model ??= innerModel;
            }
        }

        var prompt = Int(root, "prompt_eval_count");
        var completion = Int(root, "eval_count");
        return prompt is null && completion is null
            ? (model, null)
            : (model, new RawUsage(prompt, completion, (prompt ?? 0) + (completion ?? 0), null, null, null, Anthropic: false));
    }

    private static readonly string[] WrapperNames = ["message", "response"];

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : null;

    private static int? Nested(JsonElement obj, string parent, string name) =>
        obj.TryGetProperty(parent, out var details) && details.ValueKind == JsonValueKind.Object ? Int(details, name) : null;

    /// <summary>Finds the last <c>"usage"</c> key in a tail of JSON and parses the object that follows it.</summary>
    private static TokenUsage? ParseObjectAfterKey(ReadOnlySpan<byte> tail, ReadOnlySpan<byte> key)
    {
        var at = tail.LastIndexOf(key);
        if (at < 0)
        {
            return null;
        }

        var rest = tail[(at + key.Length)..];
        var brace = rest.IndexOf((byte)'{');
        if (brace < 0)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(rest[brace..]);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object ? RawUsage.From(document.RootElement, anthropic: false).Normalize() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>For a cut-short Ollama answer: the counts sit in the tail, after the long text.</summary>
    private static TokenUsage? ParseOllamaTail(ReadOnlySpan<byte> tail)
    {
        var at = tail.LastIndexOf(PromptEvalKey);
        if (at < 0)
        {
            return null;
        }

        var wrapped = Encoding.UTF8.GetBytes("{" + Encoding.UTF8.GetString(tail[at..]).TrimEnd().TrimEnd('}') + "}");
        return TryParseDocument(wrapped) is { HasTokens: true } usage ? usage : null;
    }

    /// <summary>Reads a top-level string property from possibly incomplete JSON, stopping at the first problem.</summary>
    private static string? FindTopLevelString(ReadOnlySpan<byte> json, string name)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(name))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                if (reader.CurrentDepth >= 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return null;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }

        return null;
    }

    private struct StreamState
    {
        public string? Model;
        public RawUsage? Usage;
        public SortedDictionary<int, string> FinishReasons;
    }

    /// <summary>
    /// Counts as the protocol names them. OpenAI's input and output counts already include the cached and reasoning
    /// tokens; Anthropic's <c>input_tokens</c> excludes the cache reads and writes, which are added to make the prompt.
    /// </summary>
    private sealed record RawUsage(int? Input, int? Output, int? Total, int? CacheRead, int? CacheCreation, int? Reasoning, bool Anthropic)
    {
        public static RawUsage From(JsonElement usage, bool anthropic)
        {
            var cacheRead = Int(usage, "cache_read_input_tokens");
            var cacheCreation = Int(usage, "cache_creation_input_tokens");
            anthropic = anthropic || usage.TryGetProperty("cache_read_input_tokens", out _) || usage.TryGetProperty("cache_creation_input_tokens", out _);
            if (anthropic)
            {
                return new RawUsage(Int(usage, "input_tokens"), Int(usage, "output_tokens"), null, cacheRead, cacheCreation, null, Anthropic: true);
            }

            return new RawUsage(
                Int(usage, "prompt_tokens") ?? Int(usage, "input_tokens"),
                Int(usage, "completion_tokens") ?? Int(usage, "output_tokens"),
                Int(usage, "total_tokens"),
                Nested(usage, "prompt_tokens_details", "cached_tokens") ?? Nested(usage, "input_tokens_details", "cached_tokens"),
                null,
                Nested(usage, "completion_tokens_details", "reasoning_tokens") ?? Nested(usage, "output_tokens_details", "reasoning_tokens"),
                Anthropic: false);
        }

        public RawUsage After(RawUsage earlier) => new(
            Input ?? earlier.Input,
            Output ?? earlier.Output,
            Total ?? earlier.Total,
            CacheRead ?? earlier.CacheRead,
            CacheCreation ?? earlier.CacheCreation,
            Reasoning ?? earlier.Reasoning,
            Anthropic || earlier.Anthropic);

        public TokenUsage Normalize()
        {
            var prompt = Anthropic && (Input ?? CacheRead ?? CacheCreation) is not null
                ? (Input ?? 0) + (CacheRead ?? 0) + (CacheCreation ?? 0)
                : Input;
            var total = (Anthropic ? null : Total) ?? (prompt is null && Output is null ? null : (prompt ?? 0) + (Output ?? 0));
            return new TokenUsage(null, prompt, Output, total)
            {
                CachedInputTokens = CacheRead,
                CacheCreationTokens = CacheCreation,
                ReasoningTokens = Reasoning,
            };
        }
    }
}
