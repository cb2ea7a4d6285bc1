using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.DecideAppeal;

/// <summary>
/// Records the result of an appeal. An upheld appeal against a finalised case reopens it. An appeal to the Police Appeals
/// Tribunal (ADR 0023) is about the officer's outcome, not the investigation, so it reopens nothing: upheld, the tribunal
/// either sets the hearing's outcome aside or puts a lesser outcome of the same hearing's in its place (addendum), and the
/// case's sanction for the officer follows.
/// </summary>
internal sealed class DecideAppealHandler(CaseEditing editing, RulebookCatalogue rulebooks)
{
    internal sealed record Command(string CaseId, Guid Version, string AppealId, bool Upheld, DateOnly DecidedOn, string? Reason, string? SubstitutedOutcome = null);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.DecidedOn, "appeal decision date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        var appeal = c.Appeals.FirstOrDefault(a => a.Id == cmd.AppealId) ?? throw new ActionRefusedException($"Case {c.Id} has no appeal {cmd.AppealId}.");
        if (appeal.DecidedOn is not null) throw new ActionRefusedException($"Appeal {appeal.Id} was already decided on {appeal.DecidedOn:d MMM yyyy}.");
        CaseEditing.RequireNotBefore(cmd.DecidedOn, appeal.LodgedOn, "appeal decision date", "date it was lodged");
        var substituted = string.IsNullOrWhiteSpace(cmd.SubstitutedOutcome) ? null : cmd.SubstitutedOutcome.Trim();
        if (substituted is not null && appeal.HearingId is null)
            throw new ActionRefusedException($"substitutedOutcome: only the Police Appeals Tribunal puts an outcome in place of a hearing's; appeal {appeal.Id} is a {Vocabulary.Describe(appeal.AppealType).ToLowerInvariant()} appeal.");
        if (substituted is not null && !cmd.Upheld)
            throw new ActionRefusedException("substitutedOutcome: an appeal that is not upheld leaves the hearing's outcome as it was; choose upheld to put another in its place.");
        appeal.Upheld = cmd.Upheld;
        appeal.DecidedOn = cmd.DecidedOn;
        var detail = $"Appeal {appeal.Id} {(cmd.Upheld ? "upheld" : "not upheld")}";
        if (appeal.HearingId is not null)
        {
            detail += $" (against the outcome of {appeal.HearingId} for {appeal.StaffId})";
            if (cmd.Upheld) detail += await ReplaceOutcomeAsync(c, appeal, substituted, cmd.DecidedOn, ct);
        }
        else if (cmd.Upheld && c.FinalisedOn is not null)
        {
            c.FinalisedOn = null;
            detail += "; case reopened";
        }
        await editing.SaveAsync(c, "appeal_decided", detail, cmd.DecidedOn, cmd.Reason, ct);
    }

    /// <summary>
    /// The tribunal allowed the officer's appeal: the hearing's outcome leaves the case's sanctions, and the lesser outcome it
    /// substituted (one the same kind of hearing could give, less severe than the one appealed) takes its place through the
    /// one sanction rule. The hearing keeps the outcome its panel gave: that is what happened at the hearing.
    /// </summary>
    private async Task<string> ReplaceOutcomeAsync(Case c, Appeal appeal, string? substituted, DateOnly decidedOn, CancellationToken ct)
    {
        var hearing = await editing.Db.ConductHearings.AsNoTracking().FirstOrDefaultAsync(h => h.CaseId == c.Id && h.Id == appeal.HearingId, ct)
            ?? throw new ActionRefusedException($"The hearing {appeal.HearingId} appealed in {appeal.Id} is no longer on case {c.Id}.");
        var book = rulebooks.For(c);
        var kind = book.HearingKind(hearing.Kind)!;
        var given = hearing.Outcome!;
        if (substituted is not null)
        {
            // The kind's outcomes run from the least severe to the most: their order is the severity order.
            var bySeverity = kind.Outcomes.ToList();
            var rank = bySeverity.IndexOf(substituted);
            if (rank < 0)
                throw new ActionRefusedException($"substitutedOutcome: a {Vocabulary.Describe(kind.Code).ToLowerInvariant()} cannot give '{Vocabulary.Describe(substituted).ToLowerInvariant()}'. Possible: {string.Join(", ", kind.Outcomes.Select(Vocabulary.Describe))}.");
            if (rank >= bySeverity.IndexOf(given))
                throw new ActionRefusedException($"substitutedOutcome: the tribunal hears the officer's appeal, so it may only put a lesser outcome in place of {Vocabulary.Describe(given).ToLowerInvariant()}; {Vocabulary.Describe(substituted).ToLowerInvariant()} is not lesser.");
        }
        c.Sanctions.RemoveAll(s => s.StaffId == hearing.StaffId && s.Outcome == given);
        appeal.SubstitutedOutcome = substituted;
        if (substituted is null) return $"; the outcome of {Vocabulary.Describe(given).ToLowerInvariant()} is set aside";
        RecordSanction.RecordSanctionHandler.Apply(c, book, hearing.StaffId, substituted, decidedOn);
        return $"; {Vocabulary.Describe(substituted).ToLowerInvariant()} substituted for {Vocabulary.Describe(given).ToLowerInvariant()}";
    }
}
