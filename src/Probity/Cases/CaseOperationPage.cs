using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Infrastructure.Time;
using Probity.Kernel;

namespace Probity.Cases;

/// <summary>
/// The shape every case operation's page shares (each lives in its operation's folder, beside its handler). GET shows
/// the case's reference and the facts needed to decide, read through <see cref="ViewCase.ViewCaseHandler"/> so it is
/// need-to-know filtered and audited exactly as the case page is. POST runs the operation against the version the
/// form was opened on and goes back to the case page with a notice; a refusal or a stale edit shows this page again
/// with the reason and everything the person typed, answering 422 (409 for a stale edit) as the API does. Every POST
/// that does not succeed is on the trail, in the words the API's refusals use (ADR 0027): <c>refused</c> (which
/// operation, why) on a case the reader may open, <c>not_found</c> on one hidden from them or missing (answered 404
/// alike, so the two cannot be told apart).
/// </summary>
/// <remarks>Each page states its own [Authorize] policies, so who may do what is read on the page, not inherited.</remarks>
internal abstract class CaseOperationPage(ViewCase.ViewCaseHandler view, TimeProvider time) : PageModel
{
    /// <summary>The case, from the route only: a form field cannot redirect the operation to another case than the URL names.</summary>
    public string Id => RouteData.Values["id"] as string ?? "";

    /// <summary>The case's version when the form was opened: a change by someone else since then is refused, not overwritten.</summary>
    [BindProperty] public Guid Version { get; set; }

    public ViewCase.ViewCaseHandler.View View { get; private set; } = null!;

    public Case Case => View.Case;

    public DateOnly Today => time.Today();

    public string CaseUrl => "/cases/" + Uri.EscapeDataString(Id);

    /// <summary>For a date field's min and max: the calendar's first day and today.</summary>
    public string Earliest => WorkingDays.FirstDate.ToString("yyyy-MM-dd");

    public string TodayIso => Today.ToString("yyyy-MM-dd");

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ShowAsync("view", null, ct);
        Version = Case.Version;
        StartFrom(Case);
    }

    /// <summary>The form's first values, from the case as it is now (its unit, its intake, today's date ...).</summary>
    protected virtual void StartFrom(Case c) { }

    /// <summary>What else the form offers beyond the case itself (the units to allocate to ...).</summary>
    protected virtual Task LoadChoicesAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Runs <paramref name="operation"/> (which returns the notice for the case page), or shows the form again with why not.</summary>
    protected async Task<IActionResult> PerformAsync(Func<Task<string>> operation, CancellationToken ct)
    {
        string refusal;
        if (FormIsReadable())
        {
            try
            {
                TempData["Notice"] = await operation();
                return Redirect(CaseUrl);
            }
            catch (Exception ex) when (ex is ActionRefusedException or EditConflictException)
            {
                ModelState.AddModelError("", ex.Message);
                refusal = ex.Message;
                Response.StatusCode = ex is EditConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            }
            catch (RecordNotFoundException missing)
            {
                // The operation found no case (hidden from the reader, or gone), or no record the form names on it (a
                // document of another case, an allegation hidden from its subject). Either way the answer is the 404 a
                // missing case gets, and the attempt goes on the trail through the case's own read, the one way a page
                // records a refusal: not_found for a case the reader cannot open (that read throws the case page's 404,
                // with the same words for hidden and missing), refused (which operation, what was not there) for one
                // they can, whose 404 is then this one.
                await view.HandleAsync(Id, "refused", $"{Request.Path}: {missing.Message}", ct);
                throw;
            }
        }
        else
        {
            refusal = "values that could not be read";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        // A case hidden from the reader, or gone, answers 404 here exactly as the case page does. Shown again, the case
        // goes on the trail as the refused attempt it is (which operation and why), not as one more view.
        await ShowAsync("refused", $"{Request.Path}: {refusal}", ct);
        return Page();
    }

    private async Task ShowAsync(string action, string? detail, CancellationToken ct)
    {
        View = await view.HandleAsync(Id, action, detail, ct);
        await LoadChoicesAsync(ct);
    }

    /// <summary>
    /// A value that could not be read (a date that is not a date) is named next to its field before the operation runs:
    /// otherwise it would arrive as 1 Jan 0001 and be refused for the wrong reason. Empty values are left to the
    /// operation, which says what is missing in its own words ("Give the reason ...").
    /// </summary>
    private bool FormIsReadable()
    {
        var readable = true;
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Count == 0) continue;
            entry.Errors.Clear();
            if (string.IsNullOrEmpty(entry.AttemptedValue))
            {
                entry.ValidationState = Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Skipped;
                continue;
            }
            var label = GetType().GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.GetCustomAttribute<DisplayAttribute>()?.Name ?? key;
            entry.Errors.Add($"'{entry.AttemptedValue}' is not a valid {label}.");
            readable = false;
        }
        if (!readable) ModelState.AddModelError("", "Nothing was changed: correct the values marked below.");
        return readable;
    }
}
