using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanDashboard.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// A model server on 127.0.0.1 speaking the OpenAI API (under /v1) and the Ollama API (under /api), with fixed
/// answers and usage. Its behaviour depends on the model asked for: "slow-*" waits <see cref="SlowModelDelay"/>
/// before answering, "drip-*" streams ten pieces <see cref="DripInterval"/> apart, "fail-*" answers 503 with an
/// OpenAI error document, a streamed "*stall*" sends its pieces and then goes silent until the caller hangs up;
/// everything else answers at once.
/// </summary>
public sealed class StubUpstream : IAsyncDisposable
{
    public static readonly TimeSpan SlowModelDelay = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan DripInterval = TimeSpan.FromMilliseconds(300);
    public const string FailureMessage = "The stub upstream is failing on purpose.";

    public static readonly string[] ChatPieces = ["Hello", " from", " the", " stub", " upstream."];
    public const int ChatPromptTokens = 12_000;
    public const int ChatCompletionTokens = 3_400;

    public static readonly float[] EmbeddingVector = [0.5f, -0.25f, 0.125f];
    public const int EmbeddingPromptTokens = 5_000;

    public static readonly string[] OllamaChatPieces = ["Hi", " from", " Ollama."];
    public const int OllamaChatPromptEvalCount = 26_000;
    public const int OllamaChatEvalCount = 14_000;

    public static readonly string[] OllamaGeneratePieces = ["Sky", " is", " blue."];

    public const string StoredResponseId = "resp_stub";

    /// <summary>The key the stub's Anthropic model list wants in <c>x-api-key</c> (the fixture's Anthropic upstream key).</summary>
    public const string AnthropicModelsKey = "anthropic-upstream-secret";
    public const string StubModelfile = "FROM llama3.2 # the stub's";
    public const int ResponsesInputTokens = 9_000;
    public const int ResponsesCachedTokens = 4_000;
    public const int ResponsesOutputTokens = 1_500;
    public const int ResponsesReasoningTokens = 600;

    public const int AnthropicInputTokens = 2_000;
    public const int AnthropicCacheCreationTokens = 1_000;
    public const int AnthropicCacheReadTokens = 5_000;
    public const int AnthropicOutputTokens = 700;
    public const int AnthropicCountedTokens = 42;
    public const int OllamaGeneratePromptEvalCount = 30_000;
    public const int OllamaGenerateEvalCount = 20_000;

    private readonly WebApplication _app;
    private int _dripStreamsFinished;
    private int _modelListCalls;
    private readonly Channel<bool> _dripStreamEnds = Channel.CreateUnbounded<bool>();

    private StubUpstream(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>When set, every model request is answered with this status and an OpenAI error document (a stub that is down or throttled).</summary>
    public int? ForcedStatus { get; set; }

    /// <summary>When set, every model request waits this long before it is answered (a stub slower than the gateway's timeout).</summary>
    public TimeSpan? ForcedDelay { get; set; }

    /// <summary>When true, a streamed chat answer sends its first piece and then goes silent until the caller hangs up.</summary>
    public bool StallsAfterFirstPiece { get; set; }

    /// <summary>How many times a model list (/v1/models or /api/tags) was asked for.</summary>
    public int ModelListCalls => Volatile.Read(ref _modelListCalls);

    /// <summary>Every model request the stub received, in order.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public static async Task<StubUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new StubUpstream(app);
        stub.MapRoutes();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return stub;
    }

    /// <summary>How many "drip-*" streams the stub has written to the end.</summary>
    public int DripStreamsFinished => Volatile.Read(ref _dripStreamsFinished);

    /// <summary>How the next "drip-*" stream ended: true when written to the end, false when its caller went away first.</summary>
    public ValueTask<bool> NextDripStreamEndAsync(CancellationToken cancellationToken) => _dripStreamEnds.Reader.ReadAsync(cancellationToken);

