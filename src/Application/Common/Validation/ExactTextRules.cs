using FluentValidation;

namespace CleanDashboard.Application.Common.Validation;

public static class ExactTextRules
{
    /// <summary>
    /// Names are taken exactly as sent, never trimmed: leading or trailing white space and control characters are
    /// an error, so "admin " can neither become "admin" nor sit beside it as a look-alike.
    /// </summary>
    public static IRuleBuilderOptions<T, string> ExactText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(text => text is null || (!HasOuterWhiteSpace(text) && !text.Any(char.IsControl)))
            .WithMessage("{PropertyName} must not start or end with white space or contain control characters.");

    private static bool HasOuterWhiteSpace(string text) =>
        text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
}
