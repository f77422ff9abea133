using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanDashboard.Application.Gateway.DemoModel;

/// <summary>
/// The built-in <c>demo-echo</c> model: deterministic answers so a new install can send real traffic with no model server.
/// A chat or completion is answered with <c>"Echo:"</c> followed by the words of the last user message (or the prompt);
/// a token is a whitespace-separated word: prompt tokens are the words of every message (or of the prompt, or of the
/// inputs to embed), completion tokens the words of the answer. <c>max_tokens</c>, <c>max_completion_tokens</c> and
/// Ollama's <c>options.num_predict</c> cut the answer short (finish reason <c>length</c>). Embeddings are unit vectors
/// derived from the SHA-256 of each input: the same text always gets the same vector.
/// </summary>
public static class DemoEcho
{
    public const string ModelName = "demo-echo";
    public const string ReplyPrefix = "Echo:";
    public const int DefaultDimensions = 16;
    public const int MaxDimensions = 4096;

    public static DemoReply Reply(GatewayRequest request, GatewayOperation operation)
    {
        var (promptText, echoed) = operation switch
        {
            GatewayOperation.ChatCompletions or GatewayOperation.OllamaChat => ReadMessages(request.Body),
            GatewayOperation.AnthropicMessages => ReadAnthropicMessages(request.Body),
            GatewayOperation.Responses => ReadResponsesInput(request.Body),
            GatewayOperation.Completions => ReadCompletionPrompt(request.Body),
            GatewayOperation.OllamaGenerate => ReadGeneratePrompt(request.Body),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a chat or completion operation."),
        };

        var words = new List<string> { ReplyPrefix };
        words.AddRange(Words(echoed));
        var limit = MaxTokens(request.Body, operation);
        var truncated = limit is { } max && words.Count > max;
        if (truncated)
        {
            words.RemoveRange(limit!.Value, words.Count - limit.Value);
        }

        var pieces = words.Select((word, index) => index == 0 ? word : " " + word).ToList();
        return new DemoReply(pieces, CountWords(promptText), truncated);
    }

    public static DemoEmbeddings Embed(GatewayRequest request)
    {
        var inputs = request.Body["input"] switch
        {
            JsonValue single when single.GetValueKind() == JsonValueKind.String => [single.GetValue<string>()],
            JsonArray many when many.Count > 0 && many.All(i => i?.GetValueKind() == JsonValueKind.String) => many.Select(i => i!.GetValue<string>()).ToList(),
            _ => throw GatewayRequest.Invalid("input", "Required: a string or a non-empty array of strings.", GatewayErrorCodes.InvalidType),
        };

        var dimensions = request.Body["dimensions"] is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue(out int asked) && asked is > 0 and <= MaxDimensions
            ? asked
            : DefaultDimensions;
        return new DemoEmbeddings(inputs.Select(text => Vector(text, dimensions)).ToList(), inputs.Sum(CountWords));
    }

    public static int CountWords(string text) => Words(text).Length;

    /// <summary>Anthropic's <c>count_tokens</c>: the prompt tokens a Messages request would have.</summary>
    public static int CountPromptTokens(GatewayRequest request) => CountWords(ReadAnthropicMessages(request.Body).PromptText);

