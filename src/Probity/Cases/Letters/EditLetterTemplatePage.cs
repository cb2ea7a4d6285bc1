using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.Kernel;

namespace Probity.Cases.Letters;

/// <summary>
/// A senior manager edits a letter's wording. Preview renders it with made-up facts (no case is read); save refuses a
/// template that cannot be rendered, naming the line, so a broken template never reaches a complainant or a 500.
/// </summary>
[Authorize(Policy = Policies.EditLetterTemplates)]
internal sealed class EditLetterTemplatePage(ProbityDb db, LetterTemplates templates, Audit audit, TimeProvider time) : PageModel
{
    public const int MaxBody = 20000;

    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public Guid? Version { get; set; }
    public LetterTemplate? Edited { get; private set; }
    public string? Preview { get; private set; }

    public string Title => LetterTemplates.TemplateNames.GetValueOrDefault(Name, Name);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (body, edited) = await templates.GetAsync(Name, ct);
        Body = body;
        Edited = edited;
        Version = edited?.Version;
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        (_, Edited) = await templates.GetAsync(Name, ct);
        try
        {
            Preview = LetterTemplates.Render(Body ?? "", Sample());
        }
        catch (ActionRefusedException ex)
        {
            ModelState.AddModelError(nameof(Body), ex.Message);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        (_, Edited) = await templates.GetAsync(Name, ct);
        try
        {
            var body = (Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
            if (body.Trim().Length == 0) throw new ActionRefusedException("The template is empty: write the letter, or leave the page to keep the wording it has.");
            if (body.Length > MaxBody) throw new ActionRefusedException($"Keep the template to {MaxBody:N0} characters (it has {body.Length:N0}).");
            LetterTemplates.Render(body, Sample());
            var row = await db.Set<LetterTemplate>().FirstOrDefaultAsync(t => t.Name == Name, ct);
            if (row is null)
            {
                if (Version is not null) throw new EditConflictException("Someone else changed this template since you opened it. Reload it to see their change, then try again.");
                db.Set<LetterTemplate>().Add(new LetterTemplate { Name = Name, Body = body, UpdatedBy = db.Scope.Actor, UpdatedAt = time.GetUtcNow() });
            }
            else
            {
                if (row.Version != Version) throw new EditConflictException("Someone else changed this template since you opened it. Reload it to see their change, then try again.");
                row.Body = body;
                row.UpdatedBy = db.Scope.Actor;
                row.UpdatedAt = time.GetUtcNow();
                row.Version = Guid.NewGuid();
            }
            audit.Change("edit_letter_template", "letter_template:" + Name, $"{body.Length} characters");
            await db.SaveChangesOrConflictAsync("Someone else changed this template while you were editing it. Reload it and try again.", ct);
            TempData["Notice"] = $"Template '{Title}' saved; letters produced from now on use it.";
            return Redirect("/letters/templates");
        }
        catch (Exception ex) when (ex is ActionRefusedException or EditConflictException)
        {
            ModelState.AddModelError(nameof(Body), ex.Message);
            return Page();
        }
    }

    private LetterFacts Sample() => SendLetterHandler.Sample(time.Today(), Name.EndsWith("2008", StringComparison.Ordinal) ? "2008" : "2020");
}
