using CleanDashboard.Application.Budgets;
using CleanDashboard.Application.Budgets.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Budgets;

public sealed class SpendLimitStore(DashboardDbContext db) : ISpendLimitStore
{
    public async Task<IReadOnlyList<SpendLimit>> ListAsync(CancellationToken cancellationToken) =>
        await db.SpendLimits.AsNoTracking().ToListAsync(cancellationToken);

    public Task<SpendLimit?> FindAsync(LimitSubject subject, CancellationToken cancellationToken) =>
        db.SpendLimits.AsNoTracking().SingleOrDefaultAsync(l => l.SubjectKind == subject.Kind && l.SubjectId == subject.Id, cancellationToken);

    public async Task SaveAsync(SubjectLimits limits, DateTime at, CancellationToken cancellationToken)
    {
        var subject = limits.Subject;
        var row = await db.SpendLimits.SingleOrDefaultAsync(l => l.SubjectKind == subject.Kind && l.SubjectId == subject.Id, cancellationToken);
        if (limits.LimitsNothing)
        {
            if (row is not null)
            {
                db.SpendLimits.Remove(row);
                await db.SaveChangesAsync(cancellationToken);
            }

            return;
        }

        if (row is null)
        {
            row = new SpendLimit { SubjectKind = subject.Kind, SubjectId = subject.Id };
            db.SpendLimits.Add(row);
        }

        (row.BudgetUsd, row.BudgetPeriod, row.RequestsPerMinute, row.TokensPerMinute, row.UpdatedAt) =
            (limits.BudgetUsd, limits.BudgetPeriod, limits.RequestsPerMinute, limits.TokensPerMinute, at);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<bool> SubjectExistsAsync(LimitSubject subject, CancellationToken cancellationToken) => subject.Kind == LimitSubjectKind.ApiKey
        ? db.ApiKeys.AnyAsync(k => k.Id == subject.Id, cancellationToken)
        : db.Users.AnyAsync(u => u.Id == subject.Id, cancellationToken);
}
