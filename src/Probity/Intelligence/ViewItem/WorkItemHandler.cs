using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.Log;
using Probity.Intelligence.RecordItem;
using Probity.Kernel;

namespace Probity.Intelligence.ViewItem;

/// <summary>
/// The Intelligence Management Unit's work on an item: its review, sanitised versions for dissemination, and each
/// dissemination, checked against the item's handling code (ADR intelligence-log): a code that forbids the original
/// leaving (5x5x5 code 5, 3x5x2 C) allows only a sanitised version, and a code with conditions needs them recorded with
/// every dissemination.
/// </summary>
internal sealed class WorkItemHandler(ProbityDb db, Audit audit, IntelligenceLog log, IntelligenceLists lists, TimeProvider time)
{
    public const string Original = "original";

    internal sealed record Disseminating(string? Version, string? Recipient, string? Reason, string? Conditions);

    public async Task ReviewAsync(string id, Guid version, string? note, CancellationToken ct)
    {
        var item = await LoadAsync(id, version, ct);
        if (item.ReviewedAt is not null) throw new ActionRefusedException($"Item {id} was already reviewed by {item.ReviewedBy} on {item.ReviewedAt:d MMM yyyy}.");
        // The unit's review is a second pair of eyes: not the person who recorded the item.
        if (string.Equals(item.RecordedBy, db.Scope.Actor, StringComparison.Ordinal))
            throw new ActionRefusedException($"You recorded item {id}: its review is by another member of the Intelligence Management Unit.");
        item.ReviewNote = RecordItemHandler.Optional(note, "Review note", IntelligenceLimits.Note);
        item.ReviewedBy = db.Scope.Actor;
        item.ReviewedAt = time.GetUtcNow();
        item.Version = Guid.NewGuid();
        var late = item.ReviewedAt > item.RecordedAt + log.ReviewWithin ? " (overdue)" : "";
        audit.Change("intelligence_review", IntelligenceLog.Target(id), "reviewed" + late);
        await db.SaveChangesOrConflictAsync($"Item {id} changed while you were reviewing it. Reload it and try again.", ct);
    }

    /// <returns>The new version's number.</returns>
    public async Task<int> SanitiseAsync(string id, Guid version, string? text, CancellationToken ct)
    {
        var item = await LoadAsync(id, version, ct);
        var sanitised = SanitisedText(item, text);
        var number = item.Sanitised.Count == 0 ? 1 : item.Sanitised.Max(v => v.Number) + 1;
        db.Set<SanitisedVersion>().Add(new SanitisedVersion { ItemId = id, Number = number, Text = sanitised, WrittenBy = db.Scope.Actor, WrittenAt = time.GetUtcNow() });
        item.Version = Guid.NewGuid();
        audit.Change("intelligence_sanitise", IntelligenceLog.Target(id), $"sanitised version {number}");
        await db.SaveChangesOrConflictAsync($"Item {id} changed while you were writing. Reload it and try again.", ct);
        return number;
    }

    public async Task DisseminateAsync(string id, Guid version, Disseminating input, CancellationToken ct)
    {
        var item = await LoadAsync(id, version, ct);
        var (number, recipient, reason, conditions) = CheckDissemination(item, lists, input);
        db.Set<Dissemination>().Add(new Dissemination
        {
            ItemId = id, SanitisedNumber = number, Recipient = recipient, Reason = reason, Conditions = conditions,
            DisseminatedBy = db.Scope.Actor, DisseminatedAt = time.GetUtcNow(),
        });
        item.Version = Guid.NewGuid();
        audit.Change("intelligence_disseminate", IntelligenceLog.Target(id), $"{(number is null ? "original" : $"sanitised version {number}")} to {recipient}");
        await db.SaveChangesOrConflictAsync($"Item {id} changed while you were recording the dissemination. Reload it and try again.", ct);
    }

    /// <summary>A sanitised version of <paramref name="item"/> as written, checked (the web form and the import share it).</summary>
    internal static string SanitisedText(IntelligenceItem item, string? text)
    {
        var sanitised = RecordItemHandler.Optional(text, "Sanitised text", IntelligenceLimits.Text)
            ?? throw new ActionRefusedException("Sanitised text: write the version that may leave the Bureau.");
        if (string.Equals(sanitised, item.Text, StringComparison.Ordinal))
            throw new ActionRefusedException("Sanitised text: it is the original word for word; take out what identifies the source or the method.");
        return sanitised;
    }

    /// <summary>
    /// A dissemination of <paramref name="item"/> (with its sanitised versions loaded), checked against its review and its
    /// handling code: the web form and the import share it, so a file cannot record what the Bureau could not do.
    /// </summary>
    internal static (int? Number, string Recipient, string Reason, string? Conditions) CheckDissemination(IntelligenceItem item, IntelligenceLists lists, Disseminating input)
    {
        var id = item.Id;
        var scheme = lists.Named(item.Scheme) ?? throw new ActionRefusedException($"Item {id} is graded under '{item.Scheme}', a scheme Probity no longer holds: it cannot be disseminated until it is regraded.");
        var handling = scheme.HandlingOf(item.HandlingCode) ?? throw new ActionRefusedException($"Item {id} has handling code '{item.HandlingCode}', which {scheme.Scheme} does not have: it cannot be disseminated.");
        if (item.ReviewedAt is null)
            throw new ActionRefusedException($"Item {id} has not been reviewed by the Intelligence Management Unit: it is disseminated only after its review.");
        int? number = null;
        if (string.IsNullOrWhiteSpace(input.Version)) throw new ActionRefusedException("Version: choose the original or a sanitised version.");
        if (input.Version != Original)
        {
            if (!int.TryParse(input.Version, out var n) || item.Sanitised.All(v => v.Number != n))
                throw new ActionRefusedException($"Version: item {id} has no sanitised version '{input.Version}'.");
            number = n;
        }
        else if (!handling.OriginalMayBeDisseminated)
            throw new ActionRefusedException($"Version: handling code {handling.Code} ({scheme.Scheme}: {handling.Words}) does not let the original leave the Bureau; write a sanitised version and disseminate that.");
        var recipient = RecordItemHandler.Optional(input.Recipient, "Recipient", IntelligenceLimits.Recipient)
            ?? throw new ActionRefusedException("Recipient: say to whom the item is disseminated.");
        var reason = RecordItemHandler.Optional(input.Reason, "Reason", IntelligenceLimits.Note)
            ?? throw new ActionRefusedException("Reason: say why the recipient needs it.");
        var conditions = RecordItemHandler.Optional(input.Conditions, "Conditions", IntelligenceLimits.Conditions);
        if (handling.ConditionsRequired && conditions is null)
            throw new ActionRefusedException($"Conditions: handling code {handling.Code} ({scheme.Scheme}: {handling.Words}) goes with its conditions; record those given to the recipient ({item.HandlingConditions}).");
        return (number, recipient, reason, conditions);
    }

    private async Task<IntelligenceItem> LoadAsync(string id, Guid version, CancellationToken ct)
    {
        var item = await log.LoadAsync(id, tracked: true, ct);
        if (item.Version != version)
            throw new EditConflictException($"Item {id} changed since you opened it. Reload it and try again.");
        return item;
    }
}
