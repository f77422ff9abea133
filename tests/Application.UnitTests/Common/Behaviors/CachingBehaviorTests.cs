using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Dashboard.Queries.GetDashboard;
using CleanDashboard.Application.Feedback.Commands.SubmitFeedback;
using CleanDashboard.Application.Threats.Commands.ResolveThreats;
using CleanDashboard.Application.UnitTests.TestDoubles;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ValidationException = CleanDashboard.Application.Common.Exceptions.ValidationException;

namespace CleanDashboard.Application.UnitTests.Common.Behaviors;

/// <summary>The dashboard through the real pipeline and a real in-memory HybridCache, over a store that counts its reads.</summary>
public sealed class CachingBehaviorTests : IDisposable
{
    private readonly CountingReadStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 3, 1, 10, 37, 12, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public CachingBehaviorTests()
        : this(QueryCacheSettings.DefaultDuration)
    {
    }

    private CachingBehaviorTests(TimeSpan duration)
    {
        var services = new ServiceCollection().AddApplication();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IDashboardReadStore>(_store);
        services.AddHybridCache();
        services.AddSingleton(new QueryCacheSettings(duration));
        services.AddTransient<IRequestHandler<ChangeDashboardCommand, int>, ChangeDashboardCommandHandler>();
        services.AddTransient<IRequestHandler<WriteDataCommand, int>, WriteDataCommandHandler>();
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Send_WhenTheSameRangeIsAskedTwice_ShouldReadTheStoreOnceAndAnswerTheSame()
    {
        _store.Release();
        var first = await SendAsync(new GetDashboardQuery("24h", null, null));
        var second = await SendAsync(new GetDashboardQuery(" 24h ", null, null));

        _store.BucketReads.Should().Be(1);
        second.Should().BeEquivalentTo(first);
    }

    [Fact]
    public async Task Send_WhenACachedAnswerIsReadAgain_ShouldHandOutTheSameInstanceInsteadOfACopy()
    {
        _store.Release();
        var first = await SendAsync(new GetDashboardQuery("24h", null, null));
        var second = await SendAsync(new GetDashboardQuery("24h", null, null));

        // DashboardDto is [ImmutableObject(true)] and sealed: HybridCache keeps the instance, not its serialized copy.
        second.Should().BeSameAs(first);
    }

    [Fact]
    public async Task Send_WhenACustomRangeIsSpelledWithAnotherOffset_ShouldShareTheCachedAnswer()
    {
        _store.Release();
        await SendAsync(new GetDashboardQuery("custom", "2024-03-01T12:05:00+02:00", "2024-03-01T12:30:00+02:00"));
        await SendAsync(new GetDashboardQuery("custom", "2024-03-01T10:05:00Z", "2024-03-01T10:30:00Z"));
        await SendAsync(new GetDashboardQuery("custom", "2024-03-01T10:05:00Z", "2024-03-01T10:31:00Z"));

        _store.BucketReads.Should().Be(2);
    }

    [Fact]
    public async Task Send_WhenDifferentRangesAreAsked_ShouldReadTheStoreForEach()
    {
        _store.Release();
        foreach (var range in new[] { "24h", "7d", "1m", "3m" })
        {
            await SendAsync(new GetDashboardQuery(range, null, null));
        }

        await SendAsync(new GetDashboardQuery(null, null, null)); // the default, 7d, is cached already

        _store.BucketReads.Should().Be(4);
    }

    [Fact]
    public async Task Send_WhenManyAskTheSameRangeAtOnce_ShouldComputeItOnce()
    {
        var requests = Enumerable.Range(0, 8).Select(_ => SendAsync(new GetDashboardQuery("7d", null, null))).ToList();
        await _store.FirstReadStarted;
        _store.Release();
        var answers = await Task.WhenAll(requests);

        _store.BucketReads.Should().Be(1);
        answers.Should().AllSatisfy(a => a.Should().BeEquivalentTo(answers[0]));
    }

    [Fact]
    public async Task Send_WhenTheQueryIsInvalid_ShouldThrowEveryTimeAndNeverCache()
    {
        _store.Release();
        var invalid = new GetDashboardQuery("2w", null, null);

        await FluentActions.Awaiting(() => SendAsync(invalid)).Should().ThrowAsync<ValidationException>();
        await FluentActions.Awaiting(() => SendAsync(invalid)).Should().ThrowAsync<ValidationException>();
        _store.BucketReads.Should().Be(0);
    }

    [Fact]
    public async Task Send_WhenACommandChangesTheDashboard_ShouldDropEveryCachedDashboard()
    {
        _store.Release();
        await SendAsync(new GetDashboardQuery("24h", null, null));
        await SendAsync(new GetDashboardQuery("7d", null, null));

        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ChangeDashboardCommand());
        }

