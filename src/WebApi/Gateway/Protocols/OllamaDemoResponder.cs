using System.Text.Json;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Gateway.DemoModel;

namespace CleanDashboard.WebApi.Gateway.Protocols;

/// <summary>The demo model on the Ollama routes: JSON or NDJSON, the last line <c>done: true</c> with <c>prompt_eval_count</c> and <c>eval_count</c>.</summary>
internal sealed class OllamaDemoResponder(TimeProvider timeProvider)
{
    public Task AnswerAsync(HttpContext context, GatewayRequest request, GatewayOperation operation, CancellationToken cancellationToken)
    {
        var answer = new DemoAnswer(context.Response, timeProvider.GetUtcNow());
        switch (operation)
        {
            case GatewayOperation.OllamaEmbed:
                var embeddings = DemoEcho.Embed(request);
                return answer.WriteJsonAsync(w => Embeddings(w, embeddings), cancellationToken);
            case GatewayOperation.OllamaLegacyEmbeddings:
                var vector = DemoEcho.Vector(request.Body["prompt"]!.GetValue<string>(), DemoEcho.DefaultDimensions);
                return answer.WriteJsonAsync(w =>
                {
                    w.WriteStartObject();
                    DemoAnswer.WriteVector(w, "embedding", vector);
                    w.WriteEndObject();
                }, cancellationToken);
            case GatewayOperation.OllamaShow:
                return answer.WriteJsonAsync(w => Show(w, answer), cancellationToken);
        }

        var reply = DemoEcho.Reply(request, operation);
        return request.IsStreaming(operation)
            ? StreamAsync(answer, reply, operation, cancellationToken)
            : answer.WriteJsonAsync(w => Done(w, answer, reply, operation, reply.Text), cancellationToken);
    }

    /// <summary><c>/api/show</c> for the demo model: what it can do and that it is not a real model file.</summary>
    private static void Show(Utf8JsonWriter w, DemoAnswer answer)
    {
        w.WriteStartObject();
        w.WriteString("modelfile", string.Empty);
        w.WriteString("parameters", string.Empty);
        w.WriteString("template", "{{ .Prompt }}");
        w.WriteStartObject("details");
        w.WriteString("parent_model", string.Empty);
        w.WriteString("format", "builtin");
        w.WriteString("family", DemoEcho.ModelName);
        w.WriteStartArray("families");
        w.WriteStringValue(DemoEcho.ModelName);
        w.WriteEndArray();
        w.WriteString("parameter_size", "0");
        w.WriteString("quantization_level", "none");
        w.WriteEndObject();
        w.WriteStartObject("model_info");
        w.WriteEndObject();
        w.WriteStartArray("capabilities");
        w.WriteStringValue("completion");
        w.WriteStringValue("embedding");
        w.WriteEndArray();
        w.WriteString("modified_at", answer.CreatedAt);
        w.WriteEndObject();
    }

    private static void Embeddings(Utf8JsonWriter w, DemoEmbeddings embeddings)
    {
        w.WriteStartObject();
        w.WriteString("model", DemoEcho.ModelName);
        w.WriteStartArray("embeddings");
        foreach (var vector in embeddings.Vectors)
        {
            DemoAnswer.WriteVector(w, null, vector);
        }

        w.WriteEndArray();
        w.WriteNumber("total_duration", 0);
        w.WriteNumber("load_duration", 0);
        w.WriteNumber("prompt_eval_count", embeddings.PromptTokens);
        w.WriteEndObject();
    }

    private static async Task StreamAsync(DemoAnswer answer, DemoReply reply, GatewayOperation operation, CancellationToken cancellationToken)
    {
        answer.StartStream("application/x-ndjson");
        foreach (var piece in reply.Pieces)
        {
            await answer.SendLineAsync(w => Chunk(w, answer, operation, piece), cancellationToken);
        }

        await answer.SendLineAsync(w => Done(w, answer, reply, operation, string.Empty), cancellationToken);
    }

    private static void Done(Utf8JsonWriter w, DemoAnswer answer, DemoReply reply, GatewayOperation operation, string text)
    {
        w.WriteStartObject();
        Head(w, answer, operation, text);
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

    private static void Chunk(Utf8JsonWriter w, DemoAnswer answer, GatewayOperation operation, string piece)
    {
        w.WriteStartObject();
        Head(w, answer, operation, piece);
        w.WriteBoolean("done", false);
        w.WriteEndObject();
    }

    private static void Head(Utf8JsonWriter w, DemoAnswer answer, GatewayOperation operation, string text)
    {
        w.WriteString("model", DemoEcho.ModelName);
        w.WriteString("created_at", answer.CreatedAt);
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
}
