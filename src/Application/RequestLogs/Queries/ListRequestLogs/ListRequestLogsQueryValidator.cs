using CleanDashboard.Application.RequestLogs.Common;

namespace CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;

public sealed class ListRequestLogsQueryValidator() : RequestLogFilterValidator<ListRequestLogsQuery>(RequestLogDto.Columns);
