using System.Text;
using System.Text.Json;

using CleanDashboard.Application.Common.Streaming;

namespace CleanDashboard.Application.Tracking;

/// <summary>
/// Follows a streamed answer (server-sent events or NDJSON) as it is written and keeps a running token count of the
/// generated text: OpenAI chat <c>delta.content</c> / <c>delta.reasoning_content</c>, completions <c>choices[].text</c>,
/// Responses API <c>delta</c> events, Anthropic <c>delta.text</c> / <c>delta.thinking</c>, Ollama <c>message.content</c>
/// and <c>response</c>. Memory stays bounded: text is counted and dropped in blocks, and an event longer than
/// <see cref="MaxEventBytes"/> is skipped.
/// </summary>
public sealed class StreamedTextCounter(string? model)
{
    public const int MaxEventBytes = 256 * 1024;

    /// <summary>Text is counted once this many characters are pending, up to the last whitespace so that words are not split.</summary>
    private const int BlockChars = 16 * 1024;

    private const int MaxDepth = 16;

    private readonly StreamEventReader _events = new(MaxEventBytes);
    private readonly StringBuilder _pending = new();
    private int _counted;

    // Made once, not once per chunk.
    private Action<ReadOnlySpan<byte>>? _onEvent;

    /// <summary>True once any generated text was seen.</summary>
    public bool SawText { get; private set; }

    public void Append(ReadOnlySpan<byte> data) => _events.Append(data, _onEvent ??= ReadEvent);

    /// <summary>The tokens of all the text seen so far.</summary>
    public int CountTokens()
    {
        return _counted + ModelTokenizer.CountTokens(model, _pending.ToString());
    }

    private void ReadEvent(ReadOnlySpan<byte> line)
    {
        try
        {
            CollectText(line);
        }
        catch (JsonException)
        {
            // Not JSON after all: nothing to count in it.
        }

        if (_pending.Length >= BlockChars)
        {
            CountBlock();
        }
    }

    private void CollectText(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Span<Parent> containers = stackalloc Parent[MaxDepth];
        var lastProperty = Parent.Other;
        var valueIsText = false;
        while (reader.Read())
        {
            var depth = reader.CurrentDepth;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var container = depth is >= 1 and <= MaxDepth ? containers[depth - 1] : Parent.Other;
                    valueIsText = IsText(ref reader, depth, container);
                    lastProperty = KindOf(ref reader);
                    continue;
                case JsonTokenType.String when valueIsText:
                    Add(reader.GetString());
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray when depth < MaxDepth:
                    containers[depth] = depth > 0 && containers[depth - 1] == Parent.Choices && reader.TokenType == JsonTokenType.StartObject
                        ? Parent.Choice
                        : lastProperty;
                    break;
            }

            valueIsText = false;
            lastProperty = Parent.Other;
        }
    }

    private static Parent KindOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("delta"u8) ? Parent.Delta
        : reader.ValueTextEquals("message"u8) ? Parent.Message
        : reader.ValueTextEquals("choices"u8) ? Parent.Choices
        : Parent.Other;

    /// <summary>Whether the property the reader is on holds generated text, given the container it sits in.</summary>
    private static bool IsText(ref Utf8JsonReader reader, int depth, Parent container) => container switch
    {
        Parent.Delta => reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("thinking"u8),
        Parent.Message => reader.ValueTextEquals("content"u8),
        Parent.Choice => reader.ValueTextEquals("text"u8),
        _ => depth == 1 && (reader.ValueTextEquals("response"u8) || reader.ValueTextEquals("delta"u8)),
    };

    private void Add(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        SawText = true;
        _pending.Append(text);
    }

    private void CountBlock()
    {
        var text = _pending.ToString();
        var cut = text.LastIndexOfAny([' ', '\n', '\t']);
        if (cut <= 0)
        {
            cut = text.Length;
        }

        _counted += ModelTokenizer.CountTokens(model, text.AsSpan(0, cut));
        _pending.Clear().Append(text, cut, text.Length - cut);
    }

    private enum Parent : byte
    {
        Other,
        Delta,
        Message,
        Choices,
        Choice,
    }
}
