using Probity.Infrastructure.Pdf;
using System.Globalization;
using Probity.Performance.Measures;
using SkiaSharp;

namespace Probity.Performance.Report;

/// <summary>
/// The report as an A4 portrait PDF drawn with Skia's PDF backend: real (selectable, searchable) text in an
/// embedded font subset, vector charts. Laid out twice: a dry run finds the page count and the page of every
/// section, so the contents and the "Page n of N" footers are right; the second run draws.
/// </summary>
internal static class PspiPdf
{
    public static byte[] Render(PspiDocument d)
    {
        var dry = new Pager(d, null, null, 0);
        Compose(dry, d);
        dry.Finish();
        return PdfPageFlow.Render(d.Title, (doc, _) => new Pager(d, doc, dry.SectionPages, dry.Page), p => Compose((Pager)p, d));
    }

    private static void Compose(Pager p, PspiDocument d)
    {
        var r = d.Result;
        // Title page.
        p.NewPage(header: false);
        p.Y = 250;
        p.Paragraph("Professional Standards Performance Indicators", PdfFonts.Bold(26), Fonts.Ink, maxLines: 3);
        p.Paragraph(d.QuarterName, PdfFonts.Bold(26), Fonts.Accent);
        p.Y += 10;
        p.Paragraph(d.Dates, PdfFonts.Regular(13), Fonts.Ink);
        p.Paragraph("Scope: " + r.ScopeName, PdfFonts.Regular(13), Fonts.Ink);
        p.Paragraph("Report date: " + d.ReportDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), PdfFonts.Regular(11), Fonts.Muted);
        p.Y += 6;
        p.Paragraph("Cases restricted on a need-to-know basis are excluded from every figure.", PdfFonts.Regular(9), Fonts.Muted);
        if (d.ComparatorsAreExample) { p.Y += 14; p.Warning(PspiHtml.ExampleWarning); }
        if (d.DataQualityNote is { } dataQuality) { p.Y += 14; p.Warning(dataQuality); }

        // Contents.
        p.NewPage();
        p.Heading("Contents", "contents");
        var sections = PspiHtml.Sections(d);
        var font = PdfFonts.Regular(11);
        for (var i = 0; i < sections.Count; i++)
        {
            var (id, title) = sections[i];
            p.Ensure(20);
            var page = p.SectionPage(id);
            var label = $"{i + 1}.  {title}";
            p.Text(label, Pager.Left, p.Y + 12, font, Fonts.Ink);
            var number = page.ToString(CultureInfo.InvariantCulture);
            p.Text(number, Pager.Right, p.Y + 12, font, Fonts.Ink, SKTextAlign.Right);
            var from = Pager.Left + font.MeasureText(label) + 6;
            var to = Pager.Right - font.MeasureText(number) - 6;
            if (to > from) p.Line(from, p.Y + 12, to, p.Y + 12, Fonts.Dots, dotted: true);
            p.Y += 20;
            if (id == "breakdowns")
                foreach (var t in r.Tables)
                {
                    p.Ensure(16);
                    var sub = p.SectionPage("table-" + t.Key).ToString(CultureInfo.InvariantCulture);
                    p.Text(t.Title, Pager.Left + 22, p.Y + 11, PdfFonts.Regular(9.5f), Fonts.Muted);
                    p.Text(sub, Pager.Right, p.Y + 11, PdfFonts.Regular(9.5f), Fonts.Muted, SKTextAlign.Right);
                    p.Y += 15;
                }
        }

