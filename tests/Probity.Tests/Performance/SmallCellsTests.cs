using Microsoft.Extensions.Configuration;
using Probity.Performance.Contracts;

namespace Probity.Tests.Performance;

/// <summary>
/// Small-cell suppression (ADR 0032): counts 1 to 4 hidden, 0 shown, and a second count hidden wherever a total the reader
/// knows would give the first away by subtraction, or by "each hidden count is at least 1".
/// </summary>
public sealed class SmallCellsTests
{
    private static readonly SmallCellRule Rule = new();

    private static bool[] Hide(long[] values, params CountSum[] sums) => Rule.Hide(values, sums);

    [Fact]
    public void Counts_from_1_to_4_are_hidden_and_0_and_5_are_shown_when_no_total_is_known()
    {
        Assert.Equal([false, true, true, true, true, false, false], Hide([0, 1, 2, 3, 4, 5, 120]));
    }

    [Fact]
    public void With_a_total_known_elsewhere_the_smallest_other_count_is_hidden_too()
    {
        // 3 + 40 + 12 = 55, a headline the reader has: hiding the 3 alone, 55 - 40 - 12 gives it back.
        Assert.Equal([true, false, true], Hide([3, 40, 12], new CountSum([0, 1, 2])));
    }

    [Fact]
    public void A_zero_is_never_the_second_count_hidden_as_a_zero_protects_nothing()
    {
        // Zeros are always shown, so a hidden count is at least 1: hiding 0 beside 3 would leave "[c] + [c] = 3" with the 0 known.
        Assert.Equal([true, false, false, true], Hide([3, 0, 0, 9], new CountSum([0, 1, 2, 3])));
    }

    [Fact]
    public void A_total_shown_in_the_table_is_a_cell_like_the_others()
    {
        // Parts 2, 30, 8 and their total 40 in the last cell.
        Assert.Equal([true, false, true, false], Hide([2, 30, 8, 40], new CountSum([0, 1, 2], 3)));
        // A lone part equal to its total: both go.
        Assert.Equal([true, true], Hide([3, 3], new CountSum([0], 1)));
        // A small total hides itself, and then a part beside it.
        Assert.Equal([false, true, true], Hide([0, 3, 3], new CountSum([0, 1], 2)));
    }

    [Fact]
    public void Two_hidden_ones_are_not_enough_as_each_must_be_1()
    {
        // 1 + 1 + 50 = 52 known: two hidden cells summing to 2, each at least 1, are each 1. A third is hidden.
        Assert.Equal([true, true, true], Hide([1, 1, 50], new CountSum([0, 1, 2])));
        // 1 + 2 sums to 3 over two cells: 1 + 2 or 2 + 1, not given away.
        Assert.Equal([true, true, false], Hide([1, 2, 50], new CountSum([0, 1, 2])));
    }

    [Fact]
    public void A_count_whose_rest_of_the_whole_is_small_is_hidden_as_if_small()
    {
        // 9 upheld of 10 decided says 1 was not: the 9 is hidden (and, its column's total known, the 20 beside it).
        Assert.Equal([true, true], Rule.Hide([9, 20], [new CountSum([0, 1])], alsoSmall: [true, false]));
    }

    [Fact]
    public void A_second_count_hidden_in_one_sum_is_protected_in_the_other_it_belongs_to()
    {
        // 2x2 with row and column totals known: 3 hides 10 in its row; 10 then stands alone in its column, so 7 goes; 7 alone
        // in its row, so 20 goes. Every row and column has two hidden or none.
        //  3 10 | 13
        //  7 20 | 27
        var hidden = Hide([3, 10, 7, 20], new CountSum([0, 1]), new CountSum([2, 3]), new CountSum([0, 2]), new CountSum([1, 3]));
        Assert.Equal([true, true, true, true], hidden);
    }

    [Fact]
    public void A_single_small_count_known_as_a_total_elsewhere_cannot_be_protected_and_is_still_hidden()
    {
        // The only part of a known total: nothing else to hide, the figure elsewhere gives it (ADR 0032: headlines are totals).
        Assert.Equal([true], Hide([3], new CountSum([0])));
    }

    [Fact]
    public void A_threshold_of_9_hides_up_to_9()
    {
        Assert.Equal([false, true, false], new SmallCellRule(9).Hide([0, 9, 10], []));
    }

