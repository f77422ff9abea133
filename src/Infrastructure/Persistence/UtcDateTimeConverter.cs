using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>Stores DateTime as UTC and marks values read back as UTC, so JSON shows them with "Z".</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
