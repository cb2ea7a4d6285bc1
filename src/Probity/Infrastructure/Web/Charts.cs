using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Probity.Infrastructure.Web;

/// <summary>
/// Small server-rendered SVG charts. SVG attributes, not inline styles, so the strict Content Security Policy
/// (no inline style or script) still holds, and they print.
/// </summary>
internal static class Charts
{
    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A horizontal bar proportional to value/max, with the value beside it.</summary>
    public static IHtmlContent Bar(double value, double max, int width = 300)
    {
        var w = max <= 0 ? 0 : Math.Max(2, width * value / max);
        return new HtmlString($"<svg class=\"bar\" width=\"{N(w)}\" height=\"10\" role=\"img\" aria-label=\"{N(value)}\"><rect width=\"{N(w)}\" height=\"10\" rx=\"2\"/></svg>");
    }

    /// <summary>A sparkline of a series (oldest first), with the last point marked. Null points are gaps.</summary>
    public static IHtmlContent Sparkline(IReadOnlyList<double?> series, int width = 160, int height = 36, string? label = null)
    {
        var values = series.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        if (values.Count == 0) return HtmlString.Empty;
        double min = values.Min(), max = values.Max();
        if (Math.Abs(max - min) < 1e-9) { min -= 1; max += 1; }
        double X(int i) => series.Count == 1 ? width / 2.0 : 2 + (width - 4) * i / (series.Count - 1.0);
        double Y(double v) => height - 3 - (height - 6) * (v - min) / (max - min);
        var path = new StringBuilder();
        var pen = false;
        for (var i = 0; i < series.Count; i++)
        {
            if (series[i] is not { } v) { pen = false; continue; }
            path.Append(pen ? " L" : " M").Append(N(X(i))).Append(',').Append(N(Y(v)));
            pen = true;
        }
        var last = series.Count - 1;
        while (last >= 0 && series[last] is null) last--;
        var dot = last < 0 ? "" : $"<circle cx=\"{N(X(last))}\" cy=\"{N(Y(series[last]!.Value))}\" r=\"2.5\"/>";
        var aria = WebUtility.HtmlEncode(label ?? "trend");
        return new HtmlString($"<svg class=\"spark\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{aria}\"><path d=\"{path.ToString().Trim()}\" fill=\"none\" stroke-width=\"1.5\"/>{dot}</svg>");
    }

    /// <summary>
    /// One labelled horizontal bar per row on a 0-100% scale, in a single SVG (label left, value right), so rows can
    /// be compared at a glance and the chart still reads when printed. Rows below <paramref name="lowBelow"/> are marked.
    /// </summary>
    public static IHtmlContent PercentBars(IReadOnlyList<(string Label, double Percent)> rows, string title, double lowBelow = 0, int width = 760)
    {
        const int row = 22, labelWidth = 260, valueWidth = 60;
        var barWidth = width - labelWidth - valueWidth;
        var height = rows.Count * row + 4;
        var svg = new StringBuilder();
        var t = WebUtility.HtmlEncode(title);
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"pbars\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, percent) = rows[i];
            var p = Math.Clamp(percent, 0, 100);
            var y = i * row + 2;
            var text = WebUtility.HtmlEncode(label.Length > 38 ? label[..37] + "…" : label);
            var value = p.ToString("0.0", CultureInfo.InvariantCulture) + "%";
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{labelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{text}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"track\" x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{barWidth}\" height=\"14\" rx=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"fill{(p < lowBelow ? " low" : "")}\" x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{N(barWidth * p / 100)}\" height=\"14\" rx=\"2\"><title>{WebUtility.HtmlEncode(label)}: {value}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{width - valueWidth + 6}\" y=\"{y + 15}\">{value}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
