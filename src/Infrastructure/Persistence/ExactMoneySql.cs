namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Rollup cost held in 1/10,000 USD becomes whole 1e-10 USD (× 1,000,000: exact); back down it is rounded half away
/// from zero. The same SQL runs on SQLite and PostgreSQL, after the columns are renamed.
/// </summary>
internal static class ExactMoneySql
{
    private static readonly string[] Tables = ["request_rollups_hourly", "request_rollups_daily", "session_rollups_hourly", "session_rollups_daily"];

    public static readonly string Up = string.Concat(Tables.Select(t => $"""UPDATE "{t}" SET "CostUnits" = "CostUnits" * 1000000;""" + "\n"));

    public static readonly string Down = string.Concat(Tables.Select(t =>
        $"""UPDATE "{t}" SET "CostUnits" = CASE WHEN "CostUnits" >= 0 THEN ("CostUnits" + 500000) / 1000000 ELSE -((500000 - "CostUnits") / 1000000) END;""" + "\n"));
}
