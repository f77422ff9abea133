using System.Text;
using CleanDashboard.WebApi.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CleanDashboard.WebApi.IntegrationTests.Tracking;

/// <summary>Endpoints under /v1/test/ that answer the way OpenAI- and Ollama-style servers do.</summary>
internal static class TestModelEndpoints
{
    public const string OpenAiJson = """{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"}}],"usage":{"prompt_tokens":1200,"completion_tokens":350,"total_tokens":1550}}""";
    public const string OllamaJson = """{"model":"llama3.2","created_at":"2024-03-01T10:00:00Z","message":{"role":"assistant","content":"Hi"},"done":true,"prompt_eval_count":26,"eval_count":290}""";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/test").RequireAuthorization(AuthPolicies.ApiKey);
        group.MapPost("/openai", () => Results.Text(OpenAiJson, "application/json"));
        group.MapPost("/ollama/{session}", (string session) => Results.Text(OllamaJson, "application/json"));
        group.MapPost("/stream", StreamAsync);
        group.MapPost("/rate-limited", () => Results.Problem(statusCode: 429, title: "Too many requests"));
        group.MapPost("/boom", ThrowingEndpoint);
        group.MapPost("/text", (System.Text.Json.JsonElement body) => Results.Text("plain words, no usage here", "text/plain"));
        group.MapPost("/unknown-model", () => Results.Text("""{"model":"mystery-model","usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}""", "application/json"));
        group.MapPost("/large", () => Results.Text(LargeAnswer(), "application/json"));
        group.MapPost("/slow", SlowAsync);
        group.MapPost("/declared-length", DeclaredLengthAsync);
        group.MapPost("/wait-for-hang-up-then-answer", WaitForHangUpThenAnswerAsync);
        app.MapGet("/untracked/ping", () => "pong");
    }

    /// <summary>An answer of about 5,000 bytes with its usage at the very end, beyond a 1,024-byte capture limit.</summary>
    public static string LargeAnswer() =>
        "{\"model\":\"gpt-4o\",\"choices\":[{\"message\":{\"content\":\"" + new string('x', 5000) + "\"}}],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4000,\"total_tokens\":4040}}";

    private static IResult ThrowingEndpoint() => throw new InvalidOperationException("the handler failed");

    private static async Task StreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        string[] chunks =
        [
            """{"id":"c","model":"gpt-4o-mini","choices":[{"delta":{"content":"Hel"}}]}""",
            """{"id":"c","model":"gpt-4o-mini","choices":[{"delta":{"content":"lo"}}]}""",
            """{"id":"c","model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""",
        ];
        foreach (var chunk in chunks)
        {
            await context.Response.WriteAsync("data: " + chunk + "\n\n", Encoding.UTF8);
            await context.Response.Body.FlushAsync();
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    /// <summary>The whole answer, of a declared length, written in one piece.</summary>
    private static async Task DeclaredLengthAsync(HttpContext context)
    {
        var answer = Encoding.UTF8.GetBytes(OpenAiJson);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer);
    }

    /// <summary>The status line and headers of an answer of declared length; its body only once the client has closed its connection.</summary>
    private static async Task WaitForHangUpThenAnswerAsync(HttpContext context)
    {
        var answer = Encoding.UTF8.GetBytes(OpenAiJson);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.StartAsync();
        await WaitForHangUpAsync(context);
        await context.Response.Body.WriteAsync(answer);
    }

    /// <summary>Completes when the server reports the client's connection closed (30 s at most: then the endpoint fails and the test with it).</summary>
    private static async Task WaitForHangUpAsync(HttpContext context)
    {
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = context.RequestAborted.Register(() => gone.TrySetResult());
        await gone.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task SlowAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync("data: {\"model\":\"gpt-4o\",\"choices\":[]}\n\n");
        await context.Response.Body.FlushAsync();
        await WaitForHangUpAsync(context);
        context.RequestAborted.ThrowIfCancellationRequested();
    }
}
