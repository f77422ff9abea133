using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities;

/// <summary>A caller of the API: the target of the specification's <c>user</c> foreign keys.</summary>
public class User
{
    public const int NameMaxLength = 150;

    /// <summary>The longest end-user id an app may send (<c>user.id</c> / <c>enduser.id</c> of an ingested span).</summary>
    public const int ExternalIdMaxLength = 128;

    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public UserRole Role { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>For an app's end user (created from ingested spans): the user whose API key sent them; null for everyone else.</summary>
    public int? ParentUserId { get; set; }

    /// <summary>For an app's end user: the id the app gave it, unique among the parent's end users.</summary>
    public string? ExternalId { get; set; }

    /// <summary>An end user's display name, <c>{owner}/{externalId}</c>, cut to <see cref="NameMaxLength"/> (end users are unique by parent and id, not by name).</summary>
    public static string EndUserName(string ownerName, string externalId)
    {
        var name = $"{ownerName}/{externalId}";
        return name.Length <= NameMaxLength ? name : name[..NameMaxLength];
    }

    public bool IsAdmin => Role == UserRole.Admin;
}
