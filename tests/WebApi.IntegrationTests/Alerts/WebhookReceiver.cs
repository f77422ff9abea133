using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CleanDashboard.WebApi.IntegrationTests.Alerts;

/// <summary>A real HTTP receiver on 127.0.0.1 (Kestrel, a port of 5600–5649) that answers the statuses it is told, in order, then 200.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private const int FirstPort = 5600;
    private const int LastPort = 5649;

    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly ConcurrentQueue<int> _statuses;

    private WebhookReceiver(WebApplication app, IEnumerable<int> statuses, string url)
    {
        _app = app;
        _statuses = new ConcurrentQueue<int>(statuses);
        Url = url;
    }

    public string Url { get; }

    public int AlwaysStatus { get; set; } = StatusCodes.Status200OK;

    public static async Task<WebhookReceiver> StartAsync(params int[] statuses)
    {
        for (var port = FirstPort; ; port++)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            var receiver = new WebhookReceiver(app, statuses, $"http://127.0.0.1:{port}/hook");
            app.MapPost("/hook", receiver.ReceiveAsync);
            try
            {
                await app.StartAsync();
                return receiver;
            }
            catch (IOException) when (port < LastPort)
            {
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>The next request received, or a failure after 10 s.</summary>
    public async Task<ReceivedWebhook> NextAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(deadline.Token);
    }

    /// <summary>How many requests arrived and were not read with <see cref="NextAsync"/>.</summary>
    public int Unread => _received.Reader.Count;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var status = _statuses.TryDequeue(out var next) ? next : AlwaysStatus;
        _received.Writer.TryWrite(new ReceivedWebhook(
            body.ToArray(), context.Request.Headers["X-CleanDashboard-Signature"].ToString(), context.Request.ContentType, status));
        context.Response.StatusCode = status;
    }
}

public sealed record ReceivedWebhook(byte[] Body, string Signature, string? ContentType, int AnsweredStatus)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}
