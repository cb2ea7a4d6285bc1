using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Probity.Database;
using BI = Probity.Registers.Contracts.BusinessInterest;

namespace Probity.Interchange.ImportBundle;

/// <summary>
/// Writes many rows of one entity type with multi-row INSERT ... ON CONFLICT DO UPDATE, which SQLite and
/// PostgreSQL both understand, using the EF model for table, column and type mapping (so value converters apply
/// exactly as they would through EF). Change tracking is far too slow for a force's ten-year history.
/// Columns the platform owns and PIF-1 does not carry are inserted but never overwritten by an import.
/// </summary>
internal sealed class BulkUpsert<T> where T : class
{
    // Columns the platform owns, per entity: PIF-1 does not carry them, so an import must not blank them. Named per type
    // (a unit's Name is PIF-1 data and is overwritten; a complainant's Name is personal data PIF-1 never carries).
    private static readonly HashSet<(Type, string)> PlatformOwned =
    [
        (typeof(Cases.Contracts.Case), nameof(Cases.Contracts.Case.Summary)), (typeof(Cases.Contracts.Case), nameof(Cases.Contracts.Case.Restricted)), (typeof(Cases.Contracts.Case), nameof(Cases.Contracts.Case.Version)),
        // The case's named investigating officer and supervisor (Caseloads, ADR 0015): a nightly PIF import must not empty caseloads.
        (typeof(Cases.Contracts.Case), nameof(Cases.Contracts.Case.InvestigatingOfficer)), (typeof(Cases.Contracts.Case), nameof(Cases.Contracts.Case.Supervisor)),
        (typeof(Cases.Contracts.Complainant), nameof(Cases.Contracts.Complainant.Name)), (typeof(Cases.Contracts.Complainant), nameof(Cases.Contracts.Complainant.Contact)),
        // What the business interests register records beyond PIF-1's columns (Registers).
        (typeof(BI), nameof(BI.RecordedBy)), (typeof(BI), nameof(BI.EnteredOnBehalf)), (typeof(BI), nameof(BI.DecisionReasons)), (typeof(BI), nameof(BI.Conditions)),
        (typeof(BI), nameof(BI.DecidedBy)), (typeof(BI), nameof(BI.ExpiresOn)), (typeof(BI), nameof(BI.LastReviewedOn)), (typeof(BI), nameof(BI.LastReviewedBy)),
        (typeof(BI), nameof(BI.ContinuedAfterRefusalOn)), (typeof(BI), nameof(BI.Version)),
    ];

    private readonly ProbityDb _db;
    private readonly string _table;
    private readonly List<(string Column, RelationalTypeMapping Mapping, Func<T, object?> Get)> _columns = [];
    private readonly HashSet<string> _owned = new(StringComparer.Ordinal);
    private readonly string[] _conflict;
    private readonly string[] _update;
    private readonly int _rowsPerStatement;

    public BulkUpsert(ProbityDb db)
    {
        _db = db;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        _table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(_table, entity.GetSchema());
        foreach (var p in entity.GetProperties())
        {
            if (p.IsShadowProperty() || p.PropertyInfo is null) continue; // generated surrogate keys
            var mapping = (RelationalTypeMapping)p.GetTypeMapping();
            _columns.Add((p.GetColumnName(store)!, mapping, Getter(p.PropertyInfo, mapping.Converter?.ConvertToProvider)));
            if (PlatformOwned.Contains((typeof(T), p.Name))) _owned.Add(p.GetColumnName(store)!);
        }
        var key = entity.FindPrimaryKey()!;
        IReadOnlyList<IProperty> conflictProps = key.Properties.All(p => !p.IsShadowProperty())
            ? key.Properties
            : entity.GetIndexes().First(i => i.IsUnique).Properties;
        _conflict = conflictProps.Select(p => p.GetColumnName(store)!).ToArray();
        _update = _columns.Select(c => c.Column).Where(c => !_conflict.Contains(c) && !_owned.Contains(c)).ToArray();
        _rowsPerStatement = RowsPerStatement(db, _columns.Count);
    }

