using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Health.Queries.GetHealth;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Infrastructure.Auth;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.Infrastructure.Health;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.ReadStores;
using CleanDashboard.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure;

public static class DependencyInjection
{
    public const string DefaultConnectionString = "Data Source=data/cleandashboard.db";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Dashboard") is { Length: > 0 } configured ? configured : DefaultConnectionString;
        services.AddDbContext<DashboardDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmaInterceptor()));

        services.AddMemoryCache();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<IApiKeyAuthenticator>(sp => sp.GetRequiredService<ApiKeyAuthenticator>());
        services.AddScoped<IUserStore, UserStore>();
        services.AddScoped<IDashboardReadStore, DashboardReadStore>();
        services.AddScoped<IHealthContributor, DatabaseHealthContributor>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddScoped<DemoDataGenerator>();
        services.AddScoped<UsageStatsRebuilder>();
        return services;
    }
}
