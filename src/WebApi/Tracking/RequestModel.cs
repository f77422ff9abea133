using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.WebApi.Tracking;

/// <summary>
/// For a gateway request refused before its body was read (401, the gateway's own 429): reads the start of the body for
/// its <c>model</c>, so the request log names the model the client asked for.
/// </summary>
internal static class RequestModel
{
    /// <summary>Enough for the <c>model</c> of any SDK's request, which sits before or beside the messages; a refused client gets no more read.</summary>
    private const int ReadLimitBytes = 64 * 1024;

    public static async Task RecordAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Items.ContainsKey(RequestTrackingMiddleware.ModelItemKey)
            || context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return;
        }

        var buffer = new byte[ReadLimitBytes];
        var read = 0;
        try
        {
            int n;
            while (read < buffer.Length && (n = await context.Request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client went away or sent a broken body: the row keeps what was read.
        }

        if (UsageParser.ParseRequestModel(buffer.AsSpan(0, read)) is { } model && ModelNames.IsAcceptable(model))
        {
            context.Items[RequestTrackingMiddleware.ModelItemKey] = model;
        }
    }
}
