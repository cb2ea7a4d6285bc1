using Probity.Infrastructure;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Probity.Interchange.Contracts;
using Probity.Interchange.Pif;

namespace Probity.Interchange.Mapping;

/// <summary>One source cell (or row) kept out of the import, and why. Line 1 is the source file's header.</summary>
internal sealed record QuarantinedCell(string File, int Line, string? Column, string? Value, string Reason, string Target)
{
    public override string ToString() =>
        $"{File}:{Line}{(Column is null ? "" : $" column '{Column}'")}{(Value is null ? "" : $" value {PifFormat.Quote(Value)}")}: {Reason}{(Target.Length == 0 ? "" : $" ({Target})")}";
}

/// <summary>How one source file fared: rows read, rows that made at least one PIF-1 row, rows quarantined, rows a rule skipped.</summary>
internal sealed record SourceQuality(string File, int Rows, int Used, int Quarantined, int Skipped);

/// <summary>How one PIF-1 file came out: rows made, repeats merged into an earlier row (same key), rows quarantined.</summary>
internal sealed record TargetQuality(string File, int Rows, int Merged, int Quarantined);

/// <summary>
/// The data-quality report of a mapped import: what was read, made, merged and kept out, every quarantined cell with its
/// file, line, column, value and reason, optional values left empty, and problems that stop the import whatever the mode.
/// </summary>
internal sealed record MappingReport(string Mapping, bool Lenient, IReadOnlyList<SourceQuality> Sources, IReadOnlyList<TargetQuality> Targets,
    IReadOnlyList<QuarantinedCell> Quarantine, IReadOnlyList<QuarantinedCell> LeftEmpty, IReadOnlyList<string> Fatal, IReadOnlyList<PifIssue> Warnings)
{
    /// <summary>Import may go ahead: nothing fatal, and either lenient or nothing quarantined (the default is all-or-nothing).</summary>
    public bool FitToImport => Fatal.Count == 0 && (Lenient || Quarantine.Count == 0);

    /// <summary>Quarantined cells counted by column and reason (values left out), most frequent first: what to fix at the source.</summary>
    public IReadOnlyList<(string File, string? Column, string Reason, int Count)> Summary =>
        [.. Quarantine.GroupBy(q => (q.File, q.Column, Reason: Generalise(q)))
            .Select(g => (g.Key.File, g.Key.Column, g.Key.Reason, g.Count())).OrderByDescending(x => x.Item4).ThenBy(x => x.File, StringComparer.Ordinal)];

    private static string Generalise(QuarantinedCell q) => q.Value is { Length: > 0 } v ? q.Reason.Replace(PifFormat.Quote(v), "…", StringComparison.Ordinal) : q.Reason;

    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"Data-quality report: mapping \"{Mapping}\" ({(Lenient ? "lenient: what is valid is imported, the rest quarantined" : "all-or-nothing")})");
        foreach (var f in Fatal) sb.AppendLine(c, $"  cannot import: {f}");
        sb.AppendLine("  source file                                   rows      used  quarantined  skipped");
        foreach (var s in Sources) sb.AppendLine(c, $"  {s.File,-40} {s.Rows,9:N0} {s.Used,9:N0} {s.Quarantined,12:N0} {s.Skipped,8:N0}");
        sb.AppendLine("  PIF-1 file                                    rows    merged  quarantined");
        foreach (var t in Targets) sb.AppendLine(c, $"  {t.File,-40} {t.Rows,9:N0} {t.Merged,9:N0} {t.Quarantined,12:N0}");
        if (Quarantine.Count > 0)
        {
            sb.AppendLine(c, $"  {Quarantine.Count:N0} quarantined, by reason:");
            foreach (var (file, column, reason, count) in Summary.Take(30)) sb.AppendLine(c, $"    {count,7:N0}  {file}{(column is null ? "" : $" column '{column}'")}: {reason}");
        }
        if (LeftEmpty.Count > 0) sb.AppendLine(c, $"  {LeftEmpty.Count:N0} optional value(s) left empty (the mapping allows it), e.g. {LeftEmpty[0]}");
        return sb.ToString();
    }

    /// <summary>The quarantine as CSV (file,line,column,value,reason,target), for the people who put the source right.</summary>
    public string QuarantineCsv()
    {
        var sb = new StringBuilder();
        Infrastructure.Csv.Line(sb, ["file", "line", "column", "value", "reason", "target"]);
        foreach (var q in Quarantine) Infrastructure.Csv.Line(sb, [q.File, q.Line.ToString(CultureInfo.InvariantCulture), q.Column, q.Value, q.Reason, q.Target]);
        return sb.ToString();
    }
}

