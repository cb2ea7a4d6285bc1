using Probity.Kernel;

namespace Probity.Cases.DecideAppeal;

/// <summary>
/// Records the result of an appeal. An upheld appeal against a finalised case reopens it; an upheld appeal to the Police
/// Appeals Tribunal (ADR 0023) is about the officer's outcome, not the investigation, so it reopens nothing.
/// </summary>
internal sealed class DecideAppealHandler(CaseEditing editing)
{
    internal sealed record Command(string CaseId, Guid Version, string AppealId, bool Upheld, DateOnly DecidedOn, string? Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.DecidedOn, "appeal decision date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        var appeal = c.Appeals.FirstOrDefault(a => a.Id == cmd.AppealId) ?? throw new ActionRefusedException($"Case {c.Id} has no appeal {cmd.AppealId}.");
        if (appeal.DecidedOn is not null) throw new ActionRefusedException($"Appeal {appeal.Id} was already decided on {appeal.DecidedOn:d MMM yyyy}.");
        CaseEditing.RequireNotBefore(cmd.DecidedOn, appeal.LodgedOn, "appeal decision date", "date it was lodged");
        appeal.Upheld = cmd.Upheld;
        appeal.DecidedOn = cmd.DecidedOn;
        var detail = $"Appeal {appeal.Id} {(cmd.Upheld ? "upheld" : "not upheld")}";
        if (appeal.HearingId is not null) detail += $" (against the outcome of {appeal.HearingId} for {appeal.StaffId})";
        else if (cmd.Upheld && c.FinalisedOn is not null)
        {
            c.FinalisedOn = null;
            detail += "; case reopened";
        }
        await editing.SaveAsync(c, "appeal_decided", detail, cmd.DecidedOn, cmd.Reason, ct);
    }
}
