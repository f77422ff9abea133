using CleanDashboard.Application.Common.Behaviors;
using FluentValidation;
using MediatR;
using ValidationException = CleanDashboard.Application.Common.Exceptions.ValidationException;

namespace CleanDashboard.Application.UnitTests.Common.Behaviors;

public sealed class ValidationBehaviorTests
{
    [Fact]
    public async Task Handle_WhenAValidatorFails_ShouldThrowValidationExceptionWithCamelCaseFields()
    {
        var behavior = new ValidationBehavior<Ping, string>([new PingValidator()]);
        var nextCalled = false;

        var act = () => behavior.Handle(new Ping(string.Empty, 0), TestContext.Current.CancellationToken, () =>
        {
            nextCalled = true;
            return Task.FromResult("pong");
        });

        var thrown = await act.Should().ThrowAsync<ValidationException>();
        thrown.Which.Errors.Keys.Should().BeEquivalentTo("message", "retryCount");
        thrown.Which.Errors["message"].Should().Equal("Message is required.");
        thrown.Which.Errors["retryCount"].Should().Equal("RetryCount must be positive.");
        nextCalled.Should().BeFalse();
    }

    [Fact]
    public async Task Handle_WhenSeveralValidatorsFail_ShouldCollectTheFailuresOfAllOfThem()
    {
        var behavior = new ValidationBehavior<Ping, string>([new PingValidator(), new NoShoutingValidator()]);

        var act = () => behavior.Handle(new Ping("HI", 0), TestContext.Current.CancellationToken, () => Task.FromResult("pong"));

        var thrown = await act.Should().ThrowAsync<ValidationException>();
        thrown.Which.Errors.Should().HaveCount(2);
        thrown.Which.Errors["message"].Should().Equal("Message must not shout.");
        thrown.Which.Errors["retryCount"].Should().Equal("RetryCount must be positive.");
    }

    [Fact]
    public async Task Handle_WhenEveryValidatorPasses_ShouldReturnTheHandlersResponse()
    {
        var behavior = new ValidationBehavior<Ping, string>([new PingValidator(), new NoShoutingValidator()]);

        var response = await behavior.Handle(new Ping("hello", 1), TestContext.Current.CancellationToken, () => Task.FromResult("pong"));

        response.Should().Be("pong");
    }

    [Fact]
    public async Task Handle_WhenTheRequestHasNoValidator_ShouldCallTheHandler()
    {
        var behavior = new ValidationBehavior<Ping, string>([]);

        var response = await behavior.Handle(new Ping(string.Empty, -1), TestContext.Current.CancellationToken, () => Task.FromResult("pong"));

        response.Should().Be("pong");
    }

    internal sealed record Ping(string Message, int RetryCount) : IRequest<string>;

    private sealed class PingValidator : AbstractValidator<Ping>
    {
        public PingValidator()
        {
            RuleFor(p => p.Message).NotEmpty().WithMessage("Message is required.");
            RuleFor(p => p.RetryCount).GreaterThan(0).WithMessage("RetryCount must be positive.");
        }
    }

    private sealed class NoShoutingValidator : AbstractValidator<Ping>
    {
        public NoShoutingValidator() =>
            RuleFor(p => p.Message).Must(m => m.Any(char.IsLower)).When(p => p.Message.Length > 0).WithMessage("Message must not shout.");
    }
}
