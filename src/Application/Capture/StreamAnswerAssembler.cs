using System.Text;
using System.Text.Json;

using CleanDashboard.Application.Common.Streaming;

namespace CleanDashboard.Application.Capture;

/// <summary>
/// Follows a streamed answer (server-sent events or NDJSON) as it is written and keeps what it said, not its chunks:
/// the text (OpenAI chat <c>delta.content</c>, completions <c>choices[].text</c>, Responses <c>response.output_text.delta</c>,
/// Anthropic <c>text_delta</c>, Ollama <c>message.content</c> / <c>response</c>) and the tool calls (OpenAI
/// <c>delta.tool_calls</c>, Responses <c>function_call</c> items, Anthropic <c>tool_use</c> + <c>input_json_delta</c>,
/// Ollama <c>message.tool_calls</c>). Text beyond <paramref name="maxChars"/> is dropped and marks the answer truncated.
/// </summary>
public sealed class StreamAnswerAssembler(int maxChars)
{
    private const int MaxEventBytes = 1024 * 1024;

    private readonly StreamEventReader _events = new(MaxEventBytes);
    private readonly StringBuilder _text = new();
    private readonly SortedDictionary<int, AssembledToolCall> _toolCalls = [];

    // Made once, not once per chunk.
    private Action<ReadOnlySpan<byte>>? _onEvent;

    public string Text => _text.ToString();

    public IReadOnlyCollection<AssembledToolCall> ToolCalls => _toolCalls.Values;

    public bool Truncated { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        _events.Append(data, _onEvent ??= ReadEvent);
        Truncated |= _events.SkippedLongLine;
    }

    /// <summary>A last line the stream did not end with a line break.</summary>
    public void Finish() => _events.Finish(_onEvent ??= ReadEvent);

    private void ReadEvent(ReadOnlySpan<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                Read(document.RootElement);
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: nothing said in it.
        }
    }

    private void Read(JsonElement chunk)
    {
        if (chunk.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            ReadChoices(choices);
            return;
        }

        if (chunk.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
        {
            ReadEvent(type.GetString()!, chunk);
            return;
        }

        if (chunk.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            AddText(StringOf(message, "content"));
            if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    var function = call.TryGetProperty("function", out var f) ? f : default;
                    var tool = ToolAt(_toolCalls.Count);
                    tool.Name = StringOf(function, "name");
                    if (function.ValueKind == JsonValueKind.Object && function.TryGetProperty("arguments", out var arguments))
                    {
                        tool.Arguments.Append(arguments.ValueKind == JsonValueKind.String ? arguments.GetString() : arguments.GetRawText());
                    }
                }
            }
        }
        else
        {
            AddText(StringOf(chunk, "response"));
        }
    }

    private void ReadChoices(JsonElement choices)
    {
        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            AddText(StringOf(choice, "text"));
            if (!choice.TryGetProperty("delta", out var delta) || delta.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            AddText(StringOf(delta, "content"));
            if (delta.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    var tool = ToolAt(call.TryGetProperty("index", out var index) && index.TryGetInt32(out var i) ? i : 0);
                    tool.Id ??= StringOf(call, "id");
                    if (call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
                    {
                        tool.Name ??= StringOf(function, "name");
                        tool.Arguments.Append(StringOf(function, "arguments"));
                    }
                }
            }
        }
    }

    private void ReadEvent(string type, JsonElement chunk)
    {
        switch (type)
        {
            case "response.output_text.delta":
            case "content_block_delta" when chunk.TryGetProperty("delta", out var d) && StringOf(d, "type") == "text_delta":
                AddText(type == "content_block_delta" ? StringOf(chunk.GetProperty("delta"), "text") : StringOf(chunk, "delta"));
                break;
            case "content_block_delta":
                var delta = chunk.GetProperty("delta");
                if (StringOf(delta, "type") == "input_json_delta")
                {
                    ToolAt(IndexOf(chunk)).Arguments.Append(StringOf(delta, "partial_json"));
                }

                break;
            case "content_block_start" when chunk.TryGetProperty("content_block", out var block) && StringOf(block, "type") == "tool_use":
                var started = ToolAt(IndexOf(chunk));
                started.Id = StringOf(block, "id");
                started.Name = StringOf(block, "name");
                break;
            case "response.output_item.done" when chunk.TryGetProperty("item", out var item) && StringOf(item, "type") == "function_call":
                var call = ToolAt(chunk.TryGetProperty("output_index", out var at) && at.TryGetInt32(out var i) ? i : _toolCalls.Count);
                call.Id = StringOf(item, "call_id");
                call.Name = StringOf(item, "name");
                call.Arguments.Clear().Append(StringOf(item, "arguments"));
                break;
        }
    }

    private static int IndexOf(JsonElement chunk) =>
        chunk.TryGetProperty("index", out var index) && index.TryGetInt32(out var i) ? i : 0;

    private AssembledToolCall ToolAt(int index)
    {
        if (!_toolCalls.TryGetValue(index, out var tool))
        {
            tool = new AssembledToolCall();
            _toolCalls[index] = tool;
        }

        return tool;
    }

    private void AddText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var room = maxChars - _text.Length;
        if (text.Length > room)
        {
            Truncated = true;
            text = text[..Math.Max(room, 0)];
        }

        _text.Append(text);
    }

    private static string? StringOf(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
