using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.DecideHandlingRoute;

/// <summary>Decides (or changes) how a case is handled: local resolution, an investigation type, dispensation ...</summary>
internal sealed class DecideHandlingRouteHandler(CaseEditing editing, RulebookCatalogue rulebooks)
{
    internal sealed record Command(string CaseId, Guid Version, string Route, DateOnly DecidedOn, string? Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.DecidedOn, "decision date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        CaseEditing.RequireOpen(c, "have its handling route changed");
        // Claims, tribunals and grievances follow their own lifecycle (ADR 0024), not a complaint's routes.
        if (LitigationRules.Applies(c.CaseType))
            throw new ActionRefusedException($"Case {c.Id} is a {LitigationRules.Noun(c.CaseType)}: it takes no complaint handling route; record its steps and outcome on its claim page instead.");
        if (c.RecordedOn is null) throw new ActionRefusedException($"Case {c.Id} has not been recorded yet; record it before deciding how it is handled.");
        var book = rulebooks.For(c);
        book.RequireRoute(cmd.Route);
        CaseEditing.RequireNotBefore(cmd.DecidedOn, c.RecordedOn.Value, "decision date", "recorded date");
        string detail;
        if (c.HandlingRoute is null)
        {
            detail = $"Handling route decided: {Vocabulary.Describe(cmd.Route)}";
        }
        else
        {
            if (c.HandlingRoute == cmd.Route) throw new ActionRefusedException($"Case {c.Id} is already being handled by {Vocabulary.Describe(cmd.Route).ToLowerInvariant()}.");
            var current = book.Route(c.HandlingRoute);
            if (current is null || !current.CanChangeTo.Contains(cmd.Route))
            {
                var allowed = current is null || current.CanChangeTo.Count == 0 ? "none" : string.Join(", ", current.CanChangeTo.Select(Vocabulary.Describe));
                throw new ActionRefusedException($"Under the {book.Regime} regime a case handled by {Vocabulary.Describe(c.HandlingRoute).ToLowerInvariant()} cannot move to {Vocabulary.Describe(cmd.Route).ToLowerInvariant()}. Allowed changes: {allowed}.");
            }
            if (CaseEditing.Readable(cmd.Reason) is null) throw new ActionRefusedException("Give the reason for changing the handling route.");
            detail = $"Handling route changed from {Vocabulary.Describe(c.HandlingRoute).ToLowerInvariant()} to {Vocabulary.Describe(cmd.Route).ToLowerInvariant()}";
        }
        c.HandlingRoute = cmd.Route;
        c.RouteDecidedOn = cmd.DecidedOn;
        await editing.SaveAsync(c, "route_decided", detail, cmd.DecidedOn, cmd.Reason, ct);
    }
}