/// <summary>A mapped export, as a PIF-1 bundle checked by the PIF-1 reader, with its data-quality report.</summary>
internal sealed record MappedBundle(PifBundle Bundle, MappingReport Report);

/// <summary>
/// Turns another system's export into PIF-1 by a mapping file, the way a force migrating from its legacy system would.
/// The mapped rows are written as PIF-1 CSV in memory and read back by <see cref="PifReader"/>, so they meet exactly the
/// checks a PIF-1 bundle does (vocabularies, references, dates in order, the calendar); each problem is traced back to
/// the source file, line, column and value it came from. By default any problem refuses the whole import; lenient mode
/// quarantines the rows with problems (and, in turn, the rows that referred to them) and imports the rest.
/// Writing is <see cref="ImportBundle.ImportBundleHandler"/>'s: need-to-know, timeline and audit are the same as any import.
/// </summary>
internal static class MappedImport
{
    /// <summary>A source file larger than this (in rows) is refused rather than held in memory.</summary>
    public const int MaxSourceRows = 5_000_000;
    private const int MaxPasses = 10;

    public static MappedBundle Map(MappingFile mapping, string folder, bool lenient, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder)) return Map(mapping, new Dictionary<string, Func<Stream>>(), lenient, $"the source folder {folder} does not exist", ct);
        // Names are matched without regard to case: two files that differ only in case leave which one is meant to chance.
        var byName = Directory.EnumerateFiles(folder).GroupBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase).ToList();
        var clash = byName.Where(g => g.Count() > 1).Select(g => string.Join(" and ", g.Select(Path.GetFileName).Order(StringComparer.Ordinal))).ToList();
        if (clash.Count > 0)
            return Map(mapping, new Dictionary<string, Func<Stream>>(), lenient, $"the source folder {folder} holds files whose names differ only in case ({string.Join("; ", clash)}): keep one of each", ct);
        var files = byName.ToDictionary(g => g.Key, g => { var path = g.Single(); return (Func<Stream>)(() => File.OpenRead(path)); }, StringComparer.OrdinalIgnoreCase);
        return Map(mapping, files, lenient, null, ct);
    }

    /// <param name="files">Source files by name (case-insensitive); a name ending .gz is read decompressed.</param>
    public static MappedBundle Map(MappingFile mapping, IReadOnlyDictionary<string, Func<Stream>> files, bool lenient, string? problem = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(files);
        var run = new Run(mapping, lenient);
        if (problem is not null) run.Fatal.Add(problem);
        else run.Execute(files, ct);
        return run.Result();
    }

    private sealed record SourceRow(int Line, string[] Cells);

    private sealed class SourceTable(string label, Dictionary<string, int> columns, List<SourceRow> rows)
    {
        public string Label { get; } = label;
        public Dictionary<string, int> Columns { get; } = columns;
        public List<SourceRow> Rows { get; } = rows;
        /// <summary>Rows that could not be read as CSV: no rule sees them.</summary>
        public HashSet<int> Malformed { get; } = [];
        /// <summary>Rows kept out of every PIF-1 file: a source row is imported whole or not at all.</summary>
        public HashSet<int> Quarantined { get; } = [];
        /// <summary>Rows that made at least one PIF-1 row (before quarantine).</summary>
        public HashSet<int> Mapped { get; } = [];
        /// <summary>Header names that appear more than once, with their field numbers (1-based): reading one is ambiguous.</summary>
        public Dictionary<string, List<int>> RepeatedColumns { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The row of another source a lookup joined to. Where several rows share the key and the rule keeps
    /// <c>duplicates: identical</c>, <paramref name="Repeats"/> holds them all: a value read through the lookup must be the
    /// same in each, else it is a problem (the join would otherwise silently take the first).
    /// </summary>
    private sealed record LookupHit(SourceTable Table, SourceRow? Row, IReadOnlyList<SourceRow> Repeats);

    /// <summary>A PIF-1 row made from one source row, with where each of its values came from.</summary>
    private sealed class TargetRow(MappingRule rule, PifFile file, string source, SourceTable table, int rowIndex, Dictionary<string, string?> values, Dictionary<string, (string Column, string? Raw)> from)
    {
        public MappingRule Rule { get; } = rule;
        public PifFile File { get; } = file;
        public string Source { get; } = source;
        public SourceTable Table { get; } = table;
        public int RowIndex { get; } = rowIndex;
        public int Line => Table.Rows[RowIndex].Line;
        public Dictionary<string, string?> Values { get; } = values;
        public Dictionary<string, (string Column, string? Raw)> From { get; } = from;
    }

    private sealed class Run(MappingFile mapping, bool lenient)
    {
        public List<string> Fatal { get; } = [];
        private readonly Dictionary<string, SourceTable> _tables = new(StringComparer.Ordinal);
        private readonly List<QuarantinedCell> _quarantine = [];
        private readonly List<QuarantinedCell> _leftEmpty = [];
        private readonly Dictionary<string, int> _merged = new(StringComparer.Ordinal);
        private readonly Dictionary<PifFile, List<TargetRow>> _candidates = [];
        /// <summary>Source rows a rule could not map at all, per PIF-1 file (those never became candidates).</summary>
        private readonly Dictionary<string, int> _unmapped = new(StringComparer.Ordinal);
        private Dictionary<PifFile, List<TargetRow>> _rows = [];
        private IReadOnlyList<PifIssue> _warnings = [];
        private PifBundle _bundle = new();

        public MappedBundle Result() => new(_bundle, new MappingReport(mapping.Name, lenient,
            [.. _tables.Values.DistinctBy(t => t.Label).Select(t => new SourceQuality(t.Label, t.Rows.Count, t.Mapped.Count(r => !t.Quarantined.Contains(r)), t.Quarantined.Count,
                t.Rows.Count - t.Quarantined.Count - t.Mapped.Count(r => !t.Quarantined.Contains(r))))],
            [.. PifSchema.All.Where(f => _candidates.ContainsKey(f)).Select(f => new TargetQuality(f.Name, _rows.GetValueOrDefault(f)?.Count ?? 0, _merged.GetValueOrDefault(f.Name),
                _unmapped.GetValueOrDefault(f.Name) + _candidates[f].Where(r => r.Table.Quarantined.Contains(r.RowIndex)).Select(r => (r.Table, r.RowIndex)).Distinct().Count()))],
            _quarantine, _leftEmpty, Fatal, _warnings));

        public void Execute(IReadOnlyDictionary<string, Func<Stream>> files, CancellationToken ct)
        {
            foreach (var (name, source) in mapping.Sources)
            {
                var table = _tables.Values.FirstOrDefault(t => string.Equals(t.Label, source.File, StringComparison.OrdinalIgnoreCase)) ?? ReadSource(source.File, files, ct);
                if (table is not null) _tables[name] = table;
            }
            if (Fatal.Count > 0) return;
            CheckColumns();
            if (Fatal.Count > 0) return;
            foreach (var rule in mapping.Rules) Apply(rule, ct);
            Validate(ct);
        }

        private SourceTable? ReadSource(string fileName, IReadOnlyDictionary<string, Func<Stream>> files, CancellationToken ct)
        {
            var gz = fileName + ".gz";
            var name = files.ContainsKey(fileName) ? fileName : files.ContainsKey(gz) ? gz : null;
            if (name is null)
            {
                Fatal.Add($"{fileName}: the mapping reads this file and it is not among the source files");
                return null;
            }
            try
            {
                using var raw = files[name]();
                using var unzipped = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(raw, CompressionMode.Decompress) : null;
                var invalid = new InvalidBytesFallback();
                using var text = new StreamReader(unzipped ?? raw, Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, invalid), false, 1 << 16);
                var csv = new CsvRecordReader(text, invalid);
                if (!csv.Read()) { Fatal.Add($"{fileName}: the file is empty (no header row)"); return null; }
                if (csv.LooksBinary) { Fatal.Add($"{fileName}: the file is not text (a spreadsheet saved as .csv?)"); return null; }
                var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                var headerFields = csv.FieldCount;
                var rows = new List<SourceRow>();
                var table = new SourceTable(fileName, columns, rows);
                for (var i = 0; i < headerFields; i++)
                {
                    var header = csv[i].ToString().Trim();
                    if (columns.TryAdd(header, i)) continue;
                    if (!table.RepeatedColumns.TryGetValue(header, out var at)) table.RepeatedColumns[header] = at = [columns[header] + 1];
                    at.Add(i + 1);
                }
                while (csv.Read())
                {
                    ct.ThrowIfCancellationRequested();
                    if (csv.IsBlank) continue;
                    if (rows.Count >= MaxSourceRows)
                    {
                        Fatal.Add($"{fileName}: more than {MaxSourceRows:N0} rows; split the export");
                        return null;
                    }
                    var cells = new string[csv.FieldCount];
                    for (var i = 0; i < cells.Length; i++) cells[i] = csv[i].ToString();
                    rows.Add(new SourceRow(csv.RecordLine, cells));
                    var wrong = csv.Malformed is { } m ? m
                        : csv.HasInvalidBytes ? "the line holds bytes that are not UTF-8"
                        : cells.Length != headerFields ? $"the row has {cells.Length} fields and the header {headerFields}"
                        : null;
                    if (wrong is not null)
                    {
                        table.Quarantined.Add(rows.Count - 1);
                        table.Malformed.Add(rows.Count - 1);
                        _quarantine.Add(new QuarantinedCell(fileName, csv.RecordLine, null, null, wrong, ""));
                    }
                }
                return table;
            }
            catch (CsvFormatException e)
            {
                Fatal.Add($"{fileName}:{e.Line}: {e.Message}");
            }
            catch (InvalidDataException e)
            {
                Fatal.Add($"{fileName}: not a valid gzip file ({e.Message})");
            }
            catch (IOException e)
            {
                Fatal.Add($"{fileName}: could not be read ({e.Message})");
            }
            return null;
        }

        /// <summary>Every column a rule names must be in its file's header: a mapping written for another layout is refused whole.</summary>
        private void CheckColumns()
        {
            void Need(SourceTable table, string column, string where)
            {
                if (!table.Columns.ContainsKey(column)) Fatal.Add($"{table.Label}: no column '{column}' (the mapping's {where} reads it; the header has {string.Join(", ", table.Columns.Keys)})");
                else if (table.RepeatedColumns.TryGetValue(column, out var at))
                    Fatal.Add($"{table.Label}: the header names column '{column}' {at.Count} times (fields {string.Join(", ", at)}) and the mapping's {where} reads it; rename the copies so it is clear which one is meant");
            }
            foreach (var (name, source) in mapping.Sources)
                foreach (var (lookupName, lookup) in source.Lookups)
                {
                    Need(_tables[name], lookup.On, $"sources.{name}.lookups.{lookupName}.on");
                    Need(_tables[lookup.Source], lookup.Key, $"sources.{name}.lookups.{lookupName}.key");
                }
            foreach (var rule in mapping.Rules)
            {
                var source = mapping.Sources[rule.From];
                foreach (var field in rule.Fields.Values)
                    foreach (var column in field.Columns.Concat(field.Template?.Parts.Where(p => p.Column is not null).Select(p => p.Column!) ?? []))
                        Need(column.Lookup is null ? _tables[rule.From] : _tables[source.Lookups[column.Lookup].Source], column.Column, field.Where);
            }
        }

        private readonly Dictionary<(string, string), Dictionary<string, List<SourceRow>>> _lookupIndex = [];

        /// <summary>The rows of a source by the value of a key column, in file order.</summary>
        private Dictionary<string, List<SourceRow>> LookupIndex(string sourceName, string key)
        {
            if (_lookupIndex.TryGetValue((sourceName, key), out var index)) return index;
            var table = _tables[sourceName];
            var column = table.Columns[key];
            index = new Dictionary<string, List<SourceRow>>(StringComparer.Ordinal);
            for (var i = 0; i < table.Rows.Count; i++)
                if (!table.Malformed.Contains(i) && column < table.Rows[i].Cells.Length)
                {
                    var value = table.Rows[i].Cells[column].Trim();
                    if (!index.TryGetValue(value, out var rows)) index[value] = rows = [];
                    rows.Add(table.Rows[i]);
                }
            return _lookupIndex[(sourceName, key)] = index;
        }

        private void Apply(MappingRule rule, CancellationToken ct)
        {
            var table = _tables[rule.From];
            var source = mapping.Sources[rule.From];
            var sequences = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
            if (!_candidates.TryGetValue(rule.File, out var made)) _candidates[rule.File] = made = [];
            var target = $"{rule.File.Name}, {rule.Where}";
            for (var r = 0; r < table.Rows.Count; r++)
            {
                ct.ThrowIfCancellationRequested();
                if (table.Malformed.Contains(r)) continue;
                var row = table.Rows[r];
                var problems = new List<QuarantinedCell>();
                var found = new Dictionary<string, LookupHit>(StringComparer.Ordinal);
                foreach (var (lookupName, lookup) in source.Lookups)
                {
                    var on = Cell(table, row, lookup.On);
                    var other = _tables[lookup.Source];
                    SourceRow? hit = null;
                    IReadOnlyList<SourceRow> repeats = [];
                    if (!mapping.Nulls.Contains(on))
                    {
                        // A key repeated in the other source: the rule's duplicates setting says which row wins, as it does
                        // for the rule's own repeats (identical: any of them, provided what is read agrees).
                        if (LookupIndex(lookup.Source, lookup.Key).TryGetValue(on, out var hits))
                            (hit, repeats) = rule.Duplicates switch { "last" => (hits[^1], []), "first" => (hits[0], []), _ => (hits[0], hits.Count > 1 ? hits : []) };
                        else if (rule.Fields.Values.Any(f => f.Columns.Concat(f.Template?.Parts.Select(p => p.Column) ?? []).Any(c => c?.Lookup == lookupName)))
                            problems.Add(new QuarantinedCell(table.Label, row.Line, lookup.On, on, $"no row of {other.Label} has {lookup.Key} {PifFormat.Quote(on)}", target));
                    }
                    found[lookupName] = new LookupHit(other, hit, repeats);
                }
                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                var from = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
                foreach (var (column, field) in rule.Fields)
                {
                    var (value, origin, raw, problem) = Evaluate(field, table, row, found, sequences, column);
                    from[column] = (origin, raw);
                    if (problem is null) { values[column] = value; continue; }
                    var (file, line, sourceColumn) = Locate(origin, table, row, found);
                    var cell = new QuarantinedCell(file, line, sourceColumn, raw, $"{column}: {problem}", target);
                    if (field.Optional)
                    {
                        _leftEmpty.Add(cell with { Reason = cell.Reason + "; left empty" });
                        values[column] = null;
                    }
                    else problems.Add(cell);
                }
                if (problems.Count > 0)
                {
                    _unmapped[rule.File.Name] = _unmapped.GetValueOrDefault(rule.File.Name) + 1;
                    Quarantine(table, r, problems);
                    continue;
                }
                if (rule.SkipWhenEmpty.Any(c => string.IsNullOrEmpty(values[c]))) continue;
                table.Mapped.Add(r);
                made.Add(new TargetRow(rule, rule.File, target, table, r, values, from));
            }
        }

        /// <summary>Where a value came from: a column of the row itself, or of the row a lookup found (reported at that row).</summary>
        private static (string File, int Line, string Column) Locate(string origin, SourceTable table, SourceRow row, Dictionary<string, LookupHit> found)
        {
            var dot = origin.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && found.TryGetValue(origin[..dot], out var hit) && hit.Row is { } other) return (hit.Table.Label, other.Line, origin[(dot + 1)..]);
            return (table.Label, row.Line, origin);
        }

        private void Quarantine(SourceTable table, int row, IEnumerable<QuarantinedCell> cells)
        {
            _quarantine.AddRange(cells);
            table.Quarantined.Add(row);
        }

        private string Cell(SourceTable table, SourceRow row, string column)
        {
            var i = table.Columns[column];
            return i < row.Cells.Length ? row.Cells[i].Trim() : "";
        }

        /// <summary>One field's value for one row: the value, the source column it came from, that column's raw text, and what is wrong (or null).</summary>
        private (string? Value, string Origin, string? Raw, string? Problem) Evaluate(FieldRule field, SourceTable table, SourceRow row,
            Dictionary<string, LookupHit> found, Dictionary<string, Dictionary<string, int>> sequences, string column)
        {
            string? conflict = null;
            string? Read(ColumnRef c)
            {
                if (c.Lookup is null) return Cell(table, row, c.Column);
                var (t, r, repeats) = found[c.Lookup];
                if (r is null) return null;
                var value = Cell(t, r, c.Column);
                if (conflict is null && repeats.FirstOrDefault(other => !string.Equals(Cell(t, other, c.Column), value, StringComparison.Ordinal)) is { } differs)
                    conflict = $"{c.Lookup}: {t.Label} lines {r.Line} and {differs.Line} share the key and differ in {c.Column} " +
                        $"({PifFormat.Quote(value)} and {PifFormat.Quote(Cell(t, differs, c.Column))}); the rule's duplicates setting (first or last) says which to take";
                return value;
            }
            var result = EvaluateField(field, Read, sequences, column);
            return conflict is null ? result : (null, result.Origin, result.Raw, conflict);
        }

        private (string? Value, string Origin, string? Raw, string? Problem) EvaluateField(FieldRule field, Func<ColumnRef, string?> read,
            Dictionary<string, Dictionary<string, int>> sequences, string column)
        {
            if (field.Constant is not null) return (field.Constant.Length == 0 ? null : field.Constant, "(mapping)", null, null);
            if (field.Template is { } template)
            {
                var sb = new StringBuilder();
                ColumnRef? first = null;
                foreach (var (literal, col, _) in template.Parts)
                {
                    sb.Append(literal);
                    if (col is null) continue;
                    first ??= col;
                    var v = read(col);
                    if (v is not null && !mapping.Nulls.Contains(v)) sb.Append(v);
                }
                var text = sb.ToString();
                if (template.HasSequence)
                {
                    if (!sequences.TryGetValue(column, out var counts)) sequences[column] = counts = new(StringComparer.Ordinal);
                    var n = counts[text] = counts.GetValueOrDefault(text) + 1;
                    var withSeq = new StringBuilder();
                    foreach (var (literal, col, seq) in template.Parts)
                    {
                        withSeq.Append(literal);
                        if (seq) withSeq.Append(n.ToString(CultureInfo.InvariantCulture));
                        else if (col is not null && read(col) is { } v && !mapping.Nulls.Contains(v)) withSeq.Append(v);
                    }
                    text = withSeq.ToString();
                }
                return Shape(field, text, first?.ToString() ?? "(mapping)", text);
            }
            (string? Value, string Origin, string? Raw, string? Problem) last = (null, field.Columns[0].ToString(), null, null);
            foreach (var c in field.Columns)
            {
                var raw = read(c);
                if (raw is null || mapping.Nulls.Contains(raw)) { if (last.Raw is null) last = (null, c.ToString(), raw, null); continue; }
                var shaped = Shape(field, raw, c.ToString(), raw);
                if (shaped.Problem is not null || shaped.Value is not null) return shaped;
                last = shaped;
            }
            return last;
        }

        /// <summary>Pattern, then map, then date format.</summary>
        private static (string? Value, string Origin, string? Raw, string? Problem) Shape(FieldRule field, string text, string origin, string raw)
        {
            var value = text;
            if (field.Pattern is { } pattern)
            {
                var m = pattern.Match(value);
                if (!m.Success) return (null, origin, raw, $"{PifFormat.Quote(raw)} does not have the expected form ({pattern})");
                value = m.Groups[1].Value.Trim();
            }
            if (field.Map is { } map)
            {
                if (!map.TryMap(value, out var code))
                    return (null, origin, raw, $"{PifFormat.Quote(value)} is not in the value map '{map.Name}'");
                if (code is null) return (null, origin, raw, null);
                value = code;
            }
            if (field.DateFormats.Count > 0)
            {
                if (!DateOnly.TryParseExact(value, [.. field.DateFormats], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return (null, origin, raw, $"{PifFormat.Quote(value)} is not a date in the form {string.Join(" or ", field.DateFormats)}");
                value = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            return (value.Length == 0 ? null : value, origin, raw, null);
        }

        /// <summary>
        /// The PIF-1 rows from the source rows not in quarantine, one per key: a repeat is merged into the first (or replaces
        /// it, by the rule); a repeat that disagrees is quarantined unless the rule says which wins. Returns whether it quarantined any.
        /// </summary>
        private bool Deduplicate()
        {
            var quarantined = false;
            _merged.Clear();
            _rows = [];
            foreach (var (file, candidates) in _candidates)
            {
                var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
                var kept = new List<TargetRow>();
                foreach (var row in candidates)
                {
                    if (row.Table.Quarantined.Contains(row.RowIndex)) continue;
                    var rule = row.Rule;
                    var key = string.Join('\u001f', rule.Key.Select(k => row.Values.GetValueOrDefault(k) ?? ""));
                    if (!byKey.TryGetValue(key, out var at))
                    {
                        byKey[key] = kept.Count;
                        kept.Add(row);
                        continue;
                    }
                    var earlier = kept[at];
                    var differs = row.Values.Where(v => earlier.Values.TryGetValue(v.Key, out var e) && !string.Equals(e, v.Value, StringComparison.Ordinal)).Select(v => v.Key).FirstOrDefault();
                    if (differs is null || rule.Duplicates == "first")
                    {
                        _merged[file.Name] = _merged.GetValueOrDefault(file.Name) + 1;
                        continue;
                    }
                    if (rule.Duplicates == "last")
                    {
                        kept[at] = row;
                        _merged[file.Name] = _merged.GetValueOrDefault(file.Name) + 1;
                        continue;
                    }
                    var (column, raw) = row.From[differs];
                    quarantined = true;
                    Quarantine(row.Table, row.RowIndex, [new QuarantinedCell(row.Table.Label, row.Line, column, raw,
                        $"{differs}: repeats {string.Join(", ", rule.Key)} {PifFormat.Quote(key.Replace('\u001f', ','))} of {earlier.Table.Label} line {earlier.Line} with a different {differs} ({PifFormat.Quote(earlier.Values[differs] ?? "")} there, {PifFormat.Quote(row.Values[differs] ?? "")} here)", row.Source)]);
                }
                _rows[file] = kept;
            }
            return quarantined;
        }

        /// <summary>Writes the rows as PIF-1 in memory and reads them back with the PIF-1 reader, tracing each problem to its source; lenient mode takes the rows out and tries again.</summary>
        private void Validate(CancellationToken ct)
        {
            for (var pass = 0; pass < MaxPasses; pass++)
            {
                // A quarantined repeat takes its source row out of every file, which can change other keys' first rows.
                while (Deduplicate() && lenient) { }
                var (streams, lines) = Render();
                var read = PifReader.Read(streams, null, ct);
                _warnings = read.Warnings;
                _bundle = read.Bundle;
                if (read.Errors.Count == 0) return;
                var any = false;
                foreach (var error in read.Errors)
                {
                    if (!lines.TryGetValue(error.File, out var byLine) || !byLine.TryGetValue(error.Line, out var row))
                    {
                        if (!Fatal.Contains(error.ToString())) Fatal.Add(error.ToString());
                        continue;
                    }
                    var (column, raw) = error.Column is { } c && row.From.TryGetValue(c, out var f) ? f : ("(row)", null);
                    any = true;
                    Quarantine(row.Table, row.RowIndex, [new QuarantinedCell(row.Table.Label, row.Line, column, raw, $"{error.Column ?? row.File.Name}: {error.Reason}", row.Source)]);
                }
                // All-or-nothing: every problem is reported once; nothing will be written.
                if (!lenient || !any) return;
            }
            Fatal.Add($"the rows still had problems after {MaxPasses} passes of quarantining");
        }

        private (List<(string, Func<Stream>)> Streams, Dictionary<string, Dictionary<int, TargetRow>> Lines) Render()
        {
            var streams = new List<(string, Func<Stream>)>();
            var lines = new Dictionary<string, Dictionary<int, TargetRow>>(StringComparer.Ordinal);
            foreach (var file in PifSchema.All)
            {
                if (!_rows.TryGetValue(file, out var rows)) continue;
                var used = file.Columns.Where(c => mapping.Rules.Any(r => r.File == file && r.Fields.ContainsKey(c))).ToList();
                var sb = new StringBuilder();
                Infrastructure.Csv.Line(sb, used);
                var line = 2;
                var byLine = new Dictionary<int, TargetRow>();
                foreach (var row in rows)
                {
                    byLine[line] = row;
                    var record = Infrastructure.Csv.Record(used.Select(c => row.Values.GetValueOrDefault(c)));
                    sb.Append(record).Append("\r\n");
                    line += 1 + CountLineBreaks(record);
                }
                var bytes = Encoding.UTF8.GetBytes(sb.ToString());
                streams.Add((file.Name, () => new MemoryStream(bytes, writable: false)));
                lines[file.Name] = byLine;
            }
            return (streams, lines);
        }

        private static int CountLineBreaks(string s)
        {
            var n = 0;
            for (var i = 0; i < s.Length; i++)
                if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.Length || s[i + 1] != '\n'))) n++;
            return n;
        }
    }
}
