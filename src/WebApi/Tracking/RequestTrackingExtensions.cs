using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Capture.Redaction;

namespace CleanDashboard.WebApi.Tracking;

public static class RequestTrackingExtensions
{
    public static IServiceCollection AddRequestTracking(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RequestTrackingOptions.Section);
        services.Configure<RequestTrackingOptions>(section);

        // Parsed now, so a mistyped proxy network stops the start-up with a clear message instead of failing requests.
        var trustedProxies = section.GetSection(nameof(RequestTrackingOptions.TrustedProxies)).Get<string[]>() ?? [];
        services.AddSingleton(ClientAddressResolver.FromConfiguration(trustedProxies));

        // Built now, so a mistyped redaction pattern stops the start-up instead of letting a secret through.
        var capture = configuration.GetSection(CaptureOptions.Section).Get<CaptureOptions>() ?? new CaptureOptions();
        if (capture.MaxBodyBytes <= 0 || capture.RetentionDays <= 0)
        {
            throw new InvalidOperationException("Capture:MaxBodyBytes and Capture:RetentionDays must be greater than 0.");
        }

        services.AddSingleton(capture);
        var redactor = Redactor.From(capture);
        services.AddSingleton(redactor);
        services.AddSingleton(new CaptureBuilder(capture, redactor));
        services.AddSingleton<ExchangeCapture>();
        return services;
    }

    public static IApplicationBuilder UseRequestTracking(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestTrackingMiddleware>();
}
