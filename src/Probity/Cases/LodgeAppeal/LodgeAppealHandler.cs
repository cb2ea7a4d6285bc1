using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.LodgeAppeal;

/// <summary>An appeal (2008) or review (2020) to the IPCC/IOPC against how a complaint was dealt with.</summary>
internal sealed class LodgeAppealHandler(CaseEditing editing, RulebookCatalogue rulebooks)
{
    internal sealed record Command(string CaseId, Guid Version, string AppealType, DateOnly LodgedOn);

    public async Task<string> HandleAsync(Command cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.LodgedOn, "lodged date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        var book = rulebooks.For(c);
        if (!book.AppealTypes.Contains(cmd.AppealType))
            throw new ActionRefusedException($"'{Vocabulary.Describe(cmd.AppealType)}' is not an appeal type under the {book.Regime} regime. Possible: {string.Join(", ", book.AppealTypes.Select(Vocabulary.Describe))}.");
        if (cmd.AppealType != "non_recording")
        {
            var route = book.Route(c.HandlingRoute);
            if (route?.AppealType != cmd.AppealType)
                throw new ActionRefusedException(route?.AppealType is null
                    ? $"A case handled by {Vocabulary.Describe(c.HandlingRoute ?? "no route yet").ToLowerInvariant()} carries no right of {Vocabulary.Describe(cmd.AppealType).ToLowerInvariant()} appeal."
                    : $"A case handled by {Vocabulary.Describe(route.Code).ToLowerInvariant()} is appealed as '{Vocabulary.Describe(route.AppealType).ToLowerInvariant()}', not '{Vocabulary.Describe(cmd.AppealType).ToLowerInvariant()}'.");
        }
        if (c.Appeals.Any(a => a.AppealType == cmd.AppealType && a.DecidedOn is null))
            throw new ActionRefusedException($"An appeal of this type is already awaiting a decision on case {c.Id}.");
        CaseEditing.RequireNotBefore(cmd.LodgedOn, c.ReceivedOn, "lodged date", "received date");
        // The next number after this case's appeals that no appeal anywhere holds: appeal ids are one key across every
        // case, and an imported appeal may carry any id (a clash would otherwise fail the save).
        var n = c.Appeals.Count;
        string id;
        do id = $"{c.Id}-AP{++n}";
        while (c.Appeals.Any(a => a.Id == id) || (await Database.NeedToKnowBypass.CasesOfChildrenAsync(editing.Db, [], [id], [], ct)).Count > 0);
        c.Appeals.Add(new Appeal { Id = id, CaseId = c.Id, AppealType = cmd.AppealType, LodgedOn = cmd.LodgedOn });
        await editing.SaveAsync(c, "appeal_lodged", $"{Vocabulary.Describe(cmd.AppealType)} appeal {id} lodged", cmd.LodgedOn, null, ct);
        return id;
    }
}
