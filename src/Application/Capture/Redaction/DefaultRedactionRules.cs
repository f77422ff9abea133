using System.Text.RegularExpressions;

namespace CleanDashboard.Application.Capture.Redaction;

/// <summary>
/// What is never stored: bearer tokens and API keys first (a token can hold digits that look like a phone number),
/// then e-mail addresses, Luhn-valid card numbers, and phone numbers written with a + or separators (so ids and
/// timestamps in the JSON are left alone).
/// </summary>
public static class DefaultRedactionRules
{
    public const string BearerToken = "bearer_token";
    public const string ApiKey = "api_key";
    public const string Email = "email";
    public const string CardNumber = "card_number";
    public const string Phone = "phone";

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    public static IReadOnlyList<RedactionRule> All { get; } =
    [
        new(BearerToken, new Regex(@"\b[Bb]earer\s+[A-Za-z0-9\-._~+/]{8,}=*", Options)),
        new(ApiKey, new Regex(@"\b(?:sk-(?:ant-|proj-)?[A-Za-z0-9_\-]{16,}|cd_[A-Za-z0-9_\-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abprs]-[A-Za-z0-9\-]{10,}|AIza[0-9A-Za-z_\-]{35})", Options)),
        new(Email, new Regex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", Options)),
        new(CardNumber, new Regex(@"(?<![\d\-])\d(?:[ \-]?\d){12,18}(?![\d\-])", Options), Luhn.IsValid),
        new(Phone, new Regex(@"(?<![\w+])(?:\+\d{1,3}[ .\-]?)?(?:\(\d{2,4}\)[ .\-]?|\d{2,4}[ .\-])\d{3,4}[ .\-]\d{3,4}(?!\w)|(?<![\w+])\+\d{10,14}(?!\w)", Options)),
    ];
}
