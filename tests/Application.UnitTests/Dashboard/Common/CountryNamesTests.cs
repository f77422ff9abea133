using CleanDashboard.Application.Dashboard.Common;

namespace CleanDashboard.Application.UnitTests.Dashboard.Common;

public sealed class CountryNamesTests
{
    [Theory]
    [InlineData("US", "United States (US)")]
    [InlineData("us", "United States (US)")]
    [InlineData(" de ", "Germany (DE)")]
    [InlineData("GB", "United Kingdom (GB)")]
    [InlineData("JP", "Japan (JP)")]
    public void Label_WhenTheCodeIsKnown_ShouldBeTheEnglishNameWithTheCode(string code, string expected)
    {
        CountryNames.Label(code).Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Label_WhenTheCodeIsBlank_ShouldBeUnknown(string? code)
    {
        CountryNames.Label(code).Should().Be("Unknown");
    }

    [Theory]
    [InlineData("ZZ", "ZZ")]
    [InlineData("A1", "A1")]
    [InlineData("xx", "XX")]
    public void Label_WhenTheCodeCannotBeNamed_ShouldShowTheCodeItself(string code, string expected)
    {
        CountryNames.Label(code).Should().Be(expected);
    }

    [Theory]
    [InlineData("US", true)]
    [InlineData("de", true)]
    [InlineData("ZZ", false)]
    [InlineData("", false)]
    public void IsKnown_WhenAskedAboutACode_ShouldSayWhetherItHasAName(string code, bool expected)
    {
        CountryNames.IsKnown(code).Should().Be(expected);
    }
}
