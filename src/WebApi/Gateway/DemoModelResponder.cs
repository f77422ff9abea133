using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Gateway.DemoModel;
using CleanDashboard.Application.Gateway.Validation;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>
/// Writes the built-in demo model's answers in the wire format of the route: OpenAI JSON or server-sent events
/// (each piece flushed as its own <c>data:</c> event, then the usage event and <c>data: [DONE]</c>), or Ollama JSON
/// or NDJSON (the last line <c>done: true</c> with <c>prompt_eval_count</c> and <c>eval_count</c>).
/// </summary>
public sealed class DemoModelResponder(TimeProvider timeProvider)
{
    private const string Owner = "cleandashboard";
    private static readonly byte[] EventPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\n"u8.ToArray();

    /// <param name="includeStreamUsage">Send the usage event at the end of an OpenAI stream even when the client did not ask for it, as an upstream would be asked to.</param>
    public Task AnswerAsync(HttpContext context, GatewayRequest request, GatewayOperation operation, bool includeStreamUsage, CancellationToken cancellationToken)
    {
        GatewayBodyValidator.Validate(request, operation);
        var answer = new Answer(context.Response, timeProvider.GetUtcNow());
        if (operation.IsEmbedding())
        {
            var embeddings = DemoEcho.Embed(request);
            return operation == GatewayOperation.OllamaEmbed
                ? answer.WriteJsonAsync(w => OllamaEmbeddings(w, embeddings), cancellationToken)
                : answer.WriteJsonAsync(w => OpenAIEmbeddings(w, embeddings, AsksForBase64(request)), cancellationToken);
        }

        var reply = DemoEcho.Reply(request, operation);
        var streaming = request.IsStreaming(operation);
        return operation switch
        {
            GatewayOperation.OllamaChat or GatewayOperation.OllamaGenerate when streaming => answer.StreamOllamaAsync(reply, operation, cancellationToken),
            GatewayOperation.OllamaChat or GatewayOperation.OllamaGenerate => answer.WriteJsonAsync(w => answer.OllamaDone(w, reply, operation, reply.Text), cancellationToken),
            _ when streaming => answer.StreamOpenAIAsync(reply, operation, includeStreamUsage || request.AsksForStreamUsage, cancellationToken),
            _ => answer.WriteJsonAsync(w => answer.OpenAICompletion(w, reply, operation), cancellationToken),
        };
    }

    private static bool AsksForBase64(GatewayRequest request) =>
        request.Body["encoding_format"] is JsonValue format && format.GetValueKind() == JsonValueKind.String && format.GetValue<string>() == "base64";

    private static void OpenAIEmbeddings(Utf8JsonWriter w, DemoEmbeddings embeddings, bool base64)
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        for (var i = 0; i < embeddings.Vectors.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("object", "embedding");
            w.WriteNumber("index", i);
            if (base64)
            {
                w.WriteBase64String("embedding", LittleEndianBytes(embeddings.Vectors[i]));
            }
            else
            {
                WriteVector(w, "embedding", embeddings.Vectors[i]);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("model", DemoEcho.ModelName);
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", embeddings.PromptTokens);
        w.WriteNumber("total_tokens", embeddings.PromptTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void OllamaEmbeddings(Utf8JsonWriter w, DemoEmbeddings embeddings)
    {
        w.WriteStartObject();
        w.WriteString("model", DemoEcho.ModelName);
        w.WriteStartArray("embeddings");
        foreach (var vector in embeddings.Vectors)
        {
            WriteVector(w, null, vector);
        }

        w.WriteEndArray();
        w.WriteNumber("total_duration", 0);
        w.WriteNumber("load_duration", 0);
        w.WriteNumber("prompt_eval_count", embeddings.PromptTokens);
        w.WriteEndObject();
    }

    private static void WriteVector(Utf8JsonWriter w, string? name, float[] vector)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var value in vector)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }

    private static byte[] LittleEndianBytes(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return bytes;
    }

    private static void WriteUsage(Utf8JsonWriter w, DemoReply reply)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", reply.PromptTokens);
        w.WriteNumber("completion_tokens", reply.CompletionTokens);
        w.WriteNumber("total_tokens", reply.TotalTokens);
        w.WriteEndObject();
    }

    /// <summary>One answer being written: its id and timestamp, and a reusable buffer for its JSON chunks.</summary>
    private sealed class Answer(HttpResponse response, DateTimeOffset now)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private readonly string _id = Guid.NewGuid().ToString("N");

        private long Created => now.ToUnixTimeSeconds();

        private string CreatedAt => now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        public async Task WriteJsonAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
        {
            var json = Serialize(write);
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = json.Length;
            await response.Body.WriteAsync(json, cancellationToken);
        }

        public void OpenAICompletion(Utf8JsonWriter w, DemoReply reply, GatewayOperation operation)
        {
            var chat = operation == GatewayOperation.ChatCompletions;
            w.WriteStartObject();
            w.WriteString("id", (chat ? "chatcmpl-" : "cmpl-") + _id);
            w.WriteString("object", chat ? "chat.completion" : "text_completion");
            w.WriteNumber("created", Created);
            w.WriteString("model", DemoEcho.ModelName);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            if (chat)
            {
                w.WriteStartObject("message");
                w.WriteString("role", "assistant");
                w.WriteString("content", reply.Text);
                w.WriteNull("refusal");
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("text", reply.Text);
            }

            w.WriteNull("logprobs");
            w.WriteString("finish_reason", reply.FinishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w, reply);
            w.WriteString("system_fingerprint", DemoEcho.ModelName);
            w.WriteEndObject();
        }

