using System.Net;
using System.Text;
using CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;
using CleanDashboard.Domain.Entities;
using FluentAssertions;
using CleanDashboard.TestSupport;

namespace CleanDashboard.Admin.IntegrationTests.Lists;

/// <summary>250 request logs, a few with model names that need CSV quoting: a comma, quotes, a line break.</summary>
public sealed class ExportDataFactory : AdminApiFactory
{
    public const int Rows = 250;
    public const string Comma = "a,b";
    public const string Quotes = "say \"hi\"";
    public const string LineBreak = "line1\nline2";

    public List<RequestLog> Requests { get; } = [];

    protected override Task SeedAsync() => WithDbAsync(async db =>
    {
        for (var i = 0; i < Rows; i++)
        {
            Requests.Add(RequestLogBuilder.ChatAt(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i))
                .Latency(10.5 + i)
                .Model((i % 50) switch { 0 => Comma, 1 => Quotes, 2 => LineBreak, _ => "gpt-4o" })
                .Cost(i % 2 == 0 ? 0.0125m : null)
                .Country(i % 2 == 0 ? "US" : "DE")
                .Ip("198.51.100.9")
                .Build());
        }

        db.RequestLogs.AddRange(Requests);
        await db.SaveChangesAsync();
    });
}

public sealed class RequestLogExportTests(ExportDataFactory data) : IClassFixture<ExportDataFactory>
{
    [Fact]
    public async Task Export_WhenNoFilter_ShouldStreamEveryRowNotOnePage()
    {
        using var client = data.AdminClient();
        var response = await client.GetAsync("/api/admin/request-logs/export?sort=id");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var records = Csv.Parse(await response.Content.ReadAsStringAsync());

        records.Should().HaveCount(ExportDataFactory.Rows + 1);
        records[0].Should().Equal(RequestLogDto.Columns);
        records.Skip(1).Select(r => long.Parse(r[0])).Should().Equal(data.Requests.Select(r => r.Id));
        records[1][1].Should().Be("2026-02-01T00:00:00.000Z");
        records.Skip(1).Should().OnlyContain(r => r.Count == RequestLogDto.Columns.Count);
    }

    [Fact]
    public async Task Export_WhenFieldsHoldCommasQuotesAndLineBreaks_ShouldEscapeThem()
    {
        using var client = data.AdminClient();
        var raw = await client.GetStringAsync("/api/admin/request-logs/export?sort=id");

        raw.Should().Contain(",\"a,b\",").And.Contain(",\"say \"\"hi\"\"\",").And.Contain(",\"line1\nline2\",");
        var models = Csv.Parse(raw).Skip(1).Select(r => r[7]).ToList();
        models.Count(m => m == ExportDataFactory.Comma).Should().Be(5);
        models.Count(m => m == ExportDataFactory.Quotes).Should().Be(5);
        models.Count(m => m == ExportDataFactory.LineBreak).Should().Be(5);
        models.Count(m => m == "gpt-4o").Should().Be(235);
    }

    [Theory]
    [InlineData("country=DE", 125)]
    [InlineData("model=a%2Cb", 5)]
    [InlineData("model=gpt-4o&country=US", 115)]
    [InlineData("from=2026-02-01T01:00:00Z&to=2026-02-01T02:00:00Z", 60)]
    [InlineData("status=500", 0)]
    public async Task Export_WhenFiltered_ShouldHoldExactlyTheMatchingRows(string filter, int rows)
    {
        using var client = data.AdminClient();
        var records = Csv.Parse(await client.GetStringAsync("/api/admin/request-logs/export?" + filter));
        records.Should().HaveCount(rows + 1);
    }

    [Fact]
    public async Task Export_WhenSortedDescending_ShouldFollowTheOrder()
    {
        using var client = data.AdminClient();
        var records = Csv.Parse(await client.GetStringAsync("/api/admin/request-logs/export?sort=latencyMs&desc=true"));
        records[1][0].Should().Be(data.Requests[^1].Id.ToString());
        records[^1][0].Should().Be(data.Requests[0].Id.ToString());
    }
}

/// <summary>A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    i++;
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        quoted.Should().BeFalse("every quoted field must be closed");
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
