using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Application.Tracking.Catalog;

namespace CleanDashboard.Infrastructure.Pricing;

/// <summary>
/// Reads the price data exported from @pydantic/genai-prices (build/export-genai-prices.mjs) into the catalog. Prices
/// are read as decimals from the JSON text, so 0.075 stays exactly 0.075. Only token prices are kept (input, output,
/// cache read, cache write): the gateway records no audio seconds, pages or searches to charge.
/// </summary>
public static class GenAiPricesReader
{
    public static (PriceCatalog Catalog, string Version) Read(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var providers = root.GetProperty("providers").EnumerateArray().Select(ReadProvider).ToList();
        var version = root.TryGetProperty("version", out var v) ? v.GetString() ?? "?" : "?";
        return (new PriceCatalog(providers), version);
    }

    private static CatalogProvider ReadProvider(JsonElement provider) => new(
        provider.GetProperty("id").GetString()!,
        OptionalString(provider, "name") ?? provider.GetProperty("id").GetString()!,
        OptionalString(provider, "api_pattern") is { } pattern ? CatalogRegex($"^(?:{pattern})") : null,
        provider.TryGetProperty("provider_match", out var providerMatch) ? ReadRule(providerMatch) : null,
        provider.TryGetProperty("model_match", out var modelMatch) ? ReadRule(modelMatch) : null,
        provider.TryGetProperty("fallback_model_providers", out var fallbacks) ? [.. fallbacks.EnumerateArray().Select(f => f.GetString()!)] : [],
        [.. provider.GetProperty("models").EnumerateArray().Select(ReadModel)]);

    private static CatalogModel ReadModel(JsonElement model)
    {
        var prices = model.GetProperty("prices");
        IReadOnlyList<DatedPrice> dated = prices.ValueKind == JsonValueKind.Array
            ? [.. prices.EnumerateArray().Select(p => new DatedPrice(
                p.TryGetProperty("constraint", out var constraint) ? ReadConstraint(constraint) : null,
                ReadPrice(p.GetProperty("prices"))))]
            : [new DatedPrice(null, ReadPrice(prices))];
        return new CatalogModel(model.GetProperty("id").GetString()!, OptionalString(model, "name"), ReadRule(model.GetProperty("match")), dated);
    }

    /// <summary>A rule is an object with one key: equals, starts_with, ends_with, contains, regex, or, and.</summary>
    internal static MatchRule ReadRule(JsonElement rule)
    {
        var clause = rule.EnumerateObject().Single();
        return clause.Name switch
        {
            "equals" => new EqualsRule(clause.Value.GetString()!),
            "starts_with" => new StartsWithRule(clause.Value.GetString()!),
            "ends_with" => new EndsWithRule(clause.Value.GetString()!),
            "contains" => new ContainsRule(clause.Value.GetString()!),
            "regex" => new RegexRule(CatalogRegex(clause.Value.GetString()!)),
            "or" => new AnyOfRule([.. clause.Value.EnumerateArray().Select(ReadRule)]),
            "and" => new AllOfRule([.. clause.Value.EnumerateArray().Select(ReadRule)]),
            _ => throw new JsonException($"Unknown match rule '{clause.Name}'."),
        };
    }

    /// <summary>
    /// A catalog pattern runs in time linear in its input (<see cref="RegexOptions.NonBacktracking"/>) unless it needs a
    /// lookaround, which only the backtracking engine has; then the names it meets are at most
    /// <see cref="Domain.Entities.RequestLog.ModelNameMaxLength"/> characters (<see cref="PriceCatalog.Find"/>). No match
    /// timeout: one fired spuriously under a GC pause on a loaded machine, and an exception while pricing loses the request log.
    /// </summary>
    internal static Regex CatalogRegex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);
        }
    }

    private static PriceConstraint ReadConstraint(JsonElement constraint)
    {
        if (constraint.TryGetProperty("start_date", out var start))
        {
            return new StartDateConstraint(DateTime.SpecifyKind(DateTime.ParseExact(start.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc));
        }

        return new TimeOfDayConstraint(TimeOfDayUtc(constraint.GetProperty("start_time").GetString()!), TimeOfDayUtc(constraint.GetProperty("end_time").GetString()!));
    }

    /// <summary>"00:30:00Z" or "08:30:00+08:00" as a UTC time of day.</summary>
    private static TimeSpan TimeOfDayUtc(string text)
    {
        var parsed = DateTimeOffset.Parse($"2000-01-01T{text}", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return parsed.UtcDateTime.TimeOfDay;
    }

    private static ModelPrice ReadPrice(JsonElement prices) => new(
        ReadTiered(prices, "input_mtok"),
        ReadTiered(prices, "output_mtok"),
        ReadTiered(prices, "cache_read_mtok"),
        ReadTiered(prices, "cache_write_mtok"));

    private static TieredPrice? ReadTiered(JsonElement prices, string key)
    {
        if (!prices.TryGetProperty(key, out var price))
        {
            return null;
        }

        return price.ValueKind == JsonValueKind.Number
            ? TieredPrice.Flat(price.GetDecimal())
            : new TieredPrice(
                price.GetProperty("base").GetDecimal(),
                [.. price.GetProperty("tiers").EnumerateArray().Select(t => new PriceTier(t.GetProperty("start").GetInt64(), t.GetProperty("price").GetDecimal())).OrderBy(t => t.Start)]);
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
