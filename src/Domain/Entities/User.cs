using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities;

/// <summary>A caller of the API: the target of the specification's <c>user</c> foreign keys.</summary>
public class User
{
    public const int NameMaxLength = 150;

    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public UserRole Role { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool IsAdmin => Role == UserRole.Admin;
}
