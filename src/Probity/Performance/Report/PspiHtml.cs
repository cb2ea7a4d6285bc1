using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Probity.Performance.Measures;

namespace Probity.Performance.Report;

/// <summary>
/// The report as one standalone, printable HTML document: no scripts, no external files, one style block (served
/// with a CSP naming that block's hash, see <see cref="ContentSecurityPolicy"/>).
/// </summary>
internal static class PspiHtml
{
    private const string Style = """
        body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10pt;color:#1b1f24;margin:2rem auto;max-width:60rem;padding:0 1rem}
        h1{font-size:1.8rem}h2{font-size:1.25rem;border-bottom:2px solid #1d4e89;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1rem}
        .title-page{min-height:60vh;display:flex;flex-direction:column;justify-content:center;border-bottom:4px solid #1d4e89;margin-bottom:2rem}
        .muted{color:#5a6270}.warning{border:2px solid #b3261e;background:#fdecea;color:#7a1c16;padding:.6rem .8rem;font-weight:bold}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #c9ced6;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
        th{background:#eef1f5;hyphens:manual}td.num{text-align:right;white-space:nowrap}.rag-green{background:#d7f0dc}.rag-amber{background:#fff0c2}.rag-red{background:#f9d4d0}
        .better{color:#1e6b30}.worse{color:#b3261e}svg.chart{width:100%;max-width:36rem;height:auto}svg.chart text{font-size:10px;fill:#5a6270}
        svg.chart polyline{fill:none;stroke:#1d4e89;stroke-width:2}svg.chart circle{fill:#1d4e89}svg.chart line{stroke:#c9ced6}
        @media print{h2{break-before:page}.title-page{min-height:90vh}table{break-inside:auto}tr{break-inside:avoid}}
        """;

    /// <summary>The CSP to serve the document with: nothing but its own style block.</summary>
    public static string ContentSecurityPolicy =>
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; img-src data:; frame-ancestors 'none'";

