using System.Globalization;
using System.Threading.RateLimiting;
using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Threats.Detection;
using CleanDashboard.Application.Threats.Detection.Detectors;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;
using CleanDashboard.WebApi.Tracking;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Threats;

public static class ThreatDetectionExtensions
{
    public static IServiceCollection AddThreatDetection(this IServiceCollection services)
    {
        services.AddSingleton<ThreatSignals>();
        services.AddSingleton<ThreatRefusalWriter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitDetectorOptions>, ClientAddressResolver, GatewayProtocols>((limiter, rateLimit, addresses, protocols) =>
                ConfigureRateLimiter(limiter, rateLimit.Value, addresses, protocols));
        return services;
    }

    /// <summary>Refuses addresses a blocking detector holds back; goes before authentication, so a blocked address tries no more keys.</summary>
    public static IApplicationBuilder UseAddressBlocking(this IApplicationBuilder app) =>
        app.UseMiddleware<AddressBlockMiddleware>();

    /// <summary>Watches every response's status; goes right after request tracking so it sees the final status.</summary>
    public static IApplicationBuilder UseThreatObservation(this IApplicationBuilder app) =>
        app.UseMiddleware<ThreatObservationMiddleware>();

    /// <summary>Searches gateway request bodies; goes after authentication and rate limiting, so only admitted requests are read.</summary>
    public static IApplicationBuilder UsePromptInjectionFilter(this IApplicationBuilder app) =>
        app.UseMiddleware<PromptInjectionMiddleware>();

    /// <summary>
    /// Fixed windows per API key and per client address, chained: a request needs a permit from both. The health
    /// endpoint and paths outside the configured prefixes are not limited. A rejection is a 429 in the route's protocol
    /// (a problem document on CleanDashboard's own API) with the headers clients back off by, and a sighting for the
    /// rate_limit detector.
    /// </summary>
    private static void ConfigureRateLimiter(RateLimiterOptions limiter, RateLimitDetectorOptions settings, ClientAddressResolver addresses, GatewayProtocols protocols)
    {
        var paths = settings.Paths.Count > 0 ? settings.Paths.ToArray() : protocols.PathPrefixesAndOwnApi;
        var window = TimeSpan.FromSeconds(settings.LimiterWindowSeconds);
        bool IsLimited(HttpContext context)
        {
            var path = context.Request.Path.Value ?? string.Empty;
            return settings.Enabled
                && !path.StartsWith("/api/dashboard/health", StringComparison.OrdinalIgnoreCase)
                && paths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        }

        FixedWindowRateLimiterOptions Permits(int limit) => new() { PermitLimit = limit, Window = window, QueueLimit = 0, AutoReplenishment = true };

        var perKey = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsLimited(context) && context.Features.Get<AuthenticatedCaller>() is { } caller
                ? RateLimitPartition.GetFixedWindowLimiter("key:" + caller.ApiKeyId.ToString(CultureInfo.InvariantCulture), _ => Permits(settings.PermitsPerKey))
                : RateLimitPartition.GetNoLimiter(string.Empty));
        var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsLimited(context)
                ? RateLimitPartition.GetFixedWindowLimiter("ip:" + (addresses.Resolve(context)?.ToString() ?? ThreatDetectionEngine.UnknownAddress), _ => Permits(settings.PermitsPerAddress))
                : RateLimitPartition.GetNoLimiter(string.Empty));

        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(perKey, perAddress);
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var context = rejected.HttpContext;
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            var caller = context.Features.Get<AuthenticatedCaller>();
            RateLimitHeaders.Write(context.Response, seconds, caller is null ? settings.PermitsPerAddress : settings.PermitsPerKey);
            var signal = context.RequestServices.GetRequiredService<ThreatSignals>().For(context, ThreatSignalStage.RateLimited) with { Status = StatusCodes.Status429TooManyRequests };
            context.RequestServices.GetRequiredService<ThreatDetectionEngine>().Observe(signal);
            if (protocols.ForRequest(context) is { } protocol)
            {
                await RequestModel.RecordAsync(context, cancellationToken);
                await GatewayErrorWriter.WriteAsync(context.Response, protocol, new GatewayError(
                    StatusCodes.Status429TooManyRequests,
                    $"Rate limit reached for this API key or address; retry after {seconds} seconds (retry-after).",
                    null,
                    "rate_limit_exceeded"), cancellationToken);
                return;
            }

            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests.",
                    Detail = "The rate limit of this API key or address was reached; retry after the number of seconds in Retry-After.",
                },
            });
        };
    }
}
