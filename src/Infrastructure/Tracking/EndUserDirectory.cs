using System.Collections.Concurrent;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// Files ingested spans that name an end user under that end user of the key's user: a <see cref="User"/> keyed by
/// (<see cref="User.ParentUserId"/>, <see cref="User.ExternalId"/>), created inside the writer's batch transaction with
/// <c>INSERT … ON CONFLICT DO NOTHING</c> and then looked up, so two instances racing for a new end user create one row
/// (docs/decisions/109). Ids found are kept once their batch committed (users are never deleted or re-keyed).
/// </summary>
public sealed class EndUserDirectory
{
    private readonly ConcurrentDictionary<(int Owner, string ExternalId), int> _known = new();

    /// <summary>The batch with every end user's request carrying the end user's id; also returns what to remember once it commits.</summary>
    public async Task<(IReadOnlyList<TrackedRequest> Batch, IReadOnlyList<KeyValuePair<(int, string), int>> Found)> ResolveAsync(
        DashboardDbContext db, IReadOnlyList<TrackedRequest> batch, CancellationToken cancellationToken)
    {
        if (!batch.Any(e => e is { UserId: not null, EndUserId: not null }))
        {
            return (batch, []);
        }

        var wanted = batch
            .Where(e => e is { UserId: not null, EndUserId: not null })
            .GroupBy(e => (Owner: e.UserId!.Value, ExternalId: e.EndUserId!))
            .Where(g => !_known.ContainsKey(g.Key))
            .Select(g => (g.Key, FirstSeen: g.Min(e => e.CreatedAt)))
            .OrderBy(w => w.Key.Owner).ThenBy(w => w.Key.ExternalId, StringComparer.Ordinal)
            .ToList();
        var found = new List<KeyValuePair<(int, string), int>>();
        var owners = wanted.Select(w => w.Key.Owner).Distinct().ToList();
        var ownerNames = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        foreach (var ((owner, externalId), firstSeen) in wanted)
        {
            found.Add(new((owner, externalId), await CreateOrFindAsync(db, owner, ownerNames.GetValueOrDefault(owner, string.Empty), externalId, firstSeen, cancellationToken)));
        }

        var ids = found.ToDictionary(f => f.Key, f => f.Value);
        var resolved = batch.Select(e => e is { UserId: int owner, EndUserId: { } externalId }
            ? e with { UserId = ids.TryGetValue((owner, externalId), out var id) ? id : _known[(owner, externalId)] }
            : e).ToList();
        return (resolved, found);
    }

    public void Remember(IReadOnlyList<KeyValuePair<(int, string), int>> found)
    {
        foreach (var (key, id) in found)
        {
            _known[key] = id;
        }
    }

    private static async Task<int> CreateOrFindAsync(DashboardDbContext db, int owner, string ownerName, string externalId, DateTime firstSeen, CancellationToken cancellationToken)
    {
        var name = User.EndUserName(ownerName, externalId);
        var role = UserRole.Member.ToString().ToLowerInvariant();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "users" ("Name", "Role", "CreatedAt", "ParentUserId", "ExternalId") VALUES ({name}, {role}, {firstSeen}, {owner}, {externalId})
            ON CONFLICT ("ParentUserId", "ExternalId") DO NOTHING
            """,
            cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.ParentUserId == owner && u.ExternalId == externalId).Select(u => u.Id).SingleAsync(cancellationToken);
    }
}
