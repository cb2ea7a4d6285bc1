using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.RecordFinding;

/// <summary>Records the finding on one allegation; the route decides which findings are possible.</summary>
internal sealed class RecordFindingHandler(CaseEditing editing, RulebookCatalogue rulebooks)
{
    internal sealed record Command(string CaseId, Guid Version, string AllegationId, string Finding, DateOnly DecidedOn, string? Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.DecidedOn, "finding date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        CaseEditing.RequireOpen(c, "have findings changed");
        var allegation = c.Allegations.FirstOrDefault(a => a.Id == cmd.AllegationId)
            ?? throw new ActionRefusedException($"Case {c.Id} has no allegation {cmd.AllegationId}.");
        if (c.HandlingRoute is null) throw new ActionRefusedException("Decide the handling route before recording findings.");
        var book = rulebooks.For(c);
        var route = book.RequireRoute(c.HandlingRoute);
        if (!route.Findings.Contains(cmd.Finding))
            throw new ActionRefusedException($"A case handled by {Vocabulary.Describe(route.Code).ToLowerInvariant()} under the {book.Regime} regime cannot reach the finding '{Vocabulary.Describe(cmd.Finding).ToLowerInvariant()}'. Possible findings: {string.Join(", ", route.Findings.Select(Vocabulary.Describe))}.");
        CaseEditing.RequireNotBefore(cmd.DecidedOn, c.RouteDecidedOn ?? c.ReceivedOn, "finding date", "handling decision");
        var previous = allegation.Finding;
        // Changing a finding already recorded must be accountable: who, and why. An outcome recorded on the old finding
        // is named, so the change cannot quietly leave it resting on a finding that no longer supports it.
        var standing = previous is null || previous == cmd.Finding ? [] : c.Sanctions.Where(s => s.StaffId == allegation.StaffId).Select(s => Vocabulary.Describe(s.Outcome).ToLowerInvariant()).ToList();
        if (previous is not null && previous != cmd.Finding && CaseEditing.Readable(cmd.Reason) is null)
            throw new ActionRefusedException($"Give the reason for changing the finding on {allegation.Id} from {Vocabulary.Describe(previous).ToLowerInvariant()} to {Vocabulary.Describe(cmd.Finding).ToLowerInvariant()}" +
                (standing.Count == 0 ? "." : $" (the outcome recorded for this officer on the case, {string.Join(", ", standing)}, stands unless corrected)."));
        allegation.Finding = cmd.Finding;
        allegation.FinalisedOn = cmd.DecidedOn;
        var detail = previous is null
            ? $"Allegation {allegation.Id} ({Vocabulary.Describe(allegation.Category).ToLowerInvariant()}): {Vocabulary.Describe(cmd.Finding).ToLowerInvariant()}"
            : $"Allegation {allegation.Id}: finding changed from {Vocabulary.Describe(previous).ToLowerInvariant()} to {Vocabulary.Describe(cmd.Finding).ToLowerInvariant()}" +
              (standing.Count == 0 ? "" : $"; the outcome recorded for this officer ({string.Join(", ", standing)}) stands");
        await editing.SaveAsync(c, "finding", detail, cmd.DecidedOn, cmd.Reason, ct);
    }
}
