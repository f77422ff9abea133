using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

/// <summary>Enums are stored as their lower-case names ("critical", "admin"), readable in SQL and stable across reorderings.</summary>
internal static class EnumText
{
    public static ValueConverter<TEnum, string> Converter<TEnum>()
        where TEnum : struct, Enum =>
        new(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<TEnum>(v, true));
}
