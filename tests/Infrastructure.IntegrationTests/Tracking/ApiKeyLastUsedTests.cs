using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Tracking;

/// <summary>The batch writer stores each key's last use: the latest in the batch, at most once a minute per key, never backwards.</summary>
public sealed class ApiKeyLastUsedTests : IAsyncLifetime
{
    private static readonly DateTime Day = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _db = new();
    private int _userId;
    private int _keyA;
    private int _keyB;

    public async ValueTask InitializeAsync()
    {
        await _db.InitializeAsync();
        await _db.ExecuteAsync(async db =>
        {
            var user = new User { Name = "key-user", Role = UserRole.Member, CreatedAt = Day };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            var a = NewKey(user.Id, "a");
            var b = NewKey(user.Id, "b");
            db.ApiKeys.AddRange(a, b);
            await db.SaveChangesAsync();
            (_userId, _keyA, _keyB) = (user.Id, a.Id, b.Id);
        });
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task WriteAsync_WhenAKeyIsUsedInABatch_ShouldStoreItsLatestUseAndLeaveOtherKeysAlone()
    {
        await WriteAsync(Use(_keyA, "10:00:05"), Use(_keyA, "10:00:20"), Use(_keyA, "10:00:10"), Use(null, "10:00:30"));

        (await LastUsedAsync()).Should().Equal(At("10:00:20"), null);
    }

    [Fact]
    public async Task WriteAsync_WhenTheKeyWasWrittenLessThanAMinuteAgo_ShouldNotWriteAgainUntilTheMinuteIsOver()
    {
        await WriteAsync(Use(_keyA, "10:00:00"));
        await WriteAsync(Use(_keyA, "10:00:30"), Use(_keyB, "10:00:30"));
        var withinTheMinute = await LastUsedAsync();
        await WriteAsync(Use(_keyA, "10:00:59.999"));
        var justBefore = await LastUsedAsync();
        await WriteAsync(Use(_keyA, "10:01:00"), Use(_keyB, "10:01:00"));

        withinTheMinute.Should().Equal(At("10:00:00"), At("10:00:30"));
        justBefore.Should().Equal(At("10:00:00"), At("10:00:30"));
        (await LastUsedAsync()).Should().Equal(At("10:01:00"), At("10:00:30"));
    }

    [Fact]
    public async Task WriteAsync_WhenTheStoredUseIsLaterThanTheBatch_ShouldKeepTheStoredUse()
    {
        // Another instance (or a run before a restart, whose throttle is gone) already stored a later use.
        await _db.ExecuteAsync(db => db.ApiKeys.Where(k => k.Id == _keyA).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, At("12:00:00"))));

        await WriteAsync(Use(_keyA, "10:00:00"));

        (await LastUsedAsync()).Should().Equal(At("12:00:00"), null);
    }

    private static ApiKey NewKey(int userId, string name)
    {
        var secret = ApiKeySecret.Generate();
        return new ApiKey { UserId = userId, Name = name, Prefix = ApiKeySecret.DisplayPrefix(secret), KeyHash = ApiKeySecret.Hash(secret), CreatedAt = Day };
    }

    private async Task<List<DateTime?>> LastUsedAsync() =>
        await _db.QueryAsync(db => db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.LastUsedAt).ToListAsync());

    private async Task WriteAsync(params TrackedRequest[] batch)
    {
        await using var scope = _db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(batch, CancellationToken.None);
    }

    private static DateTime At(string time) => Day + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);

    private TrackedRequest Use(int? keyId, string time) => new()
    {
        CreatedAt = At(time),
        Endpoint = "/v1/chat/completions",
        Method = "POST",
        StatusCode = 200,
        LatencyMs = 10,
        UserId = keyId is null ? null : _userId,
        ApiKeyId = keyId,
    };
}
