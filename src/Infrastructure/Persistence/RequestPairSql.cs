using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence.Configurations;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Fills the request pairs (docs/decisions/122) of a database written before they existed, from what its cube and facets
/// already hold, so no figure changes at the upgrade: the pairs of a model or an endpoint with each user, key, model and
/// endpoint carry the cube's exact sums; with each country and error status the facets' request counts, which is all the
/// country and error breakdowns read. Sketches cannot be merged in SQL: they stay empty, and the read store takes a
/// model's endpoint percentiles from the cube until <c>rebuild-rollups</c> writes them (a sketch counting fewer requests
/// than its row says so). The same SQL on SQLite and PostgreSQL.
/// </summary>
internal static class RequestPairSql
{
    private const string Sums = """ "Requests", "Errors", "LatencyUs", "Tokens", "RowsWithTokens", "CostUnits", "RowsWithCost", "TtftCount", "TtftUs" """;

    private static readonly (string Cubes, string Facets, string Pairs)[] Tables =
    [
        (RollupTables.HourlyCubes, RollupTables.HourlyFacets, RollupTables.HourlyPairs),
        (RollupTables.DailyCubes, RollupTables.DailyFacets, RollupTables.DailyPairs),
    ];

    /// <summary>Each paired filter's column (and the condition under which a request has a value of it), then each other dimension's.</summary>
    private static readonly (RollupDimension Dimension, string Column, string Present)[] Columns =
    [
        (RollupDimension.Model, "\"ModelName\"", "\"ModelName\" <> ''"),
        (RollupDimension.User, "CAST(\"UserId\" AS TEXT)", "\"UserId\" <> 0"),
        (RollupDimension.ApiKey, "CAST(\"ApiKeyId\" AS TEXT)", "\"ApiKeyId\" <> 0"),
        (RollupDimension.Endpoint, "\"Endpoint\"", "1 = 1"),
    ];

    public static string Populate(bool postgres)
    {
        var empty = postgres ? "'\\x'::bytea" : "X''";
        var statements = new List<string>();
        foreach (var (cubes, facets, pairs) in Tables)
        {
            foreach (var filter in Columns.Where(c => c.Dimension is RollupDimension.Model or RollupDimension.Endpoint))
            {
                foreach (var by in Columns.Where(c => c.Dimension != filter.Dimension))
                {
                    statements.Add($"""
                        INSERT INTO "{pairs}" ("Dimension", "Key", "By", "BucketStart", "ByKey", {Sums}, "LatencySketch", "TtftSketch")
                        SELECT {(int)filter.Dimension}, {filter.Column}, {(int)by.Dimension}, "BucketStart", {by.Column},
                               SUM("Requests"), SUM("Errors"), SUM("LatencyUs"), SUM("Tokens"), SUM("RowsWithTokens"), SUM("CostUnits"), SUM("RowsWithCost"), SUM("TtftCount"), SUM("TtftUs"), {empty}, {empty}
                        FROM "{cubes}" WHERE {filter.Present} AND {by.Present}
                        GROUP BY {filter.Column}, "BucketStart", {by.Column};
                        """);
                }

                foreach (var facet in new[] { RollupDimension.Country, RollupDimension.Status })
                {
                    var errors = facet == RollupDimension.Status ? "SUM(\"Requests\")" : "0";
                    statements.Add($"""
                        INSERT INTO "{pairs}" ("Dimension", "Key", "By", "BucketStart", "ByKey", {Sums}, "LatencySketch", "TtftSketch")
                        SELECT {(int)filter.Dimension}, {filter.Column}, {(int)facet}, "BucketStart", "Key", SUM("Requests"), {errors}, 0, 0, 0, 0, 0, 0, 0, {empty}, {empty}
                        FROM "{facets}" WHERE {filter.Present} AND "Facet" = {(int)facet}
                        GROUP BY {filter.Column}, "BucketStart", "Key";
                        """);
                }
            }
        }

        return string.Join("\n", statements);
    }
}
