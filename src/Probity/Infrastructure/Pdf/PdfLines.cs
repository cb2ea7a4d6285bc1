using SkiaSharp;

namespace Probity.Infrastructure.Pdf;

/// <summary>Text laid out in lines of a width, for every PDF Probity draws with Skia (the quarterly report, letters).</summary>
internal static class PdfLines
{
    /// <summary>Word-wraps text to a width; a word too long for a line is broken; past maxLines the last line ends in an ellipsis.</summary>
    public static List<string> Wrap(string text, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (font.MeasureText(candidate) <= width) { current = candidate; continue; }
            if (current.Length > 0) lines.Add(current);
            current = word;
            while (font.MeasureText(current) > width && current.Length > 1)
            {
                var fit = Fit(current, font, width);
                lines.Add(current[..fit]);
                current = current[fit..];
            }
        }
        if (current.Length > 0) lines.Add(current);
        if (lines.Count > maxLines)
        {
            lines = lines.Take(maxLines).ToList();
            lines[^1] = Shorten(lines[^1] + "…", font, width, force: true);
        }
        return lines;
    }

    public static string Shorten(string text, SKFont font, float width, bool force = false)
    {
        if (!force && font.MeasureText(text) <= width) return text;
        var body = text.TrimEnd('…');
        while (body.Length > 0 && font.MeasureText(body + "…") > width) body = body[..^1];
        return body.TrimEnd() + "…";
    }

    private static int Fit(string text, SKFont font, float width)
    {
        var n = text.Length - 1;
        while (n > 1 && font.MeasureText(text[..n]) > width) n--;
        return Math.Max(1, n);
    }
}
