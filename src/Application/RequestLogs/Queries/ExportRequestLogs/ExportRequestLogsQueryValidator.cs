using CleanDashboard.Application.RequestLogs.Common;
using CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;

namespace CleanDashboard.Application.RequestLogs.Queries.ExportRequestLogs;

public sealed class ExportRequestLogsQueryValidator() : RequestLogFilterValidator<ExportRequestLogsQuery>(RequestLogDto.Columns);
