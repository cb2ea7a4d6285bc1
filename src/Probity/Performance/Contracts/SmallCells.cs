using System.Globalization;

namespace Probity.Performance.Contracts;

/// <summary>
/// A set of counts whose sum the reader knows: <see cref="Parts"/> add up to the cell <see cref="Total"/> shown with them,
/// or, when <see cref="Total"/> is null, to a figure published elsewhere (a headline measure, a share's denominator).
/// Indices are into the values given to <see cref="SmallCellRule.Hide"/>.
/// </summary>
internal sealed record CountSum(IReadOnlyList<int> Parts, int? Total = null);

/// <summary>
/// Small-cell suppression for figures that leave the Directorate (ADR 0032): a count from 1 to <see cref="UpTo"/> is not
/// published (primary suppression; 0 is shown), and further counts are hidden until no hidden count can be worked out from
/// the sums the reader knows (secondary suppression). The one rule every published output uses; the threshold is
/// <c>Probity:Performance:SmallCellsUpTo</c> (default 4), checked before the host serves.
/// </summary>
internal sealed record SmallCellRule(int UpTo = SmallCellRule.DefaultUpTo)
{
    public const string Setting = "Probity:Performance:SmallCellsUpTo";
    public const int DefaultUpTo = 4;
    public const int MaxUpTo = 20;

    /// <summary>How a hidden count reads in every published output.</summary>
    public const string Marker = "[c]";

    /// <summary>The footnote every published table with a hidden count carries.</summary>
    public string Footnote => string.Create(CultureInfo.InvariantCulture,
        $"{Marker}: not published: a count from 1 to {UpTo} (which could identify a complainant or an officer), or another figure hidden so that such a count cannot be worked out from the totals; figures derived from a hidden count (shares, rates, averages) are hidden with it.");

    /// <summary>The footnote under headline measures with a hidden figure (ADR 0032 addendum).</summary>
    public string HeadlinesFootnote => string.Create(CultureInfo.InvariantCulture,
        $"{Marker}: not published: a measure built from a count from 1 to {UpTo} (which could identify a complainant or an officer), or from one hidden so that such a count cannot be worked out; its value, counts, comparisons and RAG are hidden with it, and a trend has a gap for each period in which it is hidden.");

