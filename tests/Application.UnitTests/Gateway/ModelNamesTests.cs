using CleanDashboard.Application.Gateway;

namespace CleanDashboard.Application.UnitTests.Gateway;

public sealed class ModelNamesTests
{
    [Theory]
    [InlineData("demo-echo")]
    [InlineData("llama3.2:latest")]
    [InlineData("org/model name with spaces")]
    [InlineData("模型")]
    public void IsAcceptable_WhenTheNameIsPrintableAndFits_ShouldBeTrue(string name) =>
        ModelNames.IsAcceptable(name).Should().BeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("demo\0echo")]
    [InlineData("demo-echo\n")]
    [InlineData("\tdemo")]
    [InlineData("demo\u007f")]
    [InlineData("demo\u0085")]
    public void IsAcceptable_WhenTheNameIsMissingOrHoldsControlCharacters_ShouldBeFalse(string? name) =>
        ModelNames.IsAcceptable(name).Should().BeFalse();

    [Fact]
    public void IsAcceptable_ShouldAllowExactlyTheRequestLogColumnLength()
    {
        ModelNames.IsAcceptable(new string('m', 128)).Should().BeTrue();
        ModelNames.IsAcceptable(new string('m', 129)).Should().BeFalse();
        ModelNames.Problem(new string('m', 129)).Should().Be("Must be at most 128 characters long.");
    }
}
