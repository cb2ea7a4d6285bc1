using System.Globalization;
using Probity.Infrastructure.Pdf;
using Probity.Intelligence.Log;
using SkiaSharp;

namespace Probity.Intelligence.ControlStrategy;

/// <summary>Everything the Strategic Intelligence Assessment holds: counts, activities and the review cycle, never an item's words.</summary>
internal sealed record AssessmentDocument(IReadOnlyList<PriorityPicture> Priorities, ILookup<string, ControlStrategyHandler.ActivityRow> Activities,
    ControlStrategyHandler.ReviewCycle Cycle, IReadOnlyList<int> Years, DateOnly ProducedOn, string ProducedFor, IntelligenceLists Lists)
{
    public const string Title = "Strategic Intelligence Assessment";
    public string FileName => $"strategic-intelligence-assessment-{ProducedOn:yyyy-MM-dd}.pdf";

    public static string Words(string code) => code.Replace('_', ' ');
}

/// <summary>
/// The assessment as an A4 PDF for the strategic committee, drawn with Skia as the quarterly performance report is (the
/// shared <see cref="PdfFonts"/> and <see cref="PdfLines"/>): the review cycle, then each priority's evidence by year with a
/// small stacked-bar trend, its activities and progress, and its intelligence picture as counts by grading and handling code.
/// The text of an intelligence item never enters it, whatever its handling.
/// </summary>
internal static class AssessmentPdf
{
    private static readonly SKColor Ink = PdfColours.Ink, Muted = PdfColours.Muted, Accent = PdfColours.Accent, Rule = PdfColours.Rule, Warn = PdfColours.WarnInk;
    /// <summary>Cells cut to one line, every column after the first a number.</summary>
    private static readonly PdfTableStyle Cells = new(CellSize: 8, MaxLines: 1, HeaderFill: false);
    /// <summary>The trend's series, bottom to top, each with its colour (distinct in greyscale too).</summary>
    private static readonly (string Name, SKColor Colour, Func<EvidenceYear, int> Count)[] Series =
    [
        ("Allegations", new SKColor(0x1d, 0x4e, 0x89), y => y.Allegations),
        ("Intelligence items", new SKColor(0x6f, 0x9f, 0xd8), y => y.Intelligence),
        ("Misuse alerts", new SKColor(0xb3, 0x5c, 0x00), y => y.Alerts),
        ("Register entries", new SKColor(0xd9, 0xc2, 0x8c), y => y.BusinessInterests + y.VettingClearances),
    ];

    public static byte[] Render(AssessmentDocument d) => PdfPageFlow.Render(AssessmentDocument.Title, (doc, _) => new PdfPageFlow(doc)
    {
        Header = p => { if (p.Page > 1) p.HeaderLine(AssessmentDocument.Title + " · " + Day(d.ProducedOn)); },
        Footer = p => p.FooterLine("Need to know: the Intelligence Bureau and the Anti-Corruption Command", "", "Page " + p.Page.ToString(CultureInfo.InvariantCulture), 400),
    }, p => Compose(p, d));

