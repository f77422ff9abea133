using CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;

namespace CleanDashboard.Application.RequestLogs.Queries.GetRequestLog;

/// <summary>One request log with what was asked and answered, when its bodies were captured (null otherwise).</summary>
public sealed record RequestLogDetailDto : RequestLogDto
{
    public RequestLogDetailDto(RequestLogDto log, RequestCaptureDto? capture)
        : base(log)
    {
        Capture = capture;
    }

    public RequestCaptureDto? Capture { get; }
}

/// <summary>
/// The redacted request body and answer (a JSON answer as sent; a stream as <c>{"text","toolCalls","usage"}</c>),
/// whether either was cut at <see cref="CapBytes"/>, and the replacements per kind.
/// </summary>
public sealed record RequestCaptureDto(
    string RequestBody,
    string ResponseText,
    bool Truncated,
    IReadOnlyDictionary<string, int> Redactions,
    bool RequestTruncated,
    bool ResponseTruncated,
    int CapBytes,
    string ContentType,
    string UserAgent);
