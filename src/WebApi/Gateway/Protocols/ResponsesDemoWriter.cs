using System.Text.Json;
using System.Text.Json.Nodes;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Gateway.DemoModel;

namespace CleanDashboard.WebApi.Gateway.Protocols;

/// <summary>
/// The demo model's Responses API answer: one <c>response</c> object with a message output item, or the event stream
/// OpenAI sends (<c>response.created</c>, <c>response.in_progress</c>, <c>response.output_item.added</c>,
/// <c>response.content_part.added</c>, one <c>response.output_text.delta</c> per piece, <c>response.output_text.done</c>,
/// <c>response.content_part.done</c>, <c>response.output_item.done</c>, then <c>response.completed</c> with the usage,
/// or <c>response.incomplete</c> when <c>max_output_tokens</c> cut it short), each event numbered by <c>sequence_number</c>.
/// </summary>
internal sealed class ResponsesDemoWriter(DemoAnswer answer, GatewayRequest request, DemoReply reply)
{
    private int _sequence;

    private string ResponseId => "resp_" + answer.Id;

    private string MessageId => "msg_" + answer.Id;

    private string FinalStatus => reply.Truncated ? "incomplete" : "completed";

    public async Task StreamAsync(CancellationToken cancellationToken)
    {
        answer.StartStream("text/event-stream; charset=utf-8");
        await EventAsync("response.created", w => Response(w, completed: false), cancellationToken);
        await EventAsync("response.in_progress", w => Response(w, completed: false), cancellationToken);
        await EventAsync("response.output_item.added", w =>
        {
            w.WriteNumber("output_index", 0);
            w.WritePropertyName("item");
            Message(w, text: null, "in_progress");
        }, cancellationToken);
        await EventAsync("response.content_part.added", w =>
        {
            ItemPosition(w);
            w.WritePropertyName("part");
            OutputText(w, string.Empty);
        }, cancellationToken);
        foreach (var piece in reply.Pieces)
        {
            await EventAsync("response.output_text.delta", w =>
            {
                ItemPosition(w);
                w.WriteString("delta", piece);
                w.WriteStartArray("logprobs");
                w.WriteEndArray();
            }, cancellationToken);
        }

        await EventAsync("response.output_text.done", w =>
        {
            ItemPosition(w);
            w.WriteString("text", reply.Text);
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        }, cancellationToken);
        await EventAsync("response.content_part.done", w =>
        {
            ItemPosition(w);
            w.WritePropertyName("part");
            OutputText(w, reply.Text);
        }, cancellationToken);
        await EventAsync("response.output_item.done", w =>
        {
            w.WriteNumber("output_index", 0);
            w.WritePropertyName("item");
            Message(w, reply.Text, FinalStatus);
        }, cancellationToken);
        await EventAsync(reply.Truncated ? "response.incomplete" : "response.completed", w => Response(w, completed: true), cancellationToken);
    }

    /// <summary>The response object: in progress (no output, no usage yet) or finished with its output and usage.</summary>
    public void Response(Utf8JsonWriter w, bool completed)
    {
        var top = w.CurrentDepth == 0;
        if (top)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject("response");
        }

        w.WriteString("id", ResponseId);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", answer.Created);
        w.WriteString("status", completed ? FinalStatus : "in_progress");
        w.WriteBoolean("background", false);
        w.WriteNull("error");
        if (completed && reply.Truncated)
        {
            w.WriteStartObject("incomplete_details");
            w.WriteString("reason", "max_output_tokens");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("incomplete_details");
        }

        CopyOrNull(w, "instructions");
        CopyOrNull(w, "max_output_tokens");
        w.WriteString("model", DemoEcho.ModelName);
        w.WriteStartArray("output");
        if (completed)
        {
            Message(w, reply.Text, FinalStatus);
        }

        w.WriteEndArray();
        w.WriteBoolean("parallel_tool_calls", true);
        CopyOrNull(w, "previous_response_id");
        w.WriteStartObject("reasoning");
        w.WriteNull("effort");
        w.WriteNull("summary");
        w.WriteEndObject();
        w.WriteBoolean("store", false);
        w.WriteNumber("temperature", 1.0);
        w.WriteStartObject("text");
        w.WriteStartObject("format");
        w.WriteString("type", "text");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("tool_choice", "auto");
        w.WriteStartArray("tools");
        w.WriteEndArray();
        w.WriteNumber("top_p", 1.0);
        w.WriteString("truncation", "disabled");
        if (completed)
        {
            Usage(w);
        }
        else
        {
            w.WriteNull("usage");
        }

        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private async Task EventAsync(string type, Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        var sequence = _sequence++;
        await answer.SendEventAsync(type, w =>
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteNumber("sequence_number", sequence);
            body(w);
            w.WriteEndObject();
        }, cancellationToken);
    }

    private void ItemPosition(Utf8JsonWriter w)
    {
        w.WriteString("item_id", MessageId);
        w.WriteNumber("output_index", 0);
        w.WriteNumber("content_index", 0);
    }

    private void Message(Utf8JsonWriter w, string? text, string status)
    {
        w.WriteStartObject();
        w.WriteString("id", MessageId);
        w.WriteString("type", "message");
        w.WriteString("status", status);
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        if (text is not null)
        {
            OutputText(w, text);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void OutputText(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "output_text");
        w.WriteString("text", text);
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteStartArray("logprobs");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void Usage(Utf8JsonWriter w)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", reply.PromptTokens);
        w.WriteStartObject("input_tokens_details");
        w.WriteNumber("cached_tokens", 0);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", reply.CompletionTokens);
        w.WriteStartObject("output_tokens_details");
        w.WriteNumber("reasoning_tokens", 0);
        w.WriteEndObject();
        w.WriteNumber("total_tokens", reply.TotalTokens);
        w.WriteEndObject();
    }

    /// <summary>A request field echoed in the response object, as OpenAI does (<c>instructions</c>, <c>max_output_tokens</c>, …).</summary>
    private void CopyOrNull(Utf8JsonWriter w, string name)
    {
        w.WritePropertyName(name);
        if (request.Body[name] is JsonNode value)
        {
            value.WriteTo(w);
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
