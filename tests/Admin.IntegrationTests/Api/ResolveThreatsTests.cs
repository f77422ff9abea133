using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Admin.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed class ResolveThreatsTests(AdminApiFactory factory)
{
    [Fact]
    public async Task Resolve_WhenSomeAreAlreadyResolvedOrUnknown_ShouldCountOnlyTheOnesThatChanged()
    {
        var ids = await InsertThreatsAsync(resolved: [false, false, true, false]);
        using var admin = factory.AdminClient();

        var resolve = await admin.PostAsJsonAsync("/api/admin/threats/resolve", new { ids = new[] { ids[0], ids[1], ids[2], 999_999_999L, ids[0] } });
        resolve.StatusCode.Should().Be(HttpStatusCode.OK);
        (await resolve.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32().Should().Be(2);

        var again = await admin.PostAsJsonAsync("/api/admin/threats/resolve", new { ids = new[] { ids[0], ids[1] } });
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32().Should().Be(0);

        var states = await factory.WithDbAsync(db => db.ThreatLogs.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Id).Select(t => t.Resolved).ToListAsync());
        states.Should().Equal(true, true, true, false);
    }

    [Fact]
    public async Task Unresolve_WhenMixed_ShouldReopenOnlyResolvedOnes()
    {
        var ids = await InsertThreatsAsync(resolved: [true, true, false]);
        using var admin = factory.AdminClient();

        var reopen = await admin.PostAsJsonAsync("/api/admin/threats/unresolve", new { ids });
        (await reopen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32().Should().Be(2);

        var states = await factory.WithDbAsync(db => db.ThreatLogs.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => t.Resolved).ToListAsync());
        states.Should().OnlyContain(resolved => !resolved);
    }

    [Fact]
    public async Task Resolve_WhenThousandIds_ShouldBeAccepted()
    {
        var ids = await InsertThreatsAsync(resolved: [false]);
        using var admin = factory.AdminClient();
        var many = Enumerable.Range(1, 999).Select(i => 500_000_000L + i).Append(ids[0]).ToArray();

        var resolve = await admin.PostAsJsonAsync("/api/admin/threats/resolve", new { ids = many });
        (await resolve.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32().Should().Be(1);
    }

    private Task<long[]> InsertThreatsAsync(bool[] resolved) => factory.WithDbAsync(async db =>
    {
        var rows = resolved.Select((r, i) => new ThreatLog
        {
            ThreatType = ThreatTypes.Scanner,
            Severity = ThreatSeverity.Low,
            IpAddress = $"192.0.2.{i + 1}",
            Description = "seeded",
            Resolved = r,
            CreatedAt = DateTime.UtcNow,
            LastSeenAt = DateTime.UtcNow,
        }).ToList();
        db.ThreatLogs.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToArray();
    });
}
