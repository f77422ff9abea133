using System.Reflection;
using System.Text.Json.Serialization;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Infrastructure.Budgets;
using CleanDashboard.Infrastructure.Configuration;
using CleanDashboard.WebApi.Endpoints;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Gateway.Failover;
using CleanDashboard.WebApi.Gateway.Limits;
using CleanDashboard.WebApi.Gateway.Protocols;
using CleanDashboard.WebApi.Hosting;
using CleanDashboard.WebApi.Telemetry;
using CleanDashboard.WebApi.Threats;
using CleanDashboard.WebApi.Tracking;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace CleanDashboard.WebApi;

public static class DependencyInjection
{
    /// <summary>Runs before Scalar's bundle so it needs no eval (src/WebUI/public, built into wwwroot).</summary>
    public const string ApiReferenceSetupScript = "scalar-setup.js";

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.AllowDuplicateProperties = false;
        });

        // Unreadable bodies and parameters throw, so the exception handler answers them as problem documents in every environment.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.ApiKey, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole("admin"));

        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CleanDashboard API";
            document.Info.Description = "Self-hosted analytics for LLM APIs. Send an API key as 'Authorization: Bearer <key>'.";
            SpecificationPaths.AddTrailingSlashes(document);
            return Task.CompletedTask;
        }));

        var version = typeof(DependencyInjection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        services.AddSingleton(sp => new ApplicationInfo(version, sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddSingleton<StartupBanner>();
        services.AddHostedService<StartupTasks>();

        // After the start-up tasks: the first reconciliation reads limits and spend from the migrated database.
        services.AddHostedService(sp => sp.GetRequiredService<SpendReconciler>());
        services.AddRequestTracking();
        services.AddThreatDetection();
        services.AddTelemetry(configuration);
        return services.AddGateway();
    }

    private static IServiceCollection AddGateway(this IServiceCollection services)
    {
        // The APIs the gateway speaks: a fourth is one more line here (docs/gateway.md).
        services.AddSingleton<GatewayProtocol, OpenAIProtocol>();
        services.AddSingleton<GatewayProtocol, OllamaProtocol>();
        services.AddSingleton<GatewayProtocol, AnthropicProtocol>();
        services.AddSingleton<GatewayProtocols>();
        services.AddSingleton<GatewayLimits>();
        services.AddValidatedOptions<GatewayOptions>(GatewayOptions.Section);
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddSingleton(sp => GatewayOptionsValidator.ToRouter(sp.GetRequiredService<IOptions<GatewayOptions>>().Value, sp.GetRequiredService<GatewayProtocols>()));
        services.AddGatewayFailover();
        services.AddHttpForwarder();
        services.AddSingleton<UpstreamHttpClient>();
        services.AddSingleton<GatewayProxy>();
        services.AddSingleton<ModelCatalog>();
        return services;
    }

    /// <summary>
    /// The middleware pipeline, outermost first: security headers on every answer; tracking and threat
    /// observation see every request, including failed, rate-limited and rejected ones.
    /// </summary>
    public static WebApplication UseWebApi(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRequestTracking();
        app.UseThreatObservation();
        app.UseExceptionHandler();
        app.UseMiddleware<RequestCharsetMiddleware>();
        app.UseStatusCodePages(GatewayStatusCodePages.WriteAsync);
        app.UseAddressBlocking();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UsePromptInjectionFilter();
        return app;
    }

    public static WebApplication MapWebApiEndpoints(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options
            .WithNonce()
            .AddHeadContent($"<script src=\"/{ApiReferenceSetupScript}\"></script>")
            .DisableDefaultFonts()
            .DisableTelemetry());
        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapDashboardEndpoints();
        app.MapFeedbackEndpoints();
        app.MapAdminRequestLogEndpoints();
        app.MapAdminUserSessionEndpoints();
        app.MapAdminFeedbackEndpoints();
        app.MapAdminThreatEndpoints();
        app.MapAdminUsageStatsEndpoints();
        app.MapAdminPricingEndpoints();
        app.MapAdminUserEndpoints();
        app.MapAdminApiKeyEndpoints();
        app.MapAdminAlertEndpoints();
        app.MapAdminLimitsEndpoints();
        app.MapGatewayEndpoints();
        app.MapTelemetryEndpoints();
        app.MapMetricsEndpoint();
        app.MapWebUIRoutes();
        return app;
    }
}
