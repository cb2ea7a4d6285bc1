using Probity.Kernel;

namespace Probity.Cases.RecordedInError;

/// <summary>
/// Withdraws a case recorded in error (a duplicate, a matter that was never a complaint, the wrong force), or reinstates
/// one withdrawn by mistake (ADR 0022). The case stays readable with its reason; withdrawn, it leaves the caseloads and
/// the performance figures and takes no further step. Either way the reason is required and kept on the timeline.
/// </summary>
internal sealed class RecordedInErrorHandler(CaseEditing editing)
{
    internal sealed record Command(string CaseId, Guid Version, bool Reinstate, string? Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        var reason = CaseEditing.Readable(cmd.Reason);
        if (reason is null)
            throw new ActionRefusedException(cmd.Reinstate
                ? "Reason: say why the case stands after all (the withdrawal's reason stays on the timeline)."
                : "Reason: say why the case was recorded in error (a duplicate of which case, not a complaint, another force's ...).");
        if (cmd.Reinstate)
        {
            if (c.RecordedInErrorOn is null) throw new ActionRefusedException($"Case {c.Id} is not withdrawn as recorded in error; there is nothing to reinstate.");
            c.RecordedInErrorOn = null;
            await editing.SaveAsync(c, "reinstated", "Case reinstated: no longer withdrawn as recorded in error", editing.Today, reason, ct);
            return;
        }
        if (c.RecordedInErrorOn is not null)
            throw new ActionRefusedException($"Case {c.Id} was already withdrawn as recorded in error on {c.RecordedInErrorOn:d MMM yyyy}.");
        c.RecordedInErrorOn = editing.Today;
        await editing.SaveAsync(c, "recorded_in_error", "Case withdrawn as recorded in error: it leaves the caseloads and the performance figures", editing.Today, reason, ct);
    }
}