    public static SmallCellRule Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text)) return new SmallCellRule();
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var upTo) || upTo < 1 || upTo > MaxUpTo)
            throw new InvalidDataException($"{Setting} must be a whole number from 1 to {MaxUpTo}, the largest count not published (it is '{text}').");
        return new SmallCellRule(upTo);
    }

    /// <summary>Whether a count is itself too small to publish.</summary>
    public bool IsSmall(long count) => count >= 1 && count <= UpTo;

    /// <summary>
    /// Which of <paramref name="values"/> (counts, none negative) are not published, given the sums the reader knows.
    /// <paramref name="alsoSmall"/> marks counts to hide as if small although they are not (a count whose complement in a
    /// shown whole is small: 9 upheld of 10 decided says 1 was not).
    /// </summary>
    public bool[] Hide(IReadOnlyList<long> values, IReadOnlyList<CountSum> sums, IReadOnlyList<bool>? alsoSmall = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(sums);
        foreach (var s in sums)
            foreach (var i in s.Total is { } t ? s.Parts.Append(t) : s.Parts)
                if (i < 0 || i >= values.Count) throw new ArgumentOutOfRangeException(nameof(sums), i, "a sum names a cell that is not there");
        if (values.Any(v => v < 0)) throw new ArgumentOutOfRangeException(nameof(values), "a count below zero");
        var hidden = new bool[values.Count];
        for (var i = 0; i < values.Count; i++) hidden[i] = IsSmall(values[i]) || (alsoSmall is not null && i < alsoSmall.Count && alsoSmall[i] && values[i] > 0);
        var primary = (bool[])hidden.Clone();

        // Secondary suppression, to a fixed point: each step hides one more count, so it ends.
        while (true)
        {
            if (SumGivesItAway(values, sums, hidden) is { } sum && HideAnother(values, sum, hidden)) continue;
            if (Determined(sums, hidden, primary) is { } cell && HideNear(values, sums, cell, hidden)) continue;
            return hidden;
        }
    }

    /// <summary>
    /// A sum that gives a hidden count away on its own: exactly one of its cells hidden (subtraction finds it), or its hidden
    /// parts all 1 (zeros are always shown, so a hidden count is at least 1: hidden parts summing to their number are each 1).
    /// </summary>
    private static CountSum? SumGivesItAway(IReadOnlyList<long> values, IReadOnlyList<CountSum> sums, bool[] hidden)
    {
        foreach (var s in sums)
        {
            var parts = s.Parts.Where(i => hidden[i]).ToList();
            var totalHidden = s.Total is { } t && hidden[t];
            if (parts.Count + (totalHidden ? 1 : 0) == 1) return s;
            if (!totalHidden && parts.Count > 1 && parts.Sum(i => values[i]) == parts.Count) return s;
        }
        return null;
    }

    /// <summary>Hides the smallest shown non-zero part of the sum (least lost), else its total; false when nothing is left to hide.</summary>
    private static bool HideAnother(IReadOnlyList<long> values, CountSum sum, bool[] hidden)
    {
        var candidates = sum.Parts.Where(i => !hidden[i] && values[i] > 0).OrderBy(i => values[i]).ThenBy(i => i).ToList();
        if (candidates.Count > 0) { hidden[candidates[0]] = true; return true; }
        if (sum.Total is { } t && !hidden[t] && values[t] > 0) { hidden[t] = true; return true; }
        return false;
    }

    /// <summary>Hides one more count in a sum with the determined cell; false when every such sum has nothing left to hide.</summary>
    private static bool HideNear(IReadOnlyList<long> values, IReadOnlyList<CountSum> sums, int cell, bool[] hidden)
    {
        foreach (var s in sums.Where(s => s.Parts.Contains(cell) || s.Total == cell))
            if (HideAnother(values, s, hidden)) return true;
        return false;
    }

    /// <summary>
    /// A primary (small) hidden count that the sums determine by any combination of additions and subtractions, or null.
    /// Cell i is determined when every solution of the sums agrees on it: when its column of the sums' matrix (over the
    /// hidden cells) is not a combination of the other hidden cells' columns, i.e. removing it lowers the rank.
    /// </summary>
    internal static int? Determined(IReadOnlyList<CountSum> sums, bool[] hidden, bool[] primary)
    {
        var unknown = Enumerable.Range(0, hidden.Length).Where(i => hidden[i]).ToList();
        if (unknown.Count == 0 || sums.Count == 0) return null;
        var matrix = new double[sums.Count][];
        for (var r = 0; r < sums.Count; r++)
        {
            matrix[r] = new double[unknown.Count];
            for (var c = 0; c < unknown.Count; c++)
            {
                var i = unknown[c];
                matrix[r][c] = (sums[r].Parts.Contains(i) ? 1 : 0) - (sums[r].Total == i ? 1 : 0);
            }
        }
        var full = Rank(matrix, -1);
        for (var c = 0; c < unknown.Count; c++)
            if (primary[unknown[c]] && Rank(matrix, c) < full) return unknown[c];
        return null;
    }

    /// <summary>The rank of the matrix without column <paramref name="skip"/> (-1: none), by Gaussian elimination.</summary>
    private static int Rank(double[][] matrix, int skip)
    {
        var m = matrix.Select(row => row.Where((_, c) => c != skip).ToArray()).ToArray();
        var columns = m.Length == 0 ? 0 : m[0].Length;
        var rank = 0;
        for (var c = 0; c < columns && rank < m.Length; c++)
        {
            var pivot = Enumerable.Range(rank, m.Length - rank).OrderByDescending(r => Math.Abs(m[r][c])).First();
            if (Math.Abs(m[pivot][c]) < 1e-9) continue;
            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            for (var r = 0; r < m.Length; r++)
            {
                if (r == rank || Math.Abs(m[r][c]) < 1e-12) continue;
                var f = m[r][c] / m[rank][c];
                for (var k = c; k < columns; k++) m[r][k] -= f * m[rank][k];
            }
            rank++;
        }
        return rank;
    }
}
