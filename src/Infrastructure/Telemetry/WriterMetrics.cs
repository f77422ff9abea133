using System.Diagnostics.Metrics;
using CleanDashboard.Application.Telemetry.Metrics;
using CleanDashboard.Infrastructure.Tracking;
using CleanDashboard.Infrastructure.Tracking.Journal;

namespace CleanDashboard.Infrastructure.Telemetry;

/// <summary>
/// The background writer's health as metrics — queue depth, entries written and dropped, journal records waiting — read
/// when scraped, and the duration of each committed batch.
/// </summary>
internal sealed class WriterMetrics
{
    private readonly Histogram<double> _batchDuration;

    public WriterMetrics(IMeterFactory meters, RequestLogQueue queue, RequestLogJournal journal, Func<long> written)
    {
        var meter = meters.Create(TelemetryNames.Meter);
        meter.CreateObservableGauge("cleandashboard.writer.queue.depth", () => queue.Pending, "{entry}", "Entries waiting in the request-log queue.");
        meter.CreateObservableCounter("cleandashboard.writer.written", written, "{entry}", "Request logs written to the database.");
        meter.CreateObservableCounter("cleandashboard.writer.dropped", () => queue.Dropped, "{entry}", "Entries lost: refused by a full queue or lost by the writer.");
        meter.CreateObservableGauge("cleandashboard.writer.journal.pending", () => journal.PendingRecords, "{entry}", "Entries spilled to the journal, waiting for the database.");
        _batchDuration = meter.CreateHistogram("cleandashboard.writer.batch.duration", "s", "Time to write and commit one batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] });
    }

    public void RecordBatch(TimeSpan elapsed) => _batchDuration.Record(elapsed.TotalSeconds);
}
