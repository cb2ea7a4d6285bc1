using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Cases.Contracts;
using Probity.Identity.Contracts;

namespace Probity.Cases.ReflectivePractice;

/// <summary>The reflective practice review process (2020 regime): start one, record the officer's reflection, complete it.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class ReflectivePracticePage(ReflectivePracticeHandler rprp, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "officer")] public string? StaffId { get; set; }
    [BindProperty, Display(Name = "review")] public string? ReviewId { get; set; }
    [BindProperty, Display(Name = "reflection")] public string? Reflection { get; set; }
    [BindProperty, Display(Name = "note")] public string? Note { get; set; }
    [BindProperty, Display(Name = "date")] public DateOnly Date { get; set; }

    protected override void StartFrom(Case c) => Date = Today;

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var id = await rprp.StartAsync(new(Id, Version, StaffId, Date), ct);
        return $"Reflective practice review {id} started.";
    }, ct);

    public Task<IActionResult> OnPostReflectionAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await rprp.ReflectAsync(new(Id, Version, ReviewId, Reflection, Date), ct);
        return $"Reflection recorded on {ReviewId}.";
    }, ct);

    public Task<IActionResult> OnPostCompleteAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await rprp.CompleteAsync(new(Id, Version, ReviewId, Date, Note), ct);
        return $"Reflective practice review {ReviewId} completed.";
    }, ct);
}
