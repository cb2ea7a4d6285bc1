using Probity.AuditTrail.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Alerts;
using Probity.Database;
using Probity.Kernel;

namespace Probity.AccessMonitoring.Sampling;

/// <summary>Records a supervisor's answer for one sampled access: was there a business reason? An answer can be corrected, never silently overwritten.</summary>
internal sealed class AnswerSample(ProbityDb db, Audit audit, TimeProvider time)
{
    internal sealed record Command(string SampleId, long ItemId, Guid Version, string? Answer, string? Supervisor, string? Note);

    public async Task HandleAsync(Command c, CancellationToken ct)
    {
        if (c.Answer is null || !ProbitySampleItem.Answers.Contains(c.Answer))
            throw new ActionRefusedException($"Choose the supervisor's answer: {string.Join(", ", ProbitySampleItem.Answers.Select(AlertWords.Answer))}.");
        var supervisor = c.Supervisor?.Trim();
        if (string.IsNullOrEmpty(supervisor)) throw new ActionRefusedException("Name the supervisor who gave the answer.");
        if (supervisor.Length > 256) throw new ActionRefusedException("The supervisor's name is longer than 256 characters.");
        var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim();
        // "No" and "cannot say" are what someone follows up, so they must say why.
        if (c.Answer != "business_reason_confirmed" && note is null) throw new ActionRefusedException("Say in the note what the supervisor said (needed unless a business reason is confirmed).");
        if (note?.Length > 2000) throw new ActionRefusedException("The note is longer than 2,000 characters.");

        var item = await db.ProbitySampleItems.FirstOrDefaultAsync(i => i.Id == c.ItemId && i.SampleId == c.SampleId, ct)
            ?? throw new RecordNotFoundException($"Access {c.ItemId} in sample {c.SampleId}");
        if (item.Version != c.Version)
            throw new EditConflictException($"The {item.System} access by {item.StaffId} was answered by {item.AnsweredBy ?? "someone else"} ({AlertWords.Answer(item.Answer).ToLowerInvariant()}) since you opened the sample. Reload to see their answer, then try again.");
        var corrected = item.Answer is not null;
        item.Answer = c.Answer;
        item.Supervisor = supervisor;
        item.Note = note;
        item.AnsweredBy = db.Scope.Actor;
        item.AnsweredAt = time.GetUtcNow();
        item.Version = Guid.NewGuid();
        audit.Change("update", $"probity_sample/{c.SampleId}",
            $"{(corrected ? "corrected" : "answered")} access {item.Id} by {item.StaffId}: {c.Answer} (supervisor {supervisor}){(note is null ? "" : ": " + note)}");
        await db.SaveChangesOrConflictAsync("Someone else answered this access while you were saving. Reload to see their answer, then try again.", ct);
    }
}
