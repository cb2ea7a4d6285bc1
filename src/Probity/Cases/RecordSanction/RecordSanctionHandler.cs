using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.RecordSanction;

/// <summary>Records the outcome for one officer; the regime decides which outcomes exist.</summary>
internal sealed class RecordSanctionHandler(CaseEditing editing, RulebookCatalogue rulebooks)
{
    internal sealed record Command(string CaseId, Guid Version, string StaffId, string Outcome, DateOnly DecidedOn, string? Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.DecidedOn, "decision date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        // An outcome against an officer on a case that never was would follow them (their profile, their risk), reinstated or not.
        CaseEditing.RequireStanding(c, "have an officer's outcome recorded");
        var book = rulebooks.For(c);
        if (!book.Sanctions.Contains(cmd.Outcome))
            throw new ActionRefusedException($"'{Vocabulary.Describe(cmd.Outcome)}' is not an outcome under the {book.Regime} regime. Possible outcomes: {string.Join(", ", book.Sanctions.Select(Vocabulary.Describe))}.");
        var against = c.Allegations.Where(a => a.StaffId == cmd.StaffId).ToList();
        if (against.Count == 0) throw new ActionRefusedException($"No allegation in case {c.Id} names {cmd.StaffId}.");
        var substantiated = against.Where(a => a.Finding is not null && book.SanctionableFindings.Contains(a.Finding)).ToList();
        if (substantiated.Count == 0)
            throw new ActionRefusedException($"An outcome can only be recorded for {cmd.StaffId} once an allegation against them is substantiated.");
        // The outcome follows the finding it rests on: not before the first substantiated finding against the officer.
        if (substantiated.Where(a => a.FinalisedOn is not null).MinBy(a => a.FinalisedOn) is { } first)
            CaseEditing.RequireNotBefore(cmd.DecidedOn, first.FinalisedOn!.Value, "decision date", $"finding on allegation {first.Id}");
        if (c.Sanctions.Any(s => s.StaffId == cmd.StaffId && s.Outcome == cmd.Outcome))
            throw new ActionRefusedException($"{Vocabulary.Describe(cmd.Outcome)} is already recorded for {cmd.StaffId} in this case.");
        c.Sanctions.Add(new Sanction { CaseId = c.Id, StaffId = cmd.StaffId, Outcome = cmd.Outcome, DecidedOn = cmd.DecidedOn });
        await editing.SaveAsync(c, "sanction", $"{cmd.StaffId}: {Vocabulary.Describe(cmd.Outcome).ToLowerInvariant()}", cmd.DecidedOn, cmd.Reason, ct);
    }
}