    public static string Render(PspiDocument d)
    {
        var r = d.Result;
        var sb = new StringBuilder(64 * 1024);
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        sb.Append("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(d.Title)).Append("</title>\n<style>")
          .Append(Style).Append("</style>\n</head>\n<body>\n");

        sb.Append("<section class=\"title-page\">\n<h1>").Append(E(d.Title)).Append("</h1>\n<p>").Append(E(d.Dates)).Append("</p>\n<p>Scope: ")
          .Append(E(r.ScopeName)).Append("</p>\n<p class=\"muted\">Report date: ").Append(d.ReportDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))
          .Append(". Cases restricted on a need-to-know basis are excluded from every figure.</p>\n");
        if (d.ComparatorsAreExample) sb.Append("<p class=\"warning\">").Append(E(ExampleWarning)).Append("</p>\n");
        if (d.DataQualityNote is { } note) sb.Append("<p class=\"warning\">").Append(E(note)).Append("</p>\n");
        sb.Append("</section>\n");

        var sections = Sections(d);
        sb.Append("<nav>\n<h2 id=\"contents\">Contents</h2>\n<ol>\n");
        foreach (var (id, title) in sections) sb.Append("<li><a href=\"#").Append(id).Append("\">").Append(E(title)).Append("</a></li>\n");
        sb.Append("</ol>\n</nav>\n");

        foreach (var g in d.Groups)
        {
            sb.Append("<section>\n<h2 id=\"").Append(Id(g.Key)).Append("\">").Append(E(g.Key)).Append("</h2>\n<table>\n<thead><tr>");
            foreach (var c in PspiDocument.MeasureColumns) sb.Append("<th>").Append(E(c)).Append("</th>");
            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var m in g)
            {
                var cells = PspiDocument.MeasureRow(m);
                sb.Append("<tr><td>").Append(E(cells[0])).Append("</td><td class=\"num\">").Append(E(cells[1])).Append("</td>");
                sb.Append("<td class=\"num").Append(Travel(m.LastPeriod)).Append("\">").Append(E(cells[2])).Append("</td>");
                sb.Append("<td class=\"num").Append(Travel(m.LastYear)).Append("\">").Append(E(cells[3])).Append("</td>");
                for (var i = 4; i < 7; i++) sb.Append("<td class=\"num\">").Append(E(cells[i])).Append("</td>");
                sb.Append("<td class=\"rag-").Append(m.Rag is "green" or "amber" or "red" ? m.Rag : "none").Append("\">").Append(E(cells[7])).Append("</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n<p class=\"muted\">").Append(E(PspiDocument.SignificanceNote)).Append("</p>\n");
            if (d.HiddenNote(g) is { } hidden) sb.Append("<p class=\"muted\">").Append(E(hidden)).Append("</p>\n");
            if (g.Key == MeasureCatalogue.Timeliness)
                foreach (var m in d.TrendMeasures)
                    sb.Append("<h3>Trend: ").Append(E(m.Definition.Title)).Append("</h3>\n").Append(Chart(m, r.TrendPeriods.Select(p => p.Label).ToList()));
            sb.Append("</section>\n");
        }

        sb.Append("<section>\n<h2 id=\"breakdowns\">Breakdowns</h2>\n");
        foreach (var t in r.Tables)
        {
            sb.Append("<h3 id=\"table-").Append(t.Key).Append("\">").Append(E(t.Title)).Append("</h3>\n");
            if (t.Rows.Count == 0) { sb.Append("<p class=\"muted\">None in the period.</p>\n"); continue; }
            sb.Append("<table>\n<thead><tr>");
            foreach (var c in t.Columns) sb.Append("<th>").Append(E(c)).Append("</th>");
            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in TableText.Rows(t))
            {
                sb.Append("<tr>");
                for (var i = 0; i < row.Count; i++) sb.Append(i == 0 ? "<td>" : "<td class=\"num\">").Append(E(row[i])).Append("</td>");
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
            if (t.Note is not null) sb.Append("<p class=\"muted\">").Append(E(t.Note)).Append("</p>\n");
        }
        sb.Append("</section>\n");

        sb.Append("<section>\n<h2 id=\"definitions\">Appendix A: measure definitions</h2>\n<table>\n<thead><tr><th>Measure</th><th>Group</th><th>Definition</th><th>Better</th></tr></thead>\n<tbody>\n");
        foreach (var m in MeasureCatalogue.All)
            sb.Append("<tr><td>").Append(E(m.Title)).Append("</td><td>").Append(E(m.Group)).Append("</td><td>").Append(E(m.Definition)).Append("</td><td>")
              .Append(Better(m)).Append("</td></tr>\n");
        sb.Append("</tbody>\n</table>\n");
        foreach (var line in ComparisonNotes) sb.Append("<p>").Append(E(line)).Append("</p>\n");
        sb.Append("</section>\n");

        sb.Append("<section>\n<h2 id=\"comparators\">Appendix B: comparators</h2>\n<p>Targets, national averages and most similar forces' averages: ")
          .Append(E(d.ComparatorsSource)).Append(".</p>\n");
        if (d.ComparatorsAreExample) sb.Append("<p class=\"warning\">").Append(E(ExampleWarning)).Append("</p>\n");
        sb.Append("</section>\n");
        if (d.DataQualityNote is not null)
        {
            sb.Append("<section>\n<h2 id=\"").Append(DataQualityId).Append("\">").Append(E(DataQualityTitle)).Append("</h2>\n<ul>\n");
            foreach (var line in d.DataQualityLines) sb.Append("<li>").Append(E(line)).Append("</li>\n");
            sb.Append("</ul>\n</section>\n");
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    public const string ExampleWarning = "EXAMPLE comparators: the targets, national averages and most similar forces' figures in this report are illustrative, not IPCC published statistics. Load the real figures (Probity:Performance:Comparators) before relying on any comparison.";

    public static readonly string[] ComparisonNotes =
    [
        "Last quarter and same quarter last year: the change is significant when |z| ≥ 1.96 (counts as Poisson counts, shares with a two-proportion z test, means with Welch's z).",
        "RAG: green meets the target, amber within 10% of it, red otherwise. Working days exclude weekends and England and Wales bank holidays.",
    ];

    public const string DataQualityId = "data-quality";
    public const string DataQualityTitle = "Appendix C: data quality";

    public static string Better(MeasureDefinition m) => m.HigherIsBetter switch { true => "higher", false => "lower", null => "—" };

    /// <summary>The contents: the measure groups, the breakdowns and the appendices, as (anchor, title).</summary>
    public static List<(string Id, string Title)> Sections(PspiDocument d)
    {
        var list = d.Groups.Select(g => (Id(g.Key), g.Key)).ToList();
        list.Add(("breakdowns", "Breakdowns"));
        list.Add(("definitions", "Appendix A: measure definitions"));
        list.Add(("comparators", "Appendix B: comparators"));
        if (d.DataQualityNote is not null) list.Add((DataQualityId, DataQualityTitle));
        return list;
    }

    private static string Id(string group) => "group-" + group.ToLowerInvariant().Replace(' ', '-');

    private static string Travel(Comparison c) => c.Better switch { true => " better", false => " worse", null => "" };

    /// <summary>A line chart of the measure's trend as inline SVG (attributes only: no inline style).</summary>
    private static string Chart(MeasureResult m, IReadOnlyList<string> labels)
    {
        const double w = 560, h = 200, left = 44, right = 10, top = 10, bottom = 40;
        var values = m.TrendValues;
        var max = Axis.NiceMax(values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max());
        var n = Math.Max(1, values.Count - 1);
        double X(int i) => left + (w - left - right) * i / n;
        double Y(double v) => top + (h - top - bottom) * (1 - v / max);
        var sb = new StringBuilder();
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        sb.Append("<svg class=\"chart\" viewBox=\"0 0 ").Append(F(w)).Append(' ').Append(F(h)).Append("\" role=\"img\" aria-label=\"Trend of ")
          .Append(WebUtility.HtmlEncode(m.Definition.Title)).Append("\">");
        for (var k = 0; k <= 4; k++)
        {
            var v = max * k / 4;
            sb.Append("<line x1=\"").Append(F(left)).Append("\" x2=\"").Append(F(w - right)).Append("\" y1=\"").Append(F(Y(v))).Append("\" y2=\"").Append(F(Y(v))).Append("\"/>");
            sb.Append("<text x=\"").Append(F(left - 4)).Append("\" y=\"").Append(F(Y(v) + 3)).Append("\" text-anchor=\"end\">").Append(Axis.Tick(v)).Append("</text>");
        }
        for (var i = 0; i < labels.Count; i++)
            sb.Append("<text x=\"").Append(F(X(i))).Append("\" y=\"").Append(F(h - bottom + 14)).Append("\" text-anchor=\"middle\">")
              .Append(WebUtility.HtmlEncode(PspiDocument.ShortLabel(labels[i]))).Append("</text>");
        sb.Append("<text x=\"").Append(F(left)).Append("\" y=\"").Append(F(h - 4)).Append("\">").Append(WebUtility.HtmlEncode(PspiDocument.Unit(m.Definition))).Append(" by quarter</text>");
        var points = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } v)
            {
                if (points.Length > 0) sb.Append("<polyline points=\"").Append(points).Append("\"/>");
                points.Clear();
                continue;
            }
            points.Append(F(X(i))).Append(',').Append(F(Y(v))).Append(' ');
            sb.Append("<circle r=\"3\" cx=\"").Append(F(X(i))).Append("\" cy=\"").Append(F(Y(v))).Append("\"/>");
        }
        if (points.Length > 0) sb.Append("<polyline points=\"").Append(points).Append("\"/>");
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}

internal static class Axis
{
    /// <summary>A round axis maximum at or above <paramref name="max"/> (1, 2, 2.5 or 5 times a power of ten).</summary>
    public static double NiceMax(double max) => Infrastructure.Pdf.PdfPageFlow.NiceMax(max);

    public static string Tick(double v) => Infrastructure.Pdf.PdfPageFlow.Tick(v);
}
