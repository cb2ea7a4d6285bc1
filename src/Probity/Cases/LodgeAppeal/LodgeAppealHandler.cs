using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.LodgeAppeal;

/// <summary>
/// An appeal (2008) or review (2020) to the IPCC/IOPC against how a complaint was dealt with; or an officer's appeal to the
/// Police Appeals Tribunal against the outcome of their gross misconduct hearing (ADR 0023), which names the hearing.
/// </summary>
internal sealed class LodgeAppealHandler(CaseEditing editing, RulebookCatalogue rulebooks)
{
    internal sealed record Command(string CaseId, Guid Version, string AppealType, DateOnly LodgedOn, string? HearingId = null);

    public async Task<string> HandleAsync(Command cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.LodgedOn, "lodged date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        CaseEditing.RequireUnderRegulations(c, "be appealed to the IOPC or the Police Appeals Tribunal");
        var book = rulebooks.For(c);
        ConductHearing? hearing = null;
        if (book.HearingKinds.Any(k => k.AppealType == cmd.AppealType))
            hearing = await HearingAppealedAsync(c, cmd, ct);
        else if (cmd.HearingId is not null)
            throw new ActionRefusedException($"hearing: a {Vocabulary.Describe(cmd.AppealType).ToLowerInvariant()} appeal is about the complaint, not a meeting or hearing; appeals against a hearing's outcome go to the Police Appeals Tribunal.");
        else if (!book.AppealTypes.Contains(cmd.AppealType))
            throw new ActionRefusedException($"'{Vocabulary.Describe(cmd.AppealType)}' is not an appeal type under the {book.Regime} regime. Possible: {string.Join(", ", book.AppealTypes.Select(Vocabulary.Describe))}.");
        if (hearing is null && cmd.AppealType != "non_recording")
        {
            var route = book.Route(c.HandlingRoute);
            if (route?.AppealType != cmd.AppealType)
                throw new ActionRefusedException(route?.AppealType is null
                    ? $"A case handled by {Vocabulary.Describe(c.HandlingRoute ?? "no route yet").ToLowerInvariant()} carries no right of {Vocabulary.Describe(cmd.AppealType).ToLowerInvariant()} appeal."
                    : $"A case handled by {Vocabulary.Describe(route.Code).ToLowerInvariant()} is appealed as '{Vocabulary.Describe(route.AppealType).ToLowerInvariant()}', not '{Vocabulary.Describe(cmd.AppealType).ToLowerInvariant()}'.");
        }
        if (hearing is null && c.Appeals.Any(a => a.AppealType == cmd.AppealType && a.DecidedOn is null))
            throw new ActionRefusedException($"An appeal of this type is already awaiting a decision on case {c.Id}.");
        CaseEditing.RequireNotBefore(cmd.LodgedOn, c.ReceivedOn, "lodged date", "received date");
        // The next number after this case's appeals that no appeal anywhere holds: appeal ids are one key across every
        // case, and an imported appeal may carry any id (a clash would otherwise fail the save).
        var n = c.Appeals.Count;
        string id;
        do id = $"{c.Id}-AP{++n}";
        while (c.Appeals.Any(a => a.Id == id) || (await Database.NeedToKnowBypass.CasesOfChildrenAsync(editing.Db, [], [id], [], ct)).Count > 0);
        c.Appeals.Add(new Appeal { Id = id, CaseId = c.Id, AppealType = cmd.AppealType, LodgedOn = cmd.LodgedOn, HearingId = hearing?.Id, StaffId = hearing?.StaffId });
        await editing.SaveAsync(c, "appeal_lodged", $"{Vocabulary.Describe(cmd.AppealType)} appeal {id} lodged" + (hearing is null ? "" : $" by {hearing.StaffId} against the outcome of {hearing.Id}"), cmd.LodgedOn, null, ct);
        return id;
    }

    /// <summary>The meeting or hearing a Police Appeals Tribunal appeal is against: one of this case's, of a kind appealed there, decided, not already under appeal.</summary>
    private async Task<ConductHearing> HearingAppealedAsync(Case c, Command cmd, CancellationToken ct)
    {
        var hearing = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            editing.Db.ConductHearings, h => h.CaseId == c.Id && h.Id == cmd.HearingId, ct)
            ?? throw new ActionRefusedException($"hearing: choose the hearing whose outcome is appealed; case {c.Id} has no hearing '{cmd.HearingId}'.");
        var kind = rulebooks.For(c).HearingKind(hearing.Kind);
        if (kind?.AppealType != cmd.AppealType)
            throw new ActionRefusedException($"hearing: the outcome of a {Vocabulary.Describe(hearing.Kind).ToLowerInvariant()} is not appealed to the {Vocabulary.Describe(cmd.AppealType)}; only a gross misconduct or accelerated hearing's is.");
        if (hearing.Outcome is null || hearing.OutcomeOn is null)
            throw new ActionRefusedException($"hearing: {hearing.Id} has no outcome yet; an appeal is against an outcome.");
        if (hearing.Outcome == ConductHearings.ConductHearingsHandler.NotProven)
            throw new ActionRefusedException($"hearing: {hearing.Id} found the matter not proven; the officer has no outcome to appeal.");
        // One appeal to the tribunal per outcome: pending, it awaits the decision; decided, the tribunal's decision is final.
        if (c.Appeals.FirstOrDefault(a => a.HearingId == hearing.Id) is { } earlier)
            throw new ActionRefusedException(earlier.DecidedOn is null
                ? $"An appeal against the outcome of {hearing.Id} is already awaiting the tribunal's decision."
                : $"hearing: the outcome of {hearing.Id} was already appealed ({earlier.Id}, decided on {earlier.DecidedOn:d MMM yyyy}); the tribunal's decision is final.");
        CaseEditing.RequireNotBefore(cmd.LodgedOn, hearing.OutcomeOn.Value, "lodged date", $"outcome of {hearing.Id}");
        return hearing;
    }
}
