using CleanDashboard.Application.Feedback.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Feedback;

public sealed class FeedbackStore(DashboardDbContext db) : IFeedbackStore
{
    public Task<bool> IsRequestOfUserAsync(long requestLogId, int userId, CancellationToken cancellationToken) =>
        db.RequestLogs.AsNoTracking().AnyAsync(r => r.Id == requestLogId && r.UserId == userId, cancellationToken);

    public Task<FeedbackLog> SaveAsync(long requestLogId, int userId, int rating, string feedbackText, DateTime at, CancellationToken cancellationToken) =>
        SaveAsync(requestLogId, userId, rating, feedbackText, at, retried: false, cancellationToken);

    private async Task<FeedbackLog> SaveAsync(long requestLogId, int userId, int rating, string feedbackText, DateTime at, bool retried, CancellationToken cancellationToken)
    {
        var feedback = await db.FeedbackLogs.FirstOrDefaultAsync(f => f.RequestLogId == requestLogId, cancellationToken);
        if (feedback is null)
        {
            var request = await db.RequestLogs.AsNoTracking().SingleAsync(r => r.Id == requestLogId, cancellationToken);
            feedback = FeedbackLog.For(request, userId);
            db.FeedbackLogs.Add(feedback);
        }

        feedback.Rating = rating;
        feedback.FeedbackText = feedbackText;
        feedback.CreatedAt = at;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!retried)
        {
            // Two ratings of one request raced; the unique index kept one, so this one replaces it.
            db.ChangeTracker.Clear();
            return await SaveAsync(requestLogId, userId, rating, feedbackText, at, retried: true, cancellationToken);
        }

        return feedback;
    }
}
