using CleanDashboard.Application.Auth;

namespace CleanDashboard.Application.UnitTests.Auth;

public sealed class ApiKeySecretTests
{
    [Theory]
    [InlineData("cd_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd", "cd_AbCd")]
    [InlineData("test-admin-key-0123456789abcdefghij", "test")]
    [InlineData("cd_Ab", "cd_Ab")]
    [InlineData("abc", "abc")]
    public void DisplayPrefix_ShouldShowAtMostTheMarkerAndFourCharacters(string key, string expected) =>
        ApiKeySecret.DisplayPrefix(key).Should().Be(expected);

    [Fact]
    public void DisplayPrefix_WhenTheKeyIsGenerated_ShouldBeItsFirstSevenCharacters()
    {
        var key = ApiKeySecret.Generate();

        key.Should().StartWith("cd_").And.HaveLength(46, "cd_ + 43 base64url characters of 32 bytes");
        ApiKeySecret.DisplayPrefix(key).Should().Be(key[..7]);
    }
}

public sealed class ConfiguredKeyRuleTests
{
    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("short", false)]
    [InlineData("0123456789abcdef 0123456789abcdef", false)]
    [InlineData("0123456789abcdef\t0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcdeé", false)]
    public void IsSatisfiedBy_ShouldNeedThirtyTwoPrintableAsciiCharactersWithoutSpaces(string key, bool expected) =>
        ConfiguredKeyRule.IsSatisfiedBy(key).Should().Be(expected);
}
