using CleanDashboard.Application.Health.Common;
using CleanDashboard.Infrastructure.Tracking.Journal;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// Reports the log queue and the journal: pending, written and dropped entries and what waits in the journal;
/// degraded while the writer fails, once anything was lost, while journaled entries wait for the database, and when the
/// configured journal cannot be used (an outage would then lose entries).
/// </summary>
public sealed class RequestLogWriterHealthContributor(RequestLogQueue queue, RequestLogWriter writer, RequestLogJournal journal) : IHealthContributor
{
    public string Name => "requestLogWriter";

    public Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken)
    {
        var journalState = journal.Problem is null
            ? $"journal {journal.PendingRecords} pending ({journal.UsedBytes} of {journal.MaxBytes} bytes)"
            : $"journal unavailable: {journal.Problem}";
        var counts = $"pending {queue.Pending} of {queue.Capacity}, written {writer.Written}, dropped {queue.Dropped}, {journalState}";
        var degraded = writer.LastError is not null || queue.Dropped > 0 || journal.PendingRecords > 0 || (journal.Problem is not null && journal.MaxBytes > 0);
        var detail = writer.LastError is { } error ? $"{error} ({counts})" : counts;
        return Task.FromResult(new HealthCheckDto(degraded ? HealthStatus.Degraded : HealthStatus.Healthy, detail));
    }
}
