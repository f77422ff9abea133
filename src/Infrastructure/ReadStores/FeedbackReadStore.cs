using System.Linq.Expressions;
using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Feedback.Common;
using CleanDashboard.Application.Feedback.Queries.ListFeedback;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

public sealed class FeedbackReadStore(DashboardDbContext db) : IFeedbackReadStore
{
    internal static readonly SortMap<FeedbackLog> Sorts = new SortMap<FeedbackLog>()
        .Add("id", f => f.Id)
        .Add("requestLogId", f => f.RequestLogId)
        .Add("userId", f => f.UserId)
        .Add("userName", f => f.User!.Name)
        .Add("rating", f => f.Rating)
        .Add("feedbackText", f => f.FeedbackText)
        .Add("createdAt", f => f.CreatedAt)
        .Add("modelName", f => f.RequestLog!.ModelName)
        .Add("hasCapture", f => f.RequestLog!.Id);

    // An instance member: the capture check reads the context's own request_captures set.
    private Expression<Func<FeedbackLog, FeedbackDto>> ToDto => f => new FeedbackDto(
        f.Id, f.RequestLogId, f.UserId, f.User!.Name, f.Rating, f.FeedbackText, f.CreatedAt, f.RequestLog!.ModelName,
        db.RequestCaptures.Any(c => c.RequestLogId == f.RequestLogId));

    public Task<PagedList<FeedbackDto>> ListAsync(FeedbackFilter filter, ListPage page, CancellationToken cancellationToken)
    {
        var query = db.FeedbackLogs.AsNoTracking();
        if (filter.From is { } from)
        {
            query = query.Where(f => f.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(f => f.CreatedAt < to);
        }

        if (filter.Rating is { } rating)
        {
            query = query.Where(f => f.Rating == rating);
        }

        if (filter.UserId is { } userId)
        {
            query = query.Where(f => f.UserId == userId);
        }

        return query.ToPageAsync(Sorts, page, f => f.Id, ToDto, cancellationToken);
    }

    public Task<FeedbackDto?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.FeedbackLogs.AsNoTracking().Where(f => f.Id == id).Select(ToDto).FirstOrDefaultAsync(cancellationToken);
}
