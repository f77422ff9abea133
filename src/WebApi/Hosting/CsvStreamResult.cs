using System.Globalization;
using CleanDashboard.Application.Common.Csv;
using CsvHelper;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>
/// Writes a CSV export to the response with CsvHelper as the rows are read (RFC 4180, CRLF, invariant culture),
/// flushing whenever its buffer fills. Text fields that a spreadsheet would run as a formula get a leading
/// apostrophe (OWASP CSV injection); numbers and times are written as values and never escaped.
/// </summary>
public sealed class CsvStreamResult(CsvExportDto export) : IResult
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        FormatProvider = CultureInfo.InvariantCulture,
        BufferSize = 16 * 1024,
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName}\"";
        await using var csv = CsvWriter.Create(response.Body, Options, leaveOpen: true);
        foreach (var column in export.Columns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
        await foreach (var row in export.Rows.WithCancellation(cancellationToken))
        {
            foreach (var field in row)
            {
                WriteField(csv, field);
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static void WriteField(CsvWriter csv, object? field)
    {
        switch (field)
        {
            case DateTime time:
                csv.WriteField(time, TimeFormat);
                break;
            case string text:
                csv.WriteField(text);
                break;
            default:
                csv.WriteField(field);
                break;
        }
    }
}
