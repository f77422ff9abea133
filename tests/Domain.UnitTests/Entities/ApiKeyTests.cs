using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Domain.UnitTests.Entities;

public sealed class ApiKeyTests
{
    [Fact]
    public void IsRevoked_WhenRevokedAtIsNotSet_ShouldBeFalse()
    {
        new ApiKey().IsRevoked.Should().BeFalse();
    }

    [Fact]
    public void IsRevoked_WhenRevokedAtIsSet_ShouldBeTrue()
    {
        new ApiKey { RevokedAt = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc) }.IsRevoked.Should().BeTrue();
    }
}