    /// <summary>A unit vector of the given length from the SHA-256 of the text, block after block.</summary>
    public static float[] Vector(string text, int dimensions)
    {
        var textBytes = Encoding.UTF8.GetBytes(text);
        var seed = new byte[textBytes.Length + sizeof(int)];
        textBytes.CopyTo(seed, 0);
        var vector = new float[dimensions];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        for (var i = 0; i < dimensions; i++)
        {
            if (i % SHA256.HashSizeInBytes == 0)
            {
                BinaryPrimitives.WriteInt32LittleEndian(seed.AsSpan(textBytes.Length), i / SHA256.HashSizeInBytes);
                SHA256.HashData(seed, hash);
            }

            vector[i] = (hash[i % SHA256.HashSizeInBytes] / 127.5f) - 1f;
        }

        var length = MathF.Sqrt(vector.Sum(v => v * v));
        if (length > 0)
        {
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] /= length;
            }
        }

        return vector;
    }

    private static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static (string PromptText, string Echoed) ReadMessages(JsonObject body)
    {
        if (body["messages"] is not JsonArray messages)
        {
            throw GatewayRequest.Invalid("messages", "Required: an array of messages, each with a 'role' and a 'content'.", GatewayErrorCodes.InvalidType);
        }

        var all = new StringBuilder();
        var lastUser = string.Empty;
        foreach (var message in messages.OfType<JsonObject>())
        {
            var content = PromptText.MessageText(message["content"]);
            all.Append(content).Append(' ');
            if (message["role"] is JsonValue role && role.GetValueKind() == JsonValueKind.String
                && string.Equals(role.GetValue<string>(), "user", StringComparison.OrdinalIgnoreCase))
            {
                lastUser = content;
            }
        }

        return (all.ToString(), lastUser);
    }

    /// <summary>Anthropic's system prompt (a string or text blocks) counts towards the prompt, beside the messages.</summary>
    private static (string PromptText, string Echoed) ReadAnthropicMessages(JsonObject body)
    {
        var (messages, echoed) = ReadMessages(body);
        return (PromptText.MessageText(body["system"]) + " " + messages, echoed);
    }

    /// <summary>The Responses API's instructions and input (a string, or message items); the last user item is echoed.</summary>
    private static (string PromptText, string Echoed) ReadResponsesInput(JsonObject body)
    {
        var instructions = body["instructions"] is JsonValue i && i.GetValueKind() == JsonValueKind.String ? i.GetValue<string>() : string.Empty;
        switch (body["input"])
        {
            case JsonValue single when single.GetValueKind() == JsonValueKind.String:
                return (instructions + " " + single.GetValue<string>(), single.GetValue<string>());
            case JsonArray items:
                var all = new StringBuilder(instructions).Append(' ');
                var lastUser = string.Empty;
                foreach (var item in items.OfType<JsonObject>())
                {
                    var content = PromptText.MessageText(item["content"]);
                    all.Append(content).Append(' ');
                    if (item["role"] is JsonValue role && role.GetValueKind() == JsonValueKind.String && role.GetValue<string>() == "user")
                    {
                        lastUser = content;
                    }
                }

                return (all.ToString(), lastUser);
            default:
                throw GatewayRequest.Invalid("input", "Required: a string or an array of input items.", GatewayErrorCodes.InvalidType);
        }
    }

    private static (string PromptText, string Echoed) ReadCompletionPrompt(JsonObject body)
    {
        var prompt = body["prompt"] switch
        {
            JsonValue single when single.GetValueKind() == JsonValueKind.String => single.GetValue<string>(),
            JsonArray many when many.All(i => i?.GetValueKind() == JsonValueKind.String) => string.Join(' ', many.Select(i => i!.GetValue<string>())),
            _ => throw GatewayRequest.Invalid("prompt", "Required: a string or an array of strings.", GatewayErrorCodes.InvalidType),
        };
        return (prompt, prompt);
    }

    private static (string PromptText, string Echoed) ReadGeneratePrompt(JsonObject body)
    {
        var prompt = body["prompt"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;
        return (prompt, prompt);
    }

    /// <summary>The answer length the request asks to stay within (<c>max_tokens</c>, <c>max_completion_tokens</c>, <c>max_output_tokens</c>, <c>num_predict</c>), or null.</summary>
    public static int? MaxTokens(JsonObject body, GatewayOperation operation)
    {
        var limit = operation switch
        {
            GatewayOperation.OllamaChat or GatewayOperation.OllamaGenerate => (body["options"] as JsonObject)?["num_predict"],
            GatewayOperation.Responses => body["max_output_tokens"],
            GatewayOperation.AnthropicMessages => body["max_tokens"],
            _ => body["max_completion_tokens"] ?? body["max_tokens"],
        };
        return limit is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int max) && max > 0 ? max : null;
    }
}

/// <summary>The demo model's answer, in the pieces it is streamed in (the first word, then each further word with its leading space).</summary>
public sealed record DemoReply(IReadOnlyList<string> Pieces, int PromptTokens, bool Truncated)
{
    public string Text => string.Concat(Pieces);

    public int CompletionTokens => Pieces.Count;

    public int TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>OpenAI's and Ollama's name for why the answer ended.</summary>
    public string FinishReason => Truncated ? "length" : "stop";

    /// <summary>Anthropic's name for why the answer ended.</summary>
    public string StopReason => Truncated ? "max_tokens" : "end_turn";
}

public sealed record DemoEmbeddings(IReadOnlyList<float[]> Vectors, int PromptTokens);
