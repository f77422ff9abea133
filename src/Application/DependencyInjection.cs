using System.Reflection;
using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Application.Common.Behaviors;
using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Common.Mapping;
using CleanDashboard.Application.Telemetry.Ingestion;
using CleanDashboard.Application.Telemetry.Metrics;
using CleanDashboard.Application.Threats.Detection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanDashboard.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = Assembly.GetExecutingAssembly();

        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        AddRequestHandlers(services, assembly);

        // Registration order is pipeline order: logging wraps validation wraps caching wraps the handler.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(CachingBehavior<,>));

        services.TryAddSingleton<IDataVersionSource, InProcessDataVersionSource>();
        services.AddSingleton<AnswerVersionThrottle>();

        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(MappingConfig.Create());
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<GenAiSpanMapper>();
        services.AddSingleton<IngestionCounters>();
        services.AddSingleton<GenAiClientMetrics>();
        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<ThreatMetrics>();
        services.AddScoped<AlertValueReader>();
        services.AddScoped<BudgetWarnings>();
        services.AddThreatDetectors();
        return services;
    }

    /// <summary>MediatR 5 has no container integration of its own: register every closed request handler of the assembly.</summary>
    private static void AddRequestHandlers(IServiceCollection services, Assembly assembly)
    {
        var handlerInterfaces = new[] { typeof(IRequestHandler<,>), typeof(IRequestHandler<>), typeof(INotificationHandler<>) };
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                services.AddTransient(contract, type);
            }
        }
    }
}
