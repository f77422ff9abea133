using System.Reflection;
using System.Text.Json.Serialization;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Health.Queries.GetHealth;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.ApiKey, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole("admin"));

        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CleanDashboard API";
            document.Info.Description = "Self-hosted analytics for LLM APIs. Send an API key as 'Authorization: Bearer <key>'.";
            return Task.CompletedTask;
        }));

        var version = typeof(DependencyInjection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        services.AddSingleton(sp => new ApplicationInfo(version, sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddHostedService<StartupTasks>();
        return services.AddGateway(configuration);
    }

    private static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GatewayOptions>>().Value;
            return new UpstreamRouter(GatewayOptionsValidator.ToUpstreams(options), options.DemoModel.Enabled);
        });
        services.AddHttpForwarder();
        services.AddSingleton<UpstreamHttpClient>();
        services.AddSingleton<DemoModelResponder>();
        services.AddSingleton<GatewayProxy>();
        services.AddSingleton<ModelCatalog>();
        return services;
    }
}
