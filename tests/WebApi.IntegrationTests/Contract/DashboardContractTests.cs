using System.Globalization;
using System.Net;
using System.Text.Json;

namespace CleanDashboard.WebApi.IntegrationTests.Contract;

/// <summary>The live document against the specification's example response: same keys at every level, same kinds of value.</summary>
public sealed class DashboardContractTests(SeededDashboardFactory factory) : IClassFixture<SeededDashboardFactory>
{
    /// <summary>Issue 13's fields that are null where there is nothing to report (an empty bucket, no TTFT, no filter); the example shows their kind.</summary>
    private static readonly HashSet<string> NullableFields =
        ["p50", "p95", "p99", "ttft", "p50LatencyMs", "p95LatencyMs", "p99LatencyMs", "avgTtftMs", "p50TtftMs", "p95TtftMs", "model", "userId", "apiKeyId", "endpoint", "source"];

    private static readonly JsonElement Example = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "spec-dashboard-example.json"))).RootElement;

    [Theory]
    [InlineData("24h")]
    [InlineData("7d")]
    [InlineData("1m")]
    [InlineData("3m")]
    public async Task GetDashboard_WhenDataExists_ShouldHaveExactlyTheSpecsKeysAndValueKinds(string range)
    {
        var live = await GetAsync($"/api/dashboard/?range={range}");

        var differences = new List<string>();
        Compare(Example, live, "$", differences);

        differences.Should().BeEmpty();
    }

    [Fact]
    public async Task GetDashboard_WhenDataExists_ShouldListRatingKeysFiveToOne()
    {
        var live = await GetAsync("/api/dashboard/?range=24h");

        var keys = live.GetProperty("feedback").GetProperty("ratingDistribution").EnumerateObject().Select(p => p.Name);
        keys.Should().Equal("5", "4", "3", "2", "1");
        Example.GetProperty("feedback").GetProperty("ratingDistribution").EnumerateObject().Select(p => p.Name).Should().Equal(keys);
    }

    [Fact]
    public async Task GetDashboard_WhenDataExists_ShouldWriteEveryTimestampAsUtcWithZ()
    {
        var live = await GetAsync("/api/dashboard/?range=24h");

        var timestamps = new[] { live.GetProperty("generatedAt").GetString()! }
            .Concat(new[] { "requests", "costs", "latency" }.SelectMany(series => live.GetProperty(series).EnumerateArray().Select(p => p.GetProperty("timestamp").GetString()!)))
            .ToList();

        timestamps.Should().HaveCount(1 + (3 * 24));
        timestamps.Should().OnlyContain(t => t.EndsWith('Z'));
        timestamps.Should().OnlyContain(t => DateTimeOffset.ParseExact(t, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).Offset == TimeSpan.Zero);
        live.GetProperty("generatedAt").GetString().Should().Be("2024-03-01T10:37:12Z");
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await factory.ClientWithKey(DashboardApiFactory.AdminKey).GetAsync(path, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }

    /// <summary>Walks both documents; every array item of the live document is held against the example's first item.</summary>
    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (actual.ValueKind == JsonValueKind.Null && NullableFields.Contains(path[(path.LastIndexOf('.') + 1)..]))
        {
            return;
        }

        if (Kind(expected) != Kind(actual))
        {
            differences.Add($"{path}: expected {Kind(expected)}, got {Kind(actual)}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
                var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToHashSet();
                differences.AddRange(expectedKeys.Except(actualKeys).Select(k => $"{path}.{k}: missing"));
                differences.AddRange(actualKeys.Except(expectedKeys).Select(k => $"{path}.{k}: not in the specification"));
                foreach (var key in expectedKeys.Intersect(actualKeys))
                {
                    Compare(expected.GetProperty(key), actual.GetProperty(key), $"{path}.{key}", differences);
                }

                break;
            case JsonValueKind.Array:
                if (actual.GetArrayLength() == 0)
                {
                    differences.Add($"{path}: empty, so its items cannot be checked (seed data for it)");
                }

                var index = 0;
                foreach (var item in actual.EnumerateArray())
                {
                    Compare(expected[0], item, $"{path}[{index++}]", differences);
                }

                break;
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
