using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Application.Gateway;

/// <summary>What a model name may be: it is routed on, sent upstream, stored in the request log and shown in the dashboard.</summary>
public static class ModelNames
{
    public const int MaxLength = RequestLog.ModelNameMaxLength;

    /// <summary>Null when the name is acceptable, else why not.</summary>
    public static string? Problem(string? name) => name switch
    {
        null => "Required: the name of the model to use, such as 'demo-echo'.",
        _ when string.IsNullOrWhiteSpace(name) => "Must be a non-empty string.",
        { Length: > MaxLength } => $"Must be at most {MaxLength} characters long.",
        _ when name.Any(char.IsControl) => "Must not contain control characters such as NUL, tab or line breaks.",
        _ => null,
    };

    public static bool IsAcceptable(string? name) => Problem(name) is null;
}
