using CleanDashboard.Application.Common.Behaviors;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanDashboard.Application.UnitTests.Common.Behaviors;

public sealed class LoggingBehaviorTests
{
    [Fact]
    public async Task Handle_WhenTheHandlerAnswers_ShouldPassTheResponseThrough()
    {
        var logger = new ListLogger<LoggingBehavior<Secret, Answer>>();
        var behavior = new LoggingBehavior<Secret, Answer>(logger);
        var expected = new Answer(42);

        var response = await behavior.Handle(new Secret("203.0.113.7"), TestContext.Current.CancellationToken, () => Task.FromResult(expected));

        response.Should().BeSameAs(expected);
    }

    [Fact]
    public async Task Handle_WhenTheHandlerAnswers_ShouldLogTheRequestNameButNotTheRequest()
    {
        var logger = new ListLogger<LoggingBehavior<Secret, Answer>>();
        var behavior = new LoggingBehavior<Secret, Answer>(logger);

        await behavior.Handle(new Secret("203.0.113.7"), TestContext.Current.CancellationToken, () => Task.FromResult(new Answer(1)));

        logger.Messages.Should().ContainSingle().Which.Should().Contain(nameof(Secret)).And.NotContain("203.0.113.7");
    }

    [Fact]
    public async Task Handle_WhenTheHandlerThrows_ShouldLetTheExceptionThroughAndStillLog()
    {
        var logger = new ListLogger<LoggingBehavior<Secret, Answer>>();
        var behavior = new LoggingBehavior<Secret, Answer>(logger);

        var act = () => behavior.Handle(new Secret("x"), TestContext.Current.CancellationToken, () => Task.FromException<Answer>(new InvalidOperationException("boom")));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("boom");
        logger.Messages.Should().ContainSingle().Which.Should().Contain(nameof(Secret));
    }

    internal sealed record Secret(string IpAddress) : IRequest<Answer>;

    internal sealed record Answer(int Value);

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
