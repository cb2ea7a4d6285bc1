using Probity.Registers.Contracts;
using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Probity.Interchange.Pif;

/// <summary>
/// How PIF-1 values are spelled, both ways. The writer always produces the canonical spelling, so a bundle written
/// by <see cref="PifWriter"/> reads back to the same values and writes again to the same bytes.
/// </summary>
internal static class PifFormat
{
    public const int MaxIdentifierLength = 64;
    public const char FlagSeparator = ';';

    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    // ---- parsing (span based: the reader calls these once per field) ----

    /// <summary>Exactly YYYY-MM-DD.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        if (!TryDigits(s[..4], out var y) || !TryDigits(s.Slice(5, 2), out var m) || !TryDigits(s.Slice(8, 2), out var d)) return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>Exactly YYYY-MM.</summary>
    public static bool IsMonth(ReadOnlySpan<char> s) =>
        s.Length == 7 && s[4] == '-' && TryDigits(s[..4], out var y) && y >= 1 && TryDigits(s.Slice(5, 2), out var m) && m is >= 1 and <= 12;

    /// <summary>Months since year 0 of a valid YYYY-MM, for compact keys.</summary>
    public static int MonthNumber(ReadOnlySpan<char> s) => ((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0')) * 12 + (s[5] - '0') * 10 + (s[6] - '0');

    /// <summary>ISO 8601 date and time with a mandatory offset: Z, ±hh:mm or ±hhmm.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> s, out DateTimeOffset value, out bool missingOffset)
    {
        value = default;
        missingOffset = !HasOffset(s);
        return !missingOffset && DateTimeOffset.TryParseExact(s, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool HasOffset(ReadOnlySpan<char> s)
    {
        if (s.Length < 11 || s.IndexOf('T') < 0) return true; // not a timestamp at all: let the parser say so
        if (s[^1] == 'Z') return true;
        if (s.Length >= 6 && s[^6] is '+' or '-' && s[^3] == ':') return true;
        return s.Length >= 5 && s[^5] is '+' or '-' && TryDigits(s[^4..], out _);
    }

    public static bool TryParseInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDecimal(ReadOnlySpan<char> s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            var digit = (uint)(c - '0');
            if (digit > 9) return false;
            value = value * 10 + (int)digit;
        }
        return true;
    }

    // ---- formatting ----

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>yyyy-MM-ddTHH:mm:ss, then the fraction without trailing zeros, then Z for a zero offset or ±hh:mm.</summary>
    public static string Timestamp(DateTimeOffset t)
    {
        var local = t.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        if (t.Offset == TimeSpan.Zero) return local + "Z";
        var offset = t.Offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{local}{(t.Offset < TimeSpan.Zero ? '-' : '+')}{offset.Hours:00}:{offset.Minutes:00}");
    }

    public static string Bool(bool b) => b ? "true" : "false";
    public static string Int(int i) => i.ToString(CultureInfo.InvariantCulture);
    public static string Decimal(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    // ---- assignment identity ----

    /// <summary>
    /// The surrogate key of an assignment (PIF-1 assignments have no id column): the first 32 hex digits of the SHA-256
    /// of its fields in spec order, as the writer spells them, joined by U+001F. Because it hashes the canonical spelling,
    /// "+00:00" and "Z" give the same key and export → import keeps every key.
    /// </summary>
    public static string AssignmentRowKey(Assignment a)
    {
        var joined = string.Join('\u001f',
            a.StaffId, a.ReasonRef ?? "", a.RecordType ?? "", a.RecordId ?? "", a.SubjectPersonId ?? "",
            a.FromTime is { } from ? Timestamp(from) : "", a.ToTime is { } to ? Timestamp(to) : "");
        var max = Encoding.UTF8.GetMaxByteCount(joined.Length);
        var rented = max <= 1024 ? null : ArrayPool<byte>.Shared.Rent(max);
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[1024];
            var n = Encoding.UTF8.GetBytes(joined, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..n], hash);
            return Convert.ToHexStringLower(hash[..16]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A value quoted for a message, cut short so a garbage field cannot make a huge report.</summary>
    public static string Quote(ReadOnlySpan<char> value) =>
        value.Length <= 80 ? $"'{value}'" : $"'{value[..77]}…' ({value.Length:N0} characters)";
}
