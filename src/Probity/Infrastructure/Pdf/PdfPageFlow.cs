using System.Globalization;
using SkiaSharp;

namespace Probity.Infrastructure.Pdf;

/// <summary>The colours every Probity PDF is drawn in.</summary>
internal static class PdfColours
{
    public static readonly SKColor Ink = new(0x1b, 0x1f, 0x24), Muted = new(0x5a, 0x62, 0x70), Accent = new(0x1d, 0x4e, 0x89),
        Rule = new(0xc9, 0xce, 0xd6), HeaderFill = new(0xee, 0xf1, 0xf5), WarnInk = new(0x7a, 0x1c, 0x16);
}

/// <summary>How a table lays out its cells.</summary>
/// <param name="CellSize">The cells' font size.</param>
/// <param name="MaxLines">Lines a cell may wrap to before it ends in an ellipsis (1: each cell cut to one line).</param>
/// <param name="NumericFrom">Columns from this one that hold only numbers (digits, dates, dashes, arrows) are right-aligned,
/// header included; <see cref="int.MaxValue"/> leaves every column left-aligned.</param>
/// <param name="HeaderFill">Whether the header row is shaded.</param>
internal sealed record PdfTableStyle(float CellSize = 7.5f, int MaxLines = 3, int NumericFrom = 1, bool HeaderFill = true)
{
    public const float Pad = 3;
    public static readonly PdfTableStyle Default = new();
}

/// <summary>
/// The one page flow every Probity PDF is drawn with (Skia's PDF backend): content flows down A4 portrait pages between
/// margins, a new page starts when the next block does not fit, and each page gets the document's header and footer.
/// With no document it only measures: a dry run counts the pages (and whatever its caller records per page) so a
/// second run can print "Page n of N" and a contents list. Text stays real, selectable text in <see cref="PdfFonts"/>.
/// </summary>
internal class PdfPageFlow(SKDocument? doc, int knownPages = 0)
{
    public const float Width = 595.28f, Height = 841.89f, Left = 40, Right = Width - 40, Top = 54, Bottom = 790;

    private SKCanvas? _canvas;

    /// <summary>Drawn at the top of a page started with a header (the flow is passed; its <see cref="Page"/> is the new page).</summary>
    public Action<PdfPageFlow>? Header { get; init; }
    /// <summary>Drawn at the foot of every page as it ends.</summary>
    public Action<PdfPageFlow>? Footer { get; init; }

    public int Page { get; private set; }
    public float Y { get; set; }
    /// <summary>The page count: from the dry run when there was one, else the pages so far.</summary>
    public int TotalPages => knownPages > 0 ? knownPages : Page;
    /// <summary>The page being drawn on, for a figure no block here draws; null in a dry run.</summary>
    public SKCanvas? Canvas => _canvas;

    /// <summary>Renders one document: <paramref name="compose"/> is run once to draw (twice when <paramref name="dryRun"/>:
    /// first to measure, then to draw with the page count known).</summary>
    public static byte[] Render(string title, Func<SKDocument?, int, PdfPageFlow> create, Action<PdfPageFlow> compose, bool dryRun = false)
    {
        var pages = 0;
        if (dryRun)
        {
            var dry = create(null, 0);
            compose(dry);
            dry.Finish();
            pages = dry.Page;
        }
        using var buffer = new MemoryStream();
        using (var doc = SKDocument.CreatePdf(buffer, new SKDocumentPdfMetadata { Title = title, Creator = "Probity", Producer = "Probity (Skia PDF)" }))
        {
            var flow = create(doc, pages);
            compose(flow);
            flow.Finish();
            doc.Close();
        }
        return buffer.ToArray();
    }

    public void NewPage(bool header = true)
    {
        EndPage();
        Page++;
        _canvas = doc?.BeginPage(Width, Height);
        Y = Top;
        if (header) Header?.Invoke(this);
    }

    public void Finish() => EndPage();

    private void EndPage()
    {
        if (Page == 0) return;
        Footer?.Invoke(this);
        if (_canvas is not null) doc!.EndPage();
        _canvas = null;
    }

    /// <summary>The usual header: a muted line of text over a rule.</summary>
    public void HeaderLine(string text)
    {
        Text(text, Left, 32, PdfFonts.Regular(7.5f), PdfColours.Muted);
        Line(Left, 38, Right, 38, PdfColours.Rule);
    }

