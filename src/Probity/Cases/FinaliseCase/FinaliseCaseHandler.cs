using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.FinaliseCase;

/// <summary>Closes a case once it has a route, every allegation has a finding and, where its route requires it (ADR 0022), its investigation report is approved.</summary>
internal sealed class FinaliseCaseHandler(CaseEditing editing, RulebookCatalogue rulebooks, InvestigationReport.InvestigationReportHandler reports)
{
    internal sealed record Command(string CaseId, Guid Version, DateOnly FinalisedOn, string? Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.FinalisedOn, "finalised date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        CaseEditing.RequireOpen(c, "be finalised again");
        if (LitigationRules.Applies(c.CaseType))
            throw new ActionRefusedException($"Case {c.Id} is a {LitigationRules.Noun(c.CaseType)}: it is finalised by recording its outcome on its claim page (ADR 0024).");
        if (c.HandlingRoute is null) throw new ActionRefusedException($"Case {c.Id} has no handling route yet; decide how it is handled before finalising it.");
        var open = c.Allegations.Where(a => a.Finding is null).Select(a => a.Id).ToList();
        if (open.Count > 0) throw new ActionRefusedException($"Record a finding on every allegation before finalising. Still open: {string.Join(", ", open)}.");
        CaseEditing.RequireNotBefore(cmd.FinalisedOn, c.RouteDecidedOn ?? c.ReceivedOn, "finalised date", "handling decision");
        // A case is finalised once every allegation has its finding, so not before the last of them.
        if (c.Allegations.Where(a => a.FinalisedOn is not null).MaxBy(a => a.FinalisedOn) is { } last)
            CaseEditing.RequireNotBefore(cmd.FinalisedOn, last.FinalisedOn!.Value, "finalised date", $"finding on allegation {last.Id}");
        if (InvestigationReport.InvestigationReportHandler.MissingForFinalisation(c, rulebooks.For(c), await reports.CurrentAsync(c.Id, ct)) is { } missing)
            throw new ActionRefusedException(missing);
        c.FinalisedOn = cmd.FinalisedOn;
        await editing.SaveAsync(c, "finalised", "Case finalised", cmd.FinalisedOn, cmd.Reason, ct);
    }
}
