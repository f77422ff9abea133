using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Admin.IntegrationTests.Threats;

internal static class ThreatRows
{
    public static Task<List<ThreatLog>> ForAddressAsync(this AdminApiFactory factory, string ip) =>
        factory.WithDbAsync(db => db.ThreatLogs.AsNoTracking().Where(t => t.IpAddress == ip).OrderBy(t => t.Id).ToListAsync());

    /// <summary>Waits until the address has one incident with the given number of occurrences, then returns its rows.</summary>
    public static Task<List<ThreatLog>> WaitForOccurrencesAsync(this AdminApiFactory factory, string ip, int occurrences) =>
        factory.EventuallyAsync(
            db => db.ThreatLogs.AsNoTracking().Where(t => t.IpAddress == ip).OrderBy(t => t.Id).ToListAsync(),
            rows => rows.Sum(r => r.Occurrences) >= occurrences);
}