        public async Task StreamOpenAIAsync(DemoReply reply, GatewayOperation operation, bool includeUsage, CancellationToken cancellationToken)
        {
            var chat = operation == GatewayOperation.ChatCompletions;
            StartStream("text/event-stream; charset=utf-8");
            if (chat)
            {
                await SendEventAsync(w => OpenAIChunk(w, chat, role: true, piece: string.Empty, finishReason: null), cancellationToken);
            }

            foreach (var piece in reply.Pieces)
            {
                await SendEventAsync(w => OpenAIChunk(w, chat, role: false, piece, finishReason: null), cancellationToken);
            }

            await SendEventAsync(w => OpenAIChunk(w, chat, role: false, piece: null, reply.FinishReason), cancellationToken);
            if (includeUsage)
            {
                await SendEventAsync(w => OpenAIUsageChunk(w, chat, reply), cancellationToken);
            }

            await response.Body.WriteAsync(DoneEvent, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }

        public async Task StreamOllamaAsync(DemoReply reply, GatewayOperation operation, CancellationToken cancellationToken)
        {
            StartStream("application/x-ndjson");
            foreach (var piece in reply.Pieces)
            {
                await SendLineAsync(w => OllamaChunk(w, operation, piece), cancellationToken);
            }

            await SendLineAsync(w => OllamaDone(w, reply, operation, string.Empty), cancellationToken);
        }

        public void OllamaDone(Utf8JsonWriter w, DemoReply reply, GatewayOperation operation, string text)
        {
            w.WriteStartObject();
            OllamaHead(w, operation, text);
            w.WriteString("done_reason", reply.FinishReason);
            w.WriteBoolean("done", true);
            if (operation == GatewayOperation.OllamaGenerate)
            {
                w.WriteStartArray("context");
                w.WriteEndArray();
            }

            w.WriteNumber("total_duration", 0);
            w.WriteNumber("load_duration", 0);
            w.WriteNumber("prompt_eval_count", reply.PromptTokens);
            w.WriteNumber("prompt_eval_duration", 0);
            w.WriteNumber("eval_count", reply.CompletionTokens);
            w.WriteNumber("eval_duration", 0);
            w.WriteEndObject();
        }

        private void OllamaChunk(Utf8JsonWriter w, GatewayOperation operation, string piece)
        {
            w.WriteStartObject();
            OllamaHead(w, operation, piece);
            w.WriteBoolean("done", false);
            w.WriteEndObject();
        }

        private void OllamaHead(Utf8JsonWriter w, GatewayOperation operation, string text)
        {
            w.WriteString("model", DemoEcho.ModelName);
            w.WriteString("created_at", CreatedAt);
            if (operation == GatewayOperation.OllamaChat)
            {
                w.WriteStartObject("message");
                w.WriteString("role", "assistant");
                w.WriteString("content", text);
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("response", text);
            }
        }

        private void OpenAIChunk(Utf8JsonWriter w, bool chat, bool role, string? piece, string? finishReason)
        {
            WriteChunkHead(w, chat);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            if (chat)
            {
                w.WriteStartObject("delta");
                if (role)
                {
                    w.WriteString("role", "assistant");
                }

                if (piece is not null)
                {
                    w.WriteString("content", piece);
                }

                w.WriteEndObject();
            }
            else
            {
                w.WriteString("text", piece ?? string.Empty);
            }

            w.WriteNull("logprobs");
            if (finishReason is null)
            {
                w.WriteNull("finish_reason");
            }
            else
            {
                w.WriteString("finish_reason", finishReason);
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private void OpenAIUsageChunk(Utf8JsonWriter w, bool chat, DemoReply reply)
        {
            WriteChunkHead(w, chat);
            w.WriteStartArray("choices");
            w.WriteEndArray();
            WriteUsage(w, reply);
            w.WriteEndObject();
        }

        private void WriteChunkHead(Utf8JsonWriter w, bool chat)
        {
            w.WriteStartObject();
            w.WriteString("id", (chat ? "chatcmpl-" : "cmpl-") + _id);
            w.WriteString("object", chat ? "chat.completion.chunk" : "text_completion");
            w.WriteNumber("created", Created);
            w.WriteString("model", DemoEcho.ModelName);
            w.WriteString("system_fingerprint", DemoEcho.ModelName);
        }

        private void StartStream(string contentType)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.Headers.CacheControl = "no-cache";
        }

        private async Task SendEventAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
        {
            var json = Serialize(write);
            await response.Body.WriteAsync(EventPrefix, cancellationToken);
            await response.Body.WriteAsync(json, cancellationToken);
            await response.Body.WriteAsync(EventEnd, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }

        private async Task SendLineAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
        {
            var json = Serialize(write);
            await response.Body.WriteAsync(json, cancellationToken);
            await response.Body.WriteAsync(LineEnd, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }

        private ReadOnlyMemory<byte> Serialize(Action<Utf8JsonWriter> write)
        {
            _buffer.Clear();
            using (var writer = new Utf8JsonWriter(_buffer))
            {
                write(writer);
            }

            return _buffer.WrittenMemory;
        }
    }
}
