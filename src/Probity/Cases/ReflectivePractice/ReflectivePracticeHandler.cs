using Microsoft.EntityFrameworkCore;
using Probity.Cases.AssessSeverity;
using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.ReflectivePractice;

/// <summary>
/// The reflective practice review process (2020 regulations, ADR 0023): for an officer whose matter is practice requiring
/// improvement (assessed so, or given so as a meeting's outcome), started, the officer's reflection recorded, completed.
/// Refused under a regime without it, naming why.
/// </summary>
internal sealed class ReflectivePracticeHandler(CaseEditing editing, RulebookCatalogue rulebooks)
{
    internal sealed record StartCommand(string CaseId, Guid Version, string? StaffId, DateOnly StartedOn);

    internal sealed record ReflectCommand(string CaseId, Guid Version, string? ReviewId, string? Reflection, DateOnly RecordedOn);

    internal sealed record CompleteCommand(string CaseId, Guid Version, string? ReviewId, DateOnly CompletedOn, string? Note);

    public async Task<string> StartAsync(StartCommand cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.StartedOn, "start date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        CaseEditing.RequireStanding(c, "start a reflective practice review");
        CaseEditing.RequireUnderRegulations(c, "start a reflective practice review");
        var book = rulebooks.For(c);
        var pri = book.ReflectivePracticeSeverity ?? throw new ActionRefusedException(
            $"Case {c.Id} is under the {book.Regime} regime, which has no reflective practice review process: it came in with the 2020 regulations.");
        var staffId = AssessSeverityHandler.RequireSubject(c, cmd.StaffId);
        var severity = await AssessSeverityHandler.CurrentAsync(editing, c.Id, staffId, ct);
        if (severity?.Severity != pri && !c.Sanctions.Any(s => s.StaffId == staffId && s.Outcome == pri))
            throw new ActionRefusedException($"The reflective practice review process is for {Vocabulary.Describe(pri).ToLowerInvariant()}; the matter against {staffId} is " +
                (severity is null ? "not yet assessed." : $"assessed as {Vocabulary.Describe(severity.Severity).ToLowerInvariant()}."));
        var reviews = await editing.Db.ReflectivePracticeReviews.Where(r => r.CaseId == c.Id).ToListAsync(ct);
        if (reviews.FirstOrDefault(r => r.StaffId == staffId && r.CompletedOn is null) is { } open)
            throw new ActionRefusedException($"A reflective practice review ({open.Id}) for {staffId} is already under way since {open.StartedOn:d MMM yyyy}.");
        CaseEditing.RequireNotBefore(cmd.StartedOn, severity?.AssessedOn ?? c.ReceivedOn, "start date", severity is null ? "received date" : "severity assessment");
        var n = reviews.Count;
        string id;
        do id = $"{c.Id}-R{++n}";
        while (reviews.Any(r => r.Id == id));
        editing.Db.ReflectivePracticeReviews.Add(new ReflectivePracticeReview { Id = id, CaseId = c.Id, StaffId = staffId, StartedOn = cmd.StartedOn, StartedBy = editing.Db.Scope.Actor });
        await editing.SaveAsync(c, "rprp_started", $"Reflective practice review {id} started for {staffId}", cmd.StartedOn, null, ct);
        return id;
    }

    public async Task ReflectAsync(ReflectCommand cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.RecordedOn, "reflection date");
        var (c, review) = await LoadAsync(cmd.CaseId, cmd.Version, cmd.ReviewId, ct);
        var text = cmd.Reflection?.Trim() ?? "";
        if (text.Length == 0) throw new ActionRefusedException("reflection: write down the officer's reflection and what they will do differently.");
        if (text.Length > 4000) throw new ActionRefusedException($"reflection: keep it to 4,000 characters (it has {text.Length:N0}).");
        CaseEditing.RequireNotBefore(cmd.RecordedOn, review.StartedOn, "reflection date", $"start of {review.Id}");
        review.Reflection = text;
        review.ReflectionOn = cmd.RecordedOn;
        await editing.SaveAsync(c, "rprp_reflection", $"Reflective practice review {review.Id}: reflection recorded for {review.StaffId}", cmd.RecordedOn, null, ct);
    }

    public async Task CompleteAsync(CompleteCommand cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.CompletedOn, "completion date");
        var (c, review) = await LoadAsync(cmd.CaseId, cmd.Version, cmd.ReviewId, ct);
        if (review.ReflectionOn is null) throw new ActionRefusedException($"Reflective practice review {review.Id} has no reflection recorded yet: record it before completing the review.");
        CaseEditing.RequireNotBefore(cmd.CompletedOn, review.ReflectionOn.Value, "completion date", "reflection");
        review.CompletedOn = cmd.CompletedOn;
        review.CompletionNote = string.IsNullOrWhiteSpace(cmd.Note) ? null : cmd.Note.Trim();
        await editing.SaveAsync(c, "rprp_completed", $"Reflective practice review {review.Id} completed for {review.StaffId}", cmd.CompletedOn, cmd.Note, ct);
    }

    private async Task<(Case, ReflectivePracticeReview)> LoadAsync(string caseId, Guid version, string? reviewId, CancellationToken ct)
    {
        var c = await editing.LoadAsync(caseId, version, ct);
        CaseEditing.RequireStanding(c, "change a reflective practice review");
        var review = await editing.Db.ReflectivePracticeReviews.FirstOrDefaultAsync(r => r.CaseId == c.Id && r.Id == reviewId, ct)
            ?? throw new ActionRefusedException($"review: case {c.Id} has no reflective practice review '{reviewId}'.");
        if (review.CompletedOn is not null) throw new ActionRefusedException($"Reflective practice review {review.Id} was completed on {review.CompletedOn:d MMM yyyy}.");
        return (c, review);
    }
}