        // HybridCache drops what was cached up to the command's instant; the next answers come a moment later.
        _time.Advance(TimeSpan.FromSeconds(1));

        await SendAsync(new GetDashboardQuery("24h", null, null));
        await SendAsync(new GetDashboardQuery("7d", null, null));
        await SendAsync(new GetDashboardQuery("7d", null, null));

        _store.BucketReads.Should().Be(4); // 24h and 7d before the command, each once more after it
    }

    [Fact]
    public async Task Send_WhenABatchCommitsAfterTheAnswerWasCached_ShouldShowItOnTheFirstReadOneIntervalLater()
    {
        _store.Release();
        (await SendAsync(new GetDashboardQuery("24h", null, null))).Summary.TotalRequests.Should().Be(1);

        await CommitAsync();
        _time.Advance(QueryCacheSettings.DefaultRecomputeInterval);

        (await SendAsync(new GetDashboardQuery("24h", null, null))).Summary.TotalRequests.Should().Be(2);
        _store.BucketReads.Should().Be(2);
    }

    [Fact]
    public async Task Send_WhenBatchesCommitWithinTheInterval_ShouldServeTheCachedAnswerAndRecomputeOnceTheIntervalHasPassed()
    {
        _store.Release();
        await SendAsync(new GetDashboardQuery("24h", null, null));
        for (var batch = 0; batch < 5; batch++)
        {
            await CommitAsync();
            _time.Advance(TimeSpan.FromMilliseconds(199));
            (await SendAsync(new GetDashboardQuery("24h", null, null))).Summary.TotalRequests.Should().Be(1, "995 ms after the computation");
        }

        _time.Advance(TimeSpan.FromMilliseconds(5));
        (await SendAsync(new GetDashboardQuery("24h", null, null))).Summary.TotalRequests.Should().Be(6, "1 s after the computation, with all five batches");
        await CommitAsync();
        _time.Advance(TimeSpan.FromMilliseconds(999));
        (await SendAsync(new GetDashboardQuery("24h", null, null))).Summary.TotalRequests.Should().Be(6, "999 ms after the second computation");
        _store.BucketReads.Should().Be(2);
    }

    [Fact]
    public async Task Send_WhileOneCallerComputesTheNewerAnswer_ShouldServeTheOthersTheCachedOne()
    {
        _store.Release();
        await SendAsync(new GetDashboardQuery("24h", null, null));
        await CommitAsync();
        _time.Advance(QueryCacheSettings.DefaultRecomputeInterval);

        _store.Hold();
        var refreshing = SendAsync(new GetDashboardQuery("24h", null, null));
        await _store.FirstReadStarted;
        var meanwhile = await SendAsync(new GetDashboardQuery("24h", null, null));
        _store.Release();

        meanwhile.Summary.TotalRequests.Should().Be(1, "the cached answer, while the newer one is computed");
        (await refreshing).Summary.TotalRequests.Should().Be(2);
        (await SendAsync(new GetDashboardQuery("24h", null, null))).Summary.TotalRequests.Should().Be(2);
        _store.BucketReads.Should().Be(2);
    }

    [Fact]
    public async Task Send_WhenNothingCommitsForLongerThanTheInterval_ShouldKeepServingTheCachedAnswer()
    {
        _store.Release();
        await SendAsync(new GetDashboardQuery("7d", null, null));
        _time.Advance(TimeSpan.FromSeconds(5));
        await SendAsync(new GetDashboardQuery("7d", null, null));

        _store.BucketReads.Should().Be(1);
    }

    [Fact]
    public async Task Send_WhenFeedbackIsSubmitted_ShouldPublishANewDataVersion()
    {
        var versions = _services.GetRequiredService<IDataVersionSource>();
        var before = await versions.CurrentAsync(CancellationToken.None);

        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new WriteDataCommand());
        }

        (await versions.CurrentAsync(CancellationToken.None)).Should().Be(before with { Local = before.Local + 1 });
    }

    [Fact]
    public void SubmitFeedbackCommand_ShouldDeclareThatItChangesData() =>
        new SubmitFeedbackCommand(1, 1, 5, null).Should().BeAssignableTo<IChangesData>();

    [Fact]
    public void ResolveThreatsCommand_ShouldDeclareThatItChangesTheDashboard() =>
        new ResolveThreatsCommand([1], Resolved: true).ChangedQueries.Should().Equal(nameof(GetDashboardQuery));

    [Fact]
    public async Task Send_WhenTheDurationIsZero_ShouldReadTheStoreEveryTime()
    {
        using var uncached = new CachingBehaviorTests(TimeSpan.Zero);
        uncached._store.Release();

        await uncached.SendAsync(new GetDashboardQuery("24h", null, null));
        await uncached.SendAsync(new GetDashboardQuery("24h", null, null));

        uncached._store.BucketReads.Should().Be(2);
    }

    private async Task<DashboardDto> SendAsync(GetDashboardQuery query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    /// <summary>A batch of one request commits: the store holds it, and the writer publishes a new data version.</summary>
    private async Task CommitAsync()
    {
        _store.Requests += 1;
        await _services.GetRequiredService<IDataVersionSource>().PublishAsync(CancellationToken.None);
    }

    private sealed record WriteDataCommand : IRequest<int>, IChangesData;

    private sealed class WriteDataCommandHandler : IRequestHandler<WriteDataCommand, int>
    {
        public Task<int> Handle(WriteDataCommand request, CancellationToken cancellationToken) => Task.FromResult(1);
    }

    private sealed record ChangeDashboardCommand : IRequest<int>, IChangesCachedQueries
    {
        public IReadOnlyList<string> ChangedQueries => [nameof(GetDashboardQuery)];
    }

    private sealed class ChangeDashboardCommandHandler : IRequestHandler<ChangeDashboardCommand, int>
    {
        public Task<int> Handle(ChangeDashboardCommand request, CancellationToken cancellationToken) => Task.FromResult(1);
    }

    /// <summary>Counts computed dashboards (each reads the threats once; buckets twice, with the previous period) and holds the bucket reads until released.</summary>
    private sealed class CountingReadStore : FakeDashboardReadStore
    {
        private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _readStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _requests = 1;

        public int BucketReads => CallCount(nameof(GetThreatTotalsAsync));

        /// <summary>The successful requests stored: each bucket read answers them, so an answer tells which data it was computed from.</summary>
        public long Requests
        {
            get => Volatile.Read(ref _requests);
            set => Volatile.Write(ref _requests, value);
        }

        /// <summary>Completes when a read starts (the first one, or the first after <see cref="Hold"/>).</summary>
        public Task FirstReadStarted => Volatile.Read(ref _readStarted).Task;

        public void Release() => Volatile.Read(ref _released).TrySetResult();

        /// <summary>Holds the next reads again until <see cref="Release"/>.</summary>
        public void Hold()
        {
            Volatile.Write(ref _readStarted, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            Volatile.Write(ref _released, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        protected override async Task<IReadOnlyList<RequestBucketTotals>> AnswerBucketsAsync(IReadOnlyList<DateTime> bucketStarts, CancellationToken cancellationToken)
        {
            var requests = Volatile.Read(ref _requests);
            Volatile.Read(ref _readStarted).TrySetResult();
            await Volatile.Read(ref _released).Task.WaitAsync(cancellationToken);
            return [new RequestBucketTotals(bucketStarts[0], requests, 0, 1_000, 0, 0, 0m, 0)];
        }
    }
}
