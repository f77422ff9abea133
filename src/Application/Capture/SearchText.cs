using System.Text;
using System.Text.Json;

namespace CleanDashboard.Application.Capture;

/// <summary>
/// What the full-text index gets of a captured body: its JSON string values — the messages, the answer, tool arguments —
/// without property names, numbers and the protocol's bookkeeping (ids, model, role, type, finish reason). A third of
/// the bytes of a typical chat body, so the index is smaller and cheaper to write. Text that is not JSON (or was cut at
/// the cap) gives what could be read, or the text itself when nothing could.
/// </summary>
public static class SearchText
{
    private static readonly HashSet<string> Bookkeeping =
    [
        "id", "object", "model", "role", "type", "finish_reason", "stop_reason", "system_fingerprint", "status", "call_id",
        "tool_call_id", "item_id", "created_at", "done_reason", "encoding_format", "service_tier",
    ];

    /// <summary>The text indexed for one exchange: its request's and its answer's, NUL-free (PostgreSQL text cannot hold NUL; the index does not need it).</summary>
    public static string OfExchange(string request, string answer) => (Of(request) + "\n" + Of(answer)).Replace('\0', ' ');

    public static string Of(string json)
    {
        var text = new StringBuilder();
        var utf8 = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var skipNext = false;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    skipNext = Bookkeeping.Contains(reader.GetString()!);
                    continue;
                }

                if (reader.TokenType == JsonTokenType.String && !skipNext)
                {
                    text.Append(reader.GetString()).Append('\n');
                }

                skipNext = false;
            }
        }
        catch (JsonException)
        {
            // Not JSON, or cut at the cap: what was read, and the rest as it is.
            text.Append(Encoding.UTF8.GetString(utf8, (int)reader.BytesConsumed, utf8.Length - (int)reader.BytesConsumed));
        }

        return text.ToString();
    }
}
