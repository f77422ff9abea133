using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Capture.Redaction;
using CleanDashboard.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Tracking;

public static class RequestTrackingExtensions
{
    public static IServiceCollection AddRequestTracking(this IServiceCollection services)
    {
        // Built at the start's check too, so a mistyped proxy network stops the start-up with a clear message instead of failing requests.
        services.AddValidatedOptions<RequestTrackingOptions>(RequestTrackingOptions.Section)
            .ValidateBy(o => ClientAddressResolver.FromConfiguration(o.TrustedProxies));
        services.AddSingleton(sp => ClientAddressResolver.FromConfiguration(sp.GetRequiredService<IOptions<RequestTrackingOptions>>().Value.TrustedProxies));

        // Likewise a mistyped redaction pattern stops the start-up instead of letting a secret through.
        services.AddOptions<CaptureOptions>().ValidateBy(o => Redactor.From(o));
        services.AddSingleton(sp => Redactor.From(sp.GetRequiredService<CaptureOptions>()));
        services.AddSingleton<CaptureBuilder>();
        services.AddSingleton<ExchangeCapture>();
        return services;
    }

    public static IApplicationBuilder UseRequestTracking(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestTrackingMiddleware>();
}
