using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.Users.Queries.ListApiKeys;

/// <summary>A key as the admin list shows it: its display prefix, never the key or its hash.</summary>
public sealed record ApiKeyDto(
    int Id,
    int UserId,
    string UserName,
    string Name,
    string Prefix,
    DateTime CreatedAt,
    DateTime? LastUsedAt,
    DateTime? RevokedAt,
    bool Revoked,
    bool NeverCapture)
{
    public static readonly IReadOnlyList<string> Columns = ListValues.ColumnsOf<ApiKeyDto>();
}
