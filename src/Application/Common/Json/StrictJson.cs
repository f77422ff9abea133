using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace CleanDashboard.Application.Common.Json;

/// <summary>
/// Parses untrusted JSON once and completely: syntax errors, nesting deeper than <see cref="MaxDepth"/>, duplicate keys,
/// invalid UTF-8 and lone surrogates in any string or key become a <see cref="JsonInputError"/> naming where they are,
/// instead of an exception thrown later by whichever code first reads the value.
/// </summary>
public static class StrictJson
{
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <param name="node">The parsed value; null for the JSON literal <c>null</c>.</param>
    public static bool TryParse(ReadOnlyMemory<byte> utf8Json, out JsonNode? node, [NotNullWhen(false)] out JsonInputError? error)
    {
        node = null;
        var json = utf8Json.Span.StartsWith(Encoding.UTF8.Preamble) ? utf8Json[Encoding.UTF8.Preamble.Length..] : utf8Json;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or DecoderFallbackException)
        {
            error = new JsonInputError("body", $"The request body is not valid JSON: {ex.Message}");
            return false;
        }

        using (document)
        {
            error = FindUnreadable(document.RootElement, string.Empty);
            if (error is not null)
            {
                return false;
            }

            node = ToNode(document.RootElement.Clone());
            return true;
        }
    }

    /// <summary>The first key or string that cannot be read as UTF-16 text, or a key that appears twice in one object.</summary>
    private static JsonInputError? FindUnreadable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryRead(() => property.Name, out var name))
                    {
                        return Unreadable(path, "a key");
                    }

                    var propertyPath = path.Length == 0 ? name : $"{path}.{name}";
                    if (!names.Add(name))
                    {
                        return new JsonInputError(propertyPath, $"The key '{propertyPath}' appears more than once in the same object.");
                    }

                    if (FindUnreadable(property.Value, propertyPath) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindUnreadable(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.String:
                return IsReadableText(element) ? null : Unreadable(path, "the text");
            default:
                return null;
        }
    }

    /// <summary>Without escapes the raw bytes are the text: checking them as UTF-8 is much cheaper than decoding a string.</summary>
    private static bool IsReadableText(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        return raw.IndexOf((byte)'\\') < 0 ? Utf8.IsValid(raw) : TryRead(text.GetString, out _);
    }

    private static bool TryRead(Func<string?> read, out string value)
    {
        try
        {
            value = read() ?? string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or DecoderFallbackException)
        {
            value = string.Empty;
            return false;
        }
    }

    private static JsonInputError Unreadable(string path, string what)
    {
        var field = path.Length == 0 ? "body" : path;
        return new JsonInputError(field, $"In '{field}', {what} is not valid Unicode: invalid UTF-8 bytes or a lone surrogate escape such as \\ud800.");
    }

    private static JsonNode? ToNode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element),
    };
}

/// <summary>Why a JSON input could not be read: the field (a path such as <c>messages[0].content</c>, or <c>body</c>) and a message for the caller.</summary>
public sealed record JsonInputError(string Field, string Message);
