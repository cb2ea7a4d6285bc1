using System.Globalization;
using Probity.Infrastructure.Pdf;

namespace Probity.Registers;

/// <summary>
/// A register's printable document (a borough's support pack, a gold group's FOI export) as an A4 PDF on the page flow every
/// Probity PDF uses (<see cref="PdfPageFlow"/>):
/// real, selectable text, headings, paragraphs and plain tables, a footer with the page and the day it was produced.
/// </summary>
internal static class RegisterPdf
{
    internal abstract record Block;
    internal sealed record Heading(string Text) : Block;
    internal sealed record Paragraph(string Text, bool Muted = false) : Block;
    /// <param name="Widths">Relative widths of the columns (scaled to the page).</param>
    internal sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<float> Widths) : Block;

    /// <summary>Cells wrap to eight lines and stay left-aligned (a register's cells are words, dates and references).</summary>
    private static readonly PdfTableStyle Cells = new(CellSize: 8.5f, MaxLines: 8, NumericFrom: int.MaxValue);

    public static byte[] Render(string title, string footer, IEnumerable<Block> blocks) => PdfPageFlow.Render(title, (doc, _) => new PdfPageFlow(doc)
    {
        Footer = p => p.FooterLine(footer, "", "Page " + p.Page.ToString(CultureInfo.InvariantCulture), 380),
    }, p =>
    {
        p.NewPage();
        p.Paragraph(title, PdfFonts.Bold(18), PdfColours.Ink, maxLines: 200, spacing: 1.4f);
        p.Y += 8;
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    p.Ensure(60);
                    p.Y += 10;
                    p.Paragraph(h.Text, PdfFonts.Bold(12.5f), PdfColours.Ink, maxLines: 20, spacing: 1.4f);
                    p.Y += 2;
                    break;
                case Paragraph x:
                    p.Paragraph(x.Text, PdfFonts.Regular(10), x.Muted ? PdfColours.Muted : PdfColours.Ink, maxLines: 200, spacing: 1.4f);
                    p.Y += 4;
                    break;
                case Table t:
                    p.Ensure(40);
                    p.Table(t.Columns, t.Rows, t.Widths, Cells);
                    p.Y += 2;
                    break;
            }
        }
    });
}
