using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Probity.Infrastructure;

namespace Probity.AccessMonitoring.EventStore;

/// <summary>
/// One streaming pass over an audit log (decompressed), in fixed memory, before DuckDB sees it: splits it into
/// records the way DuckDB's strict CSV reader does, counts bytes and lines against the <see cref="IngestLimits"/>,
/// and sets aside the lines that cannot be split (wrong number of fields, broken quoting, not UTF-8, a NUL,
/// overlong) with their line numbers. Optionally writes the good records to a clean copy.
/// <para>Why here and not in DuckDB: DuckDB's own reject tracking (<c>store_rejects</c>) keeps about 1 KB per broken
/// field outside its memory limit and slows down quadratically (20 MB of short broken lines took 5 GB and 100 s),
/// and some inputs (invalid UTF-8) hit internal assertions in it. DuckDB now only ever reads CSV this scan found
/// sound, in strict mode.</para>
/// </summary>
/// <param name="fastPaths">Off, every record goes through <see cref="Machine"/> stepping a byte at a time: the reference the tests compare the fast paths with.</param>
internal sealed class AccessLogScan(IngestLimits limits, string source, bool fastPaths = true)
{
    /// <summary>The first characters of a quarantined line kept as its text (the line number finds the rest).</summary>
    private const int MaxRawBytes = 2_048;

    private static readonly SearchValues<byte> Special = SearchValues.Create("\"\0\r"u8);
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly List<RejectedLine> _rejected = [];
    private Stream? _clean;
    private long _line = 1;
    private bool _sawLf, _sawCrLf, _first = true;
    // A record longer than MaxLineBytes is followed to its end without being held.
    private Machine? _overlong;
    private long _overlongStart;

    internal sealed record RejectedLine(long Line, string Reason, string Raw);

    public IReadOnlyList<string>? Header { get; private set; }

    private readonly TaskCompletionSource<bool> _headerRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once the header is read (the scan goes on); false if the scan ended (or failed) without one.</summary>
    public Task<bool> HeaderRead => _headerRead.Task;

    /// <summary>Data records (the header and blank lines not counted), good or not.</summary>
    public long Records { get; private set; }

    public long DecompressedBytes { get; private set; }

    public IReadOnlyList<RejectedLine> Rejected => _rejected;

    /// <summary>
    /// DuckDB cannot read the file as it is: some lines must be left out, it mixes LF and CRLF line ends (which its
    /// reader refuses), or blank lines come before the header (DuckDB takes the first blank line for the header and the
    /// header for an event: caught by the count check on a partitioned load, which then failed the whole file).
    /// </summary>
    public bool NeedsCleanCopy => _rejected.Count > 0 || (_sawLf && _sawCrLf) || _blankBeforeHeader;

    private bool _blankBeforeHeader;

