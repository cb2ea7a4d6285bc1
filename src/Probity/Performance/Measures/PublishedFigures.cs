using Probity.Performance.Contracts;

namespace Probity.Performance.Measures;

/// <summary>
/// The framework's figures as they leave the Directorate (the quarterly report, `pmf --json`, the board pack's headlines;
/// ADR 0032 and its addendum), made once before any rendering:
/// <list type="bullet">
/// <item>each table's counts of people or cases (its <see cref="CountLayout"/>) go through the one <see cref="SmallCellRule"/>,
/// a hidden count reads as the marker, and so does every figure worked out from it; tables without a layout (case lists,
/// ages) are as they were;</item>
/// <item>the headline measures: the counts each is built from (<see cref="HeadlineCounts"/>) go through the same rule, with
/// the sums they make, and with the table cells that are the same counts (<see cref="CountLayout.Headlines"/>), as one set;
/// a measure built from a hidden count is hidden, and with it its RAG and its comparisons; a comparison is hidden too
/// when the other period's measure is, and a trend point when its period's is (each period solved as the current one,
/// without the tables, which are published for the current period only).</item>
/// </list>
/// The dashboard, a working view for entitled staff, shows the calculator's figures as they are.
/// </summary>
internal static class PublishedFigures
{
    public static PmfResult Publish(this SmallCellRule rule, PmfResult result)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(result);
        var (hiddenNow, tables) = Solve(rule, result.Measures.ToDictionary(m => m.Definition.Key, m => m.Current, StringComparer.Ordinal), result.Tables);
        var published = tables.Select((t, i) => t ?? Suppress(result.Tables[i], rule)).ToList();
        HashSet<string> HiddenIn(Func<MeasureResult, Observation> observation) =>
            Solve(rule, result.Measures.ToDictionary(m => m.Definition.Key, observation, StringComparer.Ordinal), []).Hidden;
        var hiddenLastPeriod = HiddenIn(m => m.LastPeriod.Then);
        var hiddenLastYear = HiddenIn(m => m.LastYear.Then);
        var trendPoints = result.Measures.Count == 0 ? 0 : result.Measures.Min(m => m.Trend.Count);
        var hiddenTrend = Enumerable.Range(0, trendPoints)
            .Select(i => i < result.TrendPeriods.Count && result.TrendPeriods[i] == result.Period ? hiddenNow : HiddenIn(m => m.Trend[i])).ToList();

