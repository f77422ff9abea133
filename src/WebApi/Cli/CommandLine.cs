using System.Globalization;

namespace CleanDashboard.WebApi.Cli;

/// <summary>
/// Splits the process arguments into an optional management command (<c>populate-dashboard-data</c>, …)
/// with its own options, and the arguments for the web host. <c>--demo</c> becomes the configuration key Demo:Enabled;
/// <c>--help</c>/<c>-h</c> asks for <see cref="HelpText"/>. An unknown command or option is an <see cref="Error"/>.
/// </summary>
public sealed record CommandLine(string? Command, IReadOnlyList<string> CommandArguments, string[] HostArguments, bool Demo)
{
    public static readonly IReadOnlyList<string> Commands = [.. HelpText.CommandOptions.Keys];

    /// <summary>True for <c>--help</c> or <c>-h</c>: print the commands and options, start nothing.</summary>
    public bool Help { get; private init; }

    /// <summary>Why the arguments cannot be run (an unknown command or option), else null.</summary>
    public string? Error { get; private init; }

    public static CommandLine Parse(string[] args)
    {
        var demo = args.Contains("--demo");
        var help = args.Any(a => a is "--help" or "-h");
        var rest = args.Where(a => a is not ("--demo" or "--help" or "-h")).ToArray();
        if (rest.Length > 0 && Commands.Contains(rest[0]))
        {
            return new CommandLine(rest[0], rest[1..], [], demo)
            {
                Help = help,
                Error = UnknownOption(rest[1..], HelpText.CommandOptions[rest[0]], hostOptions: false),
            };
        }

        return new CommandLine(null, [], rest, demo)
        {
            Help = help,
            Error = rest.Length > 0 && !rest[0].StartsWith('-') && !rest[0].Contains('=')
                ? $"Unknown command '{rest[0]}'."
                : UnknownOption(rest, HelpText.ServerOptions, hostOptions: true),
        };
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

    /// <summary>
    /// The first option that is not one of <paramref name="known"/>. The web host also takes any configuration key with a
    /// section (<c>--Database:Provider Postgres</c>) and any <c>--key=value</c>, as ASP.NET Core's command-line configuration
    /// does (test hosts pass their settings that way, sections included as <c>--Logging=</c>).
    /// </summary>
    private static string? UnknownOption(IEnumerable<string> arguments, IReadOnlyCollection<string> known, bool hostOptions)
    {
        foreach (var argument in arguments.Where(a => a.StartsWith('-')))
        {
            var name = argument.Split('=', 2)[0];
            var isConfigurationKey = hostOptions && name.StartsWith("--", StringComparison.Ordinal) && (name.Contains(':') || argument.Contains('='));
            if (!isConfigurationKey && !known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return $"Unknown option '{name}'.";
            }
        }

        return null;
    }
}
