using Probity.Workforce.Contracts;
using Probity.Cases.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Kernel;

namespace Probity.Cases.RecordCase;

[Authorize(Policy = Policies.EditCases)]
internal sealed class NewModel(RecordCaseHandler record, UnitDirectory units, TimeProvider time) : PageModel
{
    private const int AllegationLines = 6;
    private const int FurtherComplainantLines = 3;

    [BindProperty] public NewCase Input { get; set; } = new();
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ReceivedOn = time.Today();
        await LoadAsync(ct);
    }

    /// <summary>The received and recorded dates as the form shows them: as typed when they could not be read, never 1 Jan 0001.</summary>
    public string ReceivedText => Typed("Input.ReceivedOn") ?? Input.ReceivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public string RecordedText => Typed("Input.RecordedOn") ?? Input.RecordedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        SayWhatIsWrongInPlainWords();
        if (ModelState.IsValid)
        {
            try
            {
                var id = await record.HandleAsync(Input, ct);
                TempData["Notice"] = $"Case {id} recorded.";
                return Redirect($"/cases/{id}");
            }
            catch (ActionRefusedException ex)
            {
                // Stay on the form: a long intake must not be lost to one wrong field.
                ModelState.AddModelError("", ex.Message);
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private string? Typed(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.AttemptedValue ?? "" : null;

    /// <summary>
    /// Model binding's own messages ("The value '' is invalid.", "The field Summary must be a string with a maximum
    /// length of 4000.") name neither the field nor what to do: each is replaced by one that does.
    /// </summary>
    private void SayWhatIsWrongInPlainWords()
    {
        Reword("Input.ReceivedOn", typed => typed.Length == 0 ? "Give the date the matter was received."
            : $"'{typed}' is not a date: give the date the matter was received as day, month and year.");
        Reword("Input.RecordedOn", typed => $"'{typed}' is not a date: give the date the matter was recorded as day, month and year, or leave it empty for today.");
        Reword("Input.Summary", _ => Input.Summary is { Length: > NewCase.SummaryLimit } summary
            ? $"The summary must be {NewCase.SummaryLimit:N0} characters or fewer (it has {summary.Length:N0})." : null);
    }

    private void Reword(string key, Func<string, string?> message)
    {
        if (!ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0) return;
        if (message(entry.AttemptedValue ?? "") is not { } words) return;
        entry.Errors.Clear();
        entry.Errors.Add(words);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Units = await units.HandlingUnitsAsync(ct);
        while (Input.Allegations.Count < AllegationLines) Input.Allegations.Add(new NewAllegation());
        while (Input.FurtherComplainants.Count < FurtherComplainantLines) Input.FurtherComplainants.Add(new NewComplainant());
    }
}
