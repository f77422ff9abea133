using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Dashboard.Queries.GetDashboard;

namespace CleanDashboard.Application.UnitTests.Dashboard.Queries.GetDashboard;

public sealed class GetDashboardQueryValidatorTests
{
    private readonly GetDashboardQueryValidator _validator = new();

    [Theory]
    [InlineData("foo")]
    [InlineData("24H")]
    [InlineData("30d")]
    [InlineData("all")]
    public void Validate_WhenRangeIsUnknown_ShouldNameRange(string range)
    {
        ErrorKeys(new GetDashboardQuery(range, null, null)).Should().Equal("range");
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("otlp")]
    [InlineData("")]
    public void Validate_WhenSourceIsGatewayOtlpOrAbsent_ShouldPass(string source)
    {
        ErrorKeys(new GetDashboardQuery("24h", null, null) { Source = source }).Should().BeEmpty();
    }

    [Theory]
    [InlineData("OTLP")]
    [InlineData("grpc")]
    [InlineData(" otlp")]
    public void Validate_WhenSourceIsAnythingElse_ShouldNameSource(string source)
    {
        ErrorKeys(new GetDashboardQuery("24h", null, null) { Source = source }).Should().Equal("source");
    }

    [Fact]
    public void CacheKey_WhenOnlyTheSourceDiffers_ShouldDiffer()
    {
        var otlp = new GetDashboardQuery("24h", null, null) { Source = "otlp" }.CacheKey;

        otlp.Should().Be("24h|tz=UTC|model=|user=|key=|endpoint=|source=otlp");
        new GetDashboardQuery("24h", null, null) { Source = "gateway" }.CacheKey.Should().NotBe(otlp);
        new GetDashboardQuery("24h", null, null).CacheKey.Should().Be("24h");
    }

    [Fact]
    public void Validate_WhenCustomHasNoStart_ShouldNameStart()
    {
        ErrorKeys(new GetDashboardQuery("custom", null, "2025-01-15T23:59:59Z")).Should().Equal("start");
    }

    [Fact]
    public void Validate_WhenCustomHasAnEmptyStart_ShouldNameStart()
    {
        ErrorKeys(new GetDashboardQuery("custom", "", "2025-01-15T23:59:59Z")).Should().Equal("start");
    }

    [Fact]
    public void Validate_WhenCustomHasNoEnd_ShouldNameEnd()
    {
        ErrorKeys(new GetDashboardQuery("custom", "2025-01-01T00:00:00Z", null)).Should().Equal("end");
    }

    [Fact]
    public void Validate_WhenCustomHasNeitherStartNorEnd_ShouldNameBoth()
    {
        ErrorKeys(new GetDashboardQuery("custom", null, null)).Should().BeEquivalentTo(["start", "end"]);
    }

    [Fact]
    public void Validate_WhenStartIsAfterEnd_ShouldNameEnd()
    {
        ErrorKeys(new GetDashboardQuery("custom", "2025-01-15T00:00:00Z", "2025-01-01T00:00:00Z")).Should().Equal("end");
    }

