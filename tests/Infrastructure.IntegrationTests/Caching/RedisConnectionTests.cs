using CleanDashboard.Infrastructure.Caching;

namespace CleanDashboard.Infrastructure.IntegrationTests.Caching;

[Trait("Database", "Independent")]
public sealed class RedisConnectionTests
{
    [Fact]
    public void Configure_WhenTheStringSetsNoTimeouts_ShouldFailFastWithOneSecondTimeouts()
    {
        var options = RedisConnection.Configure("cache.example.internal:6380,password=secret");

        options.BacklogPolicy.QueueWhileDisconnected.Should().BeFalse("a command without a connection fails at once instead of waiting");
        options.AbortOnConnectFail.Should().BeFalse("the application starts and serves while Redis is down");
        options.ConnectTimeout.Should().Be(1000);
        options.SyncTimeout.Should().Be(1000);
        options.AsyncTimeout.Should().Be(1000);
        options.Password.Should().Be("secret");
        options.EndPoints.Select(e => e.ToString()).Should().Equal("Unspecified/cache.example.internal:6380");
    }

    [Fact]
    public void Configure_WhenTheStringSetsTimeouts_ShouldKeepThem()
    {
        var options = RedisConnection.Configure("127.0.0.1:6379, ConnectTimeout=4000,syncTimeout=3000,asynctimeout=2000");

        options.ConnectTimeout.Should().Be(4000);
        options.SyncTimeout.Should().Be(3000);
        options.AsyncTimeout.Should().Be(2000);
        options.BacklogPolicy.QueueWhileDisconnected.Should().BeFalse();
    }
}
