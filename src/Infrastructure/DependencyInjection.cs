using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Budgets;
using CleanDashboard.Application.Budgets.Common;
using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Feedback.Common;
using CleanDashboard.Application.RequestLogs.Common;
using CleanDashboard.Application.RequestLogs.Queries.ListUpstreamAttempts;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.UsageStats.Common;
using CleanDashboard.Application.UserSessions.Common;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Application.Telemetry.Ingestion;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Infrastructure.Alerts;
using CleanDashboard.Infrastructure.Auth;
using CleanDashboard.Infrastructure.Budgets;
using CleanDashboard.Infrastructure.Caching;
using CleanDashboard.Infrastructure.Configuration;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.Infrastructure.Feedback;
using CleanDashboard.Infrastructure.GeoIp;
using CleanDashboard.Infrastructure.Health;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Pricing;
using CleanDashboard.Infrastructure.ReadStores;
using CleanDashboard.Infrastructure.Retention;
using CleanDashboard.Infrastructure.Repricing;
using CleanDashboard.Infrastructure.Rollups;
using CleanDashboard.Infrastructure.Telemetry;
using CleanDashboard.Infrastructure.Telemetry.Otlp;
using CleanDashboard.Infrastructure.Threats;
using CleanDashboard.Infrastructure.Tracking;
using CleanDashboard.Infrastructure.Tracking.Journal;
using CleanDashboard.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure;

public static class DependencyInjection
{
    public const string DefaultConnectionString = "Data Source=data/cleandashboard.db";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        AddDatabase(services, configuration);

        // Read at registration too: whether Redis is configured decides which services exist.
        var cache = configuration.GetSection(CacheOptions.Section).Get<CacheOptions>() ?? new CacheOptions();
        services.AddMemoryCache();
        AddQueryCache(services, cache);
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<IApiKeyAuthenticator>(sp => sp.GetRequiredService<ApiKeyAuthenticator>());
        services.AddScoped<IUserStore, UserStore>();
        services.AddScoped<IDashboardReadStore, DashboardReadStore>();
        services.AddScoped<IRequestLogReadStore, RequestLogReadStore>();
        services.AddScoped<IUpstreamAttemptReadStore, UpstreamAttemptReadStore>();
        services.AddScoped<IUserSessionReadStore, UserSessionReadStore>();
        services.AddScoped<IFeedbackReadStore, FeedbackReadStore>();
        services.AddScoped<IFeedbackStore, FeedbackStore>();
        services.AddScoped<IThreatStore, ThreatStore>();
        services.AddScoped<IModelUsageStatsReadStore, ModelUsageStatsReadStore>();
        services.AddScoped<IUserReadStore, UserReadStore>();
        services.AddScoped<IHealthContributor, DatabaseHealthContributor>();
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<DatabaseInitializer>();

        services.AddValidatedOptions<PricingOptions>(PricingOptions.Section);
        services.AddSingleton<PriceCatalogFile>();
        services.AddSingleton<IHealthContributor, PricingHealthContributor>();
        services.AddSingleton(sp => new PricingCatalog(
            sp.GetRequiredService<IOptions<PricingOptions>>().Value.Models.Select(m => new PricedModel(
                m.Key, m.Value.InputPerMillion, m.Value.OutputPerMillion, m.Value.Aliases, m.Value.CachedInputPerMillion, m.Value.CacheWritePerMillion)),
            sp.GetRequiredService<PriceCatalogFile>().Catalog));

        services.AddValidatedOptions<GeoIpOptions>(GeoIpOptions.Section);
        services.AddSingleton<MaxMindGeoIpResolver>();
        services.AddSingleton<IGeoIpResolver>(sp => sp.GetRequiredService<MaxMindGeoIpResolver>());
        services.AddSingleton<IHealthContributor, GeoIpHealthContributor>();