    /// <summary>The usual footer: a rule, then text on the left, centre and right (any may be empty).</summary>
    public void FooterLine(string left, string centre, string right, float leftWidth = 200)
    {
        var font = PdfFonts.Regular(7.5f);
        Line(Left, Bottom + 14, Right, Bottom + 14, PdfColours.Rule);
        if (left.Length > 0) Text(PdfLines.Shorten(left, font, leftWidth), Left, Bottom + 26, font, PdfColours.Muted);
        if (centre.Length > 0) Text(centre, (Left + Right) / 2, Bottom + 26, font, PdfColours.Muted, SKTextAlign.Center);
        if (right.Length > 0) Text(right, Right, Bottom + 26, font, PdfColours.Muted, SKTextAlign.Right);
    }

    public string PageOfPages => string.Create(CultureInfo.InvariantCulture, $"Page {Page} of {TotalPages}");

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

    public void Line(float x1, float y1, float x2, float y2, SKColor color, float width = 0.6f, bool dotted = false)
    {
        if (_canvas is null) return;
        using var paint = new SKPaint { Color = color, StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke };
        if (dotted) paint.PathEffect = SKPathEffect.CreateDash([1, 3], 0);
        _canvas.DrawLine(x1, y1, x2, y2, paint);
    }

    public void Fill(SKRect rect, SKColor color)
    {
        if (_canvas is null) return;
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
        _canvas.DrawRect(rect, paint);
    }

