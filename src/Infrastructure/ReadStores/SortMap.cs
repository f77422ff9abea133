using System.Linq.Expressions;
using System.Reflection;
using CleanDashboard.Application.Common.Lists;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>
/// The sortable columns of one admin list: each column name maps to a property expression, so a sort
/// parameter can only ever pick one of these, never reach SQL as text.
/// </summary>
internal sealed class SortMap<TEntity>
{
    private readonly Dictionary<string, Func<IQueryable<TEntity>, bool, IOrderedQueryable<TEntity>>> _columns = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A column that can hold NULL sorts its nulls first when ascending and last when descending, on every provider:
    /// SQLite does that by itself, PostgreSQL does the opposite, so the order says it explicitly.
    /// </summary>
    public SortMap<TEntity> Add<TKey>(string column, Expression<Func<TEntity, TKey>> key)
    {
        if (CanBeNull(key.Body))
        {
            var isNull = Expression.Lambda<Func<TEntity, bool>>(Expression.Equal(key.Body, Expression.Constant(null, typeof(TKey))), key.Parameters);
            _columns[column] = (query, descending) => descending
                ? query.OrderBy(isNull).ThenByDescending(key)
                : query.OrderByDescending(isNull).ThenBy(key);
        }
        else
        {
            _columns[column] = (query, descending) => descending ? query.OrderByDescending(key) : query.OrderBy(key);
        }

        return this;
    }

    public IReadOnlyCollection<string> Columns => _columns.Keys;

    /// <summary>Orders by the column, then by <paramref name="id"/> in the same direction so pages never overlap.</summary>
    public IOrderedQueryable<TEntity> Apply<TId>(IQueryable<TEntity> query, string column, bool descending, Expression<Func<TEntity, TId>> id)
    {
        var ordered = _columns.TryGetValue(column, out var order)
            ? order(query, descending)
            : throw new ArgumentOutOfRangeException(nameof(column), column, "Not a sortable column; validate the query first.");
        return descending ? ordered.ThenByDescending(id) : ordered.ThenBy(id);
    }

    /// <summary>A nullable value type, or a member path with a nullable-annotated property on it (<c>r.User!.Name</c>).</summary>
    private static bool CanBeNull(Expression body)
    {
        if (Nullable.GetUnderlyingType(body.Type) is not null)
        {
            return true;
        }

        if (body.Type.IsValueType)
        {
            return false;
        }

        for (var member = body as MemberExpression; member is not null; member = member.Expression as MemberExpression)
        {
            if (member.Member is PropertyInfo property && new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable)
            {
                return true;
            }
        }

        return false;
    }
}
