using System.Reflection;
using System.Text.Json.Serialization;
using CleanDashboard.Application.Health.Queries.GetHealth;
using CleanDashboard.WebApi.Endpoints;
using CleanDashboard.WebApi.Infrastructure;
using CleanDashboard.WebApi.Tracking;
using Microsoft.AspNetCore.Authentication;
using Scalar.AspNetCore;

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
        services.AddSingleton<StartupBanner>();
        services.AddHostedService<StartupTasks>();
        services.AddRequestTracking(configuration);
        return services;
    }

    /// <summary>The middleware pipeline, outermost first: tracking sees every request, including failed and rejected ones.</summary>
    public static WebApplication UseWebApi(this WebApplication app)
    {
        app.UseRequestTracking();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWebApiEndpoints(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapDashboardEndpoints();
        return app;
    }
}
