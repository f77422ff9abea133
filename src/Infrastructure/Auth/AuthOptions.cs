using CleanDashboard.Application.Auth;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Auth;

/// <summary>Configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public const string BootstrapAdminKeySetting = Section + ":" + nameof(BootstrapAdminKey);

    /// <summary>An admin key the operator chose, registered at start; unset: one is generated and shown once.</summary>
    public string? BootstrapAdminKey { get; set; }

    public bool HasBootstrapAdminKey => !string.IsNullOrEmpty(BootstrapAdminKey);
}

/// <summary>Refuses a guessable configured admin key, naming the rule and the key's length, never the key.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        options.BootstrapAdminKey is { Length: > 0 } key && !ConfiguredKeyRule.IsSatisfiedBy(key)
            ? ValidateOptionsResult.Fail($"{AuthOptions.BootstrapAdminKeySetting} must be {ConfiguredKeyRule.Description}; the configured key has {key.Length} characters.")
            : ValidateOptionsResult.Success;
}
