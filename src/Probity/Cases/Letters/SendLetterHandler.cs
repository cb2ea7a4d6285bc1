using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Cases.Documents;
using Probity.Identity.Contracts;
using Probity.Kernel;

namespace Probity.Cases.Letters;

/// <summary>
/// Produces a letter to a complainant from the force's template (PDF to send, Word to adapt), keeps both on the case as
/// documents and puts its sending on the timeline, once. Probity does not post or email it: the handler sends what it
/// produced, and the case records that it was sent and exactly what it said.
/// </summary>
internal sealed class SendLetterHandler(CaseEditing editing, CaseDocumentStore documents, LetterTemplates templates, CaseTargets targets,
    DirectoratePeople people, Audit audit)
{
    internal sealed record Command(string CaseId, Guid Version, string Kind, string? ComplainantId);

    internal sealed record Produced(string Text, CaseDocument Pdf, CaseDocument Docx);

    public async Task<Produced> HandleAsync(Command cmd, CancellationToken ct)
    {
        if (!LetterTemplates.Kinds.TryGetValue(cmd.Kind, out var kindName))
            throw new ActionRefusedException($"Choose the letter to send: {string.Join(", ", LetterTemplates.Kinds.Values)}.");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        var (facts, complainant) = await FactsAsync(c, cmd.Kind, cmd.ComplainantId, ct);
        var (body, _) = await templates.GetAsync(LetterTemplates.TemplateFor(cmd.Kind, facts.Regime), ct);
        var text = LetterTemplates.Render(body, facts);
        var title = $"{kindName.Split(',')[0]} letter to {complainant.Name}";
        var file = $"{c.Id} {cmd.Kind.Replace('_', ' ')} letter {editing.Today:yyyy-MM-dd}";
        var pdf = await documents.StageAsync(c, new(c.Id, DocumentKinds.Letter, title + " (PDF)", file + ".pdf", LetterPdf.Render(title, text)), ct);
        var docx = await documents.StageAsync(c, new(c.Id, DocumentKinds.Letter, title + " (Word)", file + ".docx", LetterDocx.Render(title, text)), ct);
        audit.Change("send_letter", "case:" + c.Id, $"{cmd.Kind} to complainant {complainant.Id}");
        await editing.SaveAsync(c, "letter_sent", $"{title} sent", editing.Today, null, ct);
        return new Produced(text, pdf, docx);
    }

    private async Task<(LetterFacts, Complainant)> FactsAsync(Case c, string kind, string? complainantId, CancellationToken ct)
    {
        var db = editing.Db;
        var complainants = await db.Complainants.AsNoTracking().Where(p => p.CaseId == c.Id).OrderBy(p => p.Id).ToListAsync(ct);
        var complainant = (complainantId is null ? complainants.FirstOrDefault() : complainants.FirstOrDefault(p => p.Id == complainantId))
            ?? throw new ActionRefusedException(complainants.Count == 0 ? $"Case {c.Id} has no complainant to write to." : "Choose the complainant to write to.");
        if (string.IsNullOrWhiteSpace(complainant.Name))
            throw new ActionRefusedException("The complainant's name is not recorded: correct the intake details first, so the letter is addressed to them.");
        var book = targets.RulebookCatalogue.For(c);
        switch (kind)
        {
            case "handling_decision" when c.HandlingRoute is null:
                throw new ActionRefusedException("The handling route has not been decided yet: decide it before writing to say how the complaint will be handled.");
            case "outcome" when c.Allegations.FirstOrDefault(a => a.Finding is null) is { } open:
                throw new ActionRefusedException($"Allegation {open.Id} has no finding yet: the outcome letter tells the complainant every finding.");
        }
        var unitName = c.HandlingUnitId is null ? "" : await db.Units.AsNoTracking().Where(u => u.Id == c.HandlingUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        var today = editing.Today;
        var facts = new LetterFacts
        {
            Reference = c.Id,
            ComplainantName = complainant.Name.Trim(),
            ComplainantAddress = complainant.Contact?.Trim() ?? "",
            Today = Words(today),
            ReceivedOn = Words(c.ReceivedOn),
            RecordedOn = c.RecordedOn is { } recorded ? Words(recorded) : "",
            CaseType = Vocabulary.Describe(c.CaseType).ToLowerInvariant(),
            Regime = book.Regime,
            HandlingRoute = c.HandlingRoute is null ? "" : Vocabulary.Describe(c.HandlingRoute).ToLowerInvariant(),
            RouteDecidedOn = c.RouteDecidedOn is { } decided ? Words(decided) : "",
            HandlingUnit = unitName,
            InvestigatingOfficer = c.InvestigatingOfficer is null ? "" : await people.NameOfAsync(c.InvestigatingOfficer),
            FinalisedOn = c.FinalisedOn is { } finalised ? Words(finalised) : "",
            OversightBody = Vocabulary.OversightBody(c.ReceivedOn),
            AppealBy = Words(today.AddDays(28)),
            // Signed by whoever sends it; a letter the platform itself produces (the demo force) by the investigating officer.
            Signatory = await people.NameOfAsync(db.Scope.Actor == CaseAccessScope.System.Actor && c.InvestigatingOfficer is not null ? c.InvestigatingOfficer : db.Scope.Actor),
            Allegations = [.. c.Allegations.OrderBy(a => a.Id, StringComparer.Ordinal).Select((a, i) => new AllegationFacts(
                (i + 1).ToString(CultureInfo.InvariantCulture), Vocabulary.Describe(a.Category).ToLowerInvariant(), a.Finding is null ? "not yet decided" : Vocabulary.Describe(a.Finding).ToLowerInvariant()))],
        };
        return (facts, complainant);
    }

    public static string Words(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Made-up facts for the template editor's preview: no real case is read to show how a template reads.</summary>
    public static LetterFacts Sample(DateOnly today, string regime) => new()
    {
        Reference = "PC-2026-000123", ComplainantName = "Alex Example", ComplainantAddress = "1 Sample Street, London", Today = Words(today),
        ReceivedOn = Words(today.AddDays(-90)), RecordedOn = Words(today.AddDays(-88)), CaseType = "public complaint", Regime = regime,
        HandlingRoute = "local investigation", RouteDecidedOn = Words(today.AddDays(-80)), HandlingUnit = "Camden Professional Standards",
        InvestigatingOfficer = "DS Sam Sample", FinalisedOn = Words(today), OversightBody = regime == "2008" ? "IPCC" : "IOPC",
        AppealBy = Words(today.AddDays(28)), Signatory = "Chris Senior",
        Allegations = [new("1", "incivility", "not upheld"), new("2", "other neglect or failure in duty", "upheld")],
    };
}
