using System.Globalization;
using Probity.Infrastructure.Pdf;
using SkiaSharp;

namespace Probity.Registers;

/// <summary>
/// A register's printable document (a borough's support pack, a gold group's FOI export) as an A4 PDF drawn with Skia's
/// PDF backend, in the fonts and line wrapping every Probity PDF uses (<see cref="PdfFonts"/>, <see cref="PdfLines"/>):
/// real, selectable text, headings, paragraphs and plain tables, a footer with the page and the day it was produced.
/// </summary>
internal static class RegisterPdf
{
    internal abstract record Block;
    internal sealed record Heading(string Text) : Block;
    internal sealed record Paragraph(string Text, bool Muted = false) : Block;
    /// <param name="Widths">Relative widths of the columns (scaled to the page).</param>
    internal sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<float> Widths) : Block;

    private const float Width = 595.28f, Height = 841.89f, Margin = 48, Bottom = Height - 60, Cell = 8.5f, Pad = 3;
    private static readonly SKColor Ink = new(0x1b, 0x1f, 0x24), Muted = new(0x5a, 0x62, 0x70), Rule = new(0xc9, 0xce, 0xd6), HeaderFill = new(0xee, 0xf1, 0xf5);

    public static byte[] Render(string title, string footer, IEnumerable<Block> blocks)
    {
        using var buffer = new MemoryStream();
        using (var doc = SKDocument.CreatePdf(buffer, new SKDocumentPdfMetadata { Title = title, Creator = "Probity", Producer = "Probity (Skia PDF)" }))
        {
            using var ink = new SKPaint { Color = Ink, IsAntialias = true };
            using var muted = new SKPaint { Color = Muted, IsAntialias = true };
            using var rule = new SKPaint { Color = Rule, StrokeWidth = 0.6f, Style = SKPaintStyle.Stroke };
            using var fill = new SKPaint { Color = HeaderFill, Style = SKPaintStyle.Fill };
            using var titleFont = PdfFonts.Bold(18);
            using var headingFont = PdfFonts.Bold(12.5f);
            using var body = PdfFonts.Regular(10);
            using var cell = PdfFonts.Regular(Cell);
            using var cellBold = PdfFonts.Bold(Cell);
            using var small = PdfFonts.Regular(7.5f);
            SKCanvas? canvas = null;
            var page = 0;
            var y = 0f;
            void NewPage()
            {
                if (canvas is not null) EndPage();
                canvas = doc.BeginPage(Width, Height);
                page++;
                y = Margin;
            }
            void EndPage()
            {
                canvas!.DrawLine(Margin, Bottom + 14, Width - Margin, Bottom + 14, rule);
                canvas.DrawText(PdfLines.Shorten(footer, small, 380), Margin, Bottom + 26, SKTextAlign.Left, small, muted);
                canvas.DrawText("Page " + page.ToString(CultureInfo.InvariantCulture), Width - Margin, Bottom + 26, SKTextAlign.Right, small, muted);
                doc.EndPage();
            }
            void Lines(string text, SKFont font, SKPaint paint, float x, float width)
            {
                foreach (var line in text.Split('\n').SelectMany(l => PdfLines.Wrap(l.TrimEnd('\r'), font, width, 200)))
                {
                    var step = font.Size * 1.4f;
                    if (y + step > Bottom) NewPage();
                    y += step;
                    canvas!.DrawText(line, x, y, SKTextAlign.Left, font, paint);
                }
            }
            NewPage();
            Lines(title, titleFont, ink, Margin, Width - 2 * Margin);
            y += 8;
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case Heading h:
                        if (y + 60 > Bottom) NewPage();
                        y += 10;
                        Lines(h.Text, headingFont, ink, Margin, Width - 2 * Margin);
                        y += 2;
                        break;
                    case Paragraph p:
                        Lines(p.Text, body, p.Muted ? muted : ink, Margin, Width - 2 * Margin);
                        y += 4;
                        break;
                    case Table t:
                        var total = t.Widths.Sum();
                        var widths = t.Widths.Select(w => (Width - 2 * Margin) * w / total).ToArray();
                        void Row(IReadOnlyList<string> cells, SKFont font, bool header)
                        {
                            var wrapped = cells.Select((c, i) => PdfLines.Wrap(c, font, widths[Math.Min(i, widths.Length - 1)] - 2 * Pad, 8)).ToList();
                            var height = Math.Max(1, wrapped.Max(w => w.Count)) * Cell * 1.35f + 2 * Pad;
                            if (y + height > Bottom) { NewPage(); }
                            if (header) canvas!.DrawRect(Margin, y, Width - 2 * Margin, height, fill);
                            var x = Margin;
                            for (var i = 0; i < wrapped.Count && i < widths.Length; i++)
                            {
                                var ly = y + Pad;
                                foreach (var line in wrapped[i]) { ly += Cell * 1.35f; canvas!.DrawText(line, x + Pad, ly - 2, SKTextAlign.Left, font, ink); }
                                x += widths[i];
                            }
                            y += height;
                            canvas!.DrawLine(Margin, y, Width - Margin, y, rule);
                        }
                        if (y + 40 > Bottom) NewPage();
                        Row(t.Columns, cellBold, true);
                        foreach (var r in t.Rows) Row(r, cell, false);
                        y += 8;
                        break;
                }
            }
            EndPage();
            doc.Close();
        }
        return buffer.ToArray();
    }
}