        var measures = result.Measures.Select(m =>
        {
            var key = m.Definition.Key;
            var now = hiddenNow.Contains(key);
            Comparison Compared(Comparison c, HashSet<string> then) => now || (c.Value is not null && then.Contains(key)) ? Comparison.Hidden : c;
            return m with
            {
                Current = now ? Observation.Hidden : m.Current,
                LastPeriod = Compared(m.LastPeriod, hiddenLastPeriod),
                LastYear = Compared(m.LastYear, hiddenLastYear),
                Rag = now ? SmallCellRule.Marker : m.Rag,
                Trend = [.. m.Trend.Select((o, i) => i < hiddenTrend.Count && hiddenTrend[i].Contains(key) ? Observation.Hidden : o)],
            };
        }).ToList();
        return result with
        {
            Measures = measures,
            Tables = published,
            MeasuresNote = measures.Any(m => m.AnyHidden) ? rule.HeadlinesFootnote : null,
        };
    }

    /// <summary>
    /// One period's measures, and the tables that share counts with them (the current period only), as one set of counts and
    /// sums for the rule: which measures are hidden, and each linked table as published (null: a table not linked, published alone).
    /// </summary>
    private static (HashSet<string> Hidden, IReadOnlyList<BreakdownTable?> Tables) Solve(SmallCellRule rule, IReadOnlyDictionary<string, Observation> measures,
        IReadOnlyList<BreakdownTable> tables)
    {
        var cells = new Cells();
        var counts = HeadlineCounts.Read(measures);
        var named = counts.ToDictionary(c => c.Key, c => cells.Add(c.Value), StringComparer.Ordinal);
        foreach (var (total, parts) in HeadlineCounts.Sums)
            cells.Sums.Add(new CountSum([.. parts.Select(p => named[p])], named[total]));
        var linked = tables.Select(t => t.Counts is { Headlines.Count: > 0 } && t.Rows.Count > 0 ? cells.AddTable(t, rule) : null).ToList();
        for (var i = 0; i < tables.Count; i++)
            if (linked[i] is { } index)
                foreach (var link in tables[i].Counts!.Headlines!)
                    if (index.TryGetValue((link.Row, link.Column), out var cell) && named.TryGetValue(link.Count, out var headline))
                        cells.Sums.Add(new CountSum([cell], headline)); // the same count: hidden in both or in neither

        var hidden = rule.Hide(cells.Values, cells.Sums, cells.AlsoSmall);
        var hiddenMeasures = HeadlineCounts.Of.Where(m => measures.ContainsKey(m.Key)
                && (hidden[named[m.Value.Numerator]] || (m.Value.Denominator is { } d && hidden[named[d]])))
            .Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        return (hiddenMeasures, [.. tables.Select((t, i) => linked[i] is { } index ? Apply(t, index, hidden, rule) : null)]);
    }

    /// <summary>A table published alone: its counts and sums, through the rule.</summary>
    public static BreakdownTable Suppress(BreakdownTable table, SmallCellRule rule)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rule);
        if (table.Counts is null || table.Rows.Count == 0) return table;
        var cells = new Cells();
        var index = cells.AddTable(table, rule);
        return Apply(table, index, rule.Hide(cells.Values, cells.Sums, cells.AlsoSmall), rule);
    }

    /// <summary>The table with its hidden counts, and every figure worked out from one, read as the marker, and the footnote saying so.</summary>
    private static BreakdownTable Apply(BreakdownTable table, Dictionary<(int Row, int Column), int> index, bool[] hidden, SmallCellRule rule)
    {
        bool Hidden(int row, int column) => index.TryGetValue((row, column), out var i) && hidden[i];
        if (!index.Keys.Any(k => Hidden(k.Row, k.Column))) return table;
        var layout = table.Counts!;
        var published = table.Rows.Select((row, r) => (IReadOnlyList<Cell>)[.. row.Select((cell, c) =>
            Hidden(r, c) || layout.Followers.Any(f => f.Column == c && f.On.Any(on => Hidden(r, on) || (f.ReferenceRow is { } rr && Hidden(rr, on))))
                ? new SuppressedCell() : cell)]).ToList();
        return table with { Rows = published, Note = table.Note is null ? rule.Footnote : table.Note + " " + rule.Footnote };
    }

    /// <summary>Counts for the rule and the sums over them, gathered from measures and tables.</summary>
    private sealed class Cells
    {
        public List<long> Values { get; } = [];
        public List<bool> AlsoSmall { get; } = [];
        public List<CountSum> Sums { get; } = [];

        public int Add(long value, bool alsoSmall = false)
        {
            Values.Add(Math.Max(0, value));
            AlsoSmall.Add(alsoSmall);
            return Values.Count - 1;
        }

        /// <summary>A table's count cells (a count, or a share's part where the column counts a part of another) and its sums; the cells' indices by row and column.</summary>
        public Dictionary<(int Row, int Column), int> AddTable(BreakdownTable table, SmallCellRule rule)
        {
            var layout = table.Counts!;
            var rows = table.Rows;
            var index = new Dictionary<(int Row, int Column), int>();
            foreach (var column in layout.Columns)
                for (var r = 0; r < rows.Count; r++)
                    if (Count(rows[r][column.Column]) is { } n)
                        index[(r, column.Column)] = Add(n,
                            column.PartOf is { } whole && rows[r][whole] is CountCell { Count: { } w } && rule.IsSmall(w - n));

            foreach (var column in layout.Columns.Where(c => c.Summed))
                foreach (var (first, last) in column.Groups ?? [(0, rows.Count - 1)])
                {
                    var parts = Enumerable.Range(first, last - first + 1).Where(r => r != column.TotalRow && index.ContainsKey((r, column.Column)))
                        .Select(r => index[(r, column.Column)]).ToList();
                    int? total = column.TotalRow is { } t && t >= first && t <= last && index.TryGetValue((t, column.Column), out var ti) ? ti : null;
                    if (parts.Count > 0) Sums.Add(new CountSum(parts, total));
                }
            return index;
        }

        /// <summary>The count a cell of a count column shows: a count, or the part of a share (its whole is shown beside it).</summary>
        private static long? Count(Cell cell) => cell switch
        {
            CountCell { Count: { } n } => n,
            ShareCell s => s.Part,
            _ => null,
        };
    }
}
