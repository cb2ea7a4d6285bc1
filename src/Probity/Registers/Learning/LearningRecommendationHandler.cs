using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;
using Probity.Workforce.Contracts;

namespace Probity.Registers.Learning;

/// <summary>
/// One recommendation of the organisational learning register: reading it (with the investigation it came from withheld
/// from a reader who may not open that case, and any case reference its text quotes), recording it, progress, the
/// units it was passed to, and closing it on evidence. Every read and change is audited; every change checks the
/// version the person saw.
/// </summary>
internal sealed class LearningRecommendationHandler(ProbityDb db, Audit audit, TimeProvider time, UnitDirectory directory, CaseReferences references)
{
    private const string Conflict = "The recommendation was changed by someone else since you opened it. Reload and try again.";

    internal sealed record Note(DateTimeOffset At, string By, string Text);

    internal sealed record Passed(string UnitName, DateOnly On, string? How, string By);

    /// <summary>The recommendation as this reader may see it: every case reference they may not open withheld.</summary>
    /// <param name="CaseShown">The case id, <see cref="CaseReferences.Withheld"/>, or null when it came from no case.</param>
    internal sealed record View(LearningRecommendation Item, string? CaseShown, string? SourceReference, string Recommendation, string Action, string? Evidence,
        string OwnerUnit, LearningState State, IReadOnlyList<Note> Notes, IReadOnlyList<Passed> Disseminated);

