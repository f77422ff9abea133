using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanDashboard.Application.Common.Json;
using CleanDashboard.Application.Gateway.Validation;

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

    /// <exception cref="InvalidGatewayRequestException">
    /// The body is empty or not readable JSON (duplicate keys, invalid UTF-8, lone surrogates included), not an object,
    /// or has no acceptable <c>model</c>.
    /// </exception>
    public static GatewayRequest Parse(ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            throw Invalid("body", "The request body is empty: send a JSON object with at least a 'model'.", GatewayErrorCodes.MissingRequiredParameter);
        }

        if (!StrictJson.TryParse(utf8Json, out var root, out var error))
        {
            throw Invalid(error.Field, error.Message, GatewayErrorCodes.InvalidValue);
        }

        if (root is not JsonObject body)
        {
            throw Invalid("body", "The request body must be a JSON object.", GatewayErrorCodes.InvalidType);
        }

        if (!body.TryGetPropertyValue("model", out var modelNode) || modelNode is null)
        {
            throw Invalid("model", "Missing required parameter: 'model', the name of the model to use, such as 'demo-echo'.", GatewayErrorCodes.MissingRequiredParameter);
        }

        if (modelNode.GetValueKind() != JsonValueKind.String)
        {
            throw Invalid("model", $"Invalid type for 'model': expected a string, but got {JsonTypes.Describe(modelNode)} instead.", GatewayErrorCodes.InvalidType);
        }

        var model = modelNode.GetValue<string>();
        if (ModelNames.Problem(model) is { } problem)
        {
            throw Invalid("model", $"Invalid 'model': {problem}", model.Length > ModelNames.MaxLength ? GatewayErrorCodes.StringAboveMaxLength : GatewayErrorCodes.InvalidValue);
        }

        return new GatewayRequest(body, model);
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

    internal static InvalidGatewayRequestException Invalid(string field, string message, string? code) => new(field, message, code);
}
