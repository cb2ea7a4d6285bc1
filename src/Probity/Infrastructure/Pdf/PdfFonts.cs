using SkiaSharp;

namespace Probity.Infrastructure.Pdf;

/// <summary>
/// The fonts every PDF Probity draws with Skia uses (the quarterly report, letters). Prefers DejaVu Sans (it has the
/// arrows), then Liberation Sans, then whatever Skia matches.
/// </summary>
internal static class PdfFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load(false));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load(true));

    // Unhinted, linear advances: each glyph sits where the embedded font's widths put it, so the PDF's text layer is runs of
    // words a viewer copies whole. Hinted advances (rounded to whole points) placed every glyph on its own, a little off
    // its width, and copied text came out broken ("C ases").
    public static SKFont Regular(float size) => new(RegularFace.Value, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
    public static SKFont Bold(float size) => new(BoldFace.Value, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };

    /// <summary>True when the arrows ▲▼► can be drawn; otherwise they are replaced by + − =.</summary>
    public static bool HasArrows => RegularFace.Value.ContainsGlyphs("▲▼►");

    private static SKTypeface Load(bool bold)
    {
        string[] files = bold
            ? ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", @"C:\Windows\Fonts\arialbd.ttf", "/Library/Fonts/Arial Bold.ttf"]
            : ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", @"C:\Windows\Fonts\arial.ttf", "/Library/Fonts/Arial.ttf"];
        foreach (var f in files)
            if (File.Exists(f) && SKTypeface.FromFile(f) is { } face) return face;
        return SKFontManager.Default.MatchFamily("DejaVu Sans", bold ? SKFontStyle.Bold : SKFontStyle.Normal)
            ?? SKFontManager.Default.MatchFamily(null, bold ? SKFontStyle.Bold : SKFontStyle.Normal)
            ?? SKTypeface.Default;
    }
}