    public async Task<View> ReadAsync(string id, CancellationToken ct)
    {
        var r = await db.LearningRecommendations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            await audit.RecordMissingAsync("learning_recommendation", id, ct);
            throw new RecordNotFoundException($"Recommendation {id}");
        }
        // Ordered here: SQLite cannot order by a DateTimeOffset, and a recommendation has a handful of notes.
        var notes = (await db.LearningProgressNotes.AsNoTracking().Where(n => n.RecommendationId == id).ToListAsync(ct)).OrderBy(n => n.WrittenAt).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
        var passed = await db.LearningDisseminations.AsNoTracking().Where(d => d.RecommendationId == id).OrderBy(d => d.DisseminatedOn).ThenBy(d => d.Id).ToListAsync(ct);
        var unitNames = (await directory.AllAsync(ct)).ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        var texts = new[] { r.Recommendation, r.Action, r.ClosureEvidence, r.SourceReference }.Concat(notes.Select(n => n.Note)).Concat(passed.Select(p => p.How));
        var hidden = await references.HiddenAsync([r.CaseId, .. texts.SelectMany(CaseReferences.Words)], ct);
        await audit.RecordAsync("view", "learning_recommendation:" + id, null, ct);
        string? Redact(string? text) => CaseReferences.Redact(text, hidden);
        return new View(r, r.CaseId is null ? null : hidden.Contains(r.CaseId) ? CaseReferences.Withheld : r.CaseId, Redact(r.SourceReference),
            Redact(r.Recommendation)!, Redact(r.Action)!, Redact(r.ClosureEvidence), unitNames.GetValueOrDefault(r.OwnerUnitId, r.OwnerUnitId),
            LearningState.Of(r, time.Today()), notes.Select(n => new Note(n.WrittenAt, n.WrittenBy, Redact(n.Note)!)).ToList(),
            passed.Select(p => new Passed(unitNames.GetValueOrDefault(p.UnitId, p.UnitId), p.DisseminatedOn, Redact(p.How), p.RecordedBy)).ToList());
    }

    internal sealed record Recording(string? Source, string? SourceReference, string? Case, string? Recommendation, string? Theme, string? OwnerUnit,
        string? Action, DateOnly? MadeOn, DateOnly? DueOn, int? DueInWorkingDays = null);

    public async Task<string> RecordAsync(Recording r, CancellationToken ct)
    {
        var source = RegisterText.Choose(r.Source, LearningVocabulary.Sources, "Where it came from");
        var theme = RegisterText.Choose(r.Theme, LearningVocabulary.Themes, "Theme");
        var caseId = await CaseAsync(r.Case, ct);
        var recommendation = RegisterText.Required(r.Recommendation, "Recommendation", 4000);
        var action = RegisterText.Required(r.Action, "Action", 4000);
        var owner = await directory.ChooseAsync(r.OwnerUnit, "Owner unit", handlingOnly: false, ct);
        var today = time.Today();
        var made = WorkingDays.RequireCovered(r.MadeOn ?? today, "the day it was made");
        if (made > today) throw new ActionRefusedException("Made on: the recommendation cannot be dated after today.");
        // A due date, or a number of working days from the day it was made (as the force sets its own deadlines).
        if (r.DueInWorkingDays is < 1 or > 1000) throw new ActionRefusedException("Due in working days: between 1 and 1000.");
        var due = r.DueInWorkingDays is { } days
            ? (made.AddDays(days * 2) is var far && WorkingDays.Covers(far) ? WorkingDays.AddWorkingDays(made, days) : throw new ActionRefusedException($"Due in working days: {days} working days from {made:d MMM yyyy} runs past the calendar ({WorkingDays.SupportedRange})."))
            : WorkingDays.RequireCovered(r.DueOn ?? throw new ActionRefusedException("Due on: give a due date or a number of working days."), "the due date");
        if (due < made) throw new ActionRefusedException($"Due on: cannot be before the recommendation was made ({made:d MMM yyyy}).");
        var item = new LearningRecommendation
        {
            Id = "LR-" + Guid.NewGuid().ToString("n")[..12], Source = source, SourceReference = RegisterText.Optional(r.SourceReference, "Reference", 200),
            CaseId = caseId, Recommendation = recommendation, Theme = theme, OwnerUnitId = owner, Action = action, MadeOn = made, DueOn = due,
            RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.LearningRecommendations.Add(item);
        audit.Change("create", "learning_recommendation:" + item.Id, $"{source}, {theme}, owner unit {owner}, due {due:yyyy-MM-dd}{(caseId is null ? "" : ", case " + caseId)}");
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    /// <summary>
    /// The case a recommendation came from, as typed: it must be one the recorder may open, and a case they may not is
    /// refused in the same words as one that does not exist, so the form cannot be used to test whether a case exists.
    /// </summary>
    private async Task<string?> CaseAsync(string? typed, CancellationToken ct)
    {
        var text = RegisterText.Optional(typed, "Case reference", ColumnWidth.Id);
        if (text is null) return null;
        if (!await db.Cases.AsNoTracking().AnyAsync(c => c.Id == text, ct))
            throw new ActionRefusedException($"Case reference: no case you may open has the reference '{text}'.");
        return text;
    }

    public async Task AddProgressAsync(string id, Guid version, string? note, CancellationToken ct)
    {
        var r = await LoadAsync(id, version, ct);
        var text = RegisterText.Required(note, "Progress", 4000);
        db.LearningProgressNotes.Add(new LearningProgressNote
        {
            Id = "LN-" + Guid.NewGuid().ToString("n")[..12], RecommendationId = id, Note = text, WrittenBy = db.Scope.Actor, WrittenAt = time.GetUtcNow(),
        });
        r.Version = Guid.NewGuid();
        audit.Change("progress", "learning_recommendation:" + id, text);
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    public async Task DisseminateAsync(string id, Guid version, string? unit, DateOnly? on, string? how, CancellationToken ct)
    {
        var r = await LoadAsync(id, version, ct);
        var unitId = await directory.ChooseAsync(unit, "Passed to unit", handlingOnly: false, ct);
        var today = time.Today();
        var day = WorkingDays.RequireCovered(on ?? today, "the day it was passed on");
        if (day > today) throw new ActionRefusedException("Passed on: cannot be after today.");
        if (day < r.MadeOn) throw new ActionRefusedException($"Passed on: cannot be before the recommendation was made ({r.MadeOn:d MMM yyyy}).");
        var text = RegisterText.Optional(how, "How it was passed on", 1000);
        db.LearningDisseminations.Add(new LearningDissemination
        {
            Id = "LD-" + Guid.NewGuid().ToString("n")[..12], RecommendationId = id, UnitId = unitId, DisseminatedOn = day, How = text, RecordedBy = db.Scope.Actor,
        });
        r.Version = Guid.NewGuid();
        audit.Change("disseminate", "learning_recommendation:" + id, $"to unit {unitId} on {day:yyyy-MM-dd}{(text is null ? "" : ": " + text)}");
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    public async Task CloseAsync(string id, Guid version, string? evidence, DateOnly? closedOn, CancellationToken ct)
    {
        var r = await LoadAsync(id, version, ct);
        if (r.ClosedOn is not null) throw new ActionRefusedException($"The recommendation was closed on {r.ClosedOn:d MMM yyyy}.");
        var proof = RegisterText.Optional(evidence, "Evidence of closure", 4000)
            ?? throw new ActionRefusedException("Evidence of closure: required. Say what shows the action was done (a changed policy, a training record, an audit).");
        var today = time.Today();
        var day = WorkingDays.RequireCovered(closedOn ?? today, "the day it was closed");
        if (day > today) throw new ActionRefusedException("Closed on: cannot be after today.");
        if (day < r.MadeOn) throw new ActionRefusedException($"Closed on: cannot be before the recommendation was made ({r.MadeOn:d MMM yyyy}).");
        r.ClosedOn = day;
        r.ClosureEvidence = proof;
        r.ClosedBy = db.Scope.Actor;
        r.Version = Guid.NewGuid();
        audit.Change("close", "learning_recommendation:" + id, string.Create(CultureInfo.InvariantCulture, $"closed {day:yyyy-MM-dd}: {proof}"));
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    /// <summary>A new due date (with the reason, kept as a progress note) or owner unit.</summary>
    public async Task ReplanAsync(string id, Guid version, DateOnly? dueOn, string? ownerUnit, string? reason, CancellationToken ct)
    {
        var r = await LoadAsync(id, version, ct);
        if (r.ClosedOn is not null) throw new ActionRefusedException("A closed recommendation is not replanned.");
        var why = RegisterText.Required(reason, "Why it changed", 4000);
        var due = WorkingDays.RequireCovered(dueOn ?? r.DueOn, "the due date");
        if (due < r.MadeOn) throw new ActionRefusedException($"Due on: cannot be before the recommendation was made ({r.MadeOn:d MMM yyyy}).");
        var owner = string.IsNullOrWhiteSpace(ownerUnit) ? r.OwnerUnitId : await directory.ChooseAsync(ownerUnit, "Owner unit", handlingOnly: false, ct);
        var detail = string.Create(CultureInfo.InvariantCulture, $"due {r.DueOn:yyyy-MM-dd} → {due:yyyy-MM-dd}, owner {r.OwnerUnitId} → {owner}: {why}");
        r.DueOn = due;
        r.OwnerUnitId = owner;
        r.Version = Guid.NewGuid();
        db.LearningProgressNotes.Add(new LearningProgressNote
        {
            Id = "LN-" + Guid.NewGuid().ToString("n")[..12], RecommendationId = id, WrittenBy = db.Scope.Actor, WrittenAt = time.GetUtcNow(),
            Note = string.Create(CultureInfo.InvariantCulture, $"Replanned: due {due:d MMM yyyy}. {why}"),
        });
        audit.Change("replan", "learning_recommendation:" + id, detail);
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    private async Task<LearningRecommendation> LoadAsync(string id, Guid version, CancellationToken ct)
    {
        var r = await db.LearningRecommendations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new RecordNotFoundException($"Recommendation {id}");
        if (r.Version != version) throw new EditConflictException(Conflict);
        return r;
    }
}

/// <summary>Where a recommendation stands today, in the words the register shows.</summary>
internal sealed record LearningState(string Text, string Tag, bool Overdue)
{
    public static LearningState Of(LearningRecommendation r, DateOnly today) => Of(r.DueOn, r.ClosedOn, today);

    public static LearningState Of(DateOnly dueOn, DateOnly? closedOn, DateOnly today)
    {
        if (closedOn is { } c) return new($"Closed {c:d MMM yyyy}", "finalised", false);
        if (dueOn < today) return new($"Overdue since {dueOn:d MMM yyyy}", "overdue", true);
        return new($"Due {dueOn:d MMM yyyy}", "live", false);
    }
}
