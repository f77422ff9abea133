using System.Security.Cryptography;
using System.Text;
using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Application.Auth;

/// <summary>Makes and hashes API keys. A key is "cd_" + 32 random bytes (base64url); only its SHA-256 is kept.</summary>
public static class ApiKeySecret
{
    private const string KeyPrefix = "cd_";

    public static string Generate() =>
        KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The display handle: the first characters, enough to tell keys apart, useless to an attacker.</summary>
    public static string DisplayPrefix(string key) => key.Length <= ApiKey.PrefixLength ? key : key[..ApiKey.PrefixLength];
}
