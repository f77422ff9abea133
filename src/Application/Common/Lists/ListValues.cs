using System.Globalization;
using System.Reflection;
using CleanDashboard.Application.Common.Time;

namespace CleanDashboard.Application.Common.Lists;

/// <summary>Parses the query-string values of the admin lists; each returns null for a missing or malformed value.</summary>
public static class ListValues
{
    private static readonly string[] DateOnlyFormats = ["yyyy-MM-dd"];

    public static int? ParseInt(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static long? ParseLong(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? ParseBool(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    /// <summary>A UTC instant within <see cref="InstantBounds"/> from <c>2026-01-31</c> (midnight UTC) or an ISO-8601 time with <c>Z</c> or an offset.</summary>
    public static DateTime? ParseInstant(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        DateTime? parsed = null;
        if (DateTime.TryParseExact(value, DateOnlyFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
        {
            parsed = DateTime.SpecifyKind(day, DateTimeKind.Utc);
        }
        else if (HasZone(value) && value.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            parsed = instant.UtcDateTime;
        }

        return parsed is { } utc && InstantBounds.Contains(utc) ? utc : null;
    }

    private static bool HasZone(string value) =>
        value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');

    /// <summary>The camelCase names of a DTO's properties: the columns a list can be sorted by.</summary>
    public static IReadOnlyList<string> ColumnsOf<T>() => typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
        .ToArray();
}
