using System.Globalization;
using Probity.Infrastructure.Pdf;

namespace Probity.Registers.BoardPack;

/// <summary>
/// The board pack as an A4 PDF on the shared page flow (<see cref="PdfPageFlow"/>): the same sections and figures as the
/// page, each trend drawn as a line chart, "Page n of N" in the footer.
/// </summary>
internal static class BoardPackPdf
{
    public const string Title = "Strategy board pack";

    public static byte[] Render(BoardPackHandler.Pack p) => PdfPageFlow.Render(Title + ", " + p.MonthName, (doc, pages) => new PdfPageFlow(doc, pages)
    {
        Header = f => { if (f.Page > 1) f.HeaderLine(Title + " · " + p.MonthName); },
        Footer = f => f.FooterLine("Directorate of Professional Standards · management information", "Produced " + Day(DateOnly.FromDateTime(p.ProducedAt.UtcDateTime)), f.PageOfPages),
    }, f => Compose(f, p), dryRun: true);

    private static void Compose(PdfPageFlow f, BoardPackHandler.Pack p)
    {
        f.NewPage();
        f.Paragraph(Title, PdfFonts.Bold(24), PdfColours.Ink);
        f.Paragraph(p.MonthName, PdfFonts.Bold(18), PdfColours.Accent);
        f.Paragraph($"For the Strategy and Performance Board and the strategic committee. Figures for {Day(p.From)} to {Day(p.To)}.", PdfFonts.Regular(10.5f), PdfColours.Ink);
        f.Paragraph(BoardPackText.SharedViewNote, PdfFonts.Regular(9), PdfColours.Muted, 4);
        f.Y += 10;

        f.Heading("Headline performance indicators");
        f.Table(["Measure", "Group", p.MonthName, "Same period last year", "RAG"],
            [.. p.Performance.Measures.Select(m => (IReadOnlyList<string>)[m.Title, m.Group, m.Shown, m.LastYearShown, m.Rag])], [170, 80, 70, 80, 40]);
        if (p.Performance.Footnote is { } hidden) f.Paragraph(hidden, PdfFonts.Regular(7.5f), PdfColours.Muted, 4);
        foreach (var m in BoardPackText.Charted(p))
            f.TrendChart("Trend: " + m.Title, m.Trend, p.Performance.TrendLabels, NiceMax(m.Trend.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max()),
                Tick, "Period of the same length, ending with this month", m.Unit, m.Shown, 150);

        f.Heading("Control strategy progress");
        if (p.ControlStrategy.Count == 0) f.Paragraph("No control strategy activities are recorded.", PdfFonts.Regular(9), PdfColours.Muted);
        else f.Table(["Priority", "Planned", "In progress", "Done", "Stopped", "Overdue"],
            [.. p.ControlStrategy.Select(c => (IReadOnlyList<string>)[c.Priority, N(c.Planned), N(c.InProgress), N(c.Done), N(c.Stopped), N(c.Overdue)])], [170, 50, 50, 50, 50, 50]);

        f.Heading("Top risks");
        f.Paragraph($"{N(p.OpenRisks)} open risks on the corporate, business-group and borough registers; the {Math.Min(BoardPackHandler.TopRisks, p.Risks.Count)} highest rated:", PdfFonts.Regular(9), PdfColours.Ink);
        if (p.Risks.Count > 0)
            f.Table(["Risk", "Register", "Owner", "Rating", "Next review"],
                [.. p.Risks.Select(r => (IReadOnlyList<string>)[r.Title, r.Register, r.Owner, $"{r.Score} (L{r.Likelihood} x I{r.Impact})", Day(r.ReviewOn)])], [170, 100, 100, 60, 60]);

        f.Heading("Overdue learning actions");
        f.Paragraph($"{N(p.Overdue.Count)} recommendations open past their due date at {Day(p.To)}.", PdfFonts.Regular(9), PdfColours.Ink);
        if (p.Overdue.Count > 0)
            f.Table(["Recommendation", "Source", "Theme", "Owner", "Due", "Days overdue"],
                [.. p.Overdue.Select(o => (IReadOnlyList<string>)[o.Id, o.Source, o.Theme, o.OwnerUnit, Day(o.DueOn), N(o.DaysOverdue)])], [80, 80, 100, 100, 60, 50]);

        f.Heading("Right Line volumes");
        f.Table(["Quarter", "Reports"], [.. p.RightLine.Select((q, i) => (IReadOnlyList<string>)[BoardPackText.Quarter(q), p.RightLineShown[i]])], [120, 60]);
        if (p.RightLineFootnote is { } rightLineFootnote) f.Paragraph(rightLineFootnote, PdfFonts.Regular(7.5f), PdfColours.Muted, 4);
        if (p.RightLine.Count > 1)
            f.TrendChart("Trend: Right Line reports per quarter", p.RightLineTrend, [.. p.RightLine.Select(BoardPackText.Quarter)],
                NiceMax(p.RightLineTrend.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max()), Tick, "Quarter", "reports", p.RightLineShown[^1], 140);

        f.Heading("Boroughs' monthly returns");
        f.Paragraph(BoardPackText.BoroughQuarterNote(p), PdfFonts.Regular(9), PdfColours.Ink);
        if (p.BoroughQuarter.Count == 0) f.Paragraph("No borough's returns are yours to read.", PdfFonts.Regular(9), PdfColours.Muted);
        else
        {
            IEnumerable<IReadOnlyList<string>> rows = p.BoroughQuarter.Select((b, i) =>
                (IReadOnlyList<string>)[b.Borough.Name, p.Boroughs.Rows[i].Written, p.Boroughs.Rows[i].Final, p.Boroughs.Rows[i].Advice, BoardPackText.MonthsReturned(b)]);
            if (p.Boroughs.Total is { } total)
                rows = rows.Append(["All boroughs", total.Written, total.Final, total.Advice, BoardPackText.MissingReturns(p)]);
            f.Paragraph(BoardPackText.BoroughQuarterCaption(p), PdfFonts.Bold(9), PdfColours.Ink);
            f.Table(["Borough", "Written warnings", "Final written warnings", "Management advice", "Months returned"], [.. rows], [150, 80, 90, 90, 80]);
            if (p.Boroughs.Footnote is { } footnote) f.Paragraph(footnote, PdfFonts.Regular(7.5f), PdfColours.Muted, 4);
        }

        f.Heading("Budget and staffing");
        if (p.Resources.Count == 0) f.Paragraph("No year's budget or staffing is recorded.", PdfFonts.Regular(9), PdfColours.Muted);
        else
        {
            f.Table(["Year", "Budget", "Police officers", "Police staff", "Total staff"],
                [.. p.Resources.Select(r => (IReadOnlyList<string>)[r.Year.ToString(CultureInfo.InvariantCulture), BoardPackText.Pounds(r.BudgetPounds), N(r.PoliceOfficers), N(r.PoliceStaff), N(r.TotalStaff)])],
                [60, 90, 70, 70, 70]);
            if (p.Resources.Count > 1)
                f.TrendChart("Trend: total staff by year", [.. p.Resources.Select(r => (double?)r.TotalStaff)], [.. p.Resources.Select(r => r.Year.ToString(CultureInfo.InvariantCulture))],
                    NiceMax(p.Resources.Max(r => r.TotalStaff)), Tick, "Year", "staff", N(p.Resources[^1].TotalStaff), 140);
        }
    }

