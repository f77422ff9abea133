using System.Diagnostics;
using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Budgets;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Tracking;
using CleanDashboard.WebApi.Gateway.Protocols;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Tracking;

/// <summary>
/// Records every request under the tracked paths as one request log: route template, method, status
/// (500 for exceptions, 499 when the client went away), latency to the last byte, user, client IP, country,
/// and model, tokens and cost read from the bodies. The entry is queued for the background writer once the
/// response has been sent; nothing here waits on the database.
/// </summary>
public sealed class RequestTrackingMiddleware(
    RequestDelegate next,
    IOptions<RequestTrackingOptions> options,
    IRequestLogQueue queue,
    IGeoIpResolver geoIp,
    PricingCatalog pricing,
    ClientAddressResolver clientAddresses,
    GatewayProtocols protocols,
    ExchangeCapture exchangeCapture,
    TimeProvider timeProvider)
{
    public const int ClientClosedRequest = 499;

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled || !IsTracked(context.Request.Path, settings, protocols.PathPrefixesAndOwnApi))
        {
            await next(context);
            return;
        }

        var startedAt = timeProvider.GetUtcNow().UtcDateTime;
        var started = Stopwatch.GetTimestamp();
        var originalRequestBody = context.Request.Body;
        var originalResponseBody = context.Response.Body;
        var requestBody = new CapturingStream(originalRequestBody, settings.CaptureLimitBytes, capture: IsJson(context.Request.ContentType));
        var responseBody = new CapturingStream(originalResponseBody, settings.CaptureLimitBytes, capture: false, context.Response.BodyWriter);
        context.Request.Body = requestBody;
        context.Response.Body = responseBody;

        // Decided at the first byte, not in OnStarting: the server raises OnStarting only after that first write has passed the capture.
        var mayCapture = exchangeCapture.MayCapture(context.Request.Path);
        responseBody.BeforeFirstByte = () =>
        {
            responseBody.Capturing = CarriesUsage(context.Response.ContentType);
            var streamed = IsStream(context.Response.ContentType);
            responseBody.TextCounter = streamed ? new StreamedTextCounter(context.Items[ModelItemKey] as string) : null;
            responseBody.Assembler = streamed && mayCapture ? exchangeCapture.NewAssembler() : null;
        };

        // The exception handler clears the endpoint before it writes its problem document; the log keeps the route that was matched.
        var routedEndpoint = context.GetEndpoint();

        context.Features.Set(new Application.Threats.Detection.RequestThreats());
        var failed = false;

        // Whether the client left unanswered is settled when the app has handed over its whole answer: a client that
        // closes its connection after reading it may do so before the server runs the completion callbacks, and would
        // then turn a delivered 504 or 404 into a 499. Read live only when the app failed (the error is written later).
        bool? clientLeft = null;
        context.Response.OnCompleted(() =>
        {
            var left = clientLeft ?? ClientLeftUnanswered(context, requestBody, responseBody);
            var entry = BuildEntry(context, routedEndpoint, settings, startedAt, started, failed, left, mayCapture, requestBody, responseBody);
            queue.TryEnqueue(entry);

            // The gateway's reservation against the caller's limits becomes the answer's real cost and tokens.
            return context.Features.Get<SpendReservation>()?.SettleAsync(entry.CostUsd, entry.TotalTokens) ?? Task.CompletedTask;
        });

        try
        {
            await next(context);

            // The server completes a dropped connection's writer at once but cancels RequestAborted later, on the thread pool:
            // an answer written to the end into a closed connection would otherwise be logged as delivered.
            if (context.Response.HasStarted)
            {
                await responseBody.ProbeClientAsync(CancellationToken.None);
            }

            clientLeft = ClientLeftUnanswered(context, requestBody, responseBody);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            context.Request.Body = originalRequestBody;
            context.Response.Body = originalResponseBody;
        }
    }

    /// <summary>
    /// The client went away before it had the answer. Not when the whole answer of a declared length was handed over and
    /// either the server's writer took all of it while the connection was open (a client that reads a 404 to its length
    /// closes at once, often before the app has returned) or the request body was not read to its end (a 413, or an error
    /// found in the body's first bytes: HTTP lets the client stop sending and close then, and the server closes such a
    /// connection itself) — the answer was given.
    /// </summary>
    private static bool ClientLeftUnanswered(HttpContext context, CapturingStream requestBody, CapturingStream responseBody)
    {
        var answered = context.Response.ContentLength is long length && responseBody.TotalBytes == length
            && (responseBody.DeliveredBytes == length || !requestBody.ReadToEnd);
        return !answered && (responseBody.ClientGone || context.RequestAborted.IsCancellationRequested);
    }

    private TrackedRequest BuildEntry(HttpContext context, Endpoint? routedEndpoint, RequestTrackingOptions settings, DateTime startedAt, long started, bool failed, bool clientLeft, bool mayCapture, CapturingStream requestBody, CapturingStream responseBody)
    {
        var usage = ReportedUsage(context, responseBody);
        // A name the gateway would refuse (control characters, too long) is never stored: the row keeps no model.
        var model = Acceptable(usage.Model) ?? Acceptable(context.Items[ModelItemKey] as string) ?? Acceptable(UsageParser.ParseRequestModel(requestBody.Prefix)) ?? string.Empty;
        if (!usage.HasTokens && responseBody.TextCounter is { SawText: true } counter)
        {
            usage = EstimatedUsage(context, model, counter) with { FinishReasons = usage.FinishReasons };
        }

        var status = clientLeft ? ClientClosedRequest
            : context.Items[StatusItemKey] is int outcome ? outcome
            : failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError
            : context.Response.StatusCode;
        var address = clientAddresses.Resolve(context);
        var caller = context.Features.Get<AuthenticatedCaller>();
        var upstream = context.Items.TryGetValue(UpstreamItemKey, out var upstreamName) ? upstreamName as string : null;

        return new TrackedRequest
        {
            CreatedAt = startedAt,
            Endpoint = EndpointTemplate(context.GetEndpoint() ?? routedEndpoint, context.Request.Path),
            Method = context.Request.Method.Length <= 10 ? context.Request.Method : context.Request.Method[..10],
            StatusCode = status,
            LatencyMs = Milliseconds(started, Stopwatch.GetTimestamp()),
            TtftMs = responseBody.FirstByteTimestamp == 0 ? null : Milliseconds(started, responseBody.FirstByteTimestamp),
            ModelName = model,
            PromptTokens = usage.PromptTokens,
            CompletionTokens = usage.CompletionTokens,
            TotalTokens = usage.TotalTokens,
            CachedInputTokens = usage.CachedInputTokens,
            CacheCreationTokens = usage.CacheCreationTokens,
            ReasoningTokens = usage.ReasoningTokens,
            UsageEstimated = usage.Estimated,
            FinishReasons = usage.FinishReasons,
            CostUsd = pricing.Cost(model, usage, startedAt, context.Items[ProviderItemKey] as string),
            CountryCode = geoIp.ResolveCountryCode(address),
            IpAddress = address is null ? null : (settings.AnonymizeIp ? IpAnonymizer.Anonymize(address) : address).ToString(),
            UserId = caller?.UserId,
            ApiKeyId = caller?.ApiKeyId,
            Upstream = upstream,
            FailedAttempts = context.Items.TryGetValue(FailedAttemptsItemKey, out var attempts) ? attempts as IReadOnlyList<FailedUpstreamAttempt> : null,
            UserAgent = context.Request.Headers.UserAgent.ToString(),
            Provider = context.Items[ProviderItemKey] as string,
            Capture = mayCapture ? exchangeCapture.Capture(context, model, upstream, requestBody, responseBody, usage) : null,
            Threats = context.Features.Get<Application.Threats.Detection.RequestThreats>()?.Events,
        };
    }

    /// <summary>The usage the answer reported: from the captured body, or from the usage event the gateway withheld from the client.</summary>
    private static TokenUsage ReportedUsage(HttpContext context, CapturingStream responseBody)
    {
        var usage = responseBody.Capturing
            ? UsageParser.ParseResponse(context.Response.ContentType, responseBody.Prefix, responseBody.Suffix(), responseBody.Complete)
            : TokenUsage.None;
        if (context.Items[WithheldUsageItemKey] is byte[] withheld
            && UsageParser.ParseResponse(context.Response.ContentType, withheld, [], complete: true) is { HasTokens: true } fromWithheld)
        {
            return fromWithheld with { Model = usage.Model ?? fromWithheld.Model, FinishReasons = usage.FinishReasons ?? fromWithheld.FinishReasons };
        }

        return usage;
    }

    /// <summary>No usage was reported (the stream ended early, or none was asked for): the tokens of the text, counted with the model's tokenizer.</summary>
    private static TokenUsage EstimatedUsage(HttpContext context, string model, StreamedTextCounter counter)
    {
        var prompt = context.Items[PromptTextItemKey] is Func<string> promptText ? ModelTokenizer.CountTokens(model, promptText()) : (int?)null;
        var completion = counter.CountTokens();
        return new TokenUsage(model, prompt, completion, (prompt ?? 0) + completion) { Estimated = true };
    }

    /// <summary>The gateway puts the request's text here (computed only when needed), to estimate its prompt tokens.</summary>
    public const string PromptTextItemKey = "CleanDashboard.PromptText";

    /// <summary>The gateway puts here the usage event it asked the upstream for and kept from the client (<c>byte[]</c>).</summary>
    public const string WithheldUsageItemKey = "CleanDashboard.WithheldUsage";

    /// <summary>The outcome of a request whose status line was already sent, such as 504 for an upstream that stalled mid-stream (<c>int</c>).</summary>
    public const string StatusItemKey = "CleanDashboard.Status";

    /// <summary>Endpoints that proxy to an upstream put its name here, for the request log's upstream column.</summary>
    public const string UpstreamItemKey = "CleanDashboard.Upstream";

    /// <summary>A balanced request puts here the upstreams it tried before the one that answered (<c>IReadOnlyList&lt;FailedUpstreamAttempt&gt;</c>).</summary>
    public const string FailedAttemptsItemKey = "CleanDashboard.FailedAttempts";

    /// <summary>Endpoints that proxy to an upstream put whose prices apply here (a catalog provider id or the upstream's API root).</summary>
    public const string ProviderItemKey = "CleanDashboard.Provider";

    /// <summary>Endpoints that read the requested model put it here; used when the answer names none (errors, cut-off streams).</summary>
    public const string ModelItemKey = "CleanDashboard.Model";

    private static string? Acceptable(string? model) => ModelNames.IsAcceptable(model) ? model : null;

    private static bool IsTracked(PathString path, RequestTrackingOptions settings, IReadOnlyList<string> defaultPaths)
    {
        var value = path.Value ?? string.Empty;
        var paths = settings.Paths.Count > 0 ? settings.Paths : defaultPaths;
        return paths.Any(p => PathPrefix.IsUnder(value, p))
            && !settings.ExcludedPaths.Any(p => PathPrefix.IsUnder(value, p))
            && !RequestTrackingOptions.IngestionPaths.Any(p => PathPrefix.IsUnder(value, p))
            && (settings.TrackOperatorCalls || !RequestTrackingOptions.OperatorPaths.Any(p => PathPrefix.IsUnder(value, p)));
    }

    /// <summary>The matched route's template; for a path no route matched, the path itself (no query string), so the operator sees what clients call.</summary>
    private static string EndpointTemplate(Endpoint? endpoint, PathString path)
    {
        var template = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        if (string.IsNullOrEmpty(template))
        {
            template = path.HasValue ? path.Value! : "/";
        }

        template = template.StartsWith('/') ? template : "/" + template;
        return template.Length <= Domain.Entities.RequestLog.EndpointMaxLength ? template : template[..Domain.Entities.RequestLog.EndpointMaxLength];
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static bool IsStream(string? contentType) =>
        contentType is not null
        && (contentType.Contains("event-stream", StringComparison.OrdinalIgnoreCase) || contentType.Contains("ndjson", StringComparison.OrdinalIgnoreCase));

    private static bool CarriesUsage(string? contentType) =>
        contentType is not null
        && (contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("event-stream", StringComparison.OrdinalIgnoreCase));

    private static double Milliseconds(long from, long to) =>
        Math.Round(Stopwatch.GetElapsedTime(from, to).TotalMilliseconds, 3, MidpointRounding.AwayFromZero);
}
