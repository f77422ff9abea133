using FluentValidation;

namespace CleanDashboard.Application.Common.Validation;

/// <summary>Rules for names and free text a client sends: PostgreSQL cannot store NUL at all, and control characters in a name break log lines and CSV cells.</summary>
public static class TextRules
{
    /// <summary>A name or filter: no control character at all.</summary>
    public static IRuleBuilderOptions<T, string?> WithoutControlCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.Any(char.IsControl))
            .WithMessage("{PropertyName} must not contain control characters such as NUL, tabs or line breaks.");

    /// <summary>Prose: line breaks and tabs are allowed, other control characters (NUL included) are not.</summary>
    public static IRuleBuilderOptions<T, string?> StorableText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            .WithMessage("{PropertyName} must not contain control characters other than line breaks and tabs (no NUL).");

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
