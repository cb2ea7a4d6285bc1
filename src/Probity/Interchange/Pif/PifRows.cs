using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Probity.Infrastructure;
using Probity.Infrastructure.Time;

namespace Probity.Interchange.Pif;

/// <summary>A column of the file being read: its spec name and where it sits in this file's header (-1 when the file lacks it).</summary>
internal readonly record struct Col(string Name, int Field);

/// <summary>A code list with the words to name it in a message, looked up by span so reading a code allocates nothing.</summary>
internal sealed class CodeList
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CodeList(string what, FrozenSet<string> codes)
    {
        What = what;
        _lookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        Allowed = string.Join(", ", codes.Order(StringComparer.Ordinal));
    }

    public string What { get; }
    public string Allowed { get; }

    public bool TryGet(ReadOnlySpan<char> code, [NotNullWhen(true)] out string? canonical) => _lookup.TryGetValue(code, out canonical);
}

internal enum KeyIndexState { Absent, Loaded, Unusable }

/// <summary>The ids of one file with the line each was defined on: finds duplicates and answers references from other files.</summary>
internal sealed class KeyIndex
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly HashSet<string> _absenceReported = new(StringComparer.Ordinal);

    public KeyIndex(PifFile file, string column)
    {
        File = file;
        Column = column;
        _lookup = _lines.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public PifFile File { get; }
    public string Column { get; }
    /// <summary>Absent: the file is not in the bundle. Unusable: it is, but could not be read, so references to it are not checked.</summary>
    public KeyIndexState State { get; set; } = KeyIndexState.Absent;

    /// <summary>Adds an id; false (with the line it was first seen on) if it is already there.</summary>
    public bool TryAdd(string id, int line, out int firstLine)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_lines, id, out var exists);
        if (exists)
        {
            firstLine = slot;
            return false;
        }
        slot = line;
        firstLine = line;
        return true;
    }

    /// <summary>Finds an id and returns the instance already held, so references share one string with their target.</summary>
    public bool TryFind(ReadOnlySpan<char> id, [NotNullWhen(true)] out string? canonical) => _lookup.TryGetValue(id, out canonical, out _);

    /// <summary>As <see cref="TryFind(ReadOnlySpan{char}, out string?)"/>, also giving the line the id is defined on.</summary>
    public bool TryFind(ReadOnlySpan<char> id, [NotNullWhen(true)] out string? canonical, out int line) => _lookup.TryGetValue(id, out canonical, out line);

    /// <summary>
    /// A number standing for an id in natural keys (cheaper to hash and to hold than the string): the line it is defined on,
    /// or, for an id this file lacks, a negative number of its own.
    /// </summary>
    public int KeyOf(string id)
    {
        if (_lines.TryGetValue(id, out var line)) return line;
        _strangers ??= new Dictionary<string, int>(StringComparer.Ordinal);
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_strangers, id, out var exists);
        if (!exists) slot = -_strangers.Count;
        return slot;
    }

    private Dictionary<string, int>? _strangers;

    public bool Contains(string id) => _lines.ContainsKey(id);

    /// <summary>True the first time a referring file/column reports that this file is absent.</summary>
    public bool FirstAbsenceReport(string referrer) => _absenceReported.Add(referrer);
}

/// <summary>
/// Reads the rows of one file and turns fields into values, reporting every bad field as file, line, column and a reason
/// that names the bad value. Helpers return null for an empty or bad value; the caller still builds the entity, because
/// a bundle with any error is never imported and continuing finds the rest of the errors.
/// </summary>
internal sealed class PifRows
{
    private const int ProgressEvery = 16_384;
    private const int CancelCheckEvery = 4096;

    private readonly CsvRecordReader _csv;
    private readonly IssueLog _log;
    private readonly PifFile _file;
    private readonly Func<long> _bytesRead;
    private readonly long? _totalBytes;
    private readonly IProgress<PifProgress>? _progress;
    private readonly CancellationToken _ct;
    private int[] _fieldOf = [];
    private int _headerFields;
    private KeyIndex? _ownIds;
    private Col _ownIdColumn;

    public PifRows(CsvRecordReader csv, IssueLog log, PifFile file, string label, Func<long> bytesRead, long? totalBytes,
        IProgress<PifProgress>? progress, CancellationToken ct)
    {
        _csv = csv;
        _log = log;
        _file = file;
        Label = label;
        _bytesRead = bytesRead;
        _totalBytes = totalBytes;
        _progress = progress;
        _ct = ct;
    }

