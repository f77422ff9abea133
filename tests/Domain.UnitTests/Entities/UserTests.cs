using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.UnitTests.Entities;

public sealed class UserTests
{
    [Theory]
    [InlineData(UserRole.Admin, true)]
    [InlineData(UserRole.Member, false)]
    public void IsAdmin_WhenRoleIsSet_ShouldBeTrueOnlyForAdmins(UserRole role, bool expected)
    {
        new User { Role = role }.IsAdmin.Should().Be(expected);
    }

    [Fact]
    public void New_WhenNoRoleIsSet_ShouldBeAMember()
    {
        new User().Role.Should().Be(UserRole.Member);
    }
}
