namespace CleanDashboard.Domain.Entities;

/// <summary>
/// A bearer key of a user. Only the SHA-256 hash of the key is stored; the prefix is a
/// harmless display handle ("cd_1a2b…") so people can tell their keys apart.
/// </summary>
public class ApiKey
{
    public const int PrefixLength = 10;
    public const int HashLength = 32;

    public int Id { get; set; }

    public int UserId { get; set; }

    public User? User { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Prefix { get; set; } = string.Empty;

    public byte[] KeyHash { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>Requests made with this key never have their bodies captured, whatever the capture settings say.</summary>
    public bool NeverCapture { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}
