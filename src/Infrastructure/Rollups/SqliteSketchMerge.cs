using CleanDashboard.Application.Dashboard.Common;
using Microsoft.Data.Sqlite;

namespace CleanDashboard.Infrastructure.Rollups;

/// <summary>
/// A SQLite function that merges two serialized latency sketches (<see cref="LatencySketch.ToBytes"/>), so a rollup
/// upsert adds a batch's sketch to the stored one in its own <c>ON CONFLICT ... DO UPDATE</c> — one statement per
/// chunk instead of the upsert, a read of the stored sketches and a write-back (docs/decisions/132). SQLite has one
/// writer at a time, so the merge inside the upsert is as safe as the sums beside it.
/// </summary>
internal static class SqliteSketchMerge
{
    public const string Name = "cd_merge_sketch";

    /// <summary>
    /// The SQL merging two sketch expressions. A function's empty blob reaches SQLite as NULL (Microsoft.Data.Sqlite
    /// passes no pointer for it), so an empty merge is made the empty blob the column holds again.
    /// </summary>
    public static string Sql(string stored, string added) => $"COALESCE({Name}({stored}, {added}), X'')";

    /// <summary>Registers the function on the connection (again is harmless: the registration is replaced).</summary>
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<byte[]?, byte[]?, byte[]>(Name, Merge, isDeterministic: true);

    /// <summary>The sketch holding both sketches' values; an empty or missing sketch adds nothing.</summary>
    public static byte[] Merge(byte[]? stored, byte[]? added)
    {
        if (added is not { Length: > 0 })
        {
            return stored ?? [];
        }

        return stored is { Length: > 0 } ? LatencySketch.MergeBytes(stored, added) : added;
    }
}
