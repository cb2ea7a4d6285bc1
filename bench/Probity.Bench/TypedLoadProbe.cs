using System.Buffers;
using System.Diagnostics;
using DuckDB.NET.Data;
using Probity.AccessMonitoring.EventStore;

/// <summary>
/// Issue 12 (ingest): would parsing in C# and handing DuckDB typed columns (its appender) be cheaper than DuckDB's own
/// read of quoted CSV and its time casts? A probe, not the store's path: it splits lines at LF (the foreign files have no
/// line breaks inside quotes), splits fields with quotes and doubled quotes, parses the times (offsets, Z) to UTC, and
/// appends the fields to an in-memory table as UTF-8 bytes (no .NET strings); then DuckDB writes that table as Parquet.
/// Both halves are timed separately, and against DuckDB reading, casting and writing the same file, on one thread.
/// </summary>
internal static class TypedLoadProbe
{
    private static readonly string[] Targets = ["event_time", "staff_id", "system", "action", "record_type", "record_id", "subject_person_id", "workstation_id", "reason_ref"];

    public static (double Parse, double Append, double Write, long Rows) Run(string file, DuckDBConnection duck, string output, string csv)
    {
        DuckDbEventStore.Execute(duck, "DROP TABLE IF EXISTS probe");
        DuckDbEventStore.Execute(duck, "CREATE TABLE probe (event_time TIMESTAMPTZ, staff_id VARCHAR, system VARCHAR, action VARCHAR, record_type VARCHAR, record_id VARCHAR, subject_person_id VARCHAR, workstation_id VARCHAR, reason_ref VARCHAR)");
        var data = File.ReadAllBytes(file);
        var span = data.AsSpan();
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        var lf = span.IndexOf((byte)'\n');
        var header = System.Text.Encoding.UTF8.GetString(span[..lf]).TrimEnd('\r').Split(',');
        var map = header.Select(h => Array.IndexOf(Targets, h)).ToArray();
        span = span[(lf + 1)..];

        // Parse only (the C# half alone), then parse and append (the appender's share is the difference).
        var fieldStarts = new int[header.Length];
        var fieldLengths = new int[header.Length];
        var scratch = new byte[1 << 16];
        long rows = 0;
        long checksum = 0;
        var clock = CpuClock.StartNew();
        var rest = span;
        while (NextLine(ref rest, out var line))
        {
            Split(line, fieldStarts, fieldLengths, scratch, out var unescaped);
            var ti = Array.IndexOf(map, 0);
            checksum += ParseUtcTicks(line.Slice(fieldStarts[ti], fieldLengths[ti])) ?? 0;
            rows++;
        }
        var parse = clock.Seconds;
        if (checksum == 42) Console.WriteLine();

        clock.Restart();
        using (var appender = duck.CreateAppender("probe"))
        {
            var byTarget = new int[Targets.Length];
            for (var t = 0; t < Targets.Length; t++) byTarget[t] = Array.IndexOf(map, t);
            rest = span;
            while (NextLine(ref rest, out var line))
            {
                Split(line, fieldStarts, fieldLengths, scratch, out var unescaped);
                var row = appender.CreateRow();
                var time = ParseUtcTicks(line.Slice(fieldStarts[byTarget[0]], fieldLengths[byTarget[0]]));
                if (time is { } ticks) row.AppendValue(new DateTimeOffset(ticks, TimeSpan.Zero));
                else row.AppendNullValue();
                for (var t = 1; t < Targets.Length; t++)
                {
                    var c = byTarget[t];
                    if (c < 0 || fieldLengths[c] == 0) row.AppendNullValue();
                    else if (fieldStarts[c] < 0) row.AppendValue(scratch.AsSpan(~fieldStarts[c], fieldLengths[c]));
                    else row.AppendValue(line.Slice(fieldStarts[c], fieldLengths[c]));
                }
                row.EndRow();
            }
        }
        var append = clock.Seconds;
        // Not timed: the probe must have read what DuckDB reads, or the comparison says nothing.
        var text = Targets[1..];
        string Summary(string from, string time) => $"SELECT count({time})::VARCHAR || '/' || sum(epoch_us({time}))::VARCHAR || '/' || " +
            string.Join(" || '/' || ", text.Select(c => $"count({c})::VARCHAR || ':' || coalesce(sum(strlen({c})), 0)::VARCHAR")) + $" FROM {from}";
        var ours = DuckDbEventStore.Scalar<string>(duck, Summary("probe", "event_time"));
        var theirs = DuckDbEventStore.Scalar<string>(duck, Summary($"(SELECT TRY_CAST(event_time AS TIMESTAMPTZ) AS t, * FROM {csv})", "t"));
        if (ours != theirs) throw new InvalidOperationException($"The probe read the file differently from DuckDB: {ours} against {theirs}");
        clock.Restart();
        DuckDbEventStore.Execute(duck, $"COPY probe TO '{output}' (FORMAT parquet, COMPRESSION snappy)");
        var write = clock.Seconds;
        // Where the write's time goes: PROBE_WRITES="options|options|..." (each the text after FORMAT parquet, in COPY's parentheses), each timed from the table.
        foreach (var setting in (Environment.GetEnvironmentVariable("PROBE_SETTINGS") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries))
            DuckDbEventStore.Execute(duck, setting);
        foreach (var options in (Environment.GetEnvironmentVariable("PROBE_WRITES") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var target = output + ".variant";
            clock.Restart();
            DuckDbEventStore.Execute(duck, $"COPY (SELECT *, hash(coalesce(subject_person_id, record_id)) % 64 AS sb FROM probe) TO '{target}' (FORMAT parquet, {options})".Replace(", )", ")"));
            var seconds = clock.Seconds;
            var bytes = Directory.Exists(target) ? Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : new FileInfo(target).Length;
            Console.WriteLine($"    write ({options}): {seconds:F2} s, {bytes / 1e6:F0} MB");
            if (Directory.Exists(target)) Directory.Delete(target, true); else File.Delete(target);
        }
        DuckDbEventStore.Execute(duck, "DROP TABLE probe");
        return (parse, append, write, rows);
    }

    private static readonly SearchValues<byte> CommaOrQuote = SearchValues.Create(",\""u8);

    /// <summary>Field i is line[starts[i]..][..lengths[i]], or scratch[~starts[i]..] when it held a doubled quote.</summary>
    private static void Split(ReadOnlySpan<byte> line, int[] starts, int[] lengths, byte[] scratch, out bool unescaped)
    {
        unescaped = false;
        var field = 0;
        var i = 0;
        var used = 0;
        while (field < starts.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                var start = i + 1;
                var j = start;
                var doubled = false;
                while (true)
                {
                    var close = line[j..].IndexOf((byte)'"');
                    j += close;
                    if (j + 1 < line.Length && line[j + 1] == '"') { doubled = true; j += 2; continue; }
                    break;
                }
                if (doubled)
                {
                    unescaped = true;
                    var n = 0;
                    for (var k = start; k < j; k++)
                    {
                        scratch[used + n++] = line[k];
                        if (line[k] == '"') k++;
                    }
                    starts[field] = ~used;
                    lengths[field] = n;
                    used += n;
                }
                else
                {
                    starts[field] = start;
                    lengths[field] = j - start;
                }
                i = j + 2;
            }
            else
            {
                var comma = i < line.Length ? line[i..].IndexOf((byte)',') : -1;
                var len = comma < 0 ? line.Length - i : comma;
                starts[field] = i;
                lengths[field] = len;
                i += len + 1;
            }
            field++;
        }
    }

