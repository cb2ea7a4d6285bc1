using System.Text;
using Probity.AccessMonitoring.EventStore;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// The scan's record splitter jumps over the bytes that cannot change its state; stepping a byte at a time is the
/// reference. On every input (quotes, doubled quotes, commas, CR, LF, NUL and text in any order, whole or fed in two
/// pieces as an overlong line is) both must end the record at the same byte with the same fields, newlines, line end
/// and problem.
/// </summary>
public sealed class LogScanMachineTests
{
    private static readonly byte[] Alphabet = "ab,,\"\"\n\r\0é "u8.ToArray();

    [Fact]
    public void Jumping_over_a_field_splits_every_input_exactly_as_stepping_a_byte_at_a_time()
    {
        var random = new Random(20261130);
        for (var n = 0; n < 200_000; n++)
        {
            var data = new byte[random.Next(0, 40)];
            for (var i = 0; i < data.Length; i++) data[i] = Alphabet[random.Next(Alphabet.Length)];
            var eof = random.Next(2) == 0;
            var split = data.Length == 0 ? 0 : random.Next(data.Length + 1);
            var whole = (Run(new AccessLogScan.Machine(jump: true), data, eof, null), Run(new AccessLogScan.Machine(jump: false), data, eof, null));
            Assert.True(whole.Item1 == whole.Item2, $"{Show(data)} (eof {eof}): jumping {whole.Item1}, stepping {whole.Item2}");
            var pieces = (Run(new AccessLogScan.Machine(jump: true), data, eof, split), Run(new AccessLogScan.Machine(jump: false), data, eof, split));
            Assert.True(pieces.Item1 == pieces.Item2, $"{Show(data)} split at {split} (eof {eof}): jumping {pieces.Item1}, stepping {pieces.Item2}");
        }
    }

    [Fact]
    public void A_quoted_name_with_a_comma_and_doubled_quotes_is_one_field()
    {
        var line = "a,\"SMITH, John (1980-01-02)\",\"Job \"\"X\"\" follow-up, per DS\",b\r\nnext"u8.ToArray();
        var machine = new AccessLogScan.Machine();
        var (complete, used) = machine.Run(line, eof: false);
        Assert.True(complete);
        Assert.Equal((4, 0, AccessLogScan.LineEnd.CrLf, (string?)null), (machine.Fields, machine.Newlines, machine.End, machine.Problem));
        Assert.Equal("next", Encoding.UTF8.GetString(line.AsSpan(used)));
    }

    private static readonly byte[] QuoteHeavy = "ab,,\"\"\"\n\r\0é "u8.ToArray();

    [Fact]
    public void A_line_the_quoted_fast_path_splits_is_split_the_same_by_the_machine_stepping_a_byte_at_a_time()
    {
        var random = new Random(20261201);
        var taken = 0;
        for (var n = 0; n < 300_000; n++)
        {
            var data = new byte[random.Next(0, 40) + 1];
            for (var i = 0; i < data.Length - 1; i++) data[i] = QuoteHeavy[random.Next(QuoteHeavy.Length)];
            data[^1] = (byte)'\n';
            var lf = data.AsSpan().IndexOf((byte)'\n');
            if (AccessLogScan.QuotedLine(data.AsSpan(0, lf)) is not var (fields, end)) continue;
            taken++;
            var machine = new AccessLogScan.Machine(jump: false);
            var (complete, used) = machine.Run(data, eof: random.Next(2) == 0);
            var expected = $"complete=True used={lf + 1} fields={fields} newlines=0 end={end} length={(end == AccessLogScan.LineEnd.CrLf ? lf - 1 : lf)} problem=";
            var actual = $"complete={complete} used={used} fields={machine.Fields} newlines={machine.Newlines} end={machine.End} length={machine.ContentLength} problem={machine.Problem}";
            Assert.True(expected == actual, $"{Show(data)}: fast path {expected}, machine {actual}");
        }
        // Not a vacuous agreement: a good share of these random lines is taken by the fast path.
        Assert.True(taken > 20_000, $"only {taken} lines taken by the fast path");
    }

