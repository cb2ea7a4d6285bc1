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
