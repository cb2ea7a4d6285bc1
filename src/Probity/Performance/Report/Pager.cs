using Probity.Infrastructure.Pdf;
using System.Globalization;
using Probity.Performance.Measures;
using SkiaSharp;

namespace Probity.Performance.Report;

/// <summary>
/// Flows content down A4 pages. With no document it only measures (the dry run that counts pages and finds
/// sections); with one it draws, using the dry run's page count and section pages.
/// </summary>
internal sealed class Pager(PspiDocument d, SKDocument? doc, IReadOnlyDictionary<string, int>? knownSections, int knownPages)
{
    public const float Width = 595.28f, Height = 841.89f, Left = 40, Right = Width - 40, Top = 54, Bottom = 790, CellSize = 7.5f, Pad = 3;

    private SKCanvas? _canvas;
    private readonly Dictionary<string, int> _sections = new(StringComparer.Ordinal);

    public int Page { get; private set; }
    public float Y { get; set; }
    public IReadOnlyDictionary<string, int> SectionPages => _sections;

    /// <summary>The page a section starts on (known from the dry run; 0 during it).</summary>
    public int SectionPage(string id) => knownSections?.GetValueOrDefault(id) ?? 0;

    public void NewPage(bool header = true)
    {
        EndPage();
        Page++;
        _canvas = doc?.BeginPage(Width, Height);
        Y = Top;
        if (header)
        {
            Text(d.Title, Left, 32, PdfFonts.Regular(7.5f), Fonts.Muted);
            Line(Left, 38, Right, 38, Fonts.Rule);
        }
    }

    public void Finish() => EndPage();

    private void EndPage()
    {
        if (Page == 0) return;
        var font = PdfFonts.Regular(7.5f);
        var total = knownPages > 0 ? knownPages : Page;
        Line(Left, Bottom + 14, Right, Bottom + 14, Fonts.Rule);
        Text(PdfLines.Shorten("PSPI " + d.QuarterName + " · " + d.Result.ScopeName, font, 200), Left, Bottom + 26, font, Fonts.Muted);
        Text("Report date " + d.ReportDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), (Left + Right) / 2, Bottom + 26, font, Fonts.Muted, SKTextAlign.Center);
        Text($"Page {Page} of {total}", Right, Bottom + 26, font, Fonts.Muted, SKTextAlign.Right);
        if (_canvas is not null) doc!.EndPage();
        _canvas = null;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> more points fit on this one.</summary>
    public void Ensure(float height)
    {
        if (Y + height > Bottom) NewPage();
    }

    public void Text(string text, float x, float baseline, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left)
    {
        if (_canvas is null) return;
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        _canvas.DrawText(PdfFonts.HasArrows ? text : text.Replace("▲", "+", StringComparison.Ordinal).Replace("▼", "−", StringComparison.Ordinal).Replace("►", "=", StringComparison.Ordinal),
            x, baseline, align, font, paint);
    }

    public void Line(float x1, float y1, float x2, float y2, SKColor color, float width = 0.6f)
    {
        if (_canvas is null) return;
        using var paint = new SKPaint { Color = color, StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke };
        if (color == Fonts.Dots) paint.PathEffect = SKPathEffect.CreateDash([1, 3], 0);
        _canvas.DrawLine(x1, y1, x2, y2, paint);
    }