    private static void Compose(PdfPageFlow p, AssessmentDocument d)
    {
        p.NewPage();
        p.Y = 120;
        p.Paragraph(AssessmentDocument.Title, PdfFonts.Bold(24), Ink);
        p.Paragraph("The control strategy: priorities, evidence, activities and the intelligence picture", PdfFonts.Regular(13), Accent, 2);
        p.Y += 8;
        p.Paragraph($"Produced on {Day(d.ProducedOn)} for the strategic committee, by {d.ProducedFor}.", PdfFonts.Regular(10.5f), Ink);
        p.Paragraph($"Evidence years {d.Years[0]} to {d.Years[^1]} ({d.Years[^1]} to date).", PdfFonts.Regular(10.5f), Ink);
        p.Paragraph("Cases restricted on a need-to-know basis are excluded from every figure. Intelligence is counted as its reader may see it, " +
            "by grading and handling code only: no intelligence text appears in this document.", PdfFonts.Regular(9), Muted, 4);
        p.Y += 18;

        p.Heading("Review cycle");
        var c = d.Cycle;
        p.Paragraph(c.LastFull is { } full ? $"Last full assessment: {Day(full.AssessedOn)}. Next full assessment due {Day(c.NextFullDue)}{(c.FullOverdue ? " — OVERDUE" : "")}."
            : "No full assessment has been recorded: one is due now.", PdfFonts.Regular(10), c.FullOverdue ? Warn : Ink, 3);
        p.Paragraph(c.Latest is { } latest ? $"Latest assessment: {latest.Kind}, {Day(latest.AssessedOn)}. Next review due {Day(c.NextDue)}{(c.Overdue ? " — OVERDUE" : "")}."
            : "No assessment has been recorded.", PdfFonts.Regular(10), c.Overdue ? Warn : Ink, 3);
        if (c.Assessments.Count > 0)
            p.Table(["Assessed", "Kind", "Next due", "By"], [.. c.Assessments.Select(a => (IReadOnlyList<string>)[Day(a.AssessedOn), a.Kind, Day(a.NextDueOn), a.RecordedBy])], [90, 70, 90, 120], Cells);

        p.Heading("Summary by priority");
        p.Table(["Priority", .. d.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)), "Intelligence held"],
            [.. d.Priorities.Select(x => (IReadOnlyList<string>)[x.Priority.Words, .. x.Years.Select(y => N(y.Total)), N(x.Items)])],
            [150, .. d.Years.Select(_ => 45f), 70], Cells);
        p.Paragraph("Each year: allegations in the priority's categories, intelligence items linked to it, and the alerts and register entries it counts.", PdfFonts.Regular(8), Muted, 3);

        foreach (var x in d.Priorities)
        {
            p.NewPage();
            p.Heading(x.Priority.Words);
            p.Paragraph("Evidence counted: " + Counted(x.Priority), PdfFonts.Regular(8.5f), Muted, 4);
            p.Table(["Year", "Cases", "Allegations", "Intelligence", "Misuse alerts", "Business interests", "Vetting clearances"],
                [.. x.Years.Select(y => (IReadOnlyList<string>)[y.Year.ToString(CultureInfo.InvariantCulture), N(y.Cases), N(y.Allegations), N(y.Intelligence), N(y.Alerts), N(y.BusinessInterests), N(y.VettingClearances)])],
                [50, 50, 60, 60, 60, 70, 70], Cells);
            Chart(p, x);

            p.SubHeading("Activities", before: 6);
            var activities = d.Activities[x.Priority.Code].ToList();
            if (activities.Count == 0) p.Paragraph("No activities recorded.", PdfFonts.Regular(9), Muted);
            foreach (var a in activities)
            {
                p.Ensure(40);
                p.Paragraph($"{Cap(a.Activity.Kind)} · {AssessmentDocument.Words(a.Activity.State)} · owner {a.OwnerName} · due {Day(a.Activity.DueOn)}", PdfFonts.Bold(9), Ink, 2);
                p.Paragraph(a.Activity.Description, PdfFonts.Regular(9), Ink, 6, 10);
                foreach (var n in a.Activity.Progress)
                    p.Paragraph($"{n.WrittenAt.UtcDateTime:d MMM yyyy}, {n.WrittenBy}: {n.Text}", PdfFonts.Regular(8.5f), Muted, 6, 20);
                p.Y += 4;
            }

            p.SubHeading("Intelligence picture", before: 6);
            if (x.Items == 0) p.Paragraph("No intelligence items linked to this priority.", PdfFonts.Regular(9), Muted);
            else
            {
                p.Paragraph($"{N(x.Items)} items linked, {N(x.RestrictedItems)} of them restricted to named readers.", PdfFonts.Regular(9), Ink);
                p.Table(["Scheme", "Source and intelligence", "Handling code", "Items"],
                    [.. x.Grading.Select(g => (IReadOnlyList<string>)[g.Scheme, g.Grading, g.HandlingCode, N(g.Items)])], [80, 140, 100, 60], Cells);
            }
        }
    }

    private static string Counted(ControlPriority p)
    {
        var parts = new List<string>();
        if (p.CaseCategories.Count > 0) parts.Add("allegations of " + string.Join(", ", p.CaseCategories.Select(AssessmentDocument.Words)));
        parts.Add("intelligence items linked to the priority");
        parts.AddRange(p.Registers.Select(AssessmentDocument.Words));
        return string.Join("; ", parts) + ".";
    }

    private static string Day(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>The priority's evidence year by year as stacked bars, one colour per kind, with a value axis and a key.</summary>
    private static void Chart(PdfPageFlow p, PriorityPicture x)
    {
        const float height = 150;
        p.Ensure(height + 10);
        p.Paragraph("Trend: evidence by year", PdfFonts.Bold(9.5f), Ink, 1);
        float left = PdfPageFlow.Left + 34, right = PdfPageFlow.Right - 120, top = p.Y + 6, bottom = p.Y + height - 30;
        var max = NiceMax(x.Years.Select(y => Series.Sum(s => s.Count(y))).DefaultIfEmpty(0).Max());
        var small = PdfFonts.Regular(7);
        float Yv(double v) => bottom - (bottom - top) * (float)(v / max);
        for (var k = 0; k <= 4; k++)
        {
            var v = max * k / 4;
            p.Line(left, Yv(v), right, Yv(v), k == 0 ? Muted : Rule, k == 0 ? 0.8f : 0.4f);
            p.Text(v.ToString(v % 1 == 0 ? "N0" : "0.#", CultureInfo.InvariantCulture), left - 4, Yv(v) + 2.5f, small, Muted, SKTextAlign.Right);
        }
        var slot = (right - left) / Math.Max(1, x.Years.Count);
        for (var i = 0; i < x.Years.Count; i++)
        {
            var year = x.Years[i];
            float x0 = left + slot * i + slot * 0.2f, x1 = left + slot * (i + 1) - slot * 0.2f;
            var sum = 0;
            foreach (var (_, colour, count) in Series)
            {
                var n = count(year);
                if (n > 0) p.Fill(new SKRect(x0, Yv(sum + n), x1, Yv(sum)), colour);
                sum += n;
            }
            if (sum > 0) p.Text(N(sum), (x0 + x1) / 2, Yv(sum) - 3, small, Ink, SKTextAlign.Center);
            p.Text(year.Year.ToString(CultureInfo.InvariantCulture), (x0 + x1) / 2, bottom + 11, small, Muted, SKTextAlign.Center);
        }
        var ky = top + 4;
        foreach (var (name, colour, _) in Series)
        {
            p.Fill(new SKRect(right + 14, ky, right + 24, ky + 8), colour);
            p.Text(name, right + 28, ky + 7, small, Ink);
            ky += 14;
        }
        p.Y += height - 14;
    }

    private static double NiceMax(double max)
    {
        if (max <= 0) return 4;
        var p = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var f in new[] { 1, 2, 2.5, 5, 10 })
            if (f * p >= max) return Math.Max(4, f * p);
        return 10 * p;
    }
}
