using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Domain.UnitTests.Entities;

public sealed class RequestLogTests
{
    [Theory]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(302, true)]
    [InlineData(399, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(429, false)]
    [InlineData(499, false)]
    [InlineData(500, false)]
    [InlineData(504, false)]
    public void IsSuccess_WhenStatusIsBelowOrAt400_ShouldSplitSuccessFromError(int status, bool expected)
    {
        new RequestLog { StatusCode = status }.IsSuccess.Should().Be(expected);
    }

    [Fact]
    public void New_WhenNothingIsSet_ShouldLeaveTokensAndCostUnknownRatherThanZero()
    {
        var log = new RequestLog();

        log.TotalTokens.Should().BeNull();
        log.PromptTokens.Should().BeNull();
        log.CompletionTokens.Should().BeNull();
        log.CostUsd.Should().BeNull();
        log.ModelName.Should().BeEmpty();
        log.CountryCode.Should().BeEmpty();
    }
}
