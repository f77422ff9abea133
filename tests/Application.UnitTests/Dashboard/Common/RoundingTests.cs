using System.Globalization;
using CleanDashboard.Application.Dashboard.Common;

namespace CleanDashboard.Application.UnitTests.Dashboard.Common;

public sealed class RoundingTests
{
    [Theory]
    [InlineData("0.0000005", "0.000001")]
    [InlineData("-0.0000005", "-0.000001")]
    [InlineData("0.0000015", "0.000002")]
    [InlineData("0.0000025", "0.000003")]
    [InlineData("1.2345674", "1.234567")]
    [InlineData("1.2345676", "1.234568")]
    [InlineData("0.0000110000", "0.000011")]
    [InlineData("0.0000090", "0.000009")]
    [InlineData("0.0000004999", "0")]
    [InlineData("245.67", "245.67")]
    public void Money_WhenGivenMoreThanSixDecimals_ShouldRoundHalfAwayFromZero(string value, string expected)
    {
        Rounding.Money(decimal.Parse(value, CultureInfo.InvariantCulture)).Should().Be(decimal.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2.5000", "2.5")]
    [InlineData("1.2300", "1.23")]
    [InlineData("3.0000", "3")]
    [InlineData("0.0000", "0")]
    public void Money_WhenTheValueHasTrailingZeros_ShouldDropThemForJson(string value, string expected)
    {
        Rounding.Money(decimal.Parse(value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture).Should().Be(expected);
    }

    [Theory]
    [InlineData(0.125, 0.13)]
    [InlineData(-0.125, -0.13)]
    [InlineData(2.375, 2.38)]
    [InlineData(4.2, 4.2)]
    [InlineData(196.7749, 196.77)]
    public void Average_WhenGivenMoreThanTwoDecimals_ShouldRoundHalfAwayFromZero(double value, double expected)
    {
        Rounding.Average(value).Should().Be(expected);
    }

    [Theory]
    [InlineData(5.25, 5.3)]
    [InlineData(0.25, 0.3)]
    [InlineData(-0.25, -0.3)]
    [InlineData(2450.54, 2450.5)]
    public void Milliseconds_WhenGivenMoreThanOneDecimal_ShouldRoundHalfAwayFromZero(double value, double expected)
    {
        Rounding.Milliseconds(value).Should().Be(expected);
    }

    [Theory]
    [InlineData(0.0625, 0.063)]
    [InlineData(-0.0625, -0.063)]
    [InlineData(0.9366666, 0.937)]
    [InlineData(2.45, 2.45)]
    public void Seconds_WhenGivenMoreThanThreeDecimals_ShouldRoundHalfAwayFromZero(double value, double expected)
    {
        Rounding.Seconds(value).Should().Be(expected);
    }
}