    /// <summary>
    /// SQLite binds parameters by name (a linear search per parameter), so a wide multi-row statement costs
    /// quadratic time to bind; a small prepared statement reused inside the transaction is many times faster
    /// (see bench/README.md). PostgreSQL pays a network round trip per statement, so it gets bigger batches,
    /// kept well under its 65,535 parameters per statement.
    /// </summary>
    private static int RowsPerStatement(ProbityDb db, int columns) =>
        db.Database.IsSqlite() ? 1 : Math.Max(1, Math.Min(500, 30_000 / columns));

    public async Task<int> WriteAsync(IReadOnlyList<T> rows, Action<int>? progress, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        var connection = _db.Database.GetDbConnection();
        var transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        var columns = _columns.Count;
        var getters = _columns.Select(c => c.Get).ToArray();
        // Report about a hundred times per file, not per statement: progress handlers format a line each time.
        var reportEvery = Math.Max(_rowsPerStatement, rows.Count / 100);
        var nextReport = reportEvery;
        DbCommand? full = null;
        DbParameter[]? fullParameters = null;
        try
        {
            for (var start = 0; start < rows.Count; start += _rowsPerStatement)
            {
                ct.ThrowIfCancellationRequested();
                var count = Math.Min(_rowsPerStatement, rows.Count - start);
                DbCommand command;
                DbParameter[] parameters;
                if (count == _rowsPerStatement)
                {
                    // Full batches reuse one prepared statement; only the values change.
                    if (full is null)
                    {
                        (full, fullParameters) = Create(connection, transaction, count);
                        full.Prepare();
                    }
                    command = full;
                    parameters = fullParameters!;
                }
                else
                {
                    (command, parameters) = Create(connection, transaction, count);
                }
                var parameter = 0;
                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns; c++) parameters[parameter++].Value = getters[c](row) ?? DBNull.Value;
                }
                await command.ExecuteNonQueryAsync(ct);
                if (!ReferenceEquals(command, full)) await command.DisposeAsync();
                var done = start + count;
                if (done >= nextReport || done == rows.Count)
                {
                    progress?.Invoke(done);
                    nextReport = done + reportEvery;
                }
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
        return rows.Count;
    }

    private (DbCommand Command, DbParameter[] Parameters) Create(DbConnection connection, DbTransaction? transaction, int rowCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var parameters = new DbParameter[rowCount * _columns.Count];
        var sql = new StringBuilder(64 + rowCount * _columns.Count * 8);
        sql.Append("INSERT INTO \"").Append(_table).Append("\" (").AppendJoin(", ", _columns.Select(c => $"\"{c.Column}\"")).Append(") VALUES ");
        var n = 0;
        for (var r = 0; r < rowCount; r++)
        {
            if (r > 0) sql.Append(", ");
            sql.Append('(');
            for (var c = 0; c < _columns.Count; c++)
            {
                if (c > 0) sql.Append(", ");
                var name = "@p" + n;
                sql.Append(name);
                // The EF type mapping creates the parameter, so converters (Guid, DateOnly, decimal) match EF's own writes.
                var p = _columns[c].Mapping.CreateParameter(command, name, null, nullable: true);
                command.Parameters.Add(p);
                parameters[n++] = p;
            }
            sql.Append(')');
        }
        sql.Append(" ON CONFLICT (").AppendJoin(", ", _conflict.Select(c => $"\"{c}\"")).Append(") DO ");
        if (_update.Length == 0) sql.Append("NOTHING");
        else sql.Append("UPDATE SET ").AppendJoin(", ", _update.Select(c => $"\"{c}\" = excluded.\"{c}\""));
        command.CommandText = sql.ToString();
        return (command, parameters);
    }

    /// <summary>A compiled property read (reflection per value dominated the write), then the EF converter if any.</summary>
    private static Func<T, object?> Getter(PropertyInfo info, Func<object?, object?>? toProvider)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var read = Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(row, info), typeof(object)), row).Compile();
        return toProvider is null ? read : r => read(r) is { } v ? toProvider(v) : null;
    }
}
