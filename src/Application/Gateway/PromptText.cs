using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanDashboard.Application.Gateway;

/// <summary>
/// The text a request sends to the model, for estimating its prompt tokens: every message's content (OpenAI chat,
/// Anthropic Messages, Ollama chat), the system prompt and instructions, the completion or generate prompt, and the
/// Responses API's input.
/// </summary>
public static class PromptText
{
    private static readonly string[] TextFields = ["system", "instructions", "prompt", "input"];

    public static string Of(JsonObject body)
    {
        var text = new StringBuilder();
        foreach (var field in TextFields)
        {
            AppendContent(text, body[field]);
        }

        if (body["messages"] is JsonArray messages)
        {
            foreach (var message in messages.OfType<JsonObject>())
            {
                AppendContent(text, message["content"]);
            }
        }

        return text.ToString();
    }

    /// <summary>A message's text: the content string, or the text parts of a content array.</summary>
    public static string MessageText(JsonNode? content) => content switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray parts => string.Join(' ', parts.OfType<JsonObject>()
            .Where(p => p["text"] is JsonValue t && t.GetValueKind() == JsonValueKind.String)
            .Select(p => p["text"]!.GetValue<string>())),
        _ => string.Empty,
    };

    /// <summary>A string, an array of strings, text parts, or (Responses API input) items that carry their own content.</summary>
    private static void AppendContent(StringBuilder text, JsonNode? content)
    {
        switch (content)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                Append(text, value.GetValue<string>());
                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    switch (item)
                    {
                        case JsonObject part when part["content"] is { } nested:
                            AppendContent(text, nested);
                            break;
                        case JsonObject part when part["text"] is JsonValue partText && partText.GetValueKind() == JsonValueKind.String:
                            Append(text, partText.GetValue<string>());
                            break;
                        case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                            Append(text, value.GetValue<string>());
                            break;
                    }
                }

                break;
        }
    }

    private static void Append(StringBuilder text, string part)
    {
        if (part.Length == 0)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append('\n');
        }

        text.Append(part);
    }
}
