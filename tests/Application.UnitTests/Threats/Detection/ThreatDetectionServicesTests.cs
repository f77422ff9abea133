using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Capture.Redaction;
using CleanDashboard.Application.Threats.Detection;
using CleanDashboard.Application.Threats.Detection.Detectors;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Application.UnitTests.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.UnitTests.Threats.Detection;

/// <summary>The registration: every detector's options bound from its section and checked at start; the type list is the detectors'.</summary>
public sealed class ThreatDetectionServicesTests
{
    [Fact]
    public void ThreatTypeCatalog_ShouldListEveryRegisteredDetectorsTypeInRegistrationOrder()
    {
        using var services = Services([]);

        services.GetRequiredService<ThreatTypeCatalog>().All.Should().Equal(
            "rate_limit", "brute_force", "prompt_injection", "scanner", "oversized_payload", "unusual_country");
    }

    [Fact]
    public void Options_WhenNothingIsConfigured_ShouldBeTheDocumentedDefaults()
    {
        using var services = Services([]);

        Summary<RateLimitDetectorOptions>(services).Should().Be((true, 20, 60));
        Summary<BruteForceDetectorOptions>(services).Should().Be((true, 10, 300));
        Summary<PromptInjectionDetectorOptions>(services).Should().Be((true, 1, 600));
        Summary<ScannerDetectorOptions>(services).Should().Be((true, 5, 60));
        Summary<OversizedPayloadDetectorOptions>(services).Should().Be((true, 1, 600));
        Summary<UnusualCountryDetectorOptions>(services).Should().Be((true, 1, 3600));
        services.GetRequiredService<IOptions<BruteForceDetectorOptions>>().Value.Mode.Should().Be(DetectorMode.Detect);
        services.GetRequiredService<IOptions<PromptInjectionDetectorOptions>>().Value.Blocks.Should().BeFalse();
        services.GetRequiredService<IOptions<UnusualCountryDetectorOptions>>().Value.LearningRequests.Should().Be(20);
        services.GetRequiredService<IOptions<ThreatDetectionOptions>>().Value.MaxTrackedAddresses.Should().Be(10_000);
    }

    [Fact]
    public void Options_WhenSectionsAreConfigured_ShouldBindEachDetectorFromItsOwn()
    {
        using var services = Services(new()
        {
            ["ThreatDetection:BruteForce:Mode"] = "Block",
            ["ThreatDetection:BruteForce:Threshold"] = "4",
            ["ThreatDetection:PromptInjection:Block"] = "true",
            ["ThreatDetection:Scanner:Enabled"] = "false",
        });

        services.GetRequiredService<IOptions<BruteForceDetectorOptions>>().Value.Blocks.Should().BeTrue();
        Summary<BruteForceDetectorOptions>(services).Should().Be((true, 4, 300));
        services.GetRequiredService<IOptions<PromptInjectionDetectorOptions>>().Value.Blocks.Should().BeTrue("Block: true is the name Mode: Block had before");
        Summary<ScannerDetectorOptions>(services).Should().Be((false, 5, 60));
    }

    [Fact]
    public void Start_WhenAThresholdIsZero_ShouldFailNamingTheOptionAndTheField()
    {
        using var services = Services(new() { ["ThreatDetection:BruteForce:Threshold"] = "0" });

        var start = () => services.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>().WithMessage(
            "DataAnnotation validation failed for 'BruteForceDetectorOptions' members: 'Threshold' with the error: 'The field Threshold must be between 1 and 1000000.'.");
    }

    [Fact]
    public void Start_WhenAModeIsMisspelt_ShouldFailNamingTheKey()
    {
        using var services = Services(new() { ["ThreatDetection:PromptInjection:Mode"] = "Blok" });

        var start = () => services.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<InvalidOperationException>().WithMessage("Failed to convert configuration value 'Blok' at 'ThreatDetection:PromptInjection:Mode'*");
    }

    private static (bool Enabled, int Threshold, int WindowSeconds) Summary<T>(IServiceProvider services)
        where T : DetectorOptions
    {
        var options = services.GetRequiredService<IOptions<T>>().Value;
        return (options.Enabled, options.Threshold, options.WindowSeconds);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<IRequestLogQueue, RecordingRequestLogQueue>();
        services.AddSingleton(Redactor.From(new CaptureOptions()));
        services.AddThreatDetectors();
        return services.BuildServiceProvider();
    }
}
