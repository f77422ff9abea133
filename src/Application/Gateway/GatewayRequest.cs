using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation.Results;
using ValidationException = CleanDashboard.Application.Common.Exceptions.ValidationException;

namespace CleanDashboard.Application.Gateway;

/// <summary>A model request as the client sent it: a JSON object with at least a <c>model</c>.</summary>
public sealed class GatewayRequest
{
    private GatewayRequest(JsonObject body, string model)
    {
        Body = body;
        Model = model;
    }

    public JsonObject Body { get; }

    public string Model { get; }

    /// <exception cref="ValidationException">The body is not a JSON object, or has no <c>model</c> string (400, naming <c>body</c> or <c>model</c>).</exception>
    public static GatewayRequest Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            throw Invalid("body", "The request body is empty: send a JSON object with at least a 'model'.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8Json);
        }
        catch (JsonException ex)
        {
            throw Invalid("body", $"The request body is not valid JSON: {ex.Message}");
        }

        if (root is not JsonObject body)
        {
            throw Invalid("body", "The request body must be a JSON object.");
        }

        if (!body.TryGetPropertyValue("model", out var modelNode) || modelNode is null)
        {
            throw Invalid("model", "Required: the name of the model to use, such as 'demo-echo'.");
        }

        if (modelNode.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(modelNode.GetValue<string>()))
        {
            throw Invalid("model", "Must be a non-empty string.");
        }

        return new GatewayRequest(body, modelNode.GetValue<string>());
    }

    public bool IsStreaming(GatewayOperation operation) =>
        Body["stream"] is JsonValue stream && stream.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? stream.GetValue<bool>()
            : operation.StreamsByDefault();

    /// <summary>True when the client asked for the usage chunk at the end of an OpenAI stream.</summary>
    public bool AsksForStreamUsage =>
        Body["stream_options"] is JsonObject options && options["include_usage"] is JsonValue include && include.GetValueKind() == JsonValueKind.True;

    /// <summary>Sets <c>stream_options.include_usage</c>, keeping the other stream options; false when it was already set.</summary>
    public bool RequestStreamUsage()
    {
        if (AsksForStreamUsage)
        {
            return false;
        }

        if (Body["stream_options"] is JsonObject options)
        {
            options["include_usage"] = true;
        }
        else
        {
            Body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return true;
    }

    public byte[] ToUtf8Bytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Body.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static ValidationException Invalid(string field, string message) =>
        new([new ValidationFailure(field, message)]);
}
