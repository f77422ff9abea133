using System.Globalization;
using System.Text.Json.Nodes;
using CleanDashboard.Application.Gateway.DemoModel;

namespace CleanDashboard.Application.Gateway.Validation;

/// <summary>The checks an OpenAI server makes on the fields of a chat, completion or embeddings request that the demo model reads.</summary>
internal static class OpenAIBodyValidator
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];
    private static readonly string[] ResponsesRoles = ["system", "developer", "user", "assistant"];
    private static readonly string[] EncodingFormats = ["float", "base64"];

    public static void Validate(JsonObject body, GatewayOperation operation)
    {
        switch (operation)
        {
            case GatewayOperation.ChatCompletions:
                JsonFields.Messages(body, Roles, ValidateContent);
                ValidateGeneration(body);
                JsonFields.OptionalInteger(body, "max_completion_tokens", "max_completion_tokens", 1, int.MaxValue);
                break;
            case GatewayOperation.Completions:
                JsonFields.TextOrTexts(body, "prompt", "prompt", required: true, arrayAllowed: true);
                ValidateGeneration(body);
                break;
            case GatewayOperation.Embeddings:
                JsonFields.TextOrTexts(body, "input", "input", required: true, arrayAllowed: true);
                JsonFields.OneOf(JsonFields.OptionalString(body, "encoding_format", "encoding_format"), "encoding_format", EncodingFormats);
                JsonFields.OptionalInteger(body, "dimensions", "dimensions", 1, DemoEcho.MaxDimensions);
                break;
            case GatewayOperation.Responses:
                ValidateResponsesInput(body);
                JsonFields.OptionalString(body, "instructions", "instructions");
                JsonFields.OptionalBoolean(body, "stream", "stream");
                JsonFields.OptionalInteger(body, "max_output_tokens", "max_output_tokens", 1, int.MaxValue);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an OpenAI operation.");
        }
    }

    private static void ValidateGeneration(JsonObject body)
    {
        JsonFields.OptionalBoolean(body, "stream", "stream");
        JsonFields.OptionalObject(body, "stream_options", "stream_options");
        JsonFields.OptionalInteger(body, "max_tokens", "max_tokens", 1, int.MaxValue);
    }

    /// <summary>The Responses API's <c>input</c>: a string, or an array of items (messages with a role and a content).</summary>
    private static void ValidateResponsesInput(JsonObject body)
    {
        var input = JsonFields.Required(body, "input", "input");
        if (input.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            return;
        }

        if (input is not JsonArray items)
        {
            throw JsonFields.WrongType("input", "a string or an array of input items", input);
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"input[{i}]");
            var item = JsonFields.ObjectItem(items[i], path);
            if (item["role"] is not null)
            {
                OneOf(JsonFields.RequiredString(item, "role", path + ".role"), path + ".role");
                ValidateContent(item["content"], path + ".content");
            }
        }
    }

    private static void OneOf(string role, string path) => JsonFields.OneOf(role, path, ResponsesRoles);

    /// <summary>
    /// A string, null (an assistant message with tool calls), or an array of parts that each name their type; a chat
    /// <c>text</c> part has its text (the Responses API's <c>input_text</c>/<c>output_text</c> parts are checked by type only).
    /// </summary>
    private static void ValidateContent(JsonNode? content, string path)
    {
        if (content is null || content.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            return;
        }

        if (content is not JsonArray parts)
        {
            throw JsonFields.WrongType(path, "a string or an array of content parts", content);
        }

        for (var j = 0; j < parts.Count; j++)
        {
            var partPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{j}]");
            var part = JsonFields.ObjectItem(parts[j], partPath);
            if (JsonFields.RequiredString(part, "type", partPath + ".type") == "text")
            {
                JsonFields.RequiredString(part, "text", partPath + ".text");
            }
        }
    }
}
