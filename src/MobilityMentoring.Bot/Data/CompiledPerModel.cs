using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MobilityMentoring.Bot.Data;

/// <summary>
/// An EF Core compiled query, compiled once per model. For the queries every turn runs: EF caches the SQL of a LINQ
/// query, but still builds, walks and hashes its expression tree on each call to find it in that cache. A compiled query
/// skips that. EF binds a compiled query to one model, and the PostgreSQL and SQLite contexts have one each.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = [];

    public TQuery For(DbContext db) => byModel.GetValue(db.Model, _ => compile());
}
