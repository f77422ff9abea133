using System.Diagnostics;
using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.RequestLogs.Commands.RepriceRequestLogs;
using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Rollups;
using MediatR;

namespace CleanDashboard.WebApi.Cli;

/// <summary>The management commands, run instead of the web server: <c>dotnet run --project src/WebApi -- &lt;command&gt; …</c>.</summary>
public static class ManagementCommands
{
    public static async Task<int> RunAsync(CommandLine commandLine, IServiceProvider services)
    {
        try
        {
            if (await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None) is { } adminKey)
            {
                Console.WriteLine($"An admin API key was created (shown once): {adminKey}");
            }

            await using var scope = services.CreateAsyncScope();
            return commandLine.Command switch
            {
                "populate-dashboard-data" => await PopulateAsync(commandLine, scope.ServiceProvider),
                "rebuild-usage-stats" => await RebuildUsageStatsAsync(scope.ServiceProvider),
                "rebuild-rollups" => await RebuildRollupsAsync(scope.ServiceProvider),
                "reprice" => await RepriceAsync(commandLine, scope.ServiceProvider),
                "create-user" => await CreateUserAsync(commandLine, scope.ServiceProvider),
                "create-api-key" => await CreateApiKeyAsync(commandLine, scope.ServiceProvider),
                _ => Usage(),
            };
        }
        catch (ValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
            }

            return 2;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotFoundException)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static async Task<int> PopulateAsync(CommandLine args, IServiceProvider services)
    {
        var options = new DemoDataOptions(
            Days: args.IntOption("--days", 14),
            Users: args.IntOption("--users", 3),
            RequestsPerDay: args.IntOption("--per-day", 2000),
            Clear: args.HasFlag("--clear"),
            Seed: args.IntOption("--seed", 42));
        Console.WriteLine($"Populating {options.Days} days for {options.Users} users, about {options.RequestsPerDay:N0} requests a day{(options.Clear ? ", after clearing the analytics tables" : string.Empty)}…");
        var stopwatch = Stopwatch.StartNew();
        var result = await services.GetRequiredService<DemoDataGenerator>()
            .GenerateAsync(options, new Progress<string>(Console.WriteLine), CancellationToken.None);
        stopwatch.Stop();
        Console.WriteLine($"Done in {stopwatch.Elapsed.TotalSeconds:F1} s: {result.RequestLogs:N0} request logs ({result.RequestLogs / Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001):N0}/s), {result.Sessions:N0} sessions, {result.Feedback:N0} feedback, {result.Threats:N0} threats, {result.UsageStatsRows:N0} daily model stats.");
        return 0;
    }

    private static async Task<int> RebuildUsageStatsAsync(IServiceProvider services)
    {
        var rows = await services.GetRequiredService<UsageStatsRebuilder>().RebuildAsync(CancellationToken.None);
        Console.WriteLine($"Rebuilt model_usage_stats from the raw request logs: {rows:N0} (day, model) rows.");
        return 0;
    }

    private static async Task<int> RebuildRollupsAsync(IServiceProvider services)
    {
        var stopwatch = Stopwatch.StartNew();
        var requests = await services.GetRequiredService<RollupRebuilder>().RebuildAsync(CancellationToken.None);
        Console.WriteLine($"Rebuilt the hourly and daily rollups from {requests:N0} request logs and their sessions in {stopwatch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    private static async Task<int> RepriceAsync(CommandLine args, IServiceProvider services)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await services.GetRequiredService<IMediator>().Send(new RepriceRequestLogsCommand(args.Option("--from"), args.Option("--to")));
        Console.WriteLine(
            $"Repriced {result.RowsInRange:N0} request logs from {args.Option("--from")} to {args.Option("--to")} in {stopwatch.Elapsed.TotalSeconds:F1} s: "
            + $"{result.RowsChanged:N0} changed; total ${Usd(result.OldTotalUsd)} before, ${Usd(result.NewTotalUsd)} now. Their sessions, daily model stats and rollups are rebuilt.");
        return 0;
    }

    private static string Usd(decimal value) => value.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<int> CreateUserAsync(CommandLine args, IServiceProvider services)
    {
        var name = args.Positional() ?? throw new ArgumentException("Usage: create-user <name> [--role admin|member]");
        var user = await services.GetRequiredService<IMediator>().Send(new CreateUserCommand(name, args.Option("--role") ?? RoleNames.Member));
        Console.WriteLine($"Created user {user.Name} (id {user.Id}, {user.Role}).");
        return 0;
    }

    private static async Task<int> CreateApiKeyAsync(CommandLine args, IServiceProvider services)
    {
        var userName = args.Positional() ?? throw new ArgumentException("Usage: create-api-key <user> [--name <key name>]");
        var key = await services.GetRequiredService<IMediator>().Send(new CreateApiKeyCommand(userName, args.Option("--name") ?? "cli"));
        Console.WriteLine($"API key for {userName} (shown once, keep it now):");
        Console.WriteLine(key.Key);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("Commands: " + string.Join(", ", CommandLine.Commands));
        return 2;
    }
}
