using System.Text.Json;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Gateway.DemoModel;

namespace CleanDashboard.WebApi.Gateway.Protocols;

/// <summary>
/// The demo model on Anthropic's routes: a <c>message</c> object, or the event stream Anthropic sends
/// (<c>message_start</c> with the input tokens, <c>content_block_start</c>, <c>ping</c>, one <c>content_block_delta</c>
/// per piece, <c>content_block_stop</c>, <c>message_delta</c> with the stop reason and output tokens, <c>message_stop</c>);
/// <c>count_tokens</c> answers <c>{"input_tokens":N}</c>.
/// </summary>
internal sealed class AnthropicDemoResponder(TimeProvider timeProvider)
{
    public Task AnswerAsync(HttpContext context, GatewayRequest request, GatewayOperation operation, CancellationToken cancellationToken)
    {
        var answer = new DemoAnswer(context.Response, timeProvider.GetUtcNow());
        if (operation == GatewayOperation.AnthropicCountTokens)
        {
            var tokens = DemoEcho.CountPromptTokens(request);
            return answer.WriteJsonAsync(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("input_tokens", tokens);
                w.WriteEndObject();
            }, cancellationToken);
        }

        var reply = DemoEcho.Reply(request, operation);
        return request.IsStreaming(operation)
            ? StreamAsync(answer, reply, cancellationToken)
            : answer.WriteJsonAsync(w => Message(w, answer, reply, whole: true), cancellationToken);
    }

    private static async Task StreamAsync(DemoAnswer answer, DemoReply reply, CancellationToken cancellationToken)
    {
        answer.StartStream("text/event-stream; charset=utf-8");
        await EventAsync(answer, "message_start", w =>
        {
            w.WritePropertyName("message");
            Message(w, answer, reply, whole: false);
        }, cancellationToken);
        await EventAsync(answer, "content_block_start", w =>
        {
            w.WriteNumber("index", 0);
            w.WriteStartObject("content_block");
            w.WriteString("type", "text");
            w.WriteString("text", string.Empty);
            w.WriteEndObject();
        }, cancellationToken);
        await EventAsync(answer, "ping", _ => { }, cancellationToken);
        foreach (var piece in reply.Pieces)
        {
            await EventAsync(answer, "content_block_delta", w =>
            {
                w.WriteNumber("index", 0);
                w.WriteStartObject("delta");
                w.WriteString("type", "text_delta");
                w.WriteString("text", piece);
                w.WriteEndObject();
            }, cancellationToken);
        }

        await EventAsync(answer, "content_block_stop", w => w.WriteNumber("index", 0), cancellationToken);
        await EventAsync(answer, "message_delta", w =>
        {
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", reply.StopReason);
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            w.WriteStartObject("usage");
            w.WriteNumber("output_tokens", reply.CompletionTokens);
            w.WriteEndObject();
        }, cancellationToken);
        await EventAsync(answer, "message_stop", _ => { }, cancellationToken);
    }

    private static Task EventAsync(DemoAnswer answer, string type, Action<Utf8JsonWriter> body, CancellationToken cancellationToken) =>
        answer.SendEventAsync(type, w =>
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            body(w);
            w.WriteEndObject();
        }, cancellationToken);

    /// <summary>The message: whole, with its text, stop reason and usage; or as <c>message_start</c> opens a stream, empty with the input tokens.</summary>
    private static void Message(Utf8JsonWriter w, DemoAnswer answer, DemoReply reply, bool whole)
    {
        w.WriteStartObject();
        w.WriteString("id", "msg_" + answer.Id);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", DemoEcho.ModelName);
        w.WriteStartArray("content");
        if (whole)
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", reply.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (whole)
        {
            w.WriteString("stop_reason", reply.StopReason);
        }
        else
        {
            w.WriteNull("stop_reason");
        }

        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", reply.PromptTokens);
        w.WriteNumber("cache_creation_input_tokens", 0);
        w.WriteNumber("cache_read_input_tokens", 0);
        w.WriteNumber("output_tokens", whole ? reply.CompletionTokens : 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
