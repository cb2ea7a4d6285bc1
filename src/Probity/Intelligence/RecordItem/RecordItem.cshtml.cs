using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Log;
using Probity.Kernel;

namespace Probity.Intelligence.RecordItem;

/// <summary>
/// Recording an item. The form offers the grades of the scheme in force on the day given (choose the day first: a GET
/// with <c>on</c>); the server checks them against that day's scheme whatever the form sent.
/// </summary>
[Authorize(Policy = Policies.RecordIntelligence)]
internal sealed class RecordItemModel(RecordItemHandler handler, IntelligenceLists lists, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "on")] public DateOnly? On { get; set; }
    [BindProperty] public string? SourceType { get; set; }
    [BindProperty] public string? SourceGrade { get; set; }
    [BindProperty] public string? IntelligenceGrade { get; set; }
    [BindProperty] public string? HandlingCode { get; set; }
    [BindProperty] public string? HandlingConditions { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Staff { get; set; }
    [BindProperty] public string? Cases { get; set; }
    [BindProperty] public string? Operations { get; set; }
    [BindProperty] public List<string> Priorities { get; set; } = [];
    [BindProperty] public string? Readers { get; set; }

    public IntelligenceLists Lists => lists;
    public GradingScheme Scheme { get; private set; } = null!;
    public DateOnly Day { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() => Choose();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var id = await handler.RecordAsync(new RecordItemHandler.Command(On, SourceType, SourceGrade, IntelligenceGrade, HandlingCode, HandlingConditions, Text,
                Lines(Staff), Lines(Cases), Lines(Operations), Priorities, Lines(Readers)), ct);
            TempData["Notice"] = $"Recorded as {id}. The Intelligence Management Unit reviews it next.";
            return Redirect($"/intelligence/items/{id}");
        }
        catch (ActionRefusedException refused)
        {
            // The form keeps what was typed: an item's text is long, and losing it to a wrong grade is worse than a second try.
            Error = refused.Message;
            Choose();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    private void Choose()
    {
        var today = time.Today();
        Day = On is { } on && WorkingDays.OutsideRange(on, "the day") is null && on <= today ? on : today;
        Scheme = lists.InForceOn(Day);
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split(['\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
