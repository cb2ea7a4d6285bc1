using Probity.Performance.Contracts;

namespace Probity.Performance.Measures;

/// <summary>
/// The framework's tables as they leave the Directorate (the quarterly report, `pmf --json`; ADR 0032): each table's
/// counts of people or cases (its <see cref="CountLayout"/>) go through the one <see cref="SmallCellRule"/>, a hidden count
/// reads as the marker, and so does every figure worked out from it. Tables without a layout (case lists, ages) are as
/// they were. The dashboard, a working view for entitled staff, shows the calculator's tables as they are.
/// </summary>
internal static class PublishedTables
{
    public static PmfResult Publish(this SmallCellRule rule, PmfResult result) =>
        result with { Tables = [.. result.Tables.Select(t => Suppress(t, rule))] };

    public static BreakdownTable Suppress(BreakdownTable table, SmallCellRule rule)
    {
        if (table.Counts is not { } layout || table.Rows.Count == 0) return table;
        var rows = table.Rows;
        var index = new Dictionary<(int Row, int Column), int>();
        var values = new List<long>();
        var alsoSmall = new List<bool>();
        foreach (var column in layout.Columns)
            for (var r = 0; r < rows.Count; r++)
                if (rows[r][column.Column] is CountCell { Count: { } n })
                {
                    index[(r, column.Column)] = values.Count;
                    values.Add(n);
                    alsoSmall.Add(column.PartOf is { } whole && rows[r][whole] is CountCell { Count: { } w } && rule.IsSmall(w - n));
                }

        var sums = new List<CountSum>();
        foreach (var column in layout.Columns.Where(c => c.Summed))
            foreach (var (first, last) in column.Groups ?? [(0, rows.Count - 1)])
            {
                var parts = Enumerable.Range(first, last - first + 1).Where(r => r != column.TotalRow && index.ContainsKey((r, column.Column)))
                    .Select(r => index[(r, column.Column)]).ToList();
                int? total = column.TotalRow is { } t && t >= first && t <= last && index.TryGetValue((t, column.Column), out var ti) ? ti : null;
                if (parts.Count > 0) sums.Add(new CountSum(parts, total));
            }

        var hidden = rule.Hide(values, sums, alsoSmall);
        if (!hidden.Any(h => h)) return table;
        bool Hidden(int row, int column) => index.TryGetValue((row, column), out var i) && hidden[i];
        var published = rows.Select((row, r) => (IReadOnlyList<Cell>)[.. row.Select((cell, c) =>
            Hidden(r, c) || layout.Followers.Any(f => f.Column == c && f.On.Any(on => Hidden(r, on) || (f.ReferenceRow is { } rr && Hidden(rr, on))))
                ? new SuppressedCell() : cell)]).ToList();
        return table with { Rows = published, Note = table.Note is null ? rule.Footnote : table.Note + " " + rule.Footnote };
    }
}
