using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Probity.Infrastructure.Web;

/// <summary>
/// Every <c>&lt;div class="table-wrap"&gt;</c> is a box a wide table scrolls sideways inside. A keyboard user can only
/// scroll it if it can take focus (WCAG 2.1.1; axe <c>scrollable-region-focusable</c>), and a table of plain figures
/// has nothing else focusable in it. Whether it scrolls depends on the data (a theme table gains a column a year) and
/// the screen, so every wrap is focusable and named as a region, rather than each page guessing.
/// </summary>
[HtmlTargetElement("div", Attributes = "[class=table-wrap]")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1515", Justification = "Razor discovers only public tag helpers.")]
public sealed class ScrollingTableTagHelper : TagHelper
{
    /// <summary>What the region is called to a screen reader; defaults to "Table (scrolls sideways)".</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("tabindex")) output.Attributes.SetAttribute("tabindex", "0");
        if (!output.Attributes.ContainsName("role")) output.Attributes.SetAttribute("role", "region");
        if (!output.Attributes.ContainsName("aria-label") && !output.Attributes.ContainsName("aria-labelledby"))
            output.Attributes.SetAttribute("aria-label", string.IsNullOrWhiteSpace(Label) ? "Table (scrolls sideways)" : Label);
    }
}
