using System.Net;
using Yarp.ReverseProxy.Forwarder;

// The floor under the gateway: Kestrel plus YARP's IHttpForwarder with the same HTTP client settings, and nothing
// else (no authentication, no body parsing, no tracking). Upstream: --upstream http://127.0.0.1:PORT/.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddHttpForwarder();
var upstream = builder.Configuration["upstream"] ?? throw new InvalidOperationException("--upstream http://127.0.0.1:PORT/ is required.");
var app = builder.Build();

using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
});
var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
var config = new ForwarderRequestConfig();

app.MapPost("/v1/chat/completions", async (HttpContext context) =>
    await forwarder.SendAsync(context, upstream, invoker, config, HttpTransformer.Default));
app.MapGet("/health", () => "ok");

await app.RunAsync();
