using Probity.Performance.Contracts;
using Probity.Performance.Measures;
using Probity.Performance.Report;

namespace Probity.Tests.Performance;

/// <summary>
/// The framework's tables as published (ADR 0032): each table's count columns go through the small-cell rule, what is worked
/// out from a hidden count is hidden with it, and a table without counts of people (a case list) is left as it is.
/// </summary>
public sealed class PublishedTablesTests
{
    private static readonly SmallCellRule Rule = new();

    private static IReadOnlyList<Cell> Row(params Cell[] cells) => cells;

    private static IReadOnlyList<IReadOnlyList<string>> Published(BreakdownTable t) => TableText.Rows(PublishedFigures.Suppress(t, Rule));

    [Fact]
    public void A_small_count_and_its_share_are_hidden_and_the_next_smallest_with_them_as_the_shares_give_the_total()
    {
        var t = new BreakdownTable("by_category", "Allegations by category", ["Category", "Number", "Share"],
        [
            Row(new CodeCell("incivility"), new CountCell(30), new ShareCell(30, 45)),
            Row(new CodeCell("other_assault"), new CountCell(12), new ShareCell(12, 45)),
            Row(new CodeCell("discriminatory_behaviour"), new CountCell(3), new ShareCell(3, 45)),
        ], Counts: new([new CountColumn(1)], [new Follower(2, [1])]));
        Assert.Equal([["30", "66.7%"], ["[c]", "[c]"], ["[c]", "[c]"]], Published(t).Select(r => r.Skip(1).ToArray()).ToArray());
        Assert.EndsWith(Rule.Footnote, PublishedFigures.Suppress(t, Rule).Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_with_nothing_small_is_published_as_it_is_with_no_footnote()
    {
        var t = new BreakdownTable("by_source", "Cases by source", ["Source", "Number", "Share"],
            [Row(new CodeCell("public"), new CountCell(30), new ShareCell(30, 30)), Row(new CodeCell("internal"), new CountCell(0), new ShareCell(0, 30))],
            Counts: new([new CountColumn(1)], [new Follower(2, [1])]));
        Assert.Same(t, PublishedFigures.Suppress(t, Rule));
    }

    [Fact]
    public void The_all_cases_row_is_a_total_shown_so_a_route_beside_the_small_one_goes_and_its_averages_with_it()
    {
        var t = new BreakdownTable("timeliness", "Receipt to finalisation", ["Route", "Cases", "Mean", "Median", "90th percentile", "Within target"],
        [
            Row(new RouteGroupCell(RouteGroup.Investigation), new CountCell(20), new WorkingDaysCell(100), new WorkingDaysCell(90), new WorkingDaysCell(180), new ShareCell(15, 20)),
            Row(new RouteGroupCell(RouteGroup.LocalResolution), new CountCell(2), new WorkingDaysCell(30), new WorkingDaysCell(30), new WorkingDaysCell(31), new ShareCell(2, 2)),
            Row(new RouteGroupCell(RouteGroup.AllCases), new CountCell(22), new WorkingDaysCell(93.6), new WorkingDaysCell(88), new WorkingDaysCell(180), new ShareCell(17, 22)),
        ], Counts: new([new CountColumn(1, TotalRow: 2)], [new Follower(2, [1]), new Follower(3, [1]), new Follower(4, [1]), new Follower(5, [1])]));
        var rows = Published(t);
        Assert.All(rows[0].Skip(1).Concat(rows[1].Skip(1)), cell => Assert.Equal("[c]", cell));
        Assert.Equal(["All cases", "22", "93.6", "88.0", "180.0", "77.3%"], rows[2]);
    }

    [Fact]
    public void Stages_add_up_to_nothing_so_only_the_small_one_is_hidden()
    {
        var t = new BreakdownTable("stages", "Stages", ["Stage", "Cases", "Mean", "Median", "90th percentile"],
        [
            Row(new LabelCell("Receipt to recording"), new CountCell(3), new WorkingDaysCell(2), new WorkingDaysCell(2), new WorkingDaysCell(3)),
            Row(new LabelCell("Recording to handling decision"), new CountCell(40), new WorkingDaysCell(5), new WorkingDaysCell(4), new WorkingDaysCell(9)),
        ], Counts: new([new CountColumn(1, Summed: false)], [new Follower(2, [1]), new Follower(3, [1]), new Follower(4, [1])]));
        Assert.Equal([["Receipt to recording", "[c]", "[c]", "[c]", "[c]"], ["Recording to handling decision", "40", "5.0", "4.0", "9.0"]],
            Published(t).Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void Nine_upheld_of_ten_says_one_was_not_so_the_upheld_count_and_its_share_are_hidden()
    {
        var t = new BreakdownTable("appeals", "Appeals", ["Type", "Decided", "Upheld", "Share upheld"],
        [
            Row(new CodeCell("local_investigation"), new CountCell(10), new CountCell(9), new ShareCell(9, 10)),
            Row(new CodeCell("local_resolution"), new CountCell(30), new CountCell(12), new ShareCell(12, 30)),
        ], Counts: new([new CountColumn(1), new CountColumn(2, PartOf: 1)], [new Follower(3, [1, 2])]));
        var rows = Published(t);
        Assert.Equal(["10", "[c]", "[c]"], rows[0].Skip(1));
        Assert.Equal(["30", "[c]", "[c]"], rows[1].Skip(1)); // the upheld column's total is published: a second goes
    }

    [Fact]
    public void A_hidden_white_count_hides_every_ratio_to_the_white_rate_as_each_would_give_it_back()
    {
        var t = new BreakdownTable("equality_complainants", "Complainants per 1,000", ["Group", "Complainants", "Residents", "Per 1,000", "95% interval", "Ratio to white"],
        [
            Row(new CodeCell("white"), new CountCell(3), new CountCell(100000), new RatioCell(0.03), new IntervalCell(0.01, 0.09), new RatioCell(1)),
            Row(new CodeCell("black"), new CountCell(40), new CountCell(50000), new RatioCell(0.8), new IntervalCell(0.6, 1.1), new RatioCell(26.7)),
            Row(new CodeCell("asian"), new CountCell(25), new CountCell(50000), new RatioCell(0.5), new IntervalCell(0.3, 0.7), new RatioCell(16.7)),
        ], Counts: new([new CountColumn(1)], [new Follower(3, [1]), new Follower(4, [1]), new Follower(5, [1], ReferenceRow: 0)]));
        var rows = Published(t);
        Assert.Equal(["[c]", "100,000", "[c]", "[c]", "[c]"], rows[0].Skip(1));
        Assert.Equal(["[c]", "[c]"], new[] { rows[1][5], rows[2][5] });
        Assert.Equal("[c]", rows[2][1]); // the smaller other count goes as the second
        Assert.Equal("40", rows[1][1]);
    }

    [Fact]
    public void A_table_without_counts_of_people_is_left_as_it_is()
    {
        var t = new BreakdownTable("oldest_live", "Oldest live cases", ["Case", "Received", "Age (working days)"],
            [Row(new CaseCell("C-1"), new DateCell(new DateOnly(2010, 1, 4)), new CountCell(3))]);
        Assert.Same(t, PublishedFigures.Suppress(t, Rule));
    }
}
