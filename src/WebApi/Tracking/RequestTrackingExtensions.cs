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
        return services;
    }

    public static IApplicationBuilder UseRequestTracking(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestTrackingMiddleware>();
}