    [Fact]
    public void Every_well_formed_exported_line_is_taken_by_the_quoted_fast_path_with_its_fields()
    {
        var random = new Random(7);
        for (var n = 0; n < 20_000; n++)
        {
            var (line, fields) = ExportedLine(random, random.Next(1, 12));
            var crlf = random.Next(2) == 0;
            var bytes = Encoding.UTF8.GetBytes(line + (crlf ? "\r" : ""));
            Assert.Equal((fields, crlf ? AccessLogScan.LineEnd.CrLf : AccessLogScan.LineEnd.Lf), AccessLogScan.QuotedLine(bytes));
        }
    }

    [Theory]
    [InlineData("a,\"b\"x,c", "text after a closing quote")]
    [InlineData("a,b\"c,d", "a quote inside an unquoted field (text to DuckDB)")]
    [InlineData("a,\"b,c", "a quoted field running past the line end")]
    [InlineData("a,\"b\"\"c", "a doubled quote and no closing one")]
    [InlineData("a\rb,\"c\"", "a CR before the line end")]
    [InlineData("a,\"b\"\r,c", "a CR after a closing quote before the line end")]
    [InlineData("a, \"b\"", "a space before a quote")]
    public void A_line_the_fast_path_cannot_answer_exactly_goes_to_the_machine(string line, string why)
    {
        Assert.True(AccessLogScan.QuotedLine(Encoding.UTF8.GetBytes(line)) is null, why);
    }

    /// <summary>
    /// The whole scan (the quote-free and quoted fast paths, the jumping machine, overlong lines followed across reads)
    /// against the machine alone stepping a byte at a time: on random files (a BOM or not, LF, CRLF or mixed, good
    /// exported lines among random bytes, a last line with or without its newline), read in random pieces, both must
    /// give the same header, count, rejected lines (number, reason, text), clean copy and verdict.
    /// </summary>
    [Fact]
    public async Task The_scan_with_its_fast_paths_sets_aside_the_same_lines_with_the_same_numbers_as_the_machine_alone()
    {
        var random = new Random(20261202);
        for (var n = 0; n < 3_000; n++)
        {
            var file = new List<byte>();
            if (random.Next(4) == 0) file.AddRange(new byte[] { 0xEF, 0xBB, 0xBF });
            var lines = random.Next(0, 25);
            var crlf = random.Next(3);
            string End() => crlf switch { 0 => "\n", 1 => "\r\n", _ => random.Next(2) == 0 ? "\n" : "\r\n" };
            file.AddRange(Encoding.UTF8.GetBytes(EventStoreFolder.Header + End()));
            for (var l = 0; l < lines; l++)
            {
                if (random.Next(3) > 0) file.AddRange(Encoding.UTF8.GetBytes(ExportedLine(random, random.Next(2) == 0 ? 9 : random.Next(1, 12)).Line));
                else for (var i = random.Next(0, 30); i > 0; i--) file.Add(QuoteHeavy[random.Next(QuoteHeavy.Length)]);
                if (l < lines - 1 || random.Next(2) == 0) file.AddRange(Encoding.UTF8.GetBytes(End()));
            }
            var bytes = file.ToArray();
            var chunks = random.Next();
            var fast = await ScanAsync(bytes, fastPaths: true, chunks);
            var reference = await ScanAsync(bytes, fastPaths: false, chunks);
            Assert.True(fast == reference, $"{Show(bytes)}:\nwith fast paths: {fast}\nmachine alone:   {reference}");
        }
    }

