using System.Text.Json;
using CleanDashboard.Application.Capture;
using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>The <c>request_captures</c> row of a captured exchange, cut to the columns' lengths.</summary>
internal static class CaptureRow
{
    public static RequestCapture For(RequestLog log, CapturedExchange capture) => new()
    {
        RequestLogId = log.Id,
        CreatedAt = log.CreatedAt,
        RequestBody = capture.RequestBody,
        ResponseText = capture.ResponseText,
        RequestTruncated = capture.RequestTruncated,
        ResponseTruncated = capture.ResponseTruncated,
        CapBytes = capture.CapBytes,
        Redactions = JsonSerializer.Serialize(capture.Redactions),
        ContentType = Cut(capture.ContentType, RequestCapture.ContentTypeMaxLength),
        UserAgent = Cut(capture.UserAgent, RequestCapture.UserAgentMaxLength),
    };

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];
}
