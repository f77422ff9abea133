using CleanDashboard.Application.Auth;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>Refuses to start with a guessable configured admin key, in one line that names the rule and never the key.</summary>
public static class BootstrapAdminKeyCheck
{
    public const string SettingKey = "Auth:BootstrapAdminKey";

    public static string? Problem(IConfiguration configuration) =>
        configuration[SettingKey] is { Length: > 0 } key && !ConfiguredKeyRule.IsSatisfiedBy(key)
            ? $"{SettingKey} must be {ConfiguredKeyRule.Description}; the configured key has {key.Length} characters. Not starting."
            : null;
}
