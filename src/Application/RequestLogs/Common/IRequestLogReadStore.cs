using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.RequestLogs.Queries.GetRequestLog;
using CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;

namespace CleanDashboard.Application.RequestLogs.Common;

/// <summary>The admin screens' reads of the raw request logs.</summary>
public interface IRequestLogReadStore
{
    Task<PagedList<RequestLogDto>> ListAsync(RequestLogFilter filter, ListPage page, CancellationToken cancellationToken);

    Task<RequestLogDto?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>The request's captured bodies, decompressed; null when none were captured (or they have expired).</summary>
    Task<RequestCaptureDto?> FindCaptureAsync(long requestLogId, CancellationToken cancellationToken);

    /// <summary>Every matching row in the given order, read one at a time as the caller consumes them.</summary>
    IAsyncEnumerable<RequestLogDto> StreamAsync(RequestLogFilter filter, string sort, bool descending, CancellationToken cancellationToken);
}
