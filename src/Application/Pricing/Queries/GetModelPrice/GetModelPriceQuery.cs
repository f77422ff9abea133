using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Tracking;
using MediatR;

namespace CleanDashboard.Application.Pricing.Queries.GetModelPrice;

/// <summary>The price a request for <paramref name="Model"/> through <paramref name="Provider"/> is charged at <paramref name="At"/> (default: now).</summary>
public sealed record GetModelPriceQuery(string? Model = null, string? Provider = null, string? At = null) : IRequest<ModelPriceDto>;

public sealed class GetModelPriceQueryHandler(PricingCatalog pricing, TimeProvider timeProvider) : IRequestHandler<GetModelPriceQuery, ModelPriceDto>
{
    public Task<ModelPriceDto> Handle(GetModelPriceQuery request, CancellationToken cancellationToken)
    {
        var at = ListValues.ParseInstant(request.At) ?? timeProvider.GetUtcNow().UtcDateTime;
        var provider = string.IsNullOrWhiteSpace(request.Provider) ? null : request.Provider;
        var quote = pricing.Find(request.Model, at, provider)
            ?? throw new NotFoundException($"No price for model \"{request.Model}\"{(provider is null ? string.Empty : $" from provider \"{provider}\"")}: it is neither in Pricing:Models nor in the price catalog.");
        return Task.FromResult(ModelPriceDto.From(request.Model!, at, quote));
    }
}