    public ReceivedRequest LastRequestTo(string path) => Received.Last(r => r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void MapRoutes()
    {
        _app.MapGet("/v1/models", () => CountModelList() ?? Results.Text(
            """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"openai"},{"id":"text-embedding-3-small","object":"model","created":1705948997,"owned_by":"openai"},{"id":"slow-model","object":"model","created":1700000000,"owned_by":"stub"},{"id":"other-model","object":"model","created":1700000000,"owned_by":"stub"}]}""",
            "application/json"));
        _app.MapGet("/api/tags", () => CountModelList() ?? Results.Text(
            """{"models":[{"name":"llama3.2:latest","model":"llama3.2:latest","modified_at":"2026-01-02T03:04:05Z","size":2019393189,"digest":"a80c4f17acd5","details":{"format":"gguf","family":"llama","parameter_size":"3.2B","quantization_level":"Q4_K_M"}},{"name":"qwen2:0.5b","model":"qwen2:0.5b","modified_at":"2026-01-02T03:04:05Z","size":352164041,"digest":"6f48b936a09f","details":{"format":"gguf","family":"qwen2","parameter_size":"494.03M","quantization_level":"Q4_0"}}]}""",
            "application/json"));
        _app.MapPost("/v1/chat/completions", OpenAIChatAsync);
        _app.MapPost("/v1/responses", ResponsesAsync);
        _app.MapGet("/v1/responses/{id}", (HttpContext context, string id) => StoredResponseAsync(context, id, ResponseObject("gpt-resp-stub", completed: true)));
        _app.MapDelete("/v1/responses/{id}", (HttpContext context, string id) => StoredResponseAsync(context, id, new JsonObject { ["id"] = id, ["object"] = "response.deleted", ["deleted"] = true }));
        _app.MapGet("/v1/responses/{id}/input_items", (HttpContext context, string id) => StoredResponseAsync(context, id, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject
            {
                ["type"] = "message",
                ["id"] = "msg_input",
                ["status"] = "completed",
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = "Hello stub" }),
            }),
            ["first_id"] = "msg_input",
            ["last_id"] = "msg_input",
            ["has_more"] = false,
        }));
        _app.MapPost("/api/show", async (HttpContext context) =>
        {
            if (await ReceiveAsync(context) is not null)
            {
                await WriteJsonAsync(context, new JsonObject
                {
                    ["modelfile"] = StubModelfile,
                    ["details"] = new JsonObject { ["format"] = "gguf", ["family"] = "llama", ["parameter_size"] = "3.2B", ["quantization_level"] = "Q4_K_M" },
                    ["capabilities"] = new JsonArray("completion", "tools"),
                });
            }
        });
        _app.MapGet("/anthropic/v1/models", (HttpContext context) => context.Request.Headers["x-api-key"] == AnthropicModelsKey && context.Request.Headers.ContainsKey("anthropic-version")
            ? Results.Text(
                """{"data":[{"type":"model","id":"claude-stub","display_name":"Claude Stub","created_at":"2026-02-19T00:00:00Z"},{"type":"model","id":"not-routed","display_name":"Other","created_at":"2026-02-19T00:00:00Z"}],"has_more":false,"first_id":"claude-stub","last_id":"not-routed"}""",
                "application/json")
            : Results.StatusCode(StatusCodes.Status401Unauthorized));
        _app.MapPost("/anthropic/v1/messages", AnthropicMessagesAsync);
        _app.MapPost("/anthropic/v1/messages/count_tokens", async (HttpContext context) =>
        {
            if (await ReceiveAsync(context) is not null)
            {
                await WriteJsonAsync(context, new JsonObject { ["input_tokens"] = AnthropicCountedTokens });
            }
        });
        _app.MapPost("/v1/embeddings", OpenAIEmbeddingsAsync);
        _app.MapPost("/api/chat", (HttpContext context) => OllamaAsync(context, chat: true));
        _app.MapPost("/api/generate", (HttpContext context) => OllamaAsync(context, chat: false));
    }

    private IResult? CountModelList()
    {
        Interlocked.Increment(ref _modelListCalls);
        return null;
    }

    /// <summary>The request body, or null when the stub already answered with its failure.</summary>
    private async Task<JsonObject?> ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var body = JsonNode.Parse(text)!.AsObject();
        Received.Enqueue(new ReceivedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body)
        {
            ApiKeyHeader = context.Request.Headers["x-api-key"].ToString(),
            AnthropicVersion = context.Request.Headers["anthropic-version"].ToString(),
        });
        var model = body["model"]!.GetValue<string>();
        if (model.StartsWith("slow", StringComparison.Ordinal) || ForcedDelay is not null)
        {
            await Task.Delay(ForcedDelay ?? SlowModelDelay, context.RequestAborted);
        }

        if (model.StartsWith("fail", StringComparison.Ordinal) || ForcedStatus is not null)
        {
            context.Response.StatusCode = ForcedStatus ?? StatusCodes.Status503ServiceUnavailable;
            await WriteJsonAsync(context, new JsonObject { ["error"] = new JsonObject { ["message"] = FailureMessage, ["type"] = "server_error" } });
            return null;
        }

        return body;
    }

    private async Task OpenAIChatAsync(HttpContext context)
    {
        if (await ReceiveAsync(context) is not { } body)
        {
            return;
        }

        var model = body["model"]!.GetValue<string>();
        var usage = new JsonObject { ["prompt_tokens"] = ChatPromptTokens, ["completion_tokens"] = ChatCompletionTokens, ["total_tokens"] = ChatPromptTokens + ChatCompletionTokens };
        if (body["stream"]?.GetValue<bool>() != true)
        {
            await WriteJsonAsync(context, new JsonObject
            {
                ["id"] = "chatcmpl-stub",
                ["object"] = "chat.completion",
                ["created"] = 1_800_000_000,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(ChatPieces) },
                    ["logprobs"] = null,
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = usage,
            });
            return;
        }

        var drip = model.StartsWith("drip", StringComparison.Ordinal);
        var pieces = drip ? Enumerable.Range(1, 10).Select(i => $"drip{i} ").ToArray() : ChatPieces;
        var finished = false;
        try
        {
            context.Response.ContentType = "text/event-stream";
            await SendEventAsync(context, Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null));
            foreach (var piece in pieces)
            {
                if (drip)
                {
                    await Task.Delay(DripInterval, context.RequestAborted);
                }

                await SendEventAsync(context, Chunk(model, new JsonObject { ["content"] = piece }, null));
                if (StallsAfterFirstPiece)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
            }

            await StallIfAskedAsync(context, model);

            await SendEventAsync(context, Chunk(model, new JsonObject(), "stop"));
            if ((body["stream_options"] as JsonObject)?["include_usage"]?.GetValue<bool>() == true)
            {
                var last = Chunk(model, null, null);
                last["choices"] = new JsonArray();
                last["usage"] = usage;
                await SendEventAsync(context, last);
            }

            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
            finished = true;
        }
        finally
        {
            if (drip)
            {
                if (finished)
                {
                    Interlocked.Increment(ref _dripStreamsFinished);
                }

                _dripStreamEnds.Writer.TryWrite(finished);
            }
        }
    }

    /// <summary>The Responses API: one response object, or its events ending in <c>response.completed</c> with the usage.</summary>
    private async Task ResponsesAsync(HttpContext context)
    {
        if (await ReceiveAsync(context) is not { } body)
        {
            return;
        }

        var model = body["model"]!.GetValue<string>();
        if (body["stream"]?.GetValue<bool>() != true)
        {
            await WriteJsonAsync(context, ResponseObject(model, completed: true));
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var sequence = 0;
        async Task EventAsync(string type, JsonObject data)
        {
            data["type"] = type;
            data["sequence_number"] = sequence++;
            await context.Response.WriteAsync($"event: {type}\ndata: {data.ToJsonString()}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        await EventAsync("response.created", new JsonObject { ["response"] = ResponseObject(model, completed: false) });
        foreach (var piece in ChatPieces)
        {
            await EventAsync("response.output_text.delta", new JsonObject { ["item_id"] = "msg_stub", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = piece, ["logprobs"] = new JsonArray() });
        }

        await StallIfAskedAsync(context, model);
        await EventAsync("response.completed", new JsonObject { ["response"] = ResponseObject(model, completed: true) });
    }

    private static JsonObject ResponseObject(string model, bool completed) => new()
    {
        ["id"] = StoredResponseId,
        ["object"] = "response",
        ["created_at"] = 1_800_000_000,
        ["status"] = completed ? "completed" : "in_progress",
        ["error"] = null,
        ["incomplete_details"] = null,
        ["model"] = model,
        ["output"] = completed
            ? new JsonArray(new JsonObject
            {
                ["type"] = "message",
                ["id"] = "msg_stub",
                ["status"] = "completed",
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = string.Concat(ChatPieces), ["annotations"] = new JsonArray() }),
            })
            : new JsonArray(),
        ["parallel_tool_calls"] = true,
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["usage"] = completed
            ? new JsonObject
            {
                ["input_tokens"] = ResponsesInputTokens,
                ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = ResponsesCachedTokens },
                ["output_tokens"] = ResponsesOutputTokens,
                ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = ResponsesReasoningTokens },
                ["total_tokens"] = ResponsesInputTokens + ResponsesOutputTokens,
            }
            : null,
    };

    private async Task StoredResponseAsync(HttpContext context, string id, JsonObject answer)
    {
        Received.Enqueue(new ReceivedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), new JsonObject()) { Method = context.Request.Method });
        if (id != StoredResponseId)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await WriteJsonAsync(context, new JsonObject { ["error"] = new JsonObject { ["message"] = $"Response with id '{id}' not found.", ["type"] = "invalid_request_error", ["param"] = null, ["code"] = null } });
            return;
        }

        await WriteJsonAsync(context, answer);
    }

    /// <summary>Anthropic's Messages API: a message, or its events with the input in <c>message_start</c> and the output in <c>message_delta</c>.</summary>
    private async Task AnthropicMessagesAsync(HttpContext context)
    {
        if (await ReceiveAsync(context) is not { } body)
        {
            return;
        }

        var model = body["model"]!.GetValue<string>();
        JsonObject Usage(int output) => new()
        {
            ["input_tokens"] = AnthropicInputTokens,
            ["cache_creation_input_tokens"] = AnthropicCacheCreationTokens,
            ["cache_read_input_tokens"] = AnthropicCacheReadTokens,
            ["output_tokens"] = output,
        };
        JsonObject Message(bool whole) => new()
        {
            ["id"] = "msg_stub",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = whole ? new JsonArray(new JsonObject { ["type"] = "text", ["text"] = string.Concat(ChatPieces) }) : new JsonArray(),
            ["stop_reason"] = whole ? "end_turn" : null,
            ["stop_sequence"] = null,
            ["usage"] = Usage(whole ? AnthropicOutputTokens : 1),
        };

        if (body["stream"]?.GetValue<bool>() != true)
        {
            await WriteJsonAsync(context, Message(whole: true));
            return;
        }

        context.Response.ContentType = "text/event-stream";
        async Task EventAsync(string type, JsonObject data)
        {
            data["type"] = type;
            await context.Response.WriteAsync($"event: {type}\ndata: {data.ToJsonString()}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        await EventAsync("message_start", new JsonObject { ["message"] = Message(whole: false) });
        await EventAsync("content_block_start", new JsonObject { ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = string.Empty } });
        foreach (var piece in ChatPieces)
        {
            await EventAsync("content_block_delta", new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = piece } });
        }

        await EventAsync("content_block_stop", new JsonObject { ["index"] = 0 });
        await EventAsync("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = AnthropicOutputTokens },
        });
        await EventAsync("message_stop", new JsonObject());
    }

    private async Task OpenAIEmbeddingsAsync(HttpContext context)
    {
        if (await ReceiveAsync(context) is not { } body)
        {
            return;
        }

        JsonNode embedding = body["encoding_format"]?.GetValue<string>() == "base64"
            ? Convert.ToBase64String(LittleEndian(EmbeddingVector))
            : new JsonArray(EmbeddingVector.Select(v => (JsonNode)v).ToArray());
        await WriteJsonAsync(context, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["object"] = "embedding", ["index"] = 0, ["embedding"] = embedding }),
            ["model"] = body["model"]!.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = EmbeddingPromptTokens, ["total_tokens"] = EmbeddingPromptTokens },
        });
    }

    private async Task OllamaAsync(HttpContext context, bool chat)
    {
        if (await ReceiveAsync(context) is not { } body)
        {
            return;
        }

        var model = body["model"]!.GetValue<string>();
        var pieces = chat ? OllamaChatPieces : OllamaGeneratePieces;
        JsonObject Line(string text, bool done)
        {
            var line = new JsonObject { ["model"] = model, ["created_at"] = "2026-11-26T00:00:00.000000Z" };
            if (chat)
            {
                line["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text };
            }
            else
            {
                line["response"] = text;
            }

            line["done"] = done;
            if (done)
            {
                line["done_reason"] = "stop";
                line["total_duration"] = 123_000_000;
                line["prompt_eval_count"] = chat ? OllamaChatPromptEvalCount : OllamaGeneratePromptEvalCount;
                line["eval_count"] = chat ? OllamaChatEvalCount : OllamaGenerateEvalCount;
            }

            return line;
        }

        if (body["stream"]?.GetValue<bool>() == false)
        {
            await WriteJsonAsync(context, Line(string.Concat(pieces), done: true));
            return;
        }

        context.Response.ContentType = "application/x-ndjson";
        foreach (var piece in pieces)
        {
            await context.Response.WriteAsync(Line(piece, done: false).ToJsonString() + "\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        await StallIfAskedAsync(context, model);
        await context.Response.WriteAsync(Line(string.Empty, done: true).ToJsonString() + "\n", context.RequestAborted);
    }

    private static Task StallIfAskedAsync(HttpContext context, string model) =>
        model.Contains("stall", StringComparison.Ordinal) ? Task.Delay(Timeout.Infinite, context.RequestAborted) : Task.CompletedTask;

    private static JsonObject Chunk(string model, JsonObject? delta, string? finishReason) => new()
    {
        ["id"] = "chatcmpl-stub",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_800_000_000,
        ["model"] = model,
        ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };

    private static async Task SendEventAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static Task WriteJsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static byte[] LittleEndian(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return bytes;
    }
}

public sealed record ReceivedRequest(string Path, string Authorization, JsonObject Body)
{
    public string Method { get; init; } = "POST";

    public string ApiKeyHeader { get; init; } = string.Empty;

    public string AnthropicVersion { get; init; } = string.Empty;
}