        // Measures, group by group.
        float[] widths = [150, 48, 62, 62, 46, 50, 52, 45];
        p.NewPage();
        foreach (var g in d.Groups)
        {
            p.Ensure(90);
            p.Heading(g.Key, sections.First(s => s.Title == g.Key).Id);
            p.Table(PspiDocument.MeasureColumns, g.Select(m => (IReadOnlyList<string>)PspiDocument.MeasureRow(m)).ToList(), widths,
                fill: (row, col) => col == 7 ? Fonts.Rag(g.ElementAt(row).Rag) : null);
            p.Paragraph(PspiDocument.SignificanceNote, PdfFonts.Regular(7.5f), Fonts.Muted, maxLines: 4);
            if (d.HiddenNote(g) is { } hidden) p.Paragraph(hidden, PdfFonts.Regular(7.5f), Fonts.Muted, maxLines: 4);
            p.Y += 8;
            if (g.Key == MeasureCatalogue.Timeliness)
                foreach (var m in d.TrendMeasures) p.Chart(m, r.TrendPeriods.Select(x => x.Label).ToList());
        }

        // Breakdown tables.
        p.NewPage();
        p.Heading("Breakdowns", "breakdowns");
        foreach (var t in r.Tables)
        {
            p.Ensure(60);
            p.SubHeading(t.Title, "table-" + t.Key);
            if (t.Rows.Count == 0) { p.Paragraph("None in the period.", PdfFonts.Regular(9), Fonts.Muted); p.Y += 8; continue; }
            var rows = TableText.Rows(t);
            p.Table(t.Columns, rows, NaturalWidths(t.Columns, rows));
            if (t.Note is not null) p.Paragraph(t.Note, PdfFonts.Regular(7.5f), Fonts.Muted, maxLines: 4);
            p.Y += 10;
        }

        // Appendices.
        p.NewPage();
        p.Heading("Appendix A: measure definitions", "definitions");
        p.Table(["Measure", "Group", "Definition", "Better"],
            MeasureCatalogue.All.Select(m => (IReadOnlyList<string>)[m.Title, m.Group, m.Definition, PspiHtml.Better(m)]).ToList(),
            [110, 60, 300, 45], new PdfTableStyle(NumericFrom: 99, MaxLines: 12));
        foreach (var note in PspiHtml.ComparisonNotes) p.Paragraph(note, PdfFonts.Regular(8.5f), Fonts.Ink, maxLines: 6);
        p.Y += 12;
        p.Ensure(120);
        p.Heading("Appendix B: comparators", "comparators");
        p.Paragraph("Targets, national averages and most similar forces' averages: " + d.ComparatorsSource + ".", PdfFonts.Regular(9.5f), Fonts.Ink, maxLines: 6);
        if (d.ComparatorsAreExample) { p.Y += 8; p.Warning(PspiHtml.ExampleWarning); }
        if (d.DataQualityNote is not null)
        {
            p.Y += 12;
            p.Ensure(120);
            p.Heading(PspiHtml.DataQualityTitle, PspiHtml.DataQualityId);
            foreach (var line in d.DataQualityLines) p.Paragraph("• " + line, PdfFonts.Regular(8.5f), Fonts.Ink, maxLines: 4);
        }
    }

    /// <summary>Column widths in proportion to their content (capped), the first column favoured.</summary>
    private static float[] NaturalWidths(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var font = PdfFonts.Regular(Pager.CellSize);
        var widths = new float[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var w = Math.Min(font.MeasureText(columns[c]), 90);
            foreach (var row in rows) if (c < row.Count) w = Math.Max(w, font.MeasureText(row[c]));
            widths[c] = Math.Clamp(w + 2 * Pager.Pad, 40, c == 0 ? 220 : 120);
        }
        return widths;
    }
}

/// <summary>The report's colours (its fonts are <see cref="PdfFonts"/>, shared with every PDF Probity draws).</summary>
internal static class Fonts
{
    public static readonly SKColor Ink = PdfColours.Ink, Muted = PdfColours.Muted, Accent = PdfColours.Accent,
        Dots = new(0xa0, 0xa6, 0xb0), WarnFill = new(0xfd, 0xec, 0xea);

    public static SKColor? Rag(string rag) => rag switch
    {
        "green" => new SKColor(0xd7, 0xf0, 0xdc), "amber" => new SKColor(0xff, 0xf0, 0xc2), "red" => new SKColor(0xf9, 0xd4, 0xd0), _ => null,
    };
}
