using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

// An OpenAI-compatible upstream for the gateway benchmark: every chat completion "thinks" for a fixed time,
// then answers with the same small JSON document and usage. Listen address: --urls http://127.0.0.1:PORT.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var think = TimeSpan.FromMilliseconds(int.Parse(builder.Configuration["think-ms"] ?? "20", CultureInfo.InvariantCulture));
var app = builder.Build();

var answer = """{"id":"chatcmpl-bench","object":"chat.completion","created":1800000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the benchmark upstream."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":6,"total_tokens":18}}"""u8.ToArray();

app.MapPost("/v1/chat/completions", async Task<FileContentHttpResult> (HttpRequest request, CancellationToken cancellationToken) =>
{
    await request.Body.CopyToAsync(Stream.Null, cancellationToken);
    await Task.Delay(think, cancellationToken);
    return TypedResults.Bytes(answer, "application/json");
});
app.MapGet("/health", () => "ok");

await app.RunAsync();
