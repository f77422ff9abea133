using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanDashboard.Application.Gateway.Validation;

/// <summary>The checks Anthropic's Messages API makes on the fields of a request that the demo model reads.</summary>
internal static class AnthropicBodyValidator
{
    private static readonly string[] Roles = ["user", "assistant"];

    public static void Validate(JsonObject body, GatewayOperation operation)
    {
        switch (operation)
        {
            case GatewayOperation.AnthropicMessages:
                JsonFields.Messages(body, Roles, ValidateContent);
                ValidateSystem(body);
                JsonFields.Required(body, "max_tokens", "max_tokens");
                JsonFields.OptionalInteger(body, "max_tokens", "max_tokens", 1, int.MaxValue);
                JsonFields.OptionalBoolean(body, "stream", "stream");
                break;
            case GatewayOperation.AnthropicCountTokens:
                JsonFields.Messages(body, Roles, ValidateContent);
                ValidateSystem(body);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an Anthropic operation.");
        }
    }

    /// <summary>A string or an array of text blocks.</summary>
    private static void ValidateSystem(JsonObject body)
    {
        if (body["system"] is { } system && system.GetValueKind() != JsonValueKind.String)
        {
            ValidateContent(system, "system");
        }
    }

    /// <summary>A string or an array of content blocks that each name their type; a text block carries its text.</summary>
    private static void ValidateContent(JsonNode? content, string path)
    {
        if (content is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return;
        }

        if (content is not JsonArray blocks)
        {
            throw JsonFields.WrongType(path, "a string or an array of content blocks", content);
        }

        for (var j = 0; j < blocks.Count; j++)
        {
            var blockPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{j}]");
            var block = JsonFields.ObjectItem(blocks[j], blockPath);
            if (JsonFields.RequiredString(block, "type", blockPath + ".type") == "text")
            {
                JsonFields.RequiredString(block, "text", blockPath + ".text");
            }
        }
    }
}
