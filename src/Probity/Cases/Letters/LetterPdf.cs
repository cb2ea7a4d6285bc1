using SkiaSharp;

namespace Probity.Cases.Letters;

/// <summary>
/// A letter as an A4 PDF, drawn with Skia's PDF backend (as the PSPI report is): real, selectable text in an embedded
/// font subset, so the complainant's copy can be searched and read aloud by a screen reader.
/// </summary>
internal static class LetterPdf
{
    private const float Width = 595, Height = 842, Margin = 64, BodySize = 11, HeadingSize = 12.5f, Leading = 1.45f;

    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load(false));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load(true));

    public static byte[] Render(string title, string text)
    {
        using var buffer = new MemoryStream();
        using (var doc = SKDocument.CreatePdf(buffer, new SKDocumentPdfMetadata { Title = title, Creator = "Probity", Producer = "Probity (Skia PDF)" }))
        {
            using var regular = new SKFont(RegularFace.Value, BodySize) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
            using var bold = new SKFont(BoldFace.Value, HeadingSize) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
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
                foreach (var line in block.Lines.SelectMany(l => Wrap(l, font, Width - 2 * Margin)))
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

    private static IEnumerable<string> Wrap(string line, SKFont font, float width)
    {
        var current = "";
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && font.MeasureText(candidate) > width)
            {
                yield return current;
                current = word;
            }
            else current = candidate;
        }
        if (current.Length > 0) yield return current;
    }

    private static SKTypeface Load(bool bold)
    {
        string[] files = bold
            ? ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", @"C:\Windows\Fonts\arialbd.ttf"]
            : ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", @"C:\Windows\Fonts\arial.ttf"];
        foreach (var f in files)
            if (File.Exists(f) && SKTypeface.FromFile(f) is { } face) return face;
        return SKFontManager.Default.MatchFamily(null, bold ? SKFontStyle.Bold : SKFontStyle.Normal) ?? SKTypeface.Default;
    }
}
