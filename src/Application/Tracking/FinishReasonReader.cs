using System.Text.Json;

namespace CleanDashboard.Application.Tracking;

/// <summary>
/// Why the model stopped, as one answer or streamed event says it: OpenAI chat <c>choices[].finish_reason</c>, Anthropic
/// <c>stop_reason</c> (at the top, or in <c>message_delta</c>'s <c>delta</c>), Ollama <c>done_reason</c>, and the Responses
/// API's <c>status</c> (of the answer, or of the <c>response</c> an event carries).
/// </summary>
internal static class FinishReasonReader
{
    /// <summary>The reasons of one answer or event, each with its choice index (0 where the protocol has one answer).</summary>
    public static IEnumerable<(int Choice, string Reason)> Read(JsonElement root)
    {
        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            var position = 0;
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.ValueKind == JsonValueKind.Object && Text(choice, "finish_reason") is { } reason)
                {
                    var index = choice.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out var n) ? n : position;
                    yield return (index, reason);
                }

                position++;
            }
        }

        var single = Text(root, "stop_reason")
            ?? (root.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object ? Text(delta, "stop_reason") : null)
            ?? Text(root, "done_reason")
            ?? ResponseStatus(root)
            ?? (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object ? ResponseStatus(response) : null);
        if (single is not null)
        {
            yield return (0, single);
        }
    }

    /// <summary>The reasons in choice order; null when there are none.</summary>
    public static IReadOnlyList<string>? InOrder(SortedDictionary<int, string> byChoice) =>
        byChoice.Count == 0 ? null : [.. byChoice.Values];

    private static string? ResponseStatus(JsonElement obj) =>
        Text(obj, "object") == "response" ? Text(obj, "status") : null;

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
