using System.Globalization;
using System.Text.Json;
using CleanDashboard.Application.Telemetry.Ingestion;

namespace CleanDashboard.Infrastructure.Telemetry.Otlp;

/// <summary>
/// OTLP/HTTP JSON (the protobuf JSON mapping with OTLP's rules): lowerCamelCase names, trace and span ids as hex, 64-bit
/// integers as strings or numbers, enums as integers. Unknown fields are ignored, as OTLP requires; a known field of the
/// wrong type is a 400 naming its path.
/// </summary>
internal static class OtlpJsonDecoder
{
    private const int MaxDepth = 64;

    public static IReadOnlyList<TelemetrySpan> Decode(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new InvalidTelemetryException($"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            Expect(root, JsonValueKind.Object, "the body", "an ExportTraceServiceRequest object");
            var spans = new List<TelemetrySpan>();
            var resources = Items(root, "resourceSpans", "resourceSpans");
            for (var r = 0; r < resources.Count; r++)
            {
                var scopes = Items(resources[r], "scopeSpans", $"resourceSpans[{r}].scopeSpans");
                for (var s = 0; s < scopes.Count; s++)
                {
                    var items = Items(scopes[s], "spans", $"resourceSpans[{r}].scopeSpans[{s}].spans");
                    for (var i = 0; i < items.Count; i++)
                    {
                        spans.Add(Span(items[i], OtlpTraceDecoder.SpanLocation(r, s, i)));
                    }
                }
            }

            return spans;
        }
    }

    private static TelemetrySpan Span(JsonElement span, string path)
    {
        HexId(span, "traceId", path, 16);
        HexId(span, "spanId", path, 8);
        var status = Field(span, "status", path, JsonValueKind.Object, "an object");
        return new TelemetrySpan(
            path,
            Field(span, "name", path, JsonValueKind.String, "a string")?.GetString() ?? string.Empty,
            UnsignedNanos(span, "startTimeUnixNano", path),
            UnsignedNanos(span, "endTimeUnixNano", path),
            status is { } s ? StatusCode(s, $"{path}.status") : SpanStatusCode.Unset,
            Attributes(span, path));
    }

    private static Dictionary<string, object?> Attributes(JsonElement owner, string path)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var attributes = Items(owner, "attributes", $"{path}.attributes");
        for (var i = 0; i < attributes.Count; i++)
        {
            var at = $"{path}.attributes[{i}]";
            Expect(attributes[i], JsonValueKind.Object, at, "a KeyValue object");
            var key = Field(attributes[i], "key", at, JsonValueKind.String, "a string")?.GetString()
                ?? throw new InvalidTelemetryException($"{at}.key is required.");
            var value = Field(attributes[i], "value", at, JsonValueKind.Object, "an AnyValue object");
            result.TryAdd(key, value is { } v ? AnyValue(v, $"{at}.value") : null);
        }

        return result;
    }

    private static object? AnyValue(JsonElement value, string path)
    {
        foreach (var property in value.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            switch (property.Name)
            {
                case "stringValue":
                    Expect(property.Value, JsonValueKind.String, at, "a string");
                    return property.Value.GetString();
                case "boolValue":
                    return property.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw WrongType(at, "true or false"),
                    };
                case "intValue":
                    return Int64(property.Value, at);
                case "doubleValue":
                    return Double(property.Value, at);
                case "arrayValue" or "kvlistValue" or "bytesValue":
                    return null;
            }
        }

        return null;
    }

    private static SpanStatusCode StatusCode(JsonElement status, string path)
    {
        if (!status.TryGetProperty("code", out var code) || code.ValueKind == JsonValueKind.Null)
        {
            return SpanStatusCode.Unset;
        }

        return code.ValueKind switch
        {
            JsonValueKind.Number when code.TryGetInt32(out var number) => (SpanStatusCode)number,
            JsonValueKind.String => code.GetString() switch
            {
                "STATUS_CODE_UNSET" => SpanStatusCode.Unset,
                "STATUS_CODE_OK" => SpanStatusCode.Ok,
                "STATUS_CODE_ERROR" => SpanStatusCode.Error,
                _ => throw WrongType($"{path}.code", "0, 1 or 2"),
            },
            _ => throw WrongType($"{path}.code", "0, 1 or 2"),
        };
    }

    private static ulong UnsignedNanos(JsonElement span, string name, string path)
    {
        if (!span.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetUInt64(out var number) => number,
            JsonValueKind.String when ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => throw WrongType($"{path}.{name}", "a non-negative integer (nanoseconds since 1970, as a string or a number)"),
        };
    }

    private static long Int64(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        _ => throw WrongType(path, "a 64-bit integer (as a string or a number)"),
    };

    private static double Double(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        _ => throw WrongType(path, "a number"),
    };

    /// <summary>Trace and span ids are hex in OTLP JSON (not base64 as in the generic protobuf mapping); empty means absent.</summary>
    private static void HexId(JsonElement span, string name, string path, int bytes)
    {
        if (Field(span, name, path, JsonValueKind.String, "a hex string")?.GetString() is { Length: > 0 } id
            && (id.Length != bytes * 2 || !id.All(char.IsAsciiHexDigit)))
        {
            throw WrongType($"{path}.{name}", $"{bytes * 2} hex digits");
        }
    }

    private static List<JsonElement> Items(JsonElement owner, string name, string path)
    {
        if (!owner.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        Expect(array, JsonValueKind.Array, path, "an array");
        var items = array.EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            Expect(items[i], JsonValueKind.Object, $"{path}[{i}]", "an object");
        }

        return items;
    }

    private static JsonElement? Field(JsonElement owner, string name, string path, JsonValueKind kind, string expected)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(value, kind, $"{path}.{name}", expected);
        return value;
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string path, string expected)
    {
        if (value.ValueKind != kind)
        {
            throw WrongType(path, expected);
        }
    }

    private static InvalidTelemetryException WrongType(string path, string expected) => new($"{path} must be {expected}.");
}
