using System.Text.RegularExpressions;

namespace CleanDashboard.Application.Tracking.Catalog;

/// <summary>
/// A catalog match rule (genai-prices' <c>match</c>, <c>model_match</c>, <c>provider_match</c>): text comparisons ignore
/// case, a regex is applied as written, as the upstream library does.
/// </summary>
public abstract record MatchRule
{
    public abstract bool Matches(string value);
}

public sealed record EqualsRule(string Text) : MatchRule
{
    public override bool Matches(string value) => value.Equals(Text, StringComparison.OrdinalIgnoreCase);
}

public sealed record StartsWithRule(string Text) : MatchRule
{
    public override bool Matches(string value) => value.StartsWith(Text, StringComparison.OrdinalIgnoreCase);
}

public sealed record EndsWithRule(string Text) : MatchRule
{
    public override bool Matches(string value) => value.EndsWith(Text, StringComparison.OrdinalIgnoreCase);
}

public sealed record ContainsRule(string Text) : MatchRule
{
    public override bool Matches(string value) => value.Contains(Text, StringComparison.OrdinalIgnoreCase);
}

public sealed record RegexRule(Regex Pattern) : MatchRule
{
    public override bool Matches(string value) => Pattern.IsMatch(value);
}

public sealed record AnyOfRule(IReadOnlyList<MatchRule> Rules) : MatchRule
{
    public override bool Matches(string value) => Rules.Any(r => r.Matches(value));
}

public sealed record AllOfRule(IReadOnlyList<MatchRule> Rules) : MatchRule
{
    public override bool Matches(string value) => Rules.All(r => r.Matches(value));
}
