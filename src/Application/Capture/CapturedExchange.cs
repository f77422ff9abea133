namespace CleanDashboard.Application.Capture;

/// <summary>
/// What was asked and answered, redacted and compressed, on its way to the background writer with its request log.
/// <see cref="SearchText"/> is the redacted text the full-text index is built from.
/// </summary>
public sealed record CapturedExchange
{
    public required byte[] RequestBody { get; init; }

    public required byte[] ResponseText { get; init; }

    public required string SearchText { get; init; }

    public bool RequestTruncated { get; init; }

    public bool ResponseTruncated { get; init; }

    /// <summary>The cap each body was held to, in bytes.</summary>
    public int CapBytes { get; init; }

    /// <summary>Replacements made, per kind (<c>email</c>, <c>card_number</c>, …).</summary>
    public required IReadOnlyDictionary<string, int> Redactions { get; init; }

    public string ContentType { get; init; } = string.Empty;

    public string UserAgent { get; init; } = string.Empty;
}
