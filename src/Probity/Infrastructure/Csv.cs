using System.Buffers;
using System.Text;

namespace Probity.Infrastructure;

/// <summary>
/// RFC 4180 CSV for the files Probity writes (report tables, IPCC return, risk scores, alerts): CRLF line ends, a
/// field quoted when it holds a comma, a quote or a line break, quotes doubled. (PIF-1 export has its own
/// allocation-free writer, PifWriter, for bundles of millions of rows.)
/// </summary>
public static class Csv
{
    public static readonly UTF8Encoding Utf8 = new(false);

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.AsSpan().IndexOfAny(NeedsQuotes) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>One record, without its line end.</summary>
    public static string Record(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field));

    /// <summary>One record and its CRLF.</summary>
    public static void Line(StringBuilder sb, IEnumerable<string?> fields) => sb.Append(Record(fields)).Append("\r\n");
}
