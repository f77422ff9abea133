using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanDashboard.Application.Gateway.Validation;

/// <summary>The checks an Ollama server makes on the fields of a chat, generate or embed request that the demo model reads.</summary>
internal static class OllamaBodyValidator
{
    private static readonly string[] Roles = ["system", "user", "assistant", "tool"];

    /// <summary>Ollama's <c>num_predict</c>: -1 is "no limit", -2 "fill the context".</summary>
    private const long LowestNumPredict = -2;

    public static void Validate(JsonObject body, GatewayOperation operation)
    {
        switch (operation)
        {
            case GatewayOperation.OllamaChat:
                JsonFields.Messages(body, Roles, ValidateContent);
                ValidateGeneration(body);
                break;
            case GatewayOperation.OllamaGenerate:
                JsonFields.OptionalString(body, "prompt", "prompt");
                ValidateGeneration(body);
                break;
            case GatewayOperation.OllamaEmbed:
                JsonFields.TextOrTexts(body, "input", "input", required: true, arrayAllowed: true);
                break;
            case GatewayOperation.OllamaLegacyEmbeddings:
                JsonFields.TextOrTexts(body, "prompt", "prompt", required: true, arrayAllowed: false);
                break;
            case GatewayOperation.OllamaShow:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an Ollama operation.");
        }
    }

    /// <summary>Ollama's content is text only (images go beside it).</summary>
    private static void ValidateContent(JsonNode? content, string path)
    {
        if (content is not null && content.GetValueKind() != JsonValueKind.String)
        {
            throw JsonFields.WrongType(path, "a string", content);
        }
    }

    private static void ValidateGeneration(JsonObject body)
    {
        JsonFields.OptionalBoolean(body, "stream", "stream");
        if (JsonFields.OptionalObject(body, "options", "options") is { } options)
        {
            JsonFields.OptionalInteger(options, "num_predict", "options.num_predict", LowestNumPredict, int.MaxValue);
        }
    }
}
