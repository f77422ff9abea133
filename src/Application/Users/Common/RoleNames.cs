using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Users.Common;

/// <summary>
/// The roles as the API spells them, in and out: exactly "admin" or "member", case-sensitive, never trimmed
/// (Enum.TryParse would take "Admin " or " ADMIN" for an admin).
/// </summary>
public static class RoleNames
{
    public const string Admin = "admin";
    public const string Member = "member";

    public const string Rule = "Role must be exactly 'admin' or 'member' (lower case).";

    public static bool TryParse(string? text, out UserRole role)
    {
        (var known, role) = text switch
        {
            Admin => (true, UserRole.Admin),
            Member => (true, UserRole.Member),
            _ => (false, default),
        };
        return known;
    }

    public static UserRole Parse(string text) =>
        TryParse(text, out var role) ? role : throw new ArgumentException(Rule, nameof(text));

    public static string Of(UserRole role) => role == UserRole.Admin ? Admin : Member;
}
