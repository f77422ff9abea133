using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanDashboard.Application.Gateway.Validation;

/// <summary>
/// The field checks both protocols share, each throwing an <see cref="InvalidGatewayRequestException"/> worded as
/// OpenAI words it ("Invalid type for 'messages[0].role': expected a string, but got an integer instead.").
/// </summary>
internal static class JsonFields
{
    public static JsonArray RequiredArray(JsonObject parent, string name, string path, bool nonEmpty)
    {
        var node = Required(parent, name, path);
        if (node is not JsonArray array)
        {
            throw WrongType(path, "an array", node);
        }

        if (nonEmpty && array.Count == 0)
        {
            throw new InvalidGatewayRequestException(path, $"Invalid '{path}': empty array. Expected an array with minimum length 1, but got an empty array instead.", GatewayErrorCodes.EmptyArray);
        }

        return array;
    }

    /// <summary>The required, non-empty <c>messages</c>: each an object with a role from the list, its content checked by <paramref name="checkContent"/>.</summary>
    public static void Messages(JsonObject body, IReadOnlyList<string> roles, Action<JsonNode?, string> checkContent)
    {
        var messages = RequiredArray(body, "messages", "messages", nonEmpty: true);
        for (var i = 0; i < messages.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"messages[{i}]");
            var message = ObjectItem(messages[i], path);
            OneOf(RequiredString(message, "role", path + ".role"), path + ".role", roles);
            checkContent(message["content"], path + ".content");
        }
    }

    public static JsonObject ObjectItem(JsonNode? item, string path) =>
        item as JsonObject ?? throw WrongType(path, "an object", item);

    public static JsonObject? OptionalObject(JsonObject parent, string name, string path) => parent[name] switch
    {
        null => null,
        JsonObject value => value,
        var other => throw WrongType(path, "an object", other),
    };

    public static string? OptionalString(JsonObject parent, string name, string path) => parent[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw WrongType(path, "a string", other),
    };

    public static string RequiredString(JsonObject parent, string name, string path) =>
        OptionalString(parent, name, path) ?? throw Missing(path);

    public static void OneOf(string? value, string path, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new InvalidGatewayRequestException(
                path,
                $"Invalid value for '{path}': '{value}'. Supported values are: {string.Join(", ", allowed.Select(a => $"'{a}'"))}.",
                GatewayErrorCodes.InvalidValue);
        }
    }

    public static void OptionalBoolean(JsonObject parent, string name, string path)
    {
        if (parent[name] is { } node && node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw WrongType(path, "a boolean", node);
        }
    }

    public static void OptionalInteger(JsonObject parent, string name, string path, long min, long max)
    {
        if (parent[name] is not { } node)
        {
            return;
        }

        if (node.GetValueKind() != JsonValueKind.Number)
        {
            throw WrongType(path, "an integer", node);
        }

        var value = node.AsValue();
        var integral = value.TryGetValue(out long whole);
        if (!integral && value.TryGetValue(out double number) && Math.Floor(number) == number)
        {
            // Integral but beyond a long (1e30): above or below every limit.
            throw OutOfRange(path, number > 0, min, max, number.ToString("R", CultureInfo.InvariantCulture));
        }

        if (!integral)
        {
            throw new InvalidGatewayRequestException(path, $"Invalid type for '{path}': expected an integer, but got a decimal instead.", GatewayErrorCodes.InvalidType);
        }

        if (whole < min || whole > max)
        {
            throw OutOfRange(path, whole > max, min, max, whole.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A string, or (when <paramref name="arrayAllowed"/>) a non-empty array of strings.</summary>
    public static void TextOrTexts(JsonObject parent, string name, string path, bool required, bool arrayAllowed)
    {
        var node = parent[name];
        if (node is null)
        {
            if (required)
            {
                throw Missing(path);
            }

            return;
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            return;
        }

        if (!arrayAllowed || node is not JsonArray items)
        {
            throw WrongType(path, arrayAllowed ? "a string or an array of strings" : "a string", node);
        }

        if (items.Count == 0)
        {
            throw new InvalidGatewayRequestException(path, $"Invalid '{path}': empty array. Expected an array with minimum length 1, but got an empty array instead.", GatewayErrorCodes.EmptyArray);
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i]?.GetValueKind() != JsonValueKind.String)
            {
                throw WrongType(string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), "a string", items[i]);
            }
        }
    }

    public static InvalidGatewayRequestException WrongType(string path, string expected, JsonNode? actual) =>
        new(path, $"Invalid type for '{path}': expected {expected}, but got {JsonTypes.Describe(actual)} instead.", GatewayErrorCodes.InvalidType);

    public static JsonNode Required(JsonObject parent, string name, string path) =>
        parent[name] ?? throw Missing(path);

    private static InvalidGatewayRequestException Missing(string path) =>
        new(path, $"Missing required parameter: '{path}'.", GatewayErrorCodes.MissingRequiredParameter);

    private static InvalidGatewayRequestException OutOfRange(string path, bool above, long min, long max, string got) => above
        ? new(path, $"Invalid '{path}': integer above maximum value. Expected a value <= {max}, but got {got} instead.", GatewayErrorCodes.IntegerAboveMaxValue)
        : new(path, $"Invalid '{path}': integer below minimum value. Expected a value >= {min}, but got {got} instead.", GatewayErrorCodes.IntegerBelowMinValue);
}

/// <summary>A JSON value's type in the words of OpenAI's error messages.</summary>
internal static class JsonTypes
{
    public static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number when node.AsValue().TryGetValue(out long _) => "an integer",
        JsonValueKind.Number => "a decimal",
        _ => "an unknown value",
    };
}