    /// <summary>yyyy-MM-dd[T ]HH:mm:ss[.f..]( Z | ±HH | ±HHMM | ±HH:MM ), with an optional space before the offset, as UTC ticks.</summary>
    internal static long? ParseUtcTicks(ReadOnlySpan<byte> s)
    {
        if (s.Length < 20) return null;
        static int D(byte b) => b - '0';
        int Two(ReadOnlySpan<byte> x, int at) => (uint)D(x[at]) <= 9 && (uint)D(x[at + 1]) <= 9 ? D(x[at]) * 10 + D(x[at + 1]) : -1;
        var y = Two(s, 0) * 100 + Two(s, 2);
        if (Two(s, 0) < 0 || Two(s, 2) < 0 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return null;
        int mo = Two(s, 5), d = Two(s, 8), h = Two(s, 11), mi = Two(s, 14), se = Two(s, 17);
        if (mo < 1 || mo > 12 || d < 1 || d > DateTime.DaysInMonth(Math.Max(1, y), mo) || h > 23 || mi > 59 || se > 59 || h < 0 || mi < 0 || se < 0) return null;
        var i = 19;
        long fraction = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var scale = 1_000_000L;
            var digits = 0;
            while (i < s.Length && (uint)D(s[i]) <= 9)
            {
                if (digits < 7) { fraction += D(s[i]) * scale; scale /= 10; }
                digits++;
                i++;
            }
            if (digits == 0) return null;
        }
        if (i < s.Length && s[i] == ' ') i++;
        if (i >= s.Length) return null;
        long offsetTicks;
        if ((s[i] == 'Z' || s[i] == 'z') && i == s.Length - 1) offsetTicks = 0;
        else if (s[i] == '+' || s[i] == '-')
        {
            var sign = s[i] == '-' ? -1 : 1;
            var rest = s[(i + 1)..];
            int oh, om = 0;
            if (rest.Length == 2) oh = Two(rest, 0);
            else if (rest.Length == 4) { oh = Two(rest, 0); om = Two(rest, 2); }
            else if (rest.Length == 5 && rest[2] == ':') { oh = Two(rest, 0); om = Two(rest, 3); }
            else return null;
            if (oh < 0 || om < 0 || oh > 23 || om > 59) return null;
            offsetTicks = sign * (oh * TimeSpan.TicksPerHour + om * TimeSpan.TicksPerMinute);
        }
        else return null;
        var local = new DateTime(y, mo, d, h, mi, se, DateTimeKind.Unspecified).Ticks + fraction;
        return local - offsetTicks;
    }

    /// <summary>The next non-empty line of <paramref name="rest"/> (without its CR LF), moving past it; false at the end.</summary>
    private static bool NextLine(ref Span<byte> rest, out Span<byte> line)
    {
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            if (!line.IsEmpty) return true;
        }
        line = default;
        return false;
    }
}

/// <summary>The process's CPU time since the last restart: on a machine shared with other work, less at its mercy than the wall clock (the work here runs on one DuckDB thread and the caller's).</summary>
internal sealed class CpuClock
{
    private TimeSpan _start = Now();

    public static CpuClock StartNew() => new();

    private static TimeSpan Now() => Process.GetCurrentProcess().TotalProcessorTime;

    public void Restart() => _start = Now();

    public double Seconds => (Now() - _start).TotalSeconds;
}
