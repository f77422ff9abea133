using CleanDashboard.Application.Budgets;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.Budgets;

/// <summary>The cost the request logs of a key or user record in a period: an index range on (ApiKeyId or UserId, CreatedAt).</summary>
public sealed class RecordedSpend(IServiceScopeFactory scopes) : IRecordedSpend
{
    public async Task<decimal> SpentAsync(LimitSubject subject, PeriodWindow period, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var logs = scope.ServiceProvider.GetRequiredService<DashboardDbContext>().RequestLogs.AsNoTracking()
            .Where(r => r.CreatedAt >= period.StartUtc && r.CreatedAt < period.EndUtc);
        logs = subject.Kind == LimitSubjectKind.ApiKey ? logs.Where(r => r.ApiKeyId == subject.Id) : logs.Where(r => r.UserId == subject.Id);
        return await logs.SumAsync(r => r.CostUsd, cancellationToken) ?? 0m;
    }
}
