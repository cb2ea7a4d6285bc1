using Probity.Kernel;

namespace Probity.Cases.RecordDecision;

/// <summary>
/// Records a decision that changes no field but must be accountable: above all, a decision not to do something
/// (not to refer to the IPCC, not to suspend, not to take criminal proceedings), with who took it and why.
/// </summary>
internal sealed class RecordDecisionHandler(CaseEditing editing)
{
    internal sealed record Command(string CaseId, Guid Version, string Decision, DateOnly DecidedOn, string Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(cmd.Decision)) throw new ActionRefusedException("Say what was decided.");
        if (CaseEditing.Readable(cmd.Reason) is null) throw new ActionRefusedException("Give the reason for the decision: a decision without a rationale cannot be reviewed.");
        if (cmd.Decision.Length > 500) throw new ActionRefusedException("Keep the decision to 500 characters; put the detail in the reason.");
        editing.RequireDate(cmd.DecidedOn, "decision date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        CaseEditing.RequireNotBefore(cmd.DecidedOn, c.ReceivedOn, "decision date", "received date");
        await editing.SaveAsync(c, "decision", cmd.Decision.Trim(), cmd.DecidedOn, cmd.Reason, ct);
    }
}
