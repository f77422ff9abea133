using CleanDashboard.Application.Common.Validation;
using CleanDashboard.Domain.Entities;
using FluentValidation;

namespace CleanDashboard.Application.Feedback.Commands.SubmitFeedback;

public sealed class SubmitFeedbackCommandValidator : AbstractValidator<SubmitFeedbackCommand>
{
    public SubmitFeedbackCommandValidator()
    {
        RuleFor(c => c.RequestLogId).NotNull().WithMessage("RequestLogId is required.")
            .GreaterThan(0).WithMessage("RequestLogId must be a positive id.");
        RuleFor(c => c.Rating).NotNull().WithMessage("Rating is required.")
            .InclusiveBetween(FeedbackLog.MinRating, FeedbackLog.MaxRating)
            .WithMessage($"Rating must be from {FeedbackLog.MinRating} to {FeedbackLog.MaxRating}.");
        RuleFor(c => c.FeedbackText).MaximumLength(FeedbackLog.FeedbackTextMaxLength)
            .WithMessage($"FeedbackText may have at most {FeedbackLog.FeedbackTextMaxLength} characters.")
            .StorableText();
    }
}