    /// <summary>The file name as given (e.g. "cases.csv.gz"): issues name the file the person has in front of them.</summary>
    public string Label { get; }
    public int Line => _csv.RecordLine;
    public long RowsRead { get; private set; }

    public Col this[string column]
    {
        get
        {
            var i = _file.IndexOf(column);
            if (i < 0) throw new ArgumentException($"{_file.Name} has no column {column}", nameof(column));
            return new Col(column, _fieldOf[i]);
        }
    }

    /// <summary>Reads and checks the header. False if the file cannot be read (empty, or a required column missing).</summary>
    public bool ReadHeader()
    {
        if (!_csv.Read())
        {
            _log.Error(Label, 1, null, "the file is empty; a header row naming the columns is required");
            return false;
        }
        if (_csv.LooksBinary || _csv.HasInvalidBytes)
        {
            _log.Error(Label, 1, null, "the file is not UTF-8 CSV text (a spreadsheet or another encoding?); save it as \"CSV UTF-8\" and try again");
            return false;
        }
        if (_csv.Malformed is { } why) _log.Error(Label, 1, null, $"the header row is not valid CSV: {why}");
        _headerFields = _csv.FieldCount;
        _fieldOf = new int[_file.Columns.Count];
        Array.Fill(_fieldOf, -1);
        for (var f = 0; f < _csv.FieldCount; f++)
        {
            var name = _csv[f].Trim();
            var i = IndexOfColumn(name);
            if (i < 0)
                _log.Warning(Label, 1, name.ToString(), $"unknown column {PifFormat.Quote(name)} is ignored");
            else if (_fieldOf[i] >= 0)
                _log.Error(Label, 1, _file.Columns[i], $"column '{_file.Columns[i]}' appears twice (columns {_fieldOf[i] + 1} and {f + 1})");
            else
                _fieldOf[i] = f;
        }
        var ok = true;
        for (var i = 0; i < _fieldOf.Length; i++)
        {
            if (_fieldOf[i] >= 0 || !_file.Required.Contains(_file.Columns[i])) continue;
            _log.Error(Label, 1, _file.Columns[i], $"required column '{_file.Columns[i]}' is missing; the file's rows were not read");
            ok = false;
        }
        Report();
        return ok;
    }

