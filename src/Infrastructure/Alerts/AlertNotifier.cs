using System.Net.Http.Headers;
using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Domain.Entities.Alerts;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace CleanDashboard.Infrastructure.Alerts;

/// <summary>
/// Posts a notification with retries on connection failures, timeouts, 408, 429 and 5xx (exponential back-off with
/// jitter); a 4xx other than those is final. Each attempt is recorded without the URL, which may carry a token.
/// </summary>
public sealed class AlertNotifier(IHttpClientFactory httpClients, IOptions<AlertOptions> options, TimeProvider timeProvider) : IAlertNotifier
{
    public const string HttpClientName = "alerts";

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = Build(options.Value.Delivery);

    public async Task<IReadOnlyList<AlertDeliveryAttempt>> DeliverAsync(AlertNotification notification, AlertChannel channel, CancellationToken cancellationToken)
    {
        var body = AlertPayloads.Body(notification, channel.Type);
        var attempts = new List<AlertDeliveryAttempt>();
        var client = httpClients.CreateClient(HttpClientName);
        try
        {
            using var last = await _pipeline.ExecuteAsync(token => AttemptAsync(client, channel, body, attempts, token), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Recorded on the attempt; the history and health report it.
        }

        return attempts;
    }

    private async ValueTask<HttpResponseMessage> AttemptAsync(HttpClient client, AlertChannel channel, byte[] body, List<AlertDeliveryAttempt> attempts, CancellationToken token)
    {
        var attempt = new AlertDeliveryAttempt { Attempt = attempts.Count + 1, At = timeProvider.GetUtcNow().UtcDateTime };
        attempts.Add(attempt);
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (channel.Secret is { Length: > 0 } secret)
        {
            request.Headers.Add(AlertSignature.Header, AlertSignature.Of(body, secret));
        }

        try
        {
            var response = await client.SendAsync(request, token);
            attempt.StatusCode = (int)response.StatusCode;
            attempt.Succeeded = response.IsSuccessStatusCode;
            attempt.Error = attempt.Succeeded ? null : $"The receiver answered {attempt.StatusCode}.";
            return response;
        }
        catch (HttpRequestException)
        {
            attempt.Error = "The receiver could not be reached.";
            throw;
        }
        catch (OperationCanceledException)
        {
            attempt.Error = "The receiver did not answer in time.";
            throw;
        }
    }

    private static ResiliencePipeline<HttpResponseMessage> Build(AlertOptions.DeliveryOptions delivery)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (delivery.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                MaxRetryAttempts = delivery.MaxAttempts - 1,
                Delay = delivery.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(delivery.Timeout).Build();
    }
}
