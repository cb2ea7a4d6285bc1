using System.Data.Common;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Probity.Infrastructure.Database;

namespace Probity.Interchange.ImportBundle;

/// <summary>
/// Writes many rows of one entity type with multi-row INSERT ... ON CONFLICT DO UPDATE, which SQLite and
/// PostgreSQL both understand, using the EF model for table, column and type mapping (so value converters apply
/// exactly as they would through EF). Change tracking is far too slow for a force's ten-year history.
/// Columns the platform owns and PIF-1 does not carry are inserted but never overwritten by an import.
/// </summary>
internal sealed class BulkUpsert<T> where T : class
{
    private static readonly HashSet<string> PlatformOwned = new(StringComparer.Ordinal) { "Summary", "Restricted", "Version", "Name", "Contact" };

    private readonly ProbityDb _db;
    private readonly string _table;
    private readonly List<(string Column, RelationalTypeMapping Mapping, Func<T, object?> Get)> _columns = [];
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
        }
        var key = entity.FindPrimaryKey()!;
        IReadOnlyList<IProperty> conflictProps = key.Properties.All(p => !p.IsShadowProperty())
            ? key.Properties
            : entity.GetIndexes().First(i => i.IsUnique).Properties;
        _conflict = conflictProps.Select(p => p.GetColumnName(store)!).ToArray();
        _update = _columns.Select(c => c.Column).Where(c => !_conflict.Contains(c) && !PlatformOwned.Contains(c)).ToArray();
        // Keep well under SQLite's 32,766 host parameters per statement.
        _rowsPerStatement = Math.Max(1, Math.Min(500, 30_000 / _columns.Count));
    }

    public async Task<int> WriteAsync(IReadOnlyList<T> rows, Action<int>? progress, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        var connection = _db.Database.GetDbConnection();
        var transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += _rowsPerStatement)
            {
                ct.ThrowIfCancellationRequested();
                var count = Math.Min(_rowsPerStatement, rows.Count - start);
                DbCommand command;
                if (count == _rowsPerStatement)
                {
                    // Full batches reuse one prepared statement; only the values change.
                    full ??= Create(connection, transaction, count);
                    command = full;
                }
                else
                {
                    command = Create(connection, transaction, count);
                }
                var parameter = 0;
                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    foreach (var (_, _, get) in _columns) command.Parameters[parameter++].Value = get(row) ?? DBNull.Value;
                }
                await command.ExecuteNonQueryAsync(ct);
                if (!ReferenceEquals(command, full)) await command.DisposeAsync();
                progress?.Invoke(start + count);
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
        return rows.Count;
    }

    private DbCommand Create(DbConnection connection, DbTransaction? transaction, int rowCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
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
                var name = "@p" + n++;
                sql.Append(name);
                // The EF type mapping creates the parameter, so converters (Guid, DateOnly, decimal) match EF's own writes.
                command.Parameters.Add(_columns[c].Mapping.CreateParameter(command, name, null, nullable: true));
            }
            sql.Append(')');
        }
        sql.Append(" ON CONFLICT (").AppendJoin(", ", _conflict.Select(c => $"\"{c}\"")).Append(") DO ");
        if (_update.Length == 0) sql.Append("NOTHING");
        else sql.Append("UPDATE SET ").AppendJoin(", ", _update.Select(c => $"\"{c}\" = excluded.\"{c}\""));
        command.CommandText = sql.ToString();
        return command;
    }

    private static Func<T, object?> Getter(PropertyInfo info, Func<object?, object?>? toProvider) =>
        toProvider is null ? row => info.GetValue(row) : row => info.GetValue(row) is { } v ? toProvider(v) : null;
}
