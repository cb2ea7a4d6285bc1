using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Contracts;
using Probity.Kernel;
using Probity.Performance.Contracts;
using Probity.Registers.Contracts;
using Probity.Registers.Learning;
using Probity.Registers.RiskRegisters;
using Probity.Workforce.Contracts;

namespace Probity.Registers.BoardPack;

/// <summary>
/// The strategy board pack (seed 002 section 26): a month's management information for the Strategy and Performance Board
/// and the strategic committee. Every case figure is read from the shared view (no restricted case is counted or quoted):
/// the headline measures (Performance), the control strategy's activities by priority (Intelligence), the top open
/// risks and the overdue learning actions (this module's registers), Right Line volumes by quarter (Intelligence), and
/// the Directorate's budget and staffing by year, and the boroughs' monthly returns summed over the month's quarter (ADR 0026
/// addendum: read through the reader's own scope, so an account kept to a borough sees its own borough's only). It names no
/// case and no member of staff. The pack is published (it goes to the board): the boroughs' small counts are suppressed
/// (ADR 0032), and so is a headline measure built from a small count (a month's appeals), as the contract publishes them (its addendum).
/// </summary>
internal sealed class BoardPackHandler(ProbityDb db, Audit audit, TimeProvider time, HeadlineFigures headlines, RightLineVolumes rightLine,
    CaseReferences references, UnitDirectory units, BoroughReturns.BoroughReturnsHandler boroughReturns, SmallCellRule smallCells)
{
    public const int TopRisks = 5;
    public const int RightLineQuarters = 8;

    internal sealed record PriorityProgress(string Priority, int Planned, int InProgress, int Done, int Stopped, int Overdue)
    {
        public int Total => Planned + InProgress + Done + Stopped;
    }

    internal sealed record TopRisk(string Id, string Register, string Title, string Owner, int Likelihood, int Impact, DateOnly ReviewOn)
    {
        public int Score => Likelihood * Impact;
    }

    /// <summary>A borough's row of counts as published: each a number or the marker.</summary>
    internal sealed record BoroughCounts(string Written, string Final, string Advice);

    /// <summary>
    /// The boroughs' returns as the pack publishes them (ADR 0032): the pack goes to the board, so a count of warnings or
    /// advice from 1 to the small-cell limit is not shown, nor is another count in its column from which the "All boroughs"
    /// total would give it away. <see cref="Total"/>: the total row, shown when there is more than one borough.
    /// </summary>
    internal sealed record PublishedBoroughs(IReadOnlyList<BoroughCounts> Rows, BoroughCounts? Total, string? Footnote);

    public static PublishedBoroughs Publish(IReadOnlyList<BoroughReturns.BoroughReturnsHandler.QuarterFigures> rows, SmallCellRule rule)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rule);
        var withTotal = rows.Count > 1;
        var width = rows.Count + (withTotal ? 1 : 0);
        // Three columns of cells, each its boroughs then (with more than one) their total.
        var columns = new Func<BoroughReturns.BoroughReturnsHandler.QuarterFigures, int>[] { b => b.WrittenWarnings, b => b.FinalWrittenWarnings, b => b.ManagementAdvice };
        var values = new List<long>();
        var sums = new List<CountSum>();
        foreach (var column in columns)
        {
            var first = values.Count;
            values.AddRange(rows.Select(b => (long)column(b)));
            if (withTotal)
            {
                values.Add(rows.Sum(column));
                sums.Add(new CountSum([.. Enumerable.Range(first, rows.Count)], first + rows.Count));
            }
        }
        var hidden = rule.Hide(values, sums);
        string Shown(int column, int row) => hidden[column * width + row] ? SmallCellRule.Marker : values[column * width + row].ToString("N0", CultureInfo.InvariantCulture);
        BoroughCounts Row(int row) => new(Shown(0, row), Shown(1, row), Shown(2, row));
        return new PublishedBoroughs([.. Enumerable.Range(0, rows.Count).Select(Row)], withTotal ? Row(rows.Count) : null, hidden.Any(h => h) ? rule.Footnote : null);
    }

    /// <summary>
    /// The Right Line quarters as the pack publishes them (ADR 0032 addendum): a quarter of 1 to the small-cell limit reads as
    /// the marker, and so does a quarter holding a month whose Right Line headline (the month's figure or a point of its trend)
    /// is hidden: the quarter is the sum of its months, and the months shown beside the hidden one would give it back.
    /// </summary>
    public static IReadOnlyList<string> PublishRightLine(IReadOnlyList<RightLineVolumes.Quarter> quarters, HeadlineFigures.Figures performance, SmallCellRule rule)
    {
        ArgumentNullException.ThrowIfNull(quarters);
        ArgumentNullException.ThrowIfNull(performance);
        ArgumentNullException.ThrowIfNull(rule);
        var headline = performance.Measures.FirstOrDefault(m => m.Key == "right_line_reports");
        var hiddenMonths = headline is null ? [] : performance.TrendStarts.Where((_, i) => i < headline.TrendHidden.Count && headline.TrendHidden[i])
            .Select(d => (d.Year, (d.Month - 1) / 3 + 1)).ToHashSet();
        return [.. quarters.Select(q => rule.IsSmall(q.Reports) || hiddenMonths.Contains((q.Year, q.Number))
            ? SmallCellRule.Marker : q.Reports.ToString("N0", CultureInfo.InvariantCulture))];
    }

    internal sealed record OverdueAction(string Id, string Source, string Theme, string OwnerUnit, DateOnly DueOn, int DaysOverdue);

    internal sealed record Pack(DateOnly Month, DateOnly From, DateOnly To, HeadlineFigures.Figures Performance, IReadOnlyList<PriorityProgress> ControlStrategy,
        int OpenRisks, IReadOnlyList<TopRisk> Risks, IReadOnlyList<OverdueAction> Overdue, IReadOnlyList<RightLineVolumes.Quarter> RightLine,
        IReadOnlyList<DirectorateResourceYear> Resources, IReadOnlyList<BoroughReturns.BoroughReturnsHandler.QuarterFigures> BoroughQuarter, DateTimeOffset ProducedAt)
    {
        /// <summary>Each Right Line quarter's count as the pack shows it (small ones suppressed); set by <see cref="BuildAsync"/>.</summary>
        public required IReadOnlyList<string> RightLineShown { get; init; }

        /// <summary>The Right Line quarters for a chart: a hidden quarter is no value (a gap).</summary>
        public IReadOnlyList<double?> RightLineTrend => [.. RightLine.Select((q, i) => RightLineShown[i] == SmallCellRule.Marker ? null : (double?)q.Reports)];

        /// <summary>What the marker means, when a Right Line quarter is hidden; otherwise null.</summary>
        public required string? RightLineFootnote { get; init; }

        /// <summary>The boroughs' counts as the pack shows them (small ones suppressed); set by <see cref="BuildAsync"/>.</summary>
        public required PublishedBoroughs Boroughs { get; init; }

        public string MonthName => Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        public string FileName => $"strategy-board-pack-{Month:yyyy-MM}.pdf";
    }

    /// <summary>
    /// The month a pack is for, from "YYYY-MM"; none given means last month (the board meets on the month just ended).
    /// A month not yet begun, or outside the dates Probity counts, is refused naming what was given.
    /// </summary>
    public static DateOnly Month(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text)) return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        if (!DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw new ActionRefusedException($"Month: \"{Shown(text)}\" is not a month; give it as YYYY-MM, for example 2010-03.");
        WorkingDays.RequireCovered(first, "the month");
        WorkingDays.RequireCovered(first.AddMonths(1).AddDays(-1), "the month's last day");
        if (first > today) throw new ActionRefusedException($"Month: {first:MMMM yyyy} has not begun; the pack reports a month that has.");
        return first;
    }

    private static string Shown(string text) => text.Length > 20 ? text[..20] + "…" : text;

    /// <param name="action">"view" for the page, "export" for the PDF: the trail tells a read from a download.</param>
    public async Task<Pack> BuildAsync(string? monthText, string action, CancellationToken ct)
    {
        var today = time.Today();
        var month = Month(monthText, today);
        var from = month;
        var end = month.AddMonths(1).AddDays(-1);
        var to = end < today ? end : today;
        await audit.RecordAsync(action, "board_pack", month.ToString("yyyy-MM", CultureInfo.InvariantCulture), ct);

        var performance = await headlines.ForPeriodAsync(from, to, month.ToString("MMMM yyyy", CultureInfo.InvariantCulture) + (to < end ? " to date" : ""), ct);
        var quarterStart = new DateOnly(to.Year, (to.Month - 1) / 3 * 3 + 1, 1).AddMonths(-3 * (RightLineQuarters - 1));
        if (quarterStart < WorkingDays.FirstDate) quarterStart = WorkingDays.FirstDate;
        var volumes = await rightLine.PerQuarterAsync(quarterStart, to, ct);
        var unitNames = (await units.AllAsync(ct)).ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        // The boroughs' own returns, before the shared view below: they are the boroughs' data, kept by need-to-know to
        // each borough's champions and the Directorate, not case figures the whole board shares.
        var boroughQuarter = await boroughReturns.QuartersAsync(month, month, ct);

        // The shared view: a recommendation from a restricted case is not counted, and a risk's title quoting one is redacted,
        // whoever reads the pack (the board's figures are the same for every member).
        using var shared = db.ReadAsSharedAnalytics();
        var activities = await db.Set<ControlActivity>().AsNoTracking().Select(a => new { a.Priority, a.State, a.DueOn }).ToListAsync(ct);
        var control = activities.GroupBy(a => a.Priority, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PriorityProgress(g.Key.Replace('_', ' '),
                g.Count(a => a.State == ControlActivityStates.Planned), g.Count(a => a.State == ControlActivityStates.InProgress),
                g.Count(a => a.State == ControlActivityStates.Done), g.Count(a => a.State == ControlActivityStates.Stopped),
                g.Count(a => a.DueOn < to && (a.State == ControlActivityStates.Planned || a.State == ControlActivityStates.InProgress)))).ToList();

        var open = await db.RegisterRisks.AsNoTracking().Where(r => r.ClosedOn == null)
            .Select(r => new { r.Id, r.Level, r.UnitId, r.Title, r.Owner, r.Likelihood, r.Impact, r.ReviewOn }).ToListAsync(ct);
        var top = open.OrderByDescending(r => r.Likelihood * r.Impact).ThenByDescending(r => r.Impact).ThenBy(r => r.ReviewOn).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Take(TopRisks).ToList();
        var hiddenInRisks = await references.HiddenAsync(top.SelectMany(r => CaseReferences.Words(r.Title).Concat(CaseReferences.Words(r.Owner))), ct);
        var risks = top.Select(r => new TopRisk(r.Id, RiskScale.Level(r.Level) + (r.UnitId is { } u ? ": " + unitNames.GetValueOrDefault(u, u) : ""),
            CaseReferences.Redact(r.Title, hiddenInRisks)!, CaseReferences.Redact(r.Owner, hiddenInRisks)!, r.Likelihood, r.Impact, r.ReviewOn)).ToList();

        var late = await db.LearningRecommendations.AsNoTracking().Where(r => r.ClosedOn == null && r.DueOn < to)
            .Select(r => new { r.Id, r.Source, r.Theme, r.OwnerUnitId, r.DueOn, r.CaseId }).ToListAsync(ct);
        var hiddenCases = await references.HiddenAsync(late.Select(r => r.CaseId), ct);
        var overdue = late.Where(r => r.CaseId is null || !hiddenCases.Contains(r.CaseId)).OrderBy(r => r.DueOn).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new OverdueAction(r.Id, LearningVocabulary.Source(r.Source), LearningVocabulary.Theme(r.Theme), unitNames.GetValueOrDefault(r.OwnerUnitId, r.OwnerUnitId),
                r.DueOn, to.DayNumber - r.DueOn.DayNumber)).ToList();

        var resources = await db.DirectorateResourceYears.AsNoTracking().Where(r => r.Year <= to.Year).OrderBy(r => r.Year).ToListAsync(ct);
        var rightLineShown = PublishRightLine(volumes, performance, smallCells);
        return new Pack(month, from, to, performance, control, open.Count, risks, overdue, volumes, resources, boroughQuarter, time.GetUtcNow())
        {
            Boroughs = Publish(boroughQuarter, smallCells),
            RightLineShown = rightLineShown,
            RightLineFootnote = rightLineShown.Contains(SmallCellRule.Marker) ? smallCells.Footnote : null,
        };
    }
}