    [Fact]
    public async Task A_ten_megabyte_quoted_line_with_a_CRLF_inside_is_set_aside_with_its_number_and_the_lines_after_it_keep_theirs()
    {
        const string good = "2026-03-02T09:00:00Z,S1,pnc,search,person,,P1,WS1,";
        var huge = "\"" + string.Concat(Enumerable.Repeat("SMITH, \"\"John\"\" ", 10_000_000 / 16)) + "\r\n" + new string('x', 1000) + "\"";
        var text = EventStoreFolder.Header + "\r\n" + good + "\r\n" + good + huge + "\r\n" + good + "\r\n" + new string('y', 10_000_000);
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var fastPaths in new[] { true, false })
        {
            var scan = new AccessLogScan(IngestLimits.DefaultFiles, "big.csv", fastPaths);
            using var clean = new MemoryStream();
            await scan.RunAsync(new MemoryStream(bytes), clean, TestContext.Current.CancellationToken);
            Assert.Equal(4, scan.Records);
            Assert.Equal([(3L, $"line 3: longer than {IngestLimits.MaxLineBytes:N0} bytes"), (6L, $"line 6: longer than {IngestLimits.MaxLineBytes:N0} bytes")],
                scan.Rejected.Select(r => (r.Line, r.Reason)));
            Assert.All(scan.Rejected, r => Assert.True(r.Raw.Length <= 2_048));
            Assert.Equal(EventStoreFolder.Header + "\n" + good + "\n" + good + "\n", Encoding.UTF8.GetString(clean.ToArray()));
        }
    }

    /// <summary>A line as exporters write it: fields quoted when they hold a comma, quote or CR (or at random), quotes doubled.</summary>
    private static (string Line, int Fields) ExportedLine(Random random, int fields)
    {
        string[] pieces = ["SMITH, John", "O\"Brien", "CRIS/5401234/24", "", "2026-03-29T01:30:00+01:00", "a\rb", "Job \"X\" follow-up, per DS", "é", "NICHE:OCC-2024-1"];
        var line = new StringBuilder();
        for (var f = 0; f < fields; f++)
        {
            if (f > 0) line.Append(',');
            var value = pieces[random.Next(pieces.Length)];
            if (random.Next(4) == 0 || value.AsSpan().IndexOfAny(",\"\r") >= 0) line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else line.Append(value);
        }
        return (line.ToString(), fields);
    }

    private static async Task<string> ScanAsync(byte[] bytes, bool fastPaths, int seed)
    {
        var scan = new AccessLogScan(IngestLimits.DefaultBatches, "log.csv", fastPaths);
        using var clean = new MemoryStream();
        try
        {
            await scan.RunAsync(new Pieces(bytes, new Random(seed)), clean, TestContext.Current.CancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return "refused: " + ex.Message;
        }
        return $"header=[{string.Join("|", scan.Header!)}] records={scan.Records} needsCleanCopy={scan.NeedsCleanCopy} " +
               $"rejected=[{string.Join("; ", scan.Rejected.Select(r => $"{r.Line} {r.Reason} <{r.Raw}>"))}] clean=<{Encoding.UTF8.GetString(clean.ToArray())}>";
    }

    /// <summary>Hands out its bytes a few at a time, so records are split across reads at every possible place.</summary>
    private sealed class Pieces(byte[] data, Random random) : Stream
    {
        private int _at;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, data.Length - _at), random.Next(1, 24));
            data.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _at; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static string Run(AccessLogScan.Machine machine, byte[] data, bool eof, int? split)
    {
        (bool Complete, int Used) result;
        if (split is int at)
        {
            result = machine.Run(data.AsSpan(0, at), eof: false);
            if (!result.Complete) result = machine.Run(data.AsSpan(at), eof) is var rest ? (rest.Complete, at + rest.Used) : default;
        }
        else result = machine.Run(data, eof);
        return $"complete={result.Complete} used={result.Used} fields={machine.Fields} newlines={machine.Newlines} end={machine.End} length={machine.ContentLength} problem={machine.Problem}";
    }

    private static string Show(byte[] data) => "\"" + Encoding.UTF8.GetString(data).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal) + "\"";
}