    [Fact]
    public void The_threshold_is_read_from_configuration_and_a_wrong_one_is_refused_naming_the_setting_and_value()
    {
        static SmallCellRule Load(string? value) => SmallCellRule.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [SmallCellRule.Setting] = value }).Build());
        Assert.Equal(4, Load(null).UpTo);
        Assert.Equal(9, Load("9").UpTo);
        foreach (var wrong in new[] { "0", "-1", "21", "five", "4.5" })
        {
            var refused = Assert.Throws<InvalidDataException>(() => Load(wrong));
            Assert.Equal($"Probity:Performance:SmallCellsUpTo must be a whole number from 1 to 20, the largest count not published (it is '{wrong}').", refused.Message);
        }
    }

    [Fact]
    public void The_footnote_says_what_the_marker_means_with_the_threshold()
    {
        Assert.StartsWith("[c]: not published: a count from 1 to 4", Rule.Footnote, StringComparison.Ordinal);
        Assert.Contains("from 1 to 7", new SmallCellRule(7).Footnote, StringComparison.Ordinal);
    }

    /// <summary>
    /// The property: for random tables with row totals, column totals and a grand total all shown, no count from 1 to 4 is
    /// shown, and an attacker who solves every sum with one unknown left, again and again (feeding each answer back), and
    /// uses "a hidden count is at least 1", recovers no hidden small count. Seeded, so a failure is repeatable.
    /// </summary>
    [Fact]
    public void No_hidden_small_count_is_recovered_from_the_totals_of_random_tables()
    {
        var random = new Random(32);
        for (var trial = 0; trial < 2000; trial++)
        {
            int rows = random.Next(1, 6), columns = random.Next(1, 6);
            // Cells row by row, then the row totals, the column totals, the grand total.
            var values = new List<long>();
            for (var i = 0; i < rows * columns; i++) values.Add(random.Next(4) switch { 0 => 0, 1 => random.Next(1, 5), _ => random.Next(5, 40) });
            int Cell(int r, int c) => r * columns + c;
            int RowTotal(int r) => rows * columns + r;
            int ColumnTotal(int c) => rows * columns + rows + c;
            var grand = rows * columns + rows + columns;
            for (var r = 0; r < rows; r++) values.Add(Enumerable.Range(0, columns).Sum(c => values[Cell(r, c)]));
            for (var c = 0; c < columns; c++) values.Add(Enumerable.Range(0, rows).Sum(r => values[Cell(r, c)]));
            values.Add(values.Take(rows * columns).Sum());
            var sums = new List<CountSum>();
            for (var r = 0; r < rows; r++) sums.Add(new([.. Enumerable.Range(0, columns).Select(c => Cell(r, c))], RowTotal(r)));
            for (var c = 0; c < columns; c++) sums.Add(new([.. Enumerable.Range(0, rows).Select(r => Cell(r, c))], ColumnTotal(c)));
            sums.Add(new([.. Enumerable.Range(0, rows).Select(RowTotal)], grand));
            sums.Add(new([.. Enumerable.Range(0, columns).Select(ColumnTotal)], grand));

            var hidden = Rule.Hide(values, sums);
            var table = $"trial {trial}: {rows}x{columns} [{string.Join(", ", values)}], hidden [{string.Join(", ", hidden.Select(h => h ? 1 : 0))}]";
            for (var i = 0; i < values.Count; i++)
                Assert.False(!hidden[i] && Rule.IsSmall(values[i]), $"a small count is shown: cell {i}, {table}");
            foreach (var i in Attack(values, hidden, sums))
                Assert.False(Rule.IsSmall(values[i]), $"cell {i} ({values[i]}) is worked out from the totals: {table}");
        }
    }

    /// <summary>The cells an attacker works out: each sum with one unknown gives it; a sum whose unknown parts must make their own count gives them all 1.</summary>
    private static HashSet<int> Attack(IReadOnlyList<long> values, bool[] hidden, IReadOnlyList<CountSum> sums)
    {
        var known = new long?[values.Count];
        for (var i = 0; i < values.Count; i++) if (!hidden[i]) known[i] = values[i];
        var found = new HashSet<int>();
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var s in sums)
            {
                var cells = s.Total is { } t ? s.Parts.Append(t).ToList() : [.. s.Parts];
                var unknown = cells.Where(i => known[i] is null).ToList();
                if (unknown.Count == 0) continue;
                if (s.Total is null) continue; // the attacker has the total from elsewhere only in the tests that say so
                var partsKnown = s.Parts.Where(i => known[i] is not null).Sum(i => known[i]!.Value);
                if (unknown.Count == 1)
                {
                    var u = unknown[0];
                    known[u] = u == s.Total ? partsKnown : known[s.Total.Value]!.Value - partsKnown;
                    found.Add(u);
                    progress = true;
                }
                else if (known[s.Total.Value] is { } total && total - partsKnown == unknown.Count)
                {
                    foreach (var u in unknown) { known[u] = 1; found.Add(u); }
                    progress = true;
                }
            }
        }
        return found;
    }
}