    private static string Day(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
    private static string Tick(double v) => PdfPageFlow.Tick(v);
    private static double NiceMax(double max) => PdfPageFlow.NiceMax(max);
}

/// <summary>Words the page and the PDF share.</summary>
internal static class BoardPackText
{
    public const string SharedViewNote = "Every figure from cases is read from the shared view: cases restricted on a need-to-know basis are never counted, and no case " +
        "or member of staff is named. Performance figures are force-wide; the boroughs' returns are the boroughs' own.";

    /// <summary>The measures whose trend is drawn: the first of each group that has a value this month.</summary>
    public static IEnumerable<Performance.Contracts.HeadlineFigures.Headline> Charted(BoardPackHandler.Pack p) =>
        p.Performance.Measures.Where(m => m.Value is not null).GroupBy(m => m.Group, StringComparer.Ordinal).Select(g => g.First());

    public static string Quarter(Intelligence.Contracts.RightLineVolumes.Quarter q) => string.Create(CultureInfo.InvariantCulture, $"{q.Year} Q{q.Number}");

    /// <summary>What the boroughs' section counts, and whose.</summary>
    public static string BoroughQuarterNote(BoardPackHandler.Pack p) =>
        "Written warnings, final written warnings and management advice given by the boroughs' professional standards champions in the matters " +
        "they handled locally, as each borough returned them month by month (not counted from cases). An account kept to a borough sees its own borough's only.";

    public static string BoroughQuarterCaption(BoardPackHandler.Pack p) => p.BoroughQuarter.Count == 0 ? "" :
        p.BoroughQuarter[0].QuarterName + (p.BoroughQuarter[0].MonthsDue < 3 ? $", to the end of {p.Month.ToString("MMMM", CultureInfo.InvariantCulture)}" : "") + ", by borough";

    public static string MonthsReturned(Registers.BoroughReturns.BoroughReturnsHandler.QuarterFigures b) =>
        string.Create(CultureInfo.InvariantCulture, $"{b.MonthsReturned} of {b.MonthsDue}");

    /// <summary>The total row's last cell: how many of the boroughs' months are not returned.</summary>
    public static string MissingReturns(BoardPackHandler.Pack p)
    {
        var missing = p.BoroughQuarter.Sum(b => b.MonthsDue - b.MonthsReturned);
        return missing == 0 ? "all returned" : string.Create(CultureInfo.InvariantCulture, $"{missing:N0} missing");
    }

    public static string Pounds(long pounds) => "£" + pounds.ToString("N0", CultureInfo.InvariantCulture);
}
