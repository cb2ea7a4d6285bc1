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
        Apply(c, rulebooks.For(c), cmd.StaffId, cmd.Outcome, cmd.DecidedOn);
        await editing.SaveAsync(c, "sanction", $"{cmd.StaffId}: {Vocabulary.Describe(cmd.Outcome).ToLowerInvariant()}", cmd.DecidedOn, cmd.Reason, ct);
    }

    /// <summary>
    /// The one rule for an officer's outcome, shared by this operation and a meeting's or hearing's outcome
    /// (ConductHearings): the regime's outcomes only, a substantiated allegation against the officer first, not before
    /// that finding, not twice. Adds the sanction to the case; the caller saves it with its timeline entry.
    /// </summary>
    public static void Apply(Case c, Rulebook book, string staffId, string outcome, DateOnly decidedOn)
    {
        // An outcome against an officer on a case that never was would follow them (their profile, their risk), reinstated or not.
        CaseEditing.RequireStanding(c, "have an officer's outcome recorded");
        if (!book.Sanctions.Contains(outcome))
            throw new ActionRefusedException($"'{Vocabulary.Describe(outcome)}' is not an outcome under the {book.Regime} regime. Possible outcomes: {string.Join(", ", book.Sanctions.Select(Vocabulary.Describe))}.");
        var against = c.Allegations.Where(a => a.StaffId == staffId).ToList();
        if (against.Count == 0) throw new ActionRefusedException($"No allegation in case {c.Id} names {staffId}.");
        var substantiated = against.Where(a => a.Finding is not null && book.SanctionableFindings.Contains(a.Finding)).ToList();
        if (substantiated.Count == 0)
            throw new ActionRefusedException($"An outcome can only be recorded for {staffId} once an allegation against them is substantiated.");
        // The outcome follows the finding it rests on: not before the first substantiated finding against the officer.
        if (substantiated.Where(a => a.FinalisedOn is not null).MinBy(a => a.FinalisedOn) is { } first)
            CaseEditing.RequireNotBefore(decidedOn, first.FinalisedOn!.Value, "decision date", $"finding on allegation {first.Id}");
        if (c.Sanctions.Any(s => s.StaffId == staffId && s.Outcome == outcome))
            throw new ActionRefusedException($"{Vocabulary.Describe(outcome)} is already recorded for {staffId} in this case.");
        c.Sanctions.Add(new Sanction { CaseId = c.Id, StaffId = staffId, Outcome = outcome, DecidedOn = decidedOn });
    }
}
