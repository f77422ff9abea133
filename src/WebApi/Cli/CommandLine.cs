using System.Globalization;

namespace CleanDashboard.WebApi.Cli;

/// <summary>
/// Splits the process arguments into an optional management command (<c>populate-dashboard-data</c>, …)
/// with its own options, and the arguments for the web host. <c>--demo</c> becomes the configuration key Demo:Enabled.
/// </summary>
public sealed record CommandLine(string? Command, IReadOnlyList<string> CommandArguments, string[] HostArguments, bool Demo)
{
    public static readonly IReadOnlyList<string> Commands =
        ["populate-dashboard-data", "rebuild-usage-stats", "rebuild-rollups", "create-user", "create-api-key"];

    public static CommandLine Parse(string[] args)
    {
        var demo = args.Contains("--demo");
        var rest = args.Where(a => a != "--demo").ToArray();
        if (rest.Length > 0 && Commands.Contains(rest[0]))
        {
            return new CommandLine(rest[0], rest[1..], [], demo);
        }

        return new CommandLine(null, [], rest, demo);
    }

    public bool HasFlag(string name) => CommandArguments.Contains(name);

    public int IntOption(string name, int fallback)
    {
        var value = Option(name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");
    }

    public string? Option(string name)
    {
        var index = CommandArguments.ToList().IndexOf(name);
        return index >= 0 && index + 1 < CommandArguments.Count ? CommandArguments[index + 1] : null;
    }

    /// <summary>The first argument after the command that is not an option or an option's value.</summary>
    public string? Positional()
    {
        for (var i = 0; i < CommandArguments.Count; i++)
        {
            if (CommandArguments[i].StartsWith("--", StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            return CommandArguments[i];
        }

        return null;
    }
}
