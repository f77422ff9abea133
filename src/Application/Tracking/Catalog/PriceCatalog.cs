using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Application.Tracking.Catalog;

/// <summary>
/// The maintained price catalog (genai-prices' data) and its lookup rules: the provider named by the upstream — by id,
/// by its <c>provider_match</c>, or by its API root when a URL is given — else the first whose <c>model_match</c> names
/// the model; then that provider's first model whose <c>match</c> holds, its fallback providers' next, and finally the
/// name with a compact date (<c>-20240718</c>) written with dashes. Each name's answer is remembered (up to
/// <see cref="RememberedNames"/> names, since callers choose them), so a request is priced without running the rules again.
/// </summary>
public sealed partial class PriceCatalog(IReadOnlyList<CatalogProvider> providers)
{
    public static readonly PriceCatalog Empty = new([]);

    public const int RememberedNames = 4096;

    private readonly ConcurrentDictionary<(string Model, string? Provider), CatalogMatch?> _found = new();

    public IReadOnlyList<CatalogProvider> Providers { get; } = providers;

    public int ModelCount => Providers.Sum(p => p.Models.Count);

    /// <summary>The entry <paramref name="model"/> matches; null for an unknown name or one longer than a model name may be.</summary>
    public CatalogMatch? Find(string model, string? provider)
    {
        if (model.Length > RequestLog.ModelNameMaxLength)
        {
            return null;
        }

        if (_found.TryGetValue((model, provider), out var known))
        {
            return known;
        }

        var found = Search(model, provider);
        if (_found.Count < RememberedNames)
        {
            _found.TryAdd((model, provider), found);
        }

        return found;
    }

    private CatalogMatch? Search(string model, string? provider)
    {
        var name = model.Trim().ToLowerInvariant();
        var owner = (provider is { Length: > 0 } hint ? ProviderNamed(hint) : null) ?? ProviderOfModel(name);
        if (owner is null)
        {
            return null;
        }

        var found = FindIn(owner, name, withFallbacks: true);
        if (found is null && WithDashedDate(name) is var dashed && dashed != name)
        {
            found = FindIn(owner, dashed, withFallbacks: true);
        }

        return found;
    }

    /// <summary>The provider an upstream names: its catalog id or <c>provider_match</c>, or for a URL the provider whose API root it is.</summary>
    public CatalogProvider? ProviderNamed(string hint)
    {
        var value = hint.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return Providers.FirstOrDefault(p => p.ApiPattern?.IsMatch(value) == true);
        }

        var id = value.ToLowerInvariant();
        return Providers.FirstOrDefault(p => p.Id == id) ?? Providers.FirstOrDefault(p => p.ProviderMatch?.Matches(id) == true);
    }

    private CatalogProvider? ProviderOfModel(string model) => Providers.FirstOrDefault(p => p.ModelMatch?.Matches(model) == true);

    private CatalogMatch? FindIn(CatalogProvider provider, string model, bool withFallbacks)
    {
        if (provider.Models.FirstOrDefault(m => m.Match.Matches(model)) is { } entry)
        {
            return new CatalogMatch(provider, entry);
        }

        return !withFallbacks ? null : provider.FallbackModelProviders
            .Select(id => Providers.FirstOrDefault(p => p.Id == id))
            .Select(fallback => fallback is null ? null : FindIn(fallback, model, withFallbacks: false))
            .FirstOrDefault(match => match is not null);
    }

    private static string WithDashedDate(string model) => CompactDate().Replace(model, m =>
        DateOnly.TryParseExact(m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value, "yyyyMMdd", out _)
            ? $"-{m.Groups[1].Value}-{m.Groups[2].Value}-{m.Groups[3].Value}"
            : m.Value);

    [GeneratedRegex(@"-(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)")]
    private static partial Regex CompactDate();
}

/// <summary>The catalog entry a model name matched and the provider it was found under.</summary>
public sealed record CatalogMatch(CatalogProvider Provider, CatalogModel Model);
