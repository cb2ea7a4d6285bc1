using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Probity.Registers.Contracts;

/// <summary>
/// Which cases a seed draws: each candidate is ranked by a hash of the seed and its case reference, and the lowest ranks
/// are taken. The same seed and candidates always give the same cases in the same order, on any machine or database
/// (no random-number generator whose sequence could change between runtimes), and a case finalised into the period
/// later displaces a drawn case only if it outranks it, so a redraw shows exactly what changed.
/// </summary>
internal static class DipSampleDraw
{
    public static ulong Rank(int seed, string caseId) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(seed.ToString(CultureInfo.InvariantCulture) + ":" + caseId)));

    public static IReadOnlyList<string> Choose(int seed, IEnumerable<string> candidates, int size) =>
        [.. candidates.Distinct(StringComparer.Ordinal).OrderBy(id => Rank(seed, id)).ThenBy(id => id, StringComparer.Ordinal).Take(size)];

    /// <summary>The police authority's financial quarter (April to March) a day falls in, e.g. "Q3 2026/27".</summary>
    public static (int Year, int Quarter) QuarterOf(DateOnly d) => (d.Month >= 4 ? d.Year : d.Year - 1, ((d.Month + 8) % 12 / 3) + 1);

    public static string Describe((int Year, int Quarter) q)
    {
        var from = new DateOnly(q.Year, 4, 1).AddMonths(3 * (q.Quarter - 1));
        return string.Create(CultureInfo.InvariantCulture, $"Q{q.Quarter} {q.Year}/{(q.Year + 1) % 100:00} ({from:MMM} to {from.AddMonths(2):MMM yyyy})");
    }
}
