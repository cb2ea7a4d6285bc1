using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.Appeals;

/// <summary>An appeal (2008) or review (2020) to the IPCC/IOPC against how a complaint was dealt with.</summary>
public sealed class LodgeAppeal(CaseEditing editing, RulebookCatalogue rulebooks)
{
    public sealed record Command(string CaseId, Guid Version, string AppealType, DateOnly LodgedOn);

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
        var id = $"{c.Id}-AP{c.Appeals.Count + 1}";
        c.Appeals.Add(new Appeal { Id = id, CaseId = c.Id, AppealType = cmd.AppealType, LodgedOn = cmd.LodgedOn });
        await editing.SaveAsync(c, "appeal_lodged", $"{Vocabulary.Describe(cmd.AppealType)} appeal {id} lodged", cmd.LodgedOn, null, ct);
        return id;
    }
}

/// <summary>Records the result of an appeal. An upheld appeal against a finalised case reopens it.</summary>
public sealed class DecideAppeal(CaseEditing editing)
{
    public sealed record Command(string CaseId, Guid Version, string AppealId, bool Upheld, DateOnly DecidedOn, string? Reason);

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
        if (cmd.Upheld && c.FinalisedOn is not null)
        {
            c.FinalisedOn = null;
            detail += "; case reopened";
        }
        await editing.SaveAsync(c, "appeal_decided", detail, cmd.DecidedOn, cmd.Reason, ct);
    }
}
