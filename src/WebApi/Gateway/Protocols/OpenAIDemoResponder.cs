using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Gateway.DemoModel;

namespace CleanDashboard.WebApi.Gateway.Protocols;

/// <summary>
/// The demo model on the OpenAI routes: chat and text completions as JSON or server-sent events (each piece its own
/// <c>data:</c> event, then the usage event and <c>data: [DONE]</c>), embeddings, and Responses API answers
/// (<see cref="ResponsesDemoWriter"/>).
/// </summary>
internal sealed class OpenAIDemoResponder(TimeProvider timeProvider)
{
    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();

    public Task AnswerAsync(HttpContext context, GatewayRequest request, GatewayOperation operation, bool includeStreamUsage, CancellationToken cancellationToken)
    {
        var answer = new DemoAnswer(context.Response, timeProvider.GetUtcNow());
        if (operation == GatewayOperation.Embeddings)
        {
            var embeddings = DemoEcho.Embed(request);
            return answer.WriteJsonAsync(w => Embeddings(w, embeddings, AsksForBase64(request)), cancellationToken);
        }

        var reply = DemoEcho.Reply(request, operation);
        var streaming = request.IsStreaming(operation);
        if (operation == GatewayOperation.Responses)
        {
            var responses = new ResponsesDemoWriter(answer, request, reply);
            return streaming ? responses.StreamAsync(cancellationToken) : answer.WriteJsonAsync(w => responses.Response(w, completed: true), cancellationToken);
        }

        return streaming
            ? StreamAsync(answer, reply, operation, includeStreamUsage || request.AsksForStreamUsage, cancellationToken)
            : answer.WriteJsonAsync(w => Completion(w, answer, reply, operation), cancellationToken);
    }

    private static bool AsksForBase64(GatewayRequest request) =>
        request.Body["encoding_format"] is JsonValue format && format.GetValueKind() == JsonValueKind.String && format.GetValue<string>() == "base64";

    private static void Embeddings(Utf8JsonWriter w, DemoEmbeddings embeddings, bool base64)
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
                DemoAnswer.WriteVector(w, "embedding", embeddings.Vectors[i]);
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

    private static void Completion(Utf8JsonWriter w, DemoAnswer answer, DemoReply reply, GatewayOperation operation)
    {
        var chat = operation == GatewayOperation.ChatCompletions;
        w.WriteStartObject();
        w.WriteString("id", (chat ? "chatcmpl-" : "cmpl-") + answer.Id);
        w.WriteString("object", chat ? "chat.completion" : "text_completion");
        w.WriteNumber("created", answer.Created);
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

    private static async Task StreamAsync(DemoAnswer answer, DemoReply reply, GatewayOperation operation, bool includeUsage, CancellationToken cancellationToken)
    {
        var chat = operation == GatewayOperation.ChatCompletions;
        answer.StartStream("text/event-stream; charset=utf-8");
        if (chat)
        {
            await answer.SendEventAsync(null, w => Chunk(w, answer, chat, role: true, piece: string.Empty, finishReason: null), cancellationToken);
        }

        foreach (var piece in reply.Pieces)
        {
            await answer.SendEventAsync(null, w => Chunk(w, answer, chat, role: false, piece, finishReason: null), cancellationToken);
        }

        await answer.SendEventAsync(null, w => Chunk(w, answer, chat, role: false, piece: null, reply.FinishReason), cancellationToken);
        if (includeUsage)
        {
            await answer.SendEventAsync(null, w => UsageChunk(w, answer, chat, reply), cancellationToken);
        }

        await answer.SendRawAsync(DoneEvent, cancellationToken);
    }

    private static void Chunk(Utf8JsonWriter w, DemoAnswer answer, bool chat, bool role, string? piece, string? finishReason)
    {
        ChunkHead(w, answer, chat);
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

    private static void UsageChunk(Utf8JsonWriter w, DemoAnswer answer, bool chat, DemoReply reply)
    {
        ChunkHead(w, answer, chat);
        w.WriteStartArray("choices");
        w.WriteEndArray();
        WriteUsage(w, reply);
        w.WriteEndObject();
    }

    private static void ChunkHead(Utf8JsonWriter w, DemoAnswer answer, bool chat)
    {
        w.WriteStartObject();
        w.WriteString("id", (chat ? "chatcmpl-" : "cmpl-") + answer.Id);
        w.WriteString("object", chat ? "chat.completion.chunk" : "text_completion");
        w.WriteNumber("created", answer.Created);
        w.WriteString("model", DemoEcho.ModelName);
        w.WriteString("system_fingerprint", DemoEcho.ModelName);
    }
}
