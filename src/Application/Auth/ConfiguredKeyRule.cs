namespace CleanDashboard.Application.Auth;

/// <summary>
/// A key an operator configures (Auth:BootstrapAdminKey) must be as hard to guess as a generated one
/// (32 random bytes): at least 32 printable ASCII characters, without spaces.
/// </summary>
public static class ConfiguredKeyRule
{
    public const int MinLength = 32;

    public const string Description = "at least 32 printable ASCII characters without spaces (for example the output of `openssl rand -base64 32`)";

    public static bool IsSatisfiedBy(string key) => key.Length >= MinLength && key.All(c => c > ' ' && c < 127);
}
