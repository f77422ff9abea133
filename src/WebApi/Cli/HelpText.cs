namespace CleanDashboard.WebApi.Cli;

/// <summary>What <c>--help</c> prints, and the options each command accepts (the parser checks against the same lists).</summary>
public static class HelpText
{
    /// <summary>
    /// Options of the web server: ASP.NET Core's own host settings (WebHostDefaults, HostDefaults; test hosts pass some of
    /// them too) and the top-level settings of appsettings.json, besides any configuration key as <c>--Section:Key value</c>.
    /// </summary>
    public static readonly IReadOnlyCollection<string> ServerOptions =
    [
        "--urls", "--environment", "--contentRoot", "--applicationName", "--webroot", "--http_ports", "--https_ports", "--https_port",
        "--detailedErrors", "--captureStartupErrors", "--shutdownTimeoutSeconds", "--suppressStatusMessages", "--preventHostingStartup",
        "--hostingStartupAssemblies", "--hostingStartupExcludeAssemblies", "--startupAssembly", "--staticWebAssets", "--AllowedHosts",
    ];

    public static readonly IReadOnlyDictionary<string, IReadOnlyCollection<string>> CommandOptions = new Dictionary<string, IReadOnlyCollection<string>>
    {
        ["populate-dashboard-data"] = ["--days", "--users", "--per-day", "--clear", "--seed"],
        ["rebuild-usage-stats"] = [],
        ["rebuild-rollups"] = [],
        ["reprice"] = ["--from", "--to"],
        ["create-user"] = ["--role"],
        ["create-api-key"] = ["--name"],
    };

    public const string Text = """
        CleanDashboard: self-hosted analytics and gateway for LLM APIs.

        Usage:
          dotnet run --project src/WebApi -- [options]              start the server
          dotnet run --project src/WebApi -- <command> [options]    run a management command and exit

        Server options:
          --demo                      demo mode: sample traffic on a fresh database, the demo-echo model, and a new
                                      admin sign-in key printed at start
          --urls <url>[;<url>]        where to listen (default http://127.0.0.1:5080 with dotnet run),
                                      e.g. --urls http://127.0.0.1:5090
          --environment <name>        Development, Production, …
          --<Section>:<Key> <value>   any setting of appsettings.json, e.g. --Database:Provider Postgres
                                      (or --<key>=<value>)
          -h, --help                  show this help and exit

        Commands:
          create-api-key <user> [--name <key name>]
                                      print a new API key for a user; a lost admin key: create-api-key admin
          create-user <name> [--role admin|member]
                                      add a user (member by default)
          populate-dashboard-data [--days 14] [--users 3] [--per-day 2000] [--seed 42] [--clear]
                                      generate sample traffic (--clear empties the analytics tables first)
          rebuild-usage-stats         recompute the daily per-model statistics from the request logs
          rebuild-rollups             recompute the hourly and daily rollups from the request logs
          reprice --from <instant> --to <instant>
                                      recompute the cost of the request logs created in [from, to) from their
                                      stored tokens with the current prices, then their sessions, daily model
                                      stats and rollups (instants: 2026-01-31 or 2026-01-31T10:00:00Z)

        Exit codes: 0 done; 2 bad arguments, or the port is already in use.
        """;
}
