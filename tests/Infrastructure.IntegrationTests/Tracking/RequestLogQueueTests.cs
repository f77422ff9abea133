using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.Tracking;
using CleanDashboard.Infrastructure.Tracking.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.IntegrationTests.Tracking;

[Trait("Database", "Independent")]
public sealed class RequestLogQueueTests
{
    private static TrackedRequest Entry() => new() { CreatedAt = DateTime.UtcNow, Endpoint = "/v1/x", Method = "GET", StatusCode = 200, LatencyMs = 1 };

    [Fact]
    public void TryEnqueue_WhenQueueIsFull_ShouldDropAndCountWithoutBlocking()
    {
        var queue = new RequestLogQueue(Options.Create(new RequestLogWriterOptions { QueueCapacity = 2 }));

        var accepted = Enumerable.Range(0, 5).Select(_ => queue.TryEnqueue(Entry())).ToList();

        accepted.Should().Equal(true, true, false, false, false);
        queue.Dropped.Should().Be(3);
        queue.Pending.Should().Be(2);
    }

    [Fact]
    public async Task Health_WhenEntriesWereDropped_ShouldBeDegradedAndSayHowMany()
    {
        var options = Options.Create(new RequestLogWriterOptions { QueueCapacity = 1 });
        var queue = new RequestLogQueue(options);
        var journal = new RequestLogJournal(Path.Combine(Path.GetTempPath(), "unopened.request-journal"), 4096);
        var writer = new RequestLogWriter(queue, journal, null!, null!, new OpenSessionCache(), new InProcessDataVersionSource(), options, Options.Create(new HostOptions()), NullLogger<RequestLogWriter>.Instance);
        queue.TryEnqueue(Entry());
        queue.TryEnqueue(Entry());

        var health = await new RequestLogWriterHealthContributor(queue, writer, journal).CheckAsync(CancellationToken.None);

        health.Should().Be(new HealthCheckDto(HealthStatus.Degraded, "pending 1 of 1, written 0, dropped 1, journal 0 pending (0 of 4096 bytes)"));
    }
}
