using System.Text;
using CleanDashboard.Application.RequestLogs.Queries.ExportRequestLogs;

namespace CleanDashboard.WebApi.Infrastructure;

/// <summary>Writes a CSV export to the response line by line as the rows are read, flushing every few hundred lines.</summary>
public sealed class CsvStreamResult(CsvExportDto export) : IResult
{
    private const int FlushEvery = 500;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName}\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        var lines = 0;
        await foreach (var line in export.Lines.WithCancellation(httpContext.RequestAborted))
        {
            await writer.WriteAsync(line);
            if (++lines % FlushEvery == 0)
            {
                await writer.FlushAsync(httpContext.RequestAborted);
            }
        }

        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
