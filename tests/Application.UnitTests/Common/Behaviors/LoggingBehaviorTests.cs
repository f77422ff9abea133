using CleanDashboard.Application.Common.Behaviors;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.Application.UnitTests.Common.Behaviors;

public sealed class LoggingBehaviorTests
{
    private readonly ListLogger<LoggingBehavior<Secret, Answer>> _logger = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private LoggingBehavior<Secret, Answer> CreateBehavior() => new(_logger, _time);

    [Fact]
    public async Task Handle_WhenTheHandlerAnswers_ShouldPassTheResponseThrough()
    {
        var expected = new Answer(42);

        var response = await CreateBehavior().Handle(new Secret("203.0.113.7"), TestContext.Current.CancellationToken, () => Task.FromResult(expected));

        response.Should().BeSameAs(expected);
    }

    [Fact]
    public async Task Handle_WhenTheHandlerAnswers_ShouldLogTheRequestNameButNotTheRequest()
    {
        await CreateBehavior().Handle(new Secret("203.0.113.7"), TestContext.Current.CancellationToken, () => Task.FromResult(new Answer(1)));

        _logger.Entries.Should().ContainSingle().Which.Message.Should().Contain(nameof(Secret)).And.NotContain("203.0.113.7");
    }

    [Fact]
    public async Task Handle_WhenTheHandlerThrows_ShouldLetTheExceptionThroughAndStillLog()
    {
        var act = () => CreateBehavior().Handle(new Secret("x"), TestContext.Current.CancellationToken, () => Task.FromException<Answer>(new InvalidOperationException("boom")));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("boom");
        _logger.Entries.Should().ContainSingle().Which.Message.Should().Contain(nameof(Secret));
    }

    [Theory]
    [InlineData(500, "Slow request Secret took 500.0 ms")]
    [InlineData(1234, "Slow request Secret took 1234.0 ms")]
    public async Task Handle_WhenTheRequestTakesTheThresholdOrLonger_ShouldWarnWithTheNameAndMilliseconds(int elapsedMs, string expected)
    {
        await HandleTaking(TimeSpan.FromMilliseconds(elapsedMs));

        var entry = _logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Warning);
        entry.Message.Should().Be(expected);
    }

    [Fact]
    public async Task Handle_WhenTheRequestIsJustUnderTheThreshold_ShouldLogInformationNotAWarning()
    {
        await HandleTaking(TimeSpan.FromMilliseconds(499.9));

        var entry = _logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Information);
        entry.Message.Should().Be("Handled Secret in 499.9 ms");
    }

    [Fact]
    public async Task Handle_WhenTheRequestTakesNoTime_ShouldLogInformationWithZeroMilliseconds()
    {
        await HandleTaking(TimeSpan.Zero);

        _logger.Entries.Should().Equal(new LogEntry(LogLevel.Information, "Handled Secret in 0.0 ms"));
    }

    private Task<Answer> HandleTaking(TimeSpan elapsed) =>
        CreateBehavior().Handle(new Secret("x"), TestContext.Current.CancellationToken, () =>
        {
            _time.Advance(elapsed);
            return Task.FromResult(new Answer(1));
        });

    internal sealed record Secret(string IpAddress) : IRequest<Answer>;

    internal sealed record Answer(int Value);

    private sealed record LogEntry(LogLevel Level, string Message);

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<LogEntry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(new LogEntry(logLevel, formatter(state, exception)));
    }
}
