using Microsoft.ML.Tokenizers;

namespace CleanDashboard.Application.Tracking;

/// <summary>
/// Counts tokens the way the model's family does, for estimates when an upstream reported none: o200k_base for
/// gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and the o-series, cl100k_base for every older or unknown model (see decision 071).
/// </summary>
public static class ModelTokenizer
{
    private static readonly string[] O200kPrefixes = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "codex-"];
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    public static int CountTokens(string? model, ReadOnlySpan<char> text) =>
        text.IsEmpty ? 0 : For(model).CountTokens(text);

    /// <summary>The encoding's name for the model: <c>o200k_base</c> or <c>cl100k_base</c>.</summary>
    public static string EncodingName(string? model) => UsesO200k(model) ? "o200k_base" : "cl100k_base";

    private static Tokenizer For(string? model) => UsesO200k(model) ? O200k.Value : Cl100k.Value;

    private static bool UsesO200k(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return false;
        }

        // "openai/gpt-4o" and "azure/o3-mini" name the same models behind a router.
        var name = model[(model.LastIndexOf('/') + 1)..];
        return O200kPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
