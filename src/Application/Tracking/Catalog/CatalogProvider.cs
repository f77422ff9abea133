using System.Text.RegularExpressions;

namespace CleanDashboard.Application.Tracking.Catalog;

/// <summary>
/// A provider of the catalog: its id, the API root it serves (<see cref="ApiPattern"/>), the rules naming it
/// (<see cref="ProviderMatch"/>) and its models (<see cref="ModelMatch"/>), and the providers whose models it also sells.
/// </summary>
public sealed record CatalogProvider(
    string Id,
    string Name,
    Regex? ApiPattern,
    MatchRule? ProviderMatch,
    MatchRule? ModelMatch,
    IReadOnlyList<string> FallbackModelProviders,
    IReadOnlyList<CatalogModel> Models);
