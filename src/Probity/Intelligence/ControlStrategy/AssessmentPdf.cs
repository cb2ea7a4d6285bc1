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
    private const float Width = 595.28f, Height = 841.89f, Left = 40, Right = Width - 40, Top = 54, Bottom = 790;
    private static readonly SKColor Ink = new(0x1b, 0x1f, 0x24), Muted = new(0x5a, 0x62, 0x70), Accent = new(0x1d, 0x4e, 0x89), Rule = new(0xc9, 0xce, 0xd6),
        Warn = new(0x7a, 0x1c, 0x16);
    /// <summary>The trend's series, bottom to top, each with its colour (distinct in greyscale too).</summary>
    private static readonly (string Name, SKColor Colour, Func<EvidenceYear, int> Count)[] Series =
    [
        ("Allegations", new SKColor(0x1d, 0x4e, 0x89), y => y.Allegations),
        ("Intelligence items", new SKColor(0x6f, 0x9f, 0xd8), y => y.Intelligence),
        ("Misuse alerts", new SKColor(0xb3, 0x5c, 0x00), y => y.Alerts),
        ("Register entries", new SKColor(0xd9, 0xc2, 0x8c), y => y.BusinessInterests + y.VettingClearances),
    ];

    public static byte[] Render(AssessmentDocument d)
    {
        using var buffer = new MemoryStream();
        using (var doc = SKDocument.CreatePdf(buffer, new SKDocumentPdfMetadata { Title = AssessmentDocument.Title, Creator = "Probity", Producer = "Probity (Skia PDF)" }))
        {
            var page = new Page(doc, d);
            Compose(page, d);
            page.End();
            doc.Close();
        }
        return buffer.ToArray();
    }

    private static void Compose(Page p, AssessmentDocument d)
    {
        p.New();
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
            p.Table(["Assessed", "Kind", "Next due", "By"], [.. c.Assessments.Select(a => (IReadOnlyList<string>)[Day(a.AssessedOn), a.Kind, Day(a.NextDueOn), a.RecordedBy])], [90, 70, 90, 120]);

        p.Heading("Summary by priority");
        p.Table(["Priority", .. d.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)), "Intelligence held"],
            [.. d.Priorities.Select(x => (IReadOnlyList<string>)[x.Priority.Words, .. x.Years.Select(y => N(y.Total)), N(x.Items)])],
            [150, .. d.Years.Select(_ => 45f), 70]);
        p.Paragraph("Each year: allegations in the priority's categories, intelligence items linked to it, and the alerts and register entries it counts.", PdfFonts.Regular(8), Muted, 3);

        foreach (var x in d.Priorities)
        {
            p.New();
            p.Heading(x.Priority.Words);
            p.Paragraph("Evidence counted: " + Counted(x.Priority), PdfFonts.Regular(8.5f), Muted, 4);
            p.Table(["Year", "Cases", "Allegations", "Intelligence", "Misuse alerts", "Business interests", "Vetting clearances"],
                [.. x.Years.Select(y => (IReadOnlyList<string>)[y.Year.ToString(CultureInfo.InvariantCulture), N(y.Cases), N(y.Allegations), N(y.Intelligence), N(y.Alerts), N(y.BusinessInterests), N(y.VettingClearances)])],
                [50, 50, 60, 60, 60, 70, 70]);
            p.Chart(x);

            p.SubHeading("Activities");
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

            p.SubHeading("Intelligence picture");
            if (x.Items == 0) p.Paragraph("No intelligence items linked to this priority.", PdfFonts.Regular(9), Muted);
            else
            {
                p.Paragraph($"{N(x.Items)} items linked, {N(x.RestrictedItems)} of them restricted to named readers.", PdfFonts.Regular(9), Ink);
                p.Table(["Scheme", "Source and intelligence", "Handling code", "Items"],
                    [.. x.Grading.Select(g => (IReadOnlyList<string>)[g.Scheme, g.Grading, g.HandlingCode, N(g.Items)])], [80, 140, 100, 60]);
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

    /// <summary>Flows content down A4 pages, with a header and a "Page n" footer on each.</summary>
    private sealed class Page(SKDocument doc, AssessmentDocument d)
    {
        private SKCanvas? _canvas;
        private int _number;
        public float Y { get; set; }

        public void New()
        {
            End();
            _number++;
            _canvas = doc.BeginPage(Width, Height);
            Y = Top;
            if (_number > 1)
            {
                Text(AssessmentDocument.Title + " · " + Day(d.ProducedOn), Left, 32, PdfFonts.Regular(7.5f), Muted);
                Line(Left, 38, Right, 38, Rule);
            }
        }

        public void End()
        {
            if (_canvas is null) return;
            var font = PdfFonts.Regular(7.5f);
            Line(Left, Bottom + 14, Right, Bottom + 14, Rule);
            Text("Need to know: the Intelligence Bureau and the Anti-Corruption Command", Left, Bottom + 26, font, Muted);
            Text($"Page {_number}", Right, Bottom + 26, font, Muted, SKTextAlign.Right);
            doc.EndPage();
            _canvas = null;
        }

        public void Ensure(float height)
        {
            if (Y + height > Bottom) New();
        }

        public void Text(string text, float x, float baseline, SKFont font, SKColor colour, SKTextAlign align = SKTextAlign.Left)
        {
            using var paint = new SKPaint { Color = colour, IsAntialias = true };
            _canvas?.DrawText(text, x, baseline, align, font, paint);
        }

        public void Line(float x1, float y1, float x2, float y2, SKColor colour, float width = 0.6f)
        {
            using var paint = new SKPaint { Color = colour, StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke };
            _canvas?.DrawLine(x1, y1, x2, y2, paint);
        }

        private void Fill(SKRect rect, SKColor colour)
        {
            using var paint = new SKPaint { Color = colour, Style = SKPaintStyle.Fill, IsAntialias = true };
            _canvas?.DrawRect(rect, paint);
        }

        public void Heading(string title)
        {
            Ensure(40);
            Text(title, Left, Y + 16, PdfFonts.Bold(15), Accent);
            Line(Left, Y + 22, Right, Y + 22, Accent, 1.2f);
            Y += 34;
        }

        public void SubHeading(string title)
        {
            Ensure(30);
            Y += 6;
            Paragraph(title, PdfFonts.Bold(11), Ink, 2);
            Y += 2;
        }

        public void Paragraph(string text, SKFont font, SKColor colour, int maxLines = 3, float indent = 0)
        {
            var lineHeight = font.Size * 1.3f;
            foreach (var line in PdfLines.Wrap(text, font, Right - Left - indent, maxLines))
            {
                Ensure(lineHeight);
                Text(line, Left + indent, Y + font.Size, font, colour);
                Y += lineHeight;
            }
        }

        /// <summary>A table whose first column is text and the rest numbers, right-aligned; the header repeats on a new page.</summary>
        public void Table(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows, float[] widths)
        {
            var scale = (Right - Left) / widths.Sum();
            var w = widths.Select(x => x * scale).ToArray();
            const float size = 8, row = 14;
            var font = PdfFonts.Regular(size);
            var bold = PdfFonts.Bold(size);
            void Draw(IReadOnlyList<string> cells, SKFont f)
            {
                var x = Left;
                for (var c = 0; c < columns.Count; c++)
                {
                    var cell = PdfLines.Shorten(c < cells.Count ? cells[c] : "", f, w[c] - 6);
                    if (c == 0) Text(cell, x + 3, Y + 10, f, Ink);
                    else Text(cell, x + w[c] - 3, Y + 10, f, Ink, SKTextAlign.Right);
                    x += w[c];
                }
                Line(Left, Y + row, Right, Y + row, Rule);
                Y += row;
            }
            Ensure(row * 2);
            Draw(columns, bold);
            foreach (var r in rows)
            {
                if (Y + row > Bottom) { New(); Draw(columns, bold); }
                Draw(r, font);
            }
            Y += 8;
        }

        /// <summary>The priority's evidence year by year as stacked bars, one colour per kind, with a value axis and a key.</summary>
        public void Chart(PriorityPicture x)
        {
            const float height = 150;
            Ensure(height + 10);
            Paragraph("Trend: evidence by year", PdfFonts.Bold(9.5f), Ink, 1);
            float left = Left + 34, right = Right - 120, top = Y + 6, bottom = Y + height - 30;
            var max = NiceMax(x.Years.Select(y => Series.Sum(s => s.Count(y))).DefaultIfEmpty(0).Max());
            var small = PdfFonts.Regular(7);
            float Yv(double v) => bottom - (bottom - top) * (float)(v / max);
            for (var k = 0; k <= 4; k++)
            {
                var v = max * k / 4;
                Line(left, Yv(v), right, Yv(v), k == 0 ? Muted : Rule, k == 0 ? 0.8f : 0.4f);
                Text(v.ToString(v % 1 == 0 ? "N0" : "0.#", CultureInfo.InvariantCulture), left - 4, Yv(v) + 2.5f, small, Muted, SKTextAlign.Right);
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
                    if (n > 0) Fill(new SKRect(x0, Yv(sum + n), x1, Yv(sum)), colour);
                    sum += n;
                }
                if (sum > 0) Text(N(sum), (x0 + x1) / 2, Yv(sum) - 3, small, Ink, SKTextAlign.Center);
                Text(year.Year.ToString(CultureInfo.InvariantCulture), (x0 + x1) / 2, bottom + 11, small, Muted, SKTextAlign.Center);
            }
            var ky = top + 4;
            foreach (var (name, colour, _) in Series)
            {
                Fill(new SKRect(right + 14, ky, right + 24, ky + 8), colour);
                Text(name, right + 28, ky + 7, small, Ink);
                ky += 14;
            }
            Y += height - 14;
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
}