    private int IndexOfColumn(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < _file.Columns.Count; i++)
            if (name.Equals(_file.Columns[i], StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Names the id column of this file, so a row skipped as malformed still defines its id (no knock-on "unknown id" errors).</summary>
    public void IdsGoTo(KeyIndex ids, Col column)
    {
        _ownIds = ids;
        _ownIdColumn = column;
    }

    /// <summary>Moves to the next well-formed data row, reporting and skipping malformed ones.</summary>
    public bool Next()
    {
        while (_csv.Read())
        {
            if (++RowsRead % CancelCheckEvery == 0)
            {
                _ct.ThrowIfCancellationRequested();
                if (RowsRead % ProgressEvery == 0) Report();
            }
            if (_csv.IsBlank)
            {
                _log.Warning(Label, Line, null, "blank line ignored");
                continue;
            }
            if (_csv.Malformed is { } why)
            {
                _log.Error(Label, Line, null, $"the row is not valid CSV: {why}; the row was not read");
                KeepIdOfSkippedRow();
                continue;
            }
            if (_csv.HasInvalidBytes)
            {
                _log.Error(Label, Line, null, $"the row holds bytes that are not valid UTF-8 (shown as {InvalidBytesFallback.Replacement}); save the file as UTF-8; the row was not read");
                KeepIdOfSkippedRow();
                continue;
            }
            if (_csv.FieldCount != _headerFields)
            {
                _log.Error(Label, Line, null, $"the row has {_csv.FieldCount} fields but the header has {_headerFields}; the row was not read");
                KeepIdOfSkippedRow();
                continue;
            }
            return true;
        }
        Report();
        return false;
    }

    private void KeepIdOfSkippedRow()
    {
        if (_ownIds is null || _ownIdColumn.Field < 0 || _ownIdColumn.Field >= _csv.FieldCount) return;
        var id = Csv.Restore(_csv[_ownIdColumn.Field]);
        if (!id.IsEmpty && !_ownIds.TryFind(id, out _)) _ownIds.TryAdd(id.ToString(), Line, out _);
    }

    private void Report() => _progress?.Report(new PifProgress(Label, RowsRead, _bytesRead(), _totalBytes));

    // ---- issues ----

    public void Error(Col column, string reason) => _log.Error(Label, Line, column.Name, reason);
    public void Error(string? column, string reason) => _log.Error(Label, Line, column, reason);

    /// <summary>The field's value; a cell Probity's export neutralised against spreadsheet formulas comes back as it was.</summary>
    private ReadOnlySpan<char> Raw(Col c) => c.Field < 0 ? default : Csv.Restore(_csv[c.Field]);

    private bool Empty(Col c, ReadOnlySpan<char> s, bool required)
    {
        if (!s.IsEmpty) return false;
        if (required) Error(c, c.Field < 0 ? "a value is required" : "is empty; a value is required");
        return true;
    }

    // ---- field readers ----

    public string? Text(Col c, bool required = false)
    {
        var s = Raw(c);
        return Empty(c, s, required) ? null : s.ToString();
    }

    /// <summary>Free text that repeats a lot (ranks, months, interest types): one string per distinct value.</summary>
    public string? Text(Col c, StringPool pool, bool required = false)
    {
        var s = Raw(c);
        return Empty(c, s, required) ? null : pool.Get(s);
    }

    /// <summary>An identifier that is not checked against another file (e.g. a record id in a force system).</summary>
    public string? Identifier(Col c, bool required = false)
    {
        var s = Raw(c);
        if (Empty(c, s, required)) return null;
        CheckIdLength(c, s);
        return s.ToString();
    }

    /// <summary>This file's own id: required, at most 64 characters, unique in the file.</summary>
    public string? Id(Col c, KeyIndex ids)
    {
        var s = Raw(c);
        if (Empty(c, s, required: true)) return null;
        CheckIdLength(c, s);
        var id = s.ToString();
        if (!ids.TryAdd(id, Line, out var firstLine))
            Error(c, $"duplicate {c.Name} {PifFormat.Quote(s)}: already used on line {firstLine}");
        return id;
    }

    /// <summary>A reference to another file's id; reported if that id does not exist there.</summary>
    public string? Ref(Col c, KeyIndex target, bool required = false) => Ref(c, target, out _, required);

    /// <summary>A reference, with <paramref name="key"/> standing for the id in natural keys (0 when empty; see <see cref="KeyIndex.KeyOf"/>).</summary>
    public string? Ref(Col c, KeyIndex target, out int key, bool required = false)
    {
        var s = Raw(c);
        key = 0;
        if (Empty(c, s, required)) return null;
        if (target.State == KeyIndexState.Loaded && target.TryFind(s, out var found, out key)) return found;
        var id = UnmatchedRef(c, s, target);
        key = target.KeyOf(id);
        return id;
    }

    private string UnmatchedRef(Col c, ReadOnlySpan<char> s, KeyIndex target)
    {
        switch (target.State)
        {
            case KeyIndexState.Loaded:
                if (!CheckIdLength(c, s)) return s.ToString();
                Error(c, $"{PifFormat.Quote(s)} is not a {target.Column} in {target.File.Name}");
                return s.ToString();
            case KeyIndexState.Absent:
                if (target.FirstAbsenceReport($"{Label}/{c.Name}"))
                    Error(c, $"{PifFormat.Quote(s)} refers to {target.File.Name}, which is not in the bundle (reported once for this column)");
                CheckIdLength(c, s);
                return s.ToString();
            default: // the target file has its own errors; checking against a partial list would only add noise
                CheckIdLength(c, s);
                return s.ToString();
        }
    }

    private bool CheckIdLength(Col c, ReadOnlySpan<char> s)
    {
        if (s.Length <= PifFormat.MaxIdentifierLength) return true;
        Error(c, $"{PifFormat.Quote(s)} is {s.Length} characters long; identifiers are at most {PifFormat.MaxIdentifierLength}");
        return false;
    }

    public string? Code(Col c, CodeList codes, bool required = false)
    {
        var s = Raw(c);
        if (Empty(c, s, required)) return null;
        if (codes.TryGet(s, out var code)) return code;
        Error(c, $"{PifFormat.Quote(s)} is not a {codes.What} code; expected one of: {codes.Allowed}");
        return null;
    }

    /// <summary>';'-separated codes, kept as given.</summary>
    public string? Codes(Col c, CodeList codes)
    {
        var s = Raw(c);
        if (s.IsEmpty) return null;
        var ok = true;
        foreach (var range in s.Split(PifFormat.FlagSeparator))
        {
            var one = s[range];
            if (codes.TryGet(one, out _)) continue;
            Error(c, one.IsEmpty
                ? $"{PifFormat.Quote(s)} has an empty entry; separate {codes.What} codes with a single '{PifFormat.FlagSeparator}'"
                : $"{PifFormat.Quote(one)} is not a {codes.What} code; expected one of: {codes.Allowed}");
            ok = false;
        }
        return ok ? s.ToString() : null;
    }

    public DateOnly? Date(Col c, bool required = false)
    {
        var s = Raw(c);
        if (Empty(c, s, required)) return null;
        if (PifFormat.TryParseDate(s, out var d)) return d;
        Error(c, $"{PifFormat.Quote(s)} is not a valid date; expected YYYY-MM-DD");
        return null;
    }

    /// <summary>
    /// A date a case's working days are counted from or to (received, recorded, decided, finalised, lodged): it must
    /// also lie in the working-day calendar, or the case's age, due date and every timeliness figure could not be
    /// worked out. Dates of staff and registers (joined, postings, interests) are not counted in working days and
    /// may be earlier.
    /// </summary>
    public DateOnly? CaseDate(Col c, bool required = false)
    {
        if (Date(c, required) is not { } d) return null;
        if (WorkingDays.Covers(d)) return d;
        Error(c, $"{PifFormat.Date(d)} is outside {PifFormat.Date(WorkingDays.FirstDate)} to {PifFormat.Date(WorkingDays.LastDate)}, the dates Probity can count working days for");
        return null;
    }

    public DateTimeOffset? Timestamp(Col c, bool required = false)
    {
        var s = Raw(c);
        if (Empty(c, s, required)) return null;
        if (PifFormat.TryParseTimestamp(s, out var t, out var missingOffset)) return t;
        Error(c, missingOffset
            ? $"{PifFormat.Quote(s)} has no UTC offset; timestamps must end in Z or an offset such as +01:00"
            : $"{PifFormat.Quote(s)} is not a valid timestamp; expected ISO 8601 such as 2021-03-04T10:15:00Z or 2021-03-04T10:15:00+01:00");
        return null;
    }

    public string? Month(Col c, StringPool pool, bool required = false)
    {
        var s = Raw(c);
        if (Empty(c, s, required)) return null;
        if (PifFormat.IsMonth(s)) return pool.Get(s);
        Error(c, $"{PifFormat.Quote(s)} is not a valid month; expected YYYY-MM");
        return null;
    }

    public int? Count(Col c, bool required = false)
    {
        var s = Raw(c);
        if (Empty(c, s, required)) return null;
        if (!PifFormat.TryParseInt(s, out var n))
            Error(c, $"{PifFormat.Quote(s)} is not a whole number");
        else if (n < 0)
            Error(c, $"{PifFormat.Quote(s)} is negative; a count cannot be");
        else
            return n;
        return null;
    }

    public decimal? Amount(Col c, bool required = false)
    {
        var s = Raw(c);
        if (Empty(c, s, required)) return null;
        if (!PifFormat.TryParseDecimal(s, out var d))
            Error(c, $"{PifFormat.Quote(s)} is not a number; expected digits with an optional '.' decimal point");
        else if (d < 0)
            Error(c, $"{PifFormat.Quote(s)} is negative; it cannot be");
        else
            return d;
        return null;
    }

    public bool? Bool(Col c, bool required = false)
    {
        var s = Raw(c);
        if (Empty(c, s, required)) return null;
        if (s.SequenceEqual("true")) return true;
        if (s.SequenceEqual("false")) return false;
        Error(c, $"{PifFormat.Quote(s)} is not a boolean; expected true or false");
        return null;
    }

    /// <summary>Reports <paramref name="later"/> if it falls before <paramref name="earlier"/> (both given).</summary>
    public void NotBefore(Col later, DateOnly? laterValue, Col earlier, DateOnly? earlierValue)
    {
        if (laterValue is { } l && earlierValue is { } e && l < e)
            Error(later, $"{later.Name} {PifFormat.Date(l)} is before {earlier.Name} {PifFormat.Date(e)}");
    }
}

/// <summary>One string instance per distinct value of a low-cardinality column.</summary>
internal sealed class StringPool
{
    private const int MaxEntries = 100_000;
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> s)
    {
        if (_lookup.TryGetValue(s, out var found)) return found;
        var str = s.ToString();
        if (_set.Count < MaxEntries) _set.Add(str);
        return str;
    }
}
