namespace CleanDashboard.Application.Gateway;

/// <summary>Model name patterns: case-insensitive, <c>*</c> matches any run of characters (including none), nothing else is special.</summary>
public static class ModelPattern
{
    public const char Wildcard = '*';

    public static bool Matches(string pattern, string model) => Matches(pattern.AsSpan(), model.AsSpan());

    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> model)
    {
        var star = pattern.IndexOf(Wildcard);
        if (star < 0)
        {
            return model.Equals(pattern, StringComparison.OrdinalIgnoreCase);
        }

        var head = pattern[..star];
        if (!model.StartsWith(head, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        var remaining = model[head.Length..];
        if (rest.IsEmpty)
        {
            return true;
        }

        for (var skip = 0; skip <= remaining.Length; skip++)
        {
            if (Matches(rest, remaining[skip..]))
            {
                return true;
            }
        }

        return false;
    }
}
