using Probity.Infrastructure.Pdf;
using SkiaSharp;

namespace Probity.Cases.Letters;

/// <summary>
/// A letter as an A4 PDF, drawn with Skia's PDF backend (as the PSPI report is): real, selectable text in an embedded
/// font subset, so the complainant's copy can be searched and read aloud by a screen reader.
/// </summary>
internal static class LetterPdf
{
    private const float Width = 595, Height = 842, Margin = 64, BodySize = 11, HeadingSize = 12.5f, Leading = 1.45f;

    public static byte[] Render(string title, string text)
    {
        using var buffer = new MemoryStream();
        using (var doc = SKDocument.CreatePdf(buffer, new SKDocumentPdfMetadata { Title = title, Creator = "Probity", Producer = "Probity (Skia PDF)" }))
        {
            using var regular = PdfFonts.Regular(BodySize);
            using var bold = PdfFonts.Bold(HeadingSize);
            using var ink = new SKPaint { Color = new SKColor(0x1b, 0x1f, 0x24), IsAntialias = true };
            SKCanvas? canvas = null;
            var y = 0f;
            void NewPage()
            {
                if (canvas is not null) doc.EndPage();
                canvas = doc.BeginPage(Width, Height);
                y = Margin;
            }
            NewPage();
            foreach (var block in LetterText.Blocks(text))
            {
                var font = block.Heading ? bold : regular;
                var step = font.Size * Leading;
                if (block.Heading) y += step * 0.4f;
                foreach (var line in block.Lines.SelectMany(l => PdfLines.Wrap(l, font, Width - 2 * Margin, int.MaxValue)))
                {
                    if (y + step > Height - Margin) NewPage();
                    y += step;
                    canvas!.DrawText(line, Margin, y, SKTextAlign.Left, font, ink);
                }
                y += step * 0.6f;
            }
            doc.EndPage();
            doc.Close();
        }
        return buffer.ToArray();
    }
}
