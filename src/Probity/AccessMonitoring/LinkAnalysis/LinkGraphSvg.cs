using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Probity.AccessMonitoring.LinkAnalysis;

/// <summary>
/// Draws a <see cref="LinkGraph"/> as SVG: classes for colour (site.css), SVG &lt;title&gt; for tooltips, no inline
/// style or script, so the strict Content Security Policy holds and the picture prints.
/// </summary>
internal static class LinkGraphSvg
{
    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string E(string s) => WebUtility.HtmlEncode(s);

    public static IHtmlContent Render(LinkGraph graph, string caption)
    {
        var at = graph.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"links\" width=\"{N(LinkGraph.Size)}\" height=\"{N(LinkGraph.Size)}\" viewBox=\"0 0 {N(LinkGraph.Size)} {N(LinkGraph.Size)}\" role=\"img\" aria-label=\"{E(caption)}\" data-testid=\"link-graph\"><title>{E(caption)}</title>");
        foreach (var r in new[] { LinkGraph.AccessorRadius, LinkGraph.PersonRadius, LinkGraph.LinkedStaffRadius })
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"ring\" cx=\"{N(LinkGraph.Centre)}\" cy=\"{N(LinkGraph.Centre)}\" r=\"{N(r)}\"/>");
        svg.Append("<g class=\"edges\">");
        // Highlighted links last, so they are drawn over the rest.
        foreach (var e in graph.Edges.OrderBy(e => e.Highlight))
        {
            if (!at.TryGetValue(e.From, out var a) || !at.TryGetValue(e.To, out var b)) continue;
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"edge {e.Kind}{(e.Highlight ? " highlight" : "")}\" x1=\"{N(a.X)}\" y1=\"{N(a.Y)}\" x2=\"{N(b.X)}\" y2=\"{N(b.Y)}\"><title>{E(e.Title)}</title></line>");
        }
        svg.Append("</g><g class=\"nodes\">");
        foreach (var n in graph.Nodes)
        {
            var kind = n.Kind switch
            {
                LinkNodeKind.Target => "target", LinkNodeKind.Subject => "subject", LinkNodeKind.Accessor => "accessor",
                LinkNodeKind.Person => "person", _ => "linked",
            };
            var radius = n.Kind switch { LinkNodeKind.Target => 16, LinkNodeKind.Subject => 10, LinkNodeKind.Accessor => 10, LinkNodeKind.Person => 7, _ => 7 };
            var classes = $"node {kind}{(n.AssociateIsSubject ? " associate-of-subject" : "")}{(n.Uncovered ? " uncovered" : "")}";
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"{classes}\" data-node=\"{E(n.Id)}\"><title>{E(n.Title)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(n.X)}\" cy=\"{N(n.Y)}\" r=\"{radius}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(n.X)}\" y=\"{N(n.Y + radius + 11)}\" text-anchor=\"middle\">{E(n.Label)}</text></g>");
        }
        svg.Append("</g></svg>");
        return new HtmlString(svg.ToString());
    }
}