    [Fact]
    public void Validate_WhenStartEqualsEnd_ShouldNameEnd()
    {
        ErrorKeys(new GetDashboardQuery("custom", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z")).Should().Equal("end");
    }

    [Fact]
    public void Validate_WhenStartEqualsEndWrittenWithAnotherOffset_ShouldNameEnd()
    {
        // 02:00+02:00 is 00:00Z: the same instant, so not a range.
        ErrorKeys(new GetDashboardQuery("custom", "2025-01-01T00:00:00Z", "2025-01-01T02:00:00+02:00")).Should().Equal("end");
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2025-01-01")]
    [InlineData("2025-01-01T00:00:00")]
    [InlineData("2025-02-30T00:00:00Z")]
    public void Validate_WhenStartIsNotAnInstant_ShouldNameStart(string start)
    {
        ErrorKeys(new GetDashboardQuery("custom", start, "2025-01-15T23:59:59Z")).Should().Equal("start");
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2025-01-15")]
    [InlineData("2025-01-15T23:59:59")]
    [InlineData("2025-01-32T00:00:00Z")]
    public void Validate_WhenEndIsNotAnInstant_ShouldNameEnd(string end)
    {
        ErrorKeys(new GetDashboardQuery("custom", "2025-01-01T00:00:00Z", end)).Should().Equal("end");
    }

    [Fact]
    public void Validate_WhenBothDatesAreUnparsable_ShouldNameStartAndEnd()
    {
        ErrorKeys(new GetDashboardQuery("custom", "soon", "later")).Should().BeEquivalentTo(["start", "end"]);
    }

    [Fact]
    public void Validate_WhenSpanIs366DaysAndOneSecond_ShouldNameEnd()
    {
        // 2024 is a leap year: Jan 1 2024 + 366 days = Jan 1 2025.
        ErrorKeys(new GetDashboardQuery("custom", "2024-01-01T00:00:00Z", "2025-01-01T00:00:01Z")).Should().Equal("end");
    }

    [Fact]
    public void Validate_WhenSpanIsExactly366Days_ShouldPass()
    {
        ErrorKeys(new GetDashboardQuery("custom", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z")).Should().BeEmpty();
    }

    [Fact]
    public void Validate_WhenSpanIsExactly366DaysAcrossOffsets_ShouldPass()
    {
        // 2024-01-01T02:00+02:00 = 2024-01-01T00:00Z; 2024-12-31T19:00-05:00 = 2025-01-01T00:00Z.
        ErrorKeys(new GetDashboardQuery("custom", "2024-01-01T02:00:00+02:00", "2024-12-31T19:00:00-05:00")).Should().BeEmpty();
    }

    [Fact]
    public void Validate_WhenStartIsGivenWith7d_ShouldNameStart()
    {
        ErrorKeys(new GetDashboardQuery("7d", "2025-01-01T00:00:00Z", null)).Should().Equal("start");
    }

    [Fact]
    public void Validate_WhenEndIsGivenWith24h_ShouldNameEnd()
    {
        ErrorKeys(new GetDashboardQuery("24h", null, "2025-01-01T00:00:00Z")).Should().Equal("end");
    }

    [Fact]
    public void Validate_WhenStartAndEndAreGivenWithoutRange_ShouldNameBoth()
    {
        // No range means 7d, which takes no start or end.
        ErrorKeys(new GetDashboardQuery(null, "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z")).Should().BeEquivalentTo(["start", "end"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("24h")]
    [InlineData("7d")]
    [InlineData("1m")]
    [InlineData("3m")]
    [InlineData(" 7d ")]
    public void Validate_WhenAPresetRangeHasNoDates_ShouldPass(string? range)
    {
        ErrorKeys(new GetDashboardQuery(range, null, null)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("2025-01-01T00:00:00Z", "2025-01-15T23:59:59Z")]
    [InlineData("2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z")]
    [InlineData("2025-01-01T00:00:00+02:00", "2025-01-01T00:00:00Z")]
    [InlineData("2024-02-29T00:00:00Z", "2024-03-01T00:00:00-01:00")]
    public void Validate_WhenCustomHasAValidStartAndEnd_ShouldPass(string start, string end)
    {
        ErrorKeys(new GetDashboardQuery("custom", start, end)).Should().BeEmpty();
    }

    [Fact]
    public void Validate_WhenRangeIsInvalid_ShouldSayWhichRangesAreAllowed()
    {
        var errors = Errors(new GetDashboardQuery("foo", null, null));

        errors["range"].Should().ContainSingle().Which.Should().Be("Range must be one of: 24h, 7d, 1m, 3m, custom.");
    }

    /// <summary>The keys as the API reports them: through the Application's ValidationException, which camel-cases them.</summary>
    private string[] ErrorKeys(GetDashboardQuery query) => [.. Errors(query).Keys];

    private IReadOnlyDictionary<string, string[]> Errors(GetDashboardQuery query)
    {
        var result = _validator.Validate(query);
        return new ValidationException(result.Errors).Errors;
    }
}
