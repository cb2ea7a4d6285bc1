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
        allegation.Finding = cmd.Finding;
        allegation.FinalisedOn = cmd.DecidedOn;
        var detail = previous is null
            ? $"Allegation {allegation.Id} ({Vocabulary.Describe(allegation.Category).ToLowerInvariant()}): {Vocabulary.Describe(cmd.Finding).ToLowerInvariant()}"
            : $"Allegation {allegation.Id}: finding changed from {Vocabulary.Describe(previous).ToLowerInvariant()} to {Vocabulary.Describe(cmd.Finding).ToLowerInvariant()}";
        await editing.SaveAsync(c, "finding", detail, cmd.DecidedOn, cmd.Reason, ct);
    }
}
