using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.RequestLogs.Common;
using CleanDashboard.Application.Tracking;
using MediatR;

namespace CleanDashboard.Application.RequestLogs.Commands.RepriceRequestLogs;

/// <summary>Recomputes the cost of the request logs created in [<see cref="From"/>, <see cref="To"/>) from their stored tokens with the current prices.</summary>
public sealed record RepriceRequestLogsCommand(string? From, string? To) : IRequest<RepriceResultDto>;

/// <summary>How many rows of the range were read and changed, and the range's cost before and after (unpriced rows count as 0).</summary>
public sealed record RepriceResultDto(long RowsInRange, long RowsChanged, decimal OldTotalUsd, decimal NewTotalUsd);

public sealed class RepriceRequestLogsCommandHandler(IRequestLogRepricer repricer, PricingCatalog pricing)
    : IRequestHandler<RepriceRequestLogsCommand, RepriceResultDto>
{
    public Task<RepriceResultDto> Handle(RepriceRequestLogsCommand request, CancellationToken cancellationToken) =>
        repricer.RepriceAsync(ListValues.ParseInstant(request.From)!.Value, ListValues.ParseInstant(request.To)!.Value, Price, cancellationToken);

    private decimal? Price(StoredUsage stored) => pricing.Cost(stored.Usage.Model, stored.Usage, stored.CreatedAt);
}
