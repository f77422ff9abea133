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

    [Fact]
    public void EndUserName_WhenOwnerAndIdFit_ShouldBeOwnerSlashId()
    {
        User.EndUserName("acme-app", "alice").Should().Be("acme-app/alice");
    }

    [Fact]
    public void EndUserName_WhenLongerThanANameMayBe_ShouldBeCutTo150Characters()
    {
        var name = User.EndUserName(new string('o', 40), new string('e', 128));

        name.Should().Be(new string('o', 40) + "/" + new string('e', 109));     // 40 + 1 + 109 = 150
    }
}