        services.AddValidatedOptions<RequestLogWriterOptions>(RequestLogWriterOptions.Section);
        services.AddValidatedOptions<SessionOptions>(SessionOptions.Section);
        services.AddSingleton<ITraceDecoder, OtlpTraceDecoder>();
        services.AddSingleton<RequestLogQueue>();
        services.AddSingleton<UpstreamCallSpans>();
        services.AddSingleton<IRequestLogQueue, InstrumentedRequestLogQueue>();
        services.AddScoped<RequestLogBatchWriter>();
        services.AddSingleton<OpenSessionCache>();
        services.AddSingleton<EndUserDirectory>();
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<RequestLogWriterOptions>>().Value;
            return new RequestLogJournal(settings.JournalPath is { Length: > 0 } path ? path : JournalLocation.Default(configuration), settings.JournalMaxBytes);
        });
        services.AddSingleton<JournalReplayer>();
        services.AddSingleton<ApiKeyUsageThrottle>();
        services.AddSingleton<RequestLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<RequestLogWriter>());
        services.AddSingleton<IHealthContributor, RequestLogWriterHealthContributor>();
        services.AddSingleton<CaptureSearchTexts>();
        services.AddSingleton<CaptureSearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<CaptureSearchIndexer>());
        services.AddSingleton<IHealthContributor, CaptureSearchHealthContributor>();
        services.AddValidatedOptions<RetentionOptions>(RetentionOptions.Section);
        services.AddValidatedOptions<CaptureOptions>(CaptureOptions.Section);
        services.AddOptionsValue<CaptureOptions>();
        services.AddScoped<RequestLogRetention>();
        services.AddScoped<RequestLogPartitions>();
        services.AddSingleton<RequestLogPartitionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RequestLogPartitionService>());
        services.AddSingleton<IHealthContributor, RequestLogPartitionsHealthContributor>();
        services.AddHostedService<RequestLogRetentionService>();
        services.AddScoped<DemoDataGenerator>();
        services.AddValidatedOptions<DemoModeOptions>(DemoModeOptions.Section);
        services.AddSingleton<DemoDataSeeder>();
        services.AddScoped<UsageStatsRebuilder>();
        services.AddScoped<RollupRebuilder>();
        services.AddScoped<IRequestLogRepricer, RequestLogRepricer>();
        AddAlerts(services);
        AddBudgets(services, cache);
        return services;
    }

    /// <summary>Alert rules, their evaluation in the background (one instance at a time) and their notifications.</summary>
    private static void AddAlerts(IServiceCollection services)
    {
        services.AddValidatedOptions<AlertOptions>(AlertOptions.Section);
        services.AddScoped<IAlertRuleStore, AlertRuleStore>();
        services.AddScoped<IAlertEvaluationLease, AlertEvaluationLeaseStore>();
        services.AddScoped<IAlertFigures, AlertFiguresReadStore>();
        services.AddSingleton<IAlertNotifier, AlertNotifier>();
        // The default HTTP client logging writes the URL, and Slack-style URLs carry their token.
        services.AddHttpClient(AlertNotifier.HttpClientName).RemoveAllLoggers();
        services.AddHostedService<AlertEvaluationService>();
        services.AddScoped<IHealthContributor, AlertDeliveryHealthContributor>();
    }

    /// <summary>
    /// Limits and spend: counters in Redis when <c>Cache:Redis</c> is set, else in this process; the limits' copy, the
    /// gate and the reader of spend. The reconciler is a hosted service the web host starts after the migrations.
    /// </summary>
    private static void AddBudgets(IServiceCollection services, CacheOptions cache)
    {
        services.AddValidatedOptions<BudgetOptions>(BudgetOptions.Section)
            .ValidateBy(o => BudgetTimeZone.Find(o.TimeZone));
        services.AddOptionsValue<BudgetOptions>();
        services.AddSingleton(sp => BudgetTimeZone.Find(sp.GetRequiredService<BudgetOptions>().TimeZone));
        services.AddSingleton<SpendLimitsRegistry>();
        services.AddScoped<ISpendLimitStore, SpendLimitStore>();
        services.AddSingleton<IRecordedSpend, RecordedSpend>();
        services.AddSingleton<BudgetSpendReader>();
        services.AddSingleton<IBudgetSpend>(sp => sp.GetRequiredService<BudgetSpendReader>());
        services.AddSingleton<SpendGate>();
        services.AddSingleton<RequestCostEstimator>();
        services.AddSingleton<SpendReconciler>();
        if (cache.UsesRedis)
        {
            services.AddSingleton<ISpendCounters>(sp => new RedisSpendCounters(sp.GetRequiredService<RedisConnection>(), cache.KeyPrefix, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IHealthContributor>(sp => new BudgetHealthContributor(sp.GetRequiredService<BudgetOptions>(), sp.GetRequiredService<RedisConnection>()));
        }
        else
        {
            services.AddSingleton<ISpendCounters, InMemorySpendCounters>();
            services.AddSingleton<IHealthContributor>(sp => new BudgetHealthContributor(sp.GetRequiredService<BudgetOptions>()));
        }
    }

    /// <summary>
    /// HybridCache for query answers: in memory, with Redis as the shared second level when <c>Cache:Redis</c> is set
    /// (keys prefixed with <c>Cache:RedisInstanceName</c>), reported by the <c>cache</c> health check.
    /// </summary>
    private static void AddQueryCache(IServiceCollection services, CacheOptions cache)
    {
        services.AddValidatedOptions<CacheOptions>(CacheOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CacheOptions>>().Value.QuerySettings);
        services.AddHybridCache();
        if (!cache.UsesRedis)
        {
            return;
        }

        var prefix = cache.KeyPrefix;

        // Parsed here, so a malformed setting stops the start instead of the first dashboard request.
        var redisOptions = RedisConnection.Configure(cache.Redis!);
        services.AddSingleton(_ => new RedisConnection(redisOptions));
        services.AddStackExchangeRedisCache(options => options.InstanceName = prefix);
        services.Replace(ServiceDescriptor.Singleton<IDataVersionSource>(sp =>
            new RedisDataVersionSource(sp.GetRequiredService<RedisConnection>(), prefix, sp.GetRequiredService<TimeProvider>())));
        services.AddOptions<RedisCacheOptions>()
            .Configure<RedisConnection>((options, connection) => options.ConnectionMultiplexerFactory = connection.GetAsync);
        services.AddSingleton<IHealthContributor, CacheHealthContributor>();
    }

    /// <summary>The database named by <c>Database:Provider</c>: SQLite (the default) or PostgreSQL.</summary>
    private static void AddDatabase(IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Dashboard");
        switch (DatabaseProviders.Parse(configuration[DatabaseProviders.Setting]))
        {
            case DatabaseProvider.Postgres:
                var postgres = DatabaseProviders.PostgresConnectionString(configured);
                services.AddDbContext<DashboardDbContext, PostgresDashboardDbContext>(options => options.UseNpgsql(postgres));
                break;
            default:
                var sqlite = configured is { Length: > 0 } ? configured : DefaultConnectionString;
                services.AddDbContext<DashboardDbContext>(options => options
                    .UseSqlite(sqlite)
                    .AddInterceptors(new SqlitePragmaInterceptor()));
                break;
        }
    }
}
