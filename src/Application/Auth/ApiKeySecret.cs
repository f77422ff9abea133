using System.Security.Cryptography;
using System.Text;

namespace CleanDashboard.Application.Auth;

/// <summary>Makes and hashes API keys. A key is "cd_" + 32 random bytes (base64url); only its SHA-256 is kept.</summary>
public static class ApiKeySecret
{
    private const string KeyPrefix = "cd_";

    public static string Generate() =>
        KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>How many characters of a key its display prefix shows, after the "cd_" marker when it has one.</summary>
    public const int DisplayedCharacters = 4;

    /// <summary>The display handle: the "cd_" marker and 4 characters, enough to tell keys apart, useless to an attacker.</summary>
    public static string DisplayPrefix(string key)
    {
        var marker = key.StartsWith(KeyPrefix, StringComparison.Ordinal) ? KeyPrefix.Length : 0;
        return key[..Math.Min(key.Length, marker + DisplayedCharacters)];
    }
}
