namespace CleanDashboard.Infrastructure.Rollups;

/// <summary>
/// A fixed order of rows by their leading key values (strings ordinally), so every writer's multi-row upsert locks the
/// rows it shares with another writer in the same order and two batches cannot deadlock on PostgreSQL.
/// </summary>
internal static class RowOrder
{
    public static int Compare(object[] a, object[] b, int keyLength)
    {
        for (var i = 0; i < keyLength; i++)
        {
            var order = (a[i], b[i]) switch
            {
                (string x, string y) => string.CompareOrdinal(x, y),
                (IComparable x, var y) => x.CompareTo(y),
                _ => 0,
            };
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }
}