    /// <summary>Reads <paramref name="input"/> to its end; good records (and the header) go to <paramref name="clean"/> if given, each ended by LF.</summary>
    public async Task RunAsync(Stream input, Stream? clean, CancellationToken ct)
    {
        _clean = clean;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int start = 0, end = 0;
            var eof = false;
            while (true)
            {
                var available = buffer.AsSpan(start, end - start);
                var consumed = Next(available, eof);
                if (consumed > 0)
                {
                    start += consumed;
                    continue;
                }
                if (eof) break;
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                var read = await input.ReadAsync(buffer.AsMemory(end), ct);
                if (read == 0)
                {
                    eof = true;
                    continue;
                }
                end += read;
                DecompressedBytes += read;
                if (limits.MaxDecompressedBytes is { } max && DecompressedBytes > max)
                    throw new IngestRefusedException(IngestLimitKind.TooLarge, IngestLimits.MaxDecompressedBytesSetting, max,
                        $"{source}: more than {max:N0} bytes once decompressed ({IngestLimits.MaxDecompressedBytesSetting}); split the log into smaller batches.");
            }
            if (_overlong is { } open) EndOverlong(open);
            if (Header is null) throw new InvalidDataException($"{source}: the file is empty (a header row is required: {string.Join(",", DuckDbEventStore.Columns)})");
        }
        finally
        {
            _headerRead.TrySetResult(false);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Takes the next complete record (or blank line) from <paramref name="data"/>; 0 when more data is needed.</summary>
    // Optimised from the first call: a file is scanned once per process (the CLI), and on a busy machine the tiered
    // compiler's background recompilation waits its turn while the first tier runs the whole scan (2x slower, bench).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Next(ReadOnlySpan<byte> data, bool eof)
    {
        if (data.IsEmpty) return 0;
        if (_first)
        {
            if (data.Length < Bom.Length && !eof) return 0;
            _first = false;
            if (data.StartsWith(Bom)) return Bom.Length;
        }
        if (_overlong is { } machine)
        {
            var (done, taken) = machine.Run(data, eof);
            if (!done) return data.Length;
            EndOverlong(machine);
            return taken;
        }

        // The common line: no quote, NUL or CR before its LF. Vectorised searches, no state machine.
        var lf = fastPaths ? data.IndexOf((byte)'\n') : -1;
        if (lf >= 0 && lf <= IngestLimits.MaxLineBytes)
        {
            var candidate = data[..lf];
            var special = candidate.IndexOfAny(Special);
            if (special < 0 || (special == lf - 1 && candidate[special] == '\r'))
            {
                var crlf = special >= 0;
                var record = crlf ? candidate[..^1] : candidate;
                Take(record, crlf ? LineEnd.CrLf : LineEnd.Lf, record.Count((byte)',') + 1, newlines: 0, problem: null);
                return lf + 1;
            }
            // A line with quoted fields that all close before its LF (exporters quote names and free text).
            if (QuotedLine(candidate) is var (fields, end))
            {
                Take(end == LineEnd.CrLf ? candidate[..^1] : candidate, end, fields, newlines: 0, problem: null);
                return lf + 1;
            }
        }

        var m = new Machine(jump: fastPaths);
        var (complete, used) = m.Run(data, eof);
        if (!complete && data.Length <= IngestLimits.MaxLineBytes) return 0;
        if (Header is null && (!complete || m.ContentLength > IngestLimits.MaxLineBytes))
            throw new InvalidDataException($"{source}, line 1: the header row is longer than {IngestLimits.MaxLineBytes:N0} bytes");
        if (!complete)
        {
            // Too long to hold: note it now, then follow the record to its end without keeping it.
            _overlong = m;
            _overlongStart = _line;
            Reject(_line, $"line {_line}: longer than {IngestLimits.MaxLineBytes:N0} bytes", data[..MaxRawBytes]);
            return data.Length;
        }
        var content = data[..m.ContentLength];
        if (content.Length > IngestLimits.MaxLineBytes)
        {
            Records++;
            CheckLines();
            Reject(_line, $"line {_line}: longer than {IngestLimits.MaxLineBytes:N0} bytes", content);
            _line += 1 + m.Newlines;
            return used;
        }
        Take(content, m.End, m.Fields, m.Newlines, m.Problem);
        return used;
    }

    private void EndOverlong(Machine machine)
    {
        _overlong = null;
        Records++;
        CheckLines();
        _line = _overlongStart + 1 + machine.Newlines;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Take(ReadOnlySpan<byte> record, LineEnd end, int fields, int newlines, string? problem)
    {
        var line = _line;
        _line += 1 + newlines;
        if (end == LineEnd.Lf) _sawLf = true;
        else if (end == LineEnd.CrLf) _sawCrLf = true;
        // A blank line is no record (DuckDB skips it too, once past the header).
        if (record.IsEmpty)
        {
            if (Header is null) _blankBeforeHeader = true;
            return;
        }
        if (Header is null)
        {
            // DuckDB's strict reader cannot read past a header it cannot split (a bare CR for a line end, a quote left
            // open or followed by text): the file is refused with the reason rather than failing inside DuckDB.
            if (problem is not null) throw new InvalidDataException($"{source}, line {line}: the header row cannot be read ({problem})");
            ReadHeader(record);
            WriteClean(record);
            return;
        }
        Records++;
        CheckLines();
        if (record.Contains((byte)0)) problem = "contains a NUL character";
        else if (!System.Text.Unicode.Utf8.IsValid(record)) problem = "is not valid UTF-8 text";
        else if (problem is null && fields != Header.Count) problem = $"has {fields} field(s) where the header has {Header.Count}";
        if (problem is not null)
        {
            Reject(line, $"line {line}: {problem}", record);
            return;
        }
        WriteClean(record);
    }

    private void WriteClean(ReadOnlySpan<byte> record)
    {
        if (_clean is null) return;
        _clean.Write(record);
        _clean.WriteByte((byte)'\n');
    }

    private void CheckLines()
    {
        if (limits.MaxLines is { } max && Records > max)
            throw new IngestRefusedException(IngestLimitKind.TooLarge, IngestLimits.MaxLinesSetting, max,
                $"{source}: more than {max:N0} lines ({IngestLimits.MaxLinesSetting}); split the log into smaller batches.");
    }

    private void Reject(long line, string reason, ReadOnlySpan<byte> raw)
    {
        _rejected.Add(new RejectedLine(line, reason, Encoding.UTF8.GetString(raw.Length > MaxRawBytes ? raw[..MaxRawBytes] : raw)));
        if (_rejected.Count > limits.MaxQuarantined) throw TooManyBadLines(limits, source, _rejected.Count);
    }

    internal static IngestRefusedException TooManyBadLines(IngestLimits limits, string source, long atLeast) =>
        new(IngestLimitKind.TooManyBadLines, IngestLimits.MaxQuarantinedSetting, limits.MaxQuarantined,
            $"{source}: at least {atLeast:N0} lines cannot be stored; at most {limits.MaxQuarantined:N0} may be quarantined per batch or file ({IngestLimits.MaxQuarantinedSetting}). Nothing was stored: check the format (access_events.csv) and send it again.");

    private void ReadHeader(ReadOnlySpan<byte> record)
    {
        if (!System.Text.Unicode.Utf8.IsValid(record) || record.Contains((byte)0))
            throw new InvalidDataException($"{source}, line 1: the header row is not UTF-8 text");
        var csv = new CsvRecordReader(new StringReader(Encoding.UTF8.GetString(record)));
        var header = new List<string>();
        if (csv.Read())
            for (var i = 0; i < csv.FieldCount; i++) header.Add(csv[i].ToString().Trim());
        Header = header;
        _headerRead.TrySetResult(true);
    }

    internal enum LineEnd { None, Lf, CrLf }

    private static readonly SearchValues<byte> QuoteOrCr = SearchValues.Create("\"\r"u8);

    /// <summary>
    /// The fields of <paramref name="line"/> (a line's bytes before its LF) when it splits cleanly as a record of its
    /// own: every quote opens a field or closes one (or is doubled inside it), every quoted field closes before the
    /// LF and is followed by a comma or the line end, and a CR comes only just before the LF. Anything else (a quoted
    /// field running past the LF, text after a closing quote, a quote inside an unquoted field, a stray CR) is null, and
    /// <see cref="Machine"/> takes the record as before: this only ever answers what the machine would, faster, with
    /// vectorised searches over whole stretches of unquoted fields and over quoted text instead of a state per field.
    /// Held to the byte-at-a-time machine by <c>LogScanMachineTests</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (int Fields, LineEnd End)? QuotedLine(ReadOnlySpan<byte> line)
    {
        var fields = 1;
        var i = 0;
        while (true)
        {
            // At the start of a field: unquoted fields up to the next quote or CR, their commas counted at once.
            var stop = line[i..].IndexOfAny(QuoteOrCr);
            if (stop < 0)
                return (fields + line[i..].Count((byte)','), LineEnd.Lf);
            fields += line.Slice(i, stop).Count((byte)',');
            i += stop;
            if (line[i] == '\r')
                return i == line.Length - 1 ? (fields, LineEnd.CrLf) : null;
            // A quote that does not start a field is text to DuckDB's reader: the machine's case.
            if (i > 0 && line[i - 1] != ',') return null;
            // Quoted text to its closing quote; a doubled quote is a quote in the text.
            i++;
            while (true)
            {
                var close = line[i..].IndexOf((byte)'"');
                if (close < 0) return null;
                i += close + 1;
                if (i < line.Length && line[i] == '"') i++;
                else break;
            }
            if (i == line.Length) return (fields, LineEnd.Lf);
            switch (line[i])
            {
                case (byte)',':
                    fields++;
                    i++;
                    break;
                case (byte)'\r' when i == line.Length - 1:
                    return (fields, LineEnd.CrLf);
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// RFC 4180 as DuckDB's strict reader takes it: a field is quoted when it starts with a quote; a quote inside an unquoted field is text.
    /// <para>Inside a field the machine jumps (vectorised) to the next byte that can change its state: a quote or LF in
    /// quoted text, a comma, CR or LF in unquoted text. Exporters that quote names and free text send most lines this
    /// way, and a byte at a time it read them at a seventeenth of the quote-free speed (bench <c>audit-foreign-parts</c>).
    /// <paramref name="jump"/> off steps a byte at a time (the reference the tests compare it with).</para>
    /// </summary>
    internal sealed class Machine(bool jump = true)
    {
        private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }

        private static readonly SearchValues<byte> QuotedStops = SearchValues.Create("\"\n"u8);
        private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(",\r\n"u8);

        private State _state = State.FieldStart;
        private bool _cr;

        public int Fields { get; private set; } = 1;
        public int Newlines { get; private set; }
        public string? Problem { get; private set; }
        public LineEnd End { get; private set; }

        /// <summary>The record's length without its line end (meaningful for a record taken in one run).</summary>
        public int ContentLength { get; private set; }

        /// <summary>Runs over <paramref name="data"/>: whether the record ended, and how many bytes it used (its line end included).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public (bool Complete, int Used) Run(ReadOnlySpan<byte> data, bool eof)
        {
            for (var i = 0; i < data.Length; i++)
            {
                if (jump && !_cr && _state is State.Quoted or State.Unquoted)
                {
                    // Every byte before the next stop leaves the state as it is.
                    var next = data[i..].IndexOfAny(_state == State.Quoted ? QuotedStops : UnquotedStops);
                    if (next < 0) break;
                    i += next;
                }
                var b = data[i];
                if (_cr)
                {
                    _cr = false;
                    if (b == '\n')
                    {
                        End = LineEnd.CrLf;
                        ContentLength = i - 1;
                        return (true, i + 1);
                    }
                    Problem ??= "has a carriage return outside quotes";
                }
                switch (_state)
                {
                    case State.Quoted:
                        if (b == '"') _state = State.QuoteInQuoted;
                        else if (b == '\n') Newlines++;
                        break;
                    case State.QuoteInQuoted:
                        if (b == '"') _state = State.Quoted;
                        else if (b == ',') { Fields++; _state = State.FieldStart; }
                        else if (b == '\n') { End = LineEnd.Lf; ContentLength = i; return (true, i + 1); }
                        else if (b == '\r') _cr = true;
                        else { Problem ??= $"field {Fields}: text after its closing quote"; _state = State.Unquoted; }
                        break;
                    default:
                        if (b == ',') { Fields++; _state = State.FieldStart; }
                        else if (b == '\n') { End = LineEnd.Lf; ContentLength = i; return (true, i + 1); }
                        else if (b == '\r') _cr = true;
                        else if (b == '"' && _state == State.FieldStart) _state = State.Quoted;
                        else _state = State.Unquoted;
                        break;
                }
            }
            if (!eof) return (false, data.Length);
            if (_state == State.Quoted) Problem ??= $"field {Fields}: unterminated quote (the quoted text runs to the end of the file)";
            // A final CR with no LF after it ends the last line, as CRLF would.
            End = _cr ? LineEnd.CrLf : LineEnd.None;
            ContentLength = _cr ? data.Length - 1 : data.Length;
            return (true, data.Length);
        }
    }
}
