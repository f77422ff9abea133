using CleanDashboard.Application.Threats.Detection.Detectors;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Application.Threats.Detection;

public static class ThreatDetectionServices
{
    /// <summary>The engine and its detectors: a new detector is one more line here.</summary>
    public static IServiceCollection AddThreatDetectors(this IServiceCollection services)
    {
        services.AddOptions<ThreatDetectionOptions>().BindConfiguration(ThreatDetectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ThreatDetectionEngine>();
        services.AddSingleton<ThreatTypeCatalog>();
        services.AddSingleton<MatchedTextExcerpt>();
        services.AddSingleton<PromptInjectionScanner>();

        services.AddThreatDetector<RateLimitDetector, RateLimitDetectorOptions>();
        services.AddThreatDetector<BruteForceDetector, BruteForceDetectorOptions>();
        services.AddThreatDetector<PromptInjectionDetector, PromptInjectionDetectorOptions>();
        services.AddThreatDetector<ScannerDetector, ScannerDetectorOptions>();
        services.AddThreatDetector<OversizedPayloadDetector, OversizedPayloadDetectorOptions>();
        services.AddThreatDetector<UnusualCountryDetector, UnusualCountryDetectorOptions>();
        return services;
    }

    /// <summary>Binds the detector's options from their section, validated at start, and registers it with the engine.</summary>
    public static IServiceCollection AddThreatDetector<TDetector, TOptions>(this IServiceCollection services)
        where TDetector : class, IThreatDetector
        where TOptions : DetectorOptions, IOptionsSection
    {
        services.AddOptions<TOptions>().BindConfiguration(TOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TDetector>();
        services.AddSingleton<IThreatDetector>(sp => sp.GetRequiredService<TDetector>());
        return services;
    }
}