    public void Frame(SKRect rect, SKColor color, float width)
    {
        if (_canvas is null) return;
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = width };
        _canvas.DrawRect(rect, paint);
    }

    /// <summary>A section heading: large accent text over an accent rule.</summary>
    public void Heading(string title)
    {
        Ensure(40);
        Text(title, Left, Y + 16, PdfFonts.Bold(15), PdfColours.Accent);
        Line(Left, Y + 22, Right, Y + 22, PdfColours.Accent, 1.2f);
        Y += 34;
    }

    public void SubHeading(string title, float before = 0)
    {
        Ensure(30);
        Y += before;
        Paragraph(title, PdfFonts.Bold(10.5f), PdfColours.Ink, maxLines: 2);
        Y += 2;
    }

    /// <summary>Wrapped text across the page width; each line break in the text starts a new line.</summary>
    public void Paragraph(string text, SKFont font, SKColor color, int maxLines = 3, float indent = 0, float spacing = 1.3f)
    {
        var lineHeight = font.Size * spacing;
        var lines = text.Split('\n').SelectMany(l => PdfLines.Wrap(l.TrimEnd('\r'), font, Right - Left - indent, maxLines)).Take(maxLines);
        foreach (var line in lines)
        {
            Ensure(lineHeight);
            Text(line, Left + indent, Y + font.Size, font, color);
            Y += lineHeight;
        }
    }

    /// <summary>A boxed warning in bold.</summary>
    public void Warning(string text, SKColor fill)
    {
        var font = PdfFonts.Bold(10);
        var lines = PdfLines.Wrap(text, font, Right - Left - 16, 8);
        var height = lines.Count * 13 + 12;
        Ensure(height);
        var box = new SKRect(Left, Y, Right, Y + height);
        Fill(box, fill);
        Frame(box, PdfColours.WarnInk, 1.5f);
        var y = Y + 6;
        foreach (var line in lines) { Text(line, Left + 8, y + 10, font, PdfColours.WarnInk); y += 13; }
        Y += height + 6;
    }

    /// <summary>
    /// A table across the page: the header row repeated on every page it runs onto, cells wrapped to their column (at most
    /// the style's lines, the last cut with an ellipsis), numbers right-aligned.
    /// </summary>
    /// <param name="widths">Relative widths of the columns (scaled to the page).</param>
    /// <param name="fill">A cell's background (row, column), or null for none.</param>
    public void Table(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<float> widths,
        PdfTableStyle? style = null, Func<int, int, SKColor?>? fill = null)
    {
        var s = style ?? PdfTableStyle.Default;
        const float pad = PdfTableStyle.Pad;
        var scale = (Right - Left) / widths.Sum();
        var w = Enumerable.Range(0, columns.Count).Select(c => widths[Math.Min(c, widths.Count - 1)] * scale).ToArray();
        var font = PdfFonts.Regular(s.CellSize);
        var bold = PdfFonts.Bold(s.CellSize);
        var lineHeight = s.CellSize * 1.3f;

        List<string>[] Layout(IReadOnlyList<string> cells, SKFont f, int max) =>
            Enumerable.Range(0, columns.Count).Select(c => PdfLines.Wrap(c < cells.Count ? cells[c] : "", f, w[c] - 2 * pad, max)).ToArray();
        float HeightOf(List<string>[] cells) => cells.Max(c => Math.Max(1, c.Count)) * lineHeight + 2 * pad;

        var numeric = Enumerable.Range(0, columns.Count)
            .Select(c => c >= s.NumericFrom && rows.All(r => c >= r.Count || r[c].All(ch => char.IsDigit(ch) || ".,%-–—+▲▼►*£ ".Contains(ch, StringComparison.Ordinal)))).ToArray();
        var header = Layout(columns, bold, Math.Max(3, s.MaxLines));
        var headerHeight = HeightOf(header);
        void DrawRow(List<string>[] cells, float height, SKFont f, Func<int, SKColor?> background)
        {
            var x = Left;
            for (var c = 0; c < cells.Length; c++)
            {
                var rect = new SKRect(x, Y, x + w[c], Y + height);
                if (background(c) is { } color) Fill(rect, color);
                var right = numeric[c];
                var y = Y + pad + s.CellSize;
                foreach (var line in cells[c])
                {
                    Text(line, right ? x + w[c] - pad : x + pad, y, f, PdfColours.Ink, right ? SKTextAlign.Right : SKTextAlign.Left);
                    y += lineHeight;
                }
                x += w[c];
            }
            Line(Left, Y + height, Right, Y + height, PdfColours.Rule);
            Y += height;
        }
        void DrawHeader()
        {
            Line(Left, Y, Right, Y, PdfColours.Rule);
            DrawRow(header, headerHeight, bold, _ => s.HeaderFill ? PdfColours.HeaderFill : null);
        }

        var first = rows.Count > 0 ? HeightOf(Layout(rows[0], font, s.MaxLines)) : 0;
        Ensure(headerHeight + first);
        DrawHeader();
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Layout(rows[r], font, s.MaxLines);
            var height = HeightOf(cells);
            if (Y + height > Bottom) { NewPage(); DrawHeader(); }
            var row = r;
            DrawRow(cells, height, font, c => fill?.Invoke(row, c));
        }
        Y += 6;
    }

    /// <summary>A round axis maximum at or above <paramref name="max"/> (1, 2, 2.5 or 5 times a power of ten).</summary>
    public static double NiceMax(double max)
    {
        if (max <= 0 || double.IsNaN(max)) return 1;
        var p = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var f in new[] { 1, 2, 2.5, 5, 10 })
            if (f * p >= max) return f * p;
        return 10 * p;
    }

    /// <summary>An axis value: whole numbers with separators, small fractions to two places.</summary>
    public static string Tick(double v) => v.ToString(v < 10 && v % 1 != 0 ? "0.##" : "N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A line chart of a trend: a value axis from 0 to <paramref name="max"/> in four steps, a label under each point, gaps
    /// where there is no value, and the last value written beside its point.
    /// </summary>
    public void TrendChart(string title, IReadOnlyList<double?> values, IReadOnlyList<string> labels, double max, Func<double, string> tick,
        string axisName, string unit, string? lastValue, float height = 170)
    {
        Ensure(height + 24);
        Paragraph(title, PdfFonts.Bold(9.5f), PdfColours.Ink, maxLines: 1);
        float left = Left + 44, right = Right - 10, top = Y + 6, bottom = Y + height - 34;
        if (max <= 0) max = 1;
        var n = Math.Max(1, values.Count - 1);
        float X(int i) => left + (right - left) * i / n;
        float Yv(double v) => bottom - (bottom - top) * (float)(v / max);
        var small = PdfFonts.Regular(7);
        for (var k = 0; k <= 4; k++)
        {
            var v = max * k / 4;
            Line(left, Yv(v), right, Yv(v), k == 0 ? PdfColours.Muted : PdfColours.Rule, k == 0 ? 0.8f : 0.4f);
            Text(tick(v), left - 4, Yv(v) + 2.5f, small, PdfColours.Muted, SKTextAlign.Right);
        }
        Line(left, top, left, bottom, PdfColours.Muted, 0.8f);
        for (var i = 0; i < labels.Count; i++)
            Text(labels[i], X(i), bottom + 11, small, PdfColours.Muted, SKTextAlign.Center);
        Text(axisName, (left + right) / 2, bottom + 24, small, PdfColours.Muted, SKTextAlign.Center);
        if (_canvas is not null)
        {
            _canvas.Save();
            _canvas.RotateDegrees(-90, Left + 8, (top + bottom) / 2);
            Text(unit, Left + 8, (top + bottom) / 2, small, PdfColours.Muted, SKTextAlign.Center);
            _canvas.Restore();
            using var stroke = new SKPaint { Color = PdfColours.Accent, StrokeWidth = 1.6f, IsAntialias = true, Style = SKPaintStyle.Stroke };
            using var dot = new SKPaint { Color = PdfColours.Accent, IsAntialias = true, Style = SKPaintStyle.Fill };
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
            if (last >= 0 && values[last] is { } current && lastValue is not null)
                Text(lastValue, X(last), Yv(current) - 5, small, PdfColours.Accent, SKTextAlign.Right);
        }
        Y += height - 14;
    }
}
