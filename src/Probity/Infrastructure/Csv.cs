using System.Buffers;
using System.Text;

namespace Probity.Infrastructure;

/// <summary>
/// RFC 4180 CSV for the files Probity writes (report tables, IPCC return, risk scores, alerts): CRLF line ends, a
/// field quoted when it holds a comma, a quote or a line break, quotes doubled; a text cell a spreadsheet would run as
/// a formula is neutralised (<see cref="Neutralise"/>). (PIF-1 export has its own allocation-free writer, PifWriter,
/// for bundles of millions of rows, with the same neutralising.)
/// </summary>
internal static class Csv
{
    public static readonly UTF8Encoding Utf8 = new(false);

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>What a spreadsheet takes as the start of a formula (OWASP "CSV injection"): = + - @, tab and carriage return.</summary>
    private static readonly SearchValues<char> FormulaStart = SearchValues.Create("=+-@\t\r");

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        value = Neutralise(value);
        return value.AsSpan().IndexOfAny(NeedsQuotes) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>One record, without its line end.</summary>
    public static string Record(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field));

    /// <summary>One record and its CRLF.</summary>
    public static void Line(StringBuilder sb, IEnumerable<string?> fields) => sb.Append(Record(fields)).Append("\r\n");

    /// <summary>
    /// Whether a text cell must be neutralised: after any leading single quotes it starts as a formula would, and it is
    /// not a plain number (-5, -0.25 and +44 stay numbers; "+44 20 7946 0000" does not). Counting the leading quotes
    /// makes <see cref="Neutralise"/> reversible: a value that itself starts with a quote before such a character is
    /// quoted once more, so <see cref="Restore"/> gives every value back exactly.
    /// </summary>
    public static bool NeedsNeutralising(ReadOnlySpan<char> value)
    {
        var quotes = 0;
        while (quotes < value.Length && value[quotes] == '\'') quotes++;
        return quotes < value.Length && FormulaStart.Contains(value[quotes]) && !(quotes == 0 && IsPlainNumber(value));
    }

    /// <summary>The value as written to a CSV cell: prefixed with a single quote when a spreadsheet would run it (OWASP).</summary>
    public static string Neutralise(string value) => NeedsNeutralising(value) ? "'" + value : value;

    /// <summary>The value <see cref="Neutralise"/> was given, from the cell it wrote (PIF-1 import reads back what export wrote).</summary>
    public static ReadOnlySpan<char> Restore(ReadOnlySpan<char> cell) =>
        cell.Length > 1 && cell[0] == '\'' && NeedsNeutralising(cell[1..]) ? cell[1..] : cell;

    private static bool IsPlainNumber(ReadOnlySpan<char> value)
    {
        var i = value[0] is '+' or '-' ? 1 : 0;
        int digits = 0, dots = 0;
        for (; i < value.Length; i++)
        {
            if (char.IsAsciiDigit(value[i])) digits++;
            else if (value[i] == '.' && dots++ == 0) continue;
            else if (value[i] is 'e' or 'E' && digits > 0) return IsExponent(value[(i + 1)..]);
            else return false;
        }
        return digits > 0;
    }

    private static bool IsExponent(ReadOnlySpan<char> value)
    {
        if (value.Length > 0 && value[0] is '+' or '-') value = value[1..];
        return value.Length > 0 && !value.ContainsAnyExceptInRange('0', '9');
    }
}