    public void Fill(SKRect rect, SKColor color)
    {
        if (_canvas is null) return;
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill };
        _canvas.DrawRect(rect, paint);
    }

    public void Heading(string title, string id)
    {
        Ensure(40);
        _sections[id] = Page;
        var font = PdfFonts.Bold(15);
        Text(title, Left, Y + 16, font, Fonts.Accent);
        Line(Left, Y + 22, Right, Y + 22, Fonts.Accent, 1.2f);
        Y += 34;
    }

    public void SubHeading(string title, string id)
    {
        Ensure(30);
        _sections[id] = Page;
        Paragraph(title, PdfFonts.Bold(10.5f), Fonts.Ink, maxLines: 2);
        Y += 2;
    }

    /// <summary>Wrapped text across the page width.</summary>
    public void Paragraph(string text, SKFont font, SKColor color, int maxLines = 3, float indent = 0)
    {
        var lineHeight = font.Size * 1.3f;
        foreach (var line in PdfLines.Wrap(text, font, Right - Left - 2 * indent, maxLines))
        {
            Ensure(lineHeight);
            Text(line, Left + indent, Y + font.Size, font, color);
            Y += lineHeight;
        }
    }

    public void Warning(string text)
    {
        var font = PdfFonts.Bold(10);
        var lines = PdfLines.Wrap(text, font, Right - Left - 16, 8);
        var height = lines.Count * 13 + 12;
        Ensure(height);
        var box = new SKRect(Left, Y, Right, Y + height);
        Fill(box, Fonts.WarnFill);
        if (_canvas is not null)
        {
            using var border = new SKPaint { Color = Fonts.WarnInk, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };
            _canvas.DrawRect(box, border);
        }
        var y = Y + 6;
        foreach (var line in lines) { Text(line, Left + 8, y + 10, font, Fonts.WarnInk); y += 13; }
        Y += height + 6;
    }

    /// <summary>
    /// A table: header row repeated on every page it runs onto, cells wrapped to their column (at most
    /// <paramref name="maxLines"/> lines, the last cut with an ellipsis), numbers right-aligned.
    /// </summary>
    public void Table(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows, float[] widths, Func<int, int, SKColor?>? fill,
        int numericFrom = 1, int maxLines = 3)
    {
        var scale = (Right - Left) / widths.Sum();
        var w = widths.Select(x => x * scale).ToArray();
        var font = PdfFonts.Regular(CellSize);
        var bold = PdfFonts.Bold(CellSize);
        var lineHeight = CellSize * 1.3f;

        List<string>[] Layout(IReadOnlyList<string> cells, SKFont f, int max) =>
            Enumerable.Range(0, columns.Count).Select(c => PdfLines.Wrap(c < cells.Count ? cells[c] : "", f, w[c] - 2 * Pad, max)).ToArray();
        float HeightOf(List<string>[] cells) => cells.Max(c => Math.Max(1, c.Count)) * lineHeight + 2 * Pad;

        // Numbers (and dates, dashes, arrows) are right-aligned, header included; text columns stay left.
        var numeric = Enumerable.Range(0, columns.Count)
            .Select(c => c >= numericFrom && rows.All(r => c >= r.Count || r[c].All(ch => char.IsDigit(ch) || ".,%-–—+▲▼►* ".Contains(ch, StringComparison.Ordinal)))).ToArray();
        var header = Layout(columns, bold, 3);
        var headerHeight = HeightOf(header);
        void DrawRow(List<string>[] cells, float height, SKFont f, Func<int, SKColor?> background)
        {
            var x = Left;
            for (var c = 0; c < cells.Length; c++)
            {
                var rect = new SKRect(x, Y, x + w[c], Y + height);
                if (background(c) is { } color) Fill(rect, color);
                var right = numeric[c];
                var y = Y + Pad + CellSize;
                foreach (var line in cells[c])
                {
                    Text(line, right ? x + w[c] - Pad : x + Pad, y, f, Fonts.Ink, right ? SKTextAlign.Right : SKTextAlign.Left);
                    y += lineHeight;
                }
                x += w[c];
            }
            Line(Left, Y + height, Right, Y + height, Fonts.Rule);
            Y += height;
        }
        void DrawHeader()
        {
            Line(Left, Y, Right, Y, Fonts.Rule);
            DrawRow(header, headerHeight, bold, _ => Fonts.HeaderFill);
        }

        var first = rows.Count > 0 ? HeightOf(Layout(rows[0], font, maxLines)) : 0;
        Ensure(headerHeight + first);
        DrawHeader();
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Layout(rows[r], font, maxLines);
            var height = HeightOf(cells);
            if (Y + height > Bottom) { NewPage(); DrawHeader(); }
            var row = r;
            DrawRow(cells, height, font, c => fill?.Invoke(row, c));
        }
        Y += 6;
    }

    /// <summary>A line chart of a measure's quarterly trend, with a value axis, quarter labels and gaps where there is no value.</summary>
    public void Chart(MeasureResult m, IReadOnlyList<string> labels)
    {
        const float height = 170;
        Ensure(height + 24);
        Paragraph("Trend: " + m.Definition.Title, PdfFonts.Bold(9.5f), Fonts.Ink, maxLines: 1);
        float left = Left + 44, right = Right - 10, top = Y + 6, bottom = Y + height - 34;
        var values = m.Trend;
        var max = (float)Axis.NiceMax(values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max());
        var n = Math.Max(1, values.Count - 1);
        float X(int i) => left + (right - left) * i / n;
        float Yv(double v) => bottom - (bottom - top) * (float)(v / max);
        var small = PdfFonts.Regular(7);
        for (var k = 0; k <= 4; k++)
        {
            var v = max * k / 4;
            Line(left, Yv(v), right, Yv(v), k == 0 ? Fonts.Muted : Fonts.Rule, k == 0 ? 0.8f : 0.4f);
            Text(Axis.Tick(v), left - 4, Yv(v) + 2.5f, small, Fonts.Muted, SKTextAlign.Right);
        }
        Line(left, top, left, bottom, Fonts.Muted, 0.8f);
        for (var i = 0; i < labels.Count; i++)
            Text(PspiDocument.ShortLabel(labels[i]), X(i), bottom + 11, small, Fonts.Muted, SKTextAlign.Center);
        Text("Quarter", (left + right) / 2, bottom + 24, small, Fonts.Muted, SKTextAlign.Center);
        if (_canvas is not null)
        {
            _canvas.Save();
            _canvas.RotateDegrees(-90, Left + 8, (top + bottom) / 2);
            Text(PspiDocument.Unit(m.Definition), Left + 8, (top + bottom) / 2, small, Fonts.Muted, SKTextAlign.Center);
            _canvas.Restore();
            using var stroke = new SKPaint { Color = Fonts.Accent, StrokeWidth = 1.6f, IsAntialias = true, Style = SKPaintStyle.Stroke };
            using var dot = new SKPaint { Color = Fonts.Accent, IsAntialias = true, Style = SKPaintStyle.Fill };
            using var path = new SKPath();
            var open = false;
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is not { } v) { open = false; continue; }
                if (open) path.LineTo(X(i), Yv(v)); else path.MoveTo(X(i), Yv(v));
                open = true;
                _canvas.DrawCircle(X(i), Yv(v), 2.2f, dot);
            }
            _canvas.DrawPath(path, stroke);
            var last = values.Count - 1;
            if (last >= 0 && values[last] is { } current)
                Text(PspiDocument.Value(m.Definition, current), X(last), Yv(current) - 5, small, Fonts.Accent, SKTextAlign.Right);
        }
        Y += height - 14;
    }
}
