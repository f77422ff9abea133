using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using CleanDashboard.TestSupport;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The gateway on a fake clock, Tuesday 2026-12-01 22:30:30 UTC (23:30:30 in Budgets:TimeZone Europe/Berlin, UTC+1), with
/// demo-echo at its catalog price (pricing.json: $1 in, $2 out per million tokens). The day's budget period is
/// 2026-11-30T23:00Z to 2026-12-01T23:00Z. A chat of "Hello budget world" costs 3 × 1 + 4 × 2 = 11 millionths of a dollar
/// (its answer "Echo: Hello budget world" has 4 words), one of "Hi" 1 × 1 + 2 × 2 = 5 millionths.
/// </summary>
public sealed class BudgetGatewayFixture : GatewayFixture
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 22, 30, 30, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Counts the gateway's spend settlements: a request's cost is settled once its answer has been sent.</summary>
    public SpendSettlementSignal Settlements { get; } = new();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Pricing:Models:demo-echo:InputPerMillion"] = "1",
        ["Pricing:Models:demo-echo:OutputPerMillion"] = "2",
        ["Budgets:TimeZone"] = "Europe/Berlin",
    };

    /// <summary>A new user of its own with one key, for limits on a user that no other test's keys share.</summary>
    public async Task<(int UserId, GatewayCaller First, GatewayCaller Second)> NewUserWithTwoKeysAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var user = await mediator.Send(new CreateUserCommand(name, "member"), CancellationToken.None);
        var first = await mediator.Send(new CreateApiKeyCommand(name, "first"), CancellationToken.None);
        var second = await mediator.Send(new CreateApiKeyCommand(name, "second"), CancellationToken.None);
        return (user.Id, new GatewayCaller(this, first.Key, first.Id), new GatewayCaller(this, second.Key, second.Id));
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        Settlements.Decorate(services);
    }
}
