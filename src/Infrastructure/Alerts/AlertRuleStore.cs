using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Domain.Entities.Alerts;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Alerts;

public sealed class AlertRuleStore(DashboardDbContext db) : IAlertRuleStore
{
    public async Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken) =>
        await db.AlertRules.OrderBy(r => r.Id).ToListAsync(cancellationToken);

    public Task<AlertRule?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public void Add(AlertRule rule) => db.AlertRules.Add(rule);

    public void Remove(AlertRule rule) => db.AlertRules.Remove(rule);

    public void AddEvent(AlertEvent alertEvent) => db.AlertEvents.Add(alertEvent);

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public async Task<IReadOnlyList<int>> ListWarnedLevelsAsync(int ruleId, LimitSubjectKind kind, int subjectId, DateTime periodStart, CancellationToken cancellationToken) =>
        await db.AlertBudgetWarnings.AsNoTracking()
            .Where(w => w.RuleId == ruleId && w.SubjectKind == kind && w.SubjectId == subjectId && w.PeriodStart == periodStart)
            .Select(w => w.Level)
            .ToListAsync(cancellationToken);

    public void AddBudgetWarning(AlertBudgetWarning warning) => db.AlertBudgetWarnings.Add(warning);

    public async Task<IReadOnlyList<AlertEvent>> ListEventsAsync(int? ruleId, int limit, CancellationToken cancellationToken)
    {
        var events = db.AlertEvents.AsNoTracking();
        if (ruleId is { } id)
        {
            events = events.Where(e => e.RuleId == id);
        }

        return await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit)
            .Include(e => e.Attempts)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
    }
}
