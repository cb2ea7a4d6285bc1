using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Cases.Letters;

/// <summary>The letter templates, and whether each has the built-in wording or the force's own.</summary>
[Authorize(Policy = Policies.EditLetterTemplates)]
internal sealed class LetterTemplatesPage(LetterTemplates templates) : PageModel
{
    public IReadOnlyList<(string Name, string Title, LetterTemplate? Edited)> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = new List<(string, string, LetterTemplate?)>();
        foreach (var (name, title) in LetterTemplates.TemplateNames) rows.Add((name, title, (await templates.GetAsync(name, ct)).Edited));
        Rows = rows;
    }
}
