using System.Globalization;
using System.Text.Json;
using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Risk.Contracts;

/// <summary>
/// Adds, reviews, records tactics against and closes entries on the Persons of Concern register. Every read and change
/// is audited; the need-to-know rule (an entry about the reader, or associating them with a category (i) person, does not
/// exist for them) is ProbityDb's.
/// </summary>
/// <remarks>
/// Review dates are calendar dates, not working days: they are a commitment by the reviewing officer ("look at this again
/// in three months"), the strategy speaks of them in months, and an entry is overdue the day after its date whether or
/// not that was a bank holiday. Working days belong to the statutory and service time limits of case handling.
/// </remarks>
internal sealed class ConcernRegister(ProbityDb db, Audit audit, TimeProvider time)
{
    /// <summary>A category of the strategy, with the criteria an entry must meet, shown to whoever adds one.</summary>
    internal sealed record Category(string Code, string Title, string Criteria, bool AboutStaff);

    public static readonly IReadOnlyList<Category> CategoryList =
    [
        new("i", "(i) would seek to corrupt staff",
            "A person, not now a member of staff (former staff included), who seeks or would seek to corrupt police officers or staff: to obtain information, influence or favours improperly. Name them or give an intelligence reference.", false),
        new("ii", "(ii) staff: verifiable intelligence or evidence of corruption, dishonesty or serious malpractice",
            "A member of staff where verifiable intelligence or evidence indicates corruption, dishonesty or serious malpractice. Suspicion alone is not enough: say what verifies it.", true),
        new("iii", "(iii) staff: substantial verifiable complaint, claims or tribunal history",
            "A member of staff with a substantial and verifiable history of complaints, civil claims or employment tribunals that together give cause for concern.", true),
    ];

    public static readonly IReadOnlyDictionary<string, string> Categories = CategoryList.ToDictionary(c => c.Code, c => c.Title, StringComparer.Ordinal);

    /// <summary>A tactic from the menu (Risk/Concerns/concern-tactics.json): changing the menu is editing the file.</summary>
    internal sealed record Tactic(string Code, string Words, string Hint);

    // Before Tactics: static fields initialise in order of declaration.
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public static readonly IReadOnlyList<Tactic> Tactics = ReadTactics();

    public static string TacticWords(string code) => Tactics.FirstOrDefault(t => t.Code == code)?.Words ?? code;

    private static List<Tactic> ReadTactics()
    {
        using var stream = typeof(ConcernRegister).Assembly.GetManifestResourceStream("Probity.Risk.Concerns.concern-tactics.json")!;
        var list = JsonSerializer.Deserialize<List<Tactic>>(stream, JsonOptions) ?? [];
        if (list.Count == 0 || list.Any(t => string.IsNullOrWhiteSpace(t.Code) || string.IsNullOrWhiteSpace(t.Words)) || list.GroupBy(t => t.Code).Any(g => g.Count() > 1))
            throw new InvalidOperationException("concern-tactics.json must list each tactic once, each with its code and words.");
        return list;
    }

    /// <summary>The longest text each field holds (its column's width, RiskMapping): longer is refused naming the field, never a database fault.</summary>
    internal static class Widths
    {
        public const int PersonDescription = 400;
        public const int Rationale = 4000;
        public const int Findings = 4000;
        public const int Owner = 256;
        public const int Notes = 4000;
        public const int Basis = 2000;
        public const int ClosedReason = 2000;
    }

    internal sealed record Entry(PersonOfConcern Concern, string? StaffName, bool ReviewOverdue);

    /// <summary>The register, open entries first, overdue reviews first among them, then by review date.</summary>
    public async Task<IReadOnlyList<Entry>> ListAsync(bool includeClosed, CancellationToken ct)
    {
        var today = time.Today();
        var q = db.PersonsOfConcern.AsNoTracking();
        if (!includeClosed) q = q.Where(p => p.ClosedOn == null);
        var rows = await q.ToListAsync(ct);
        var names = await NamesAsync(rows.Select(r => r.StaffId), ct);
        await audit.RecordAsync("view", "persons_of_concern", $"{rows.Count} entr{(rows.Count == 1 ? "y" : "ies")}", ct);
        return rows.OrderBy(r => r.ClosedOn is null ? 0 : 1).ThenBy(r => r.ReviewOn).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new Entry(r, r.StaffId is null ? null : names.GetValueOrDefault(r.StaffId), r.ClosedOn is null && r.ReviewOn < today)).ToList();
    }

    internal sealed record AssociatedStaff(string StaffId, string? Name, string Basis, string RecordedBy, DateTimeOffset? RecordedAt);

    internal sealed record Detail(PersonOfConcern Concern, string? StaffName, string? FormerStaffName, bool ReviewOverdue,
        IReadOnlyList<ConcernReview> Reviews, IReadOnlyList<ConcernTactic> Tactics, IReadOnlyList<AssociatedStaff> Associations);

    /// <summary>One entry with its reviews, tactics and associated staff (recorded here, and linked to the person in the access logs).</summary>
    public async Task<Detail> GetAsync(string id, CancellationToken ct)
    {
        var entry = await db.PersonsOfConcern.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entry is null)
        {
            await audit.RecordMissingAsync("person_of_concern", id, ct);
            throw new RecordNotFoundException($"Register entry {id}");
        }
        var reviews = await db.ConcernReviews.AsNoTracking().Where(r => r.ConcernId == id).OrderByDescending(r => r.ReviewedOn).ThenByDescending(r => r.Id).ToListAsync(ct);
        var tactics = await db.ConcernTactics.AsNoTracking().Where(t => t.ConcernId == id).OrderBy(t => t.StartedOn).ThenBy(t => t.Id).ToListAsync(ct);
        var recorded = await db.ConcernAssociations.AsNoTracking().Where(a => a.ConcernId == id).OrderBy(a => a.StaffId).ToListAsync(ct);
        var linked = entry.PersonId is null ? []
            : await db.Associations.AsNoTracking().Where(a => a.PersonId == entry.PersonId).OrderBy(a => a.StaffId).ToListAsync(ct);
        linked = linked.Where(a => db.Scope.MayReadAbout(a.StaffId) && recorded.All(r => r.StaffId != a.StaffId)).ToList();
        var names = await NamesAsync(recorded.Select(a => a.StaffId).Concat(linked.Select(a => a.StaffId)).Append(entry.StaffId).Append(entry.FormerStaffId), ct);
        var associations = recorded.Select(a => new AssociatedStaff(a.StaffId, names.GetValueOrDefault(a.StaffId), a.Basis, a.RecordedBy, a.RecordedAt))
            .Concat(linked.Select(a => new AssociatedStaff(a.StaffId, names.GetValueOrDefault(a.StaffId), $"access monitoring: {a.Relation}", a.Source ?? "access logs", null)))
            .ToList();
        await audit.RecordAsync("view", "person_of_concern:" + id, $"category {entry.Category}{(entry.StaffId is null ? "" : $", staff {entry.StaffId}")}: {reviews.Count} review(s), {tactics.Count} tactic(s), {associations.Count} associated staff", ct);
        return new Detail(entry, entry.StaffId is null ? null : names.GetValueOrDefault(entry.StaffId),
            entry.FormerStaffId is null ? null : names.GetValueOrDefault(entry.FormerStaffId),
            entry.ClosedOn is null && entry.ReviewOn < time.Today(), reviews, tactics, associations);
    }

    internal sealed record AddCommand(string Category, string? StaffId, string? PersonDescription, string Rationale, DateOnly ReviewOn,
        string? PersonId = null, string? FormerStaffId = null);

    public async Task<string> AddAsync(AddCommand cmd, CancellationToken ct)
    {
        if (!Categories.ContainsKey(cmd.Category)) throw new ActionRefusedException("Choose the category: (i), (ii) or (iii).");
        if (string.IsNullOrWhiteSpace(cmd.Rationale) || cmd.Rationale.Trim().Length < 20)
            throw new ActionRefusedException("Record the rationale: what verifiable intelligence, evidence or history puts this person on the register (at least a sentence).");
        Limit(cmd.Rationale, "The rationale", Widths.Rationale);
        Limit(cmd.PersonDescription, "The person's description", Widths.PersonDescription);
        RequireReviewDate(cmd.ReviewOn, "The review date");
        string? staffId = Blank(cmd.StaffId), personId = Blank(cmd.PersonId), formerStaffId = Blank(cmd.FormerStaffId);
        // Nobody records an entry about themselves: it would vanish from their view the moment it was saved. The refusal
        // is the same whether or not an entry about them already exists, so it tells them nothing.
        if (!db.Scope.MayReadAbout(staffId) || !db.Scope.MayReadAbout(formerStaffId))
            throw new ActionRefusedException("You cannot add an entry about yourself: ask a colleague in the Intelligence Bureau.");
        if (cmd.Category == "i")
        {
            if (string.IsNullOrWhiteSpace(cmd.PersonDescription)) throw new ActionRefusedException("For category (i), describe the person (name or intelligence reference).");
            if (staffId is not null) throw new ActionRefusedException("Category (i) is about a person who is not a member of staff: leave the staff id empty (a former member of staff goes in 'former staff id').");
            if (formerStaffId is not null && !await db.Staff.AnyAsync(s => s.Id == formerStaffId, ct))
                throw new ActionRefusedException($"No member of staff, past or present, has the id '{formerStaffId}'.");
            if (personId is not null && !await db.Persons.AnyAsync(p => p.Id == personId, ct))
                throw new ActionRefusedException($"Access monitoring knows no person with the id '{personId}'. Leave it empty if they do not appear in the access logs.");
        }
        else
        {
            if (staffId is null) throw new ActionRefusedException($"Category ({cmd.Category}) is about a member of staff: give their staff id.");
            if (personId is not null || formerStaffId is not null)
                throw new ActionRefusedException($"Category ({cmd.Category}) is about a serving member of staff: the person id and former staff id are for category (i) only.");
            if (!await db.Staff.AnyAsync(s => s.Id == staffId, ct)) throw new ActionRefusedException($"No member of staff has the id '{staffId}'.");
            if (await db.PersonsOfConcern.AnyAsync(p => p.StaffId == staffId && p.ClosedOn == null, ct))
                throw new ActionRefusedException($"{staffId} is already on the register; review the existing entry instead.");
        }
        var entry = new PersonOfConcern
        {
            Id = "POC-" + Guid.NewGuid().ToString("n")[..12], Category = cmd.Category, StaffId = staffId,
            PersonDescription = string.IsNullOrWhiteSpace(cmd.PersonDescription) ? null : cmd.PersonDescription.Trim(),
            PersonId = personId, FormerStaffId = formerStaffId,
            Rationale = cmd.Rationale.Trim(), ReviewOn = cmd.ReviewOn, RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.PersonsOfConcern.Add(entry);
        audit.Change("create", "person_of_concern:" + entry.Id, $"category {cmd.Category}{(staffId is null ? "" : $", staff {staffId}")}{(personId is null ? "" : $", person {personId}")}{(formerStaffId is null ? "" : $", former staff {formerStaffId}")}");
        await db.SaveChangesAsync(ct);
        return entry.Id;
    }

    /// <summary>Records a review: what was found, and the next review date (which becomes the entry's review date).</summary>
    public async Task ReviewAsync(string id, Guid version, string findings, DateOnly nextReviewOn, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(findings) || findings.Trim().Length < 10)
            throw new ActionRefusedException("Record what the review found (at least a sentence): whether the grounds still hold and what has changed.");
        Limit(findings, "What the review found", Widths.Findings);
        RequireReviewDate(nextReviewOn, "The next review date");
        var entry = await LoadOpenAsync(id, version, "reviewed", ct);
        var today = time.Today();
        db.ConcernReviews.Add(new ConcernReview
        {
            ConcernId = id, ReviewedOn = today, ReviewedBy = db.Scope.Actor, ReviewedAt = time.GetUtcNow(), Findings = findings.Trim(), NextReviewOn = nextReviewOn,
        });
        var was = entry.ReviewOn;
        entry.ReviewOn = nextReviewOn;
        entry.Version = Guid.NewGuid();
        audit.Change("update", "person_of_concern:" + id, $"reviewed (was due {was:yyyy-MM-dd}); next review {nextReviewOn:yyyy-MM-dd}");
        await db.SaveChangesOrConflictAsync("The entry was changed by someone else while you were reviewing it. Reload and try again.", ct);
    }

    /// <summary>Records a tactic from the menu against an open entry.</summary>
    public async Task<long> AddTacticAsync(string id, string tactic, DateOnly startedOn, string owner, string notes, string state, CancellationToken ct)
    {
        if (Tactics.All(t => t.Code != tactic)) throw new ActionRefusedException($"Choose a tactic from the menu ('{tactic}' is not one).");
        if (!ConcernTactic.States.Contains(state)) throw new ActionRefusedException($"Choose the tactic's state: {string.Join(", ", ConcernTactic.States)}.");
        if (string.IsNullOrWhiteSpace(owner)) throw new ActionRefusedException("Name the tactic's owner.");
        Limit(owner, "The tactic's owner", Widths.Owner);
        Limit(notes, "The tactic's notes", Widths.Notes);
        WorkingDays.RequireCovered(startedOn, "the tactic's date");
        if (startedOn > time.Today().AddYears(1)) throw new ActionRefusedException("The tactic's date is more than a year ahead: record it nearer the time.");
        var entry = await db.PersonsOfConcern.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new RecordNotFoundException($"Register entry {id}");
        if (entry.ClosedOn is not null) throw new ActionRefusedException($"Entry {id} is closed: no tactic can be recorded against it.");
        var row = new ConcernTactic
        {
            ConcernId = id, Tactic = tactic, StartedOn = startedOn, Owner = owner.Trim(), Notes = (notes ?? "").Trim(), State = state,
            RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.ConcernTactics.Add(row);
        audit.Change("create", "person_of_concern:" + id, $"tactic {tactic} ({state}), owner {row.Owner}, from {startedOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return row.Id;
    }

    /// <summary>
    /// Moves a tactic on (authorised, in progress, completed ...) with a note of what happened: only a tactic of the entry
    /// the form was on (another entry's is not found, as one that does not exist), and only while that entry is open.
    /// </summary>
    public async Task UpdateTacticAsync(string id, long tacticId, Guid version, string state, string? notes, CancellationToken ct)
    {
        if (!ConcernTactic.States.Contains(state)) throw new ActionRefusedException($"Choose the tactic's state: {string.Join(", ", ConcernTactic.States)}.");
        var row = await db.ConcernTactics.FirstOrDefaultAsync(t => t.Id == tacticId && t.ConcernId == id, ct) ?? throw new RecordNotFoundException($"Tactic {tacticId} of entry {id}");
        if (row.Version != version) throw new EditConflictException("The tactic was changed by someone else since you opened it. Reload and try again.");
        if (await db.PersonsOfConcern.AnyAsync(p => p.Id == id && p.ClosedOn != null, ct))
            throw new ActionRefusedException($"Entry {id} is closed: its tactics are no longer changed.");
        var was = row.State;
        row.State = state;
        if (!string.IsNullOrWhiteSpace(notes)) row.Notes = (row.Notes.Length == 0 ? "" : row.Notes + "\n") + $"{time.Today():yyyy-MM-dd} {db.Scope.Actor}: {notes.Trim()}";
        if (row.Notes.Length > 4000) throw new ActionRefusedException("The tactic's notes are full (4,000 characters): record a new tactic to carry on.");
        row.Version = Guid.NewGuid();
        audit.Change("update", "person_of_concern:" + row.ConcernId, $"tactic {row.Id} {row.Tactic}: {was} -> {state}");
        await db.SaveChangesOrConflictAsync("The tactic was changed by someone else while you were updating it. Reload and try again.", ct);
    }

    /// <summary>Associates a member of staff with a category (i) person: they then stand out in access monitoring.</summary>
    public async Task AssociateAsync(string id, string staffId, string basis, CancellationToken ct)
    {
        staffId = (staffId ?? "").Trim();
        if (string.IsNullOrWhiteSpace(basis)) throw new ActionRefusedException("Say what links the member of staff to the person (intelligence, a declared association ...).");
        Limit(basis, "What links them", Widths.Basis);
        if (!db.Scope.MayReadAbout(staffId)) throw new ActionRefusedException("You cannot associate yourself with an entry: ask a colleague in the Intelligence Bureau.");
        var entry = await db.PersonsOfConcern.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new RecordNotFoundException($"Register entry {id}");
        if (entry.Category != "i") throw new ActionRefusedException("Only a category (i) person is associated with staff: entries (ii) and (iii) are about the member of staff themselves.");
        if (entry.ClosedOn is not null) throw new ActionRefusedException($"Entry {id} is closed.");
        if (!await db.Staff.AnyAsync(s => s.Id == staffId, ct)) throw new ActionRefusedException($"No member of staff has the id '{staffId}'.");
        if (await db.ConcernAssociations.AnyAsync(a => a.ConcernId == id && a.StaffId == staffId, ct)) throw new ActionRefusedException($"{staffId} is already associated with {id}.");
        db.ConcernAssociations.Add(new ConcernAssociation { ConcernId = id, StaffId = staffId, Basis = basis.Trim(), RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow() });
        audit.Change("create", "person_of_concern:" + id, $"associated staff {staffId}");
        await db.SaveChangesAsync(ct);
    }

    public async Task CloseAsync(string id, Guid version, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ActionRefusedException("Give the reason for closing the entry.");
        Limit(reason, "The reason for closing", Widths.ClosedReason);
        var entry = await LoadOpenAsync(id, version, "closed", ct);
        entry.ClosedOn = time.Today();
        entry.ClosedReason = reason.Trim();
        entry.ClosedBy = db.Scope.Actor;
        entry.Version = Guid.NewGuid();
        audit.Change("update", "person_of_concern:" + id, "closed: " + entry.ClosedReason);
        await db.SaveChangesOrConflictAsync("The entry was changed by someone else while you were closing it. Reload and try again.", ct);
    }

    /// <summary>A date typed into a form: a clear refusal naming the field, never a default date in its place.</summary>
    public static DateOnly ParseDate(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ActionRefusedException($"Give {what} (yyyy-mm-dd).");
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new ActionRefusedException($"{char.ToUpperInvariant(what[0])}{what[1..]} '{text.Trim()}' is not a date: use yyyy-mm-dd.");
        return WorkingDays.RequireCovered(date, what);
    }

    private async Task<PersonOfConcern> LoadOpenAsync(string id, Guid version, string verb, CancellationToken ct)
    {
        var entry = await db.PersonsOfConcern.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new RecordNotFoundException($"Register entry {id}");
        if (entry.Version != version) throw new EditConflictException("The entry was changed by someone else since you opened it. Reload and try again.");
        if (entry.ClosedOn is not null) throw new ActionRefusedException($"Entry {id} is already closed and cannot be {verb}.");
        return entry;
    }

    private void RequireReviewDate(DateOnly on, string what)
    {
        var today = time.Today();
        WorkingDays.RequireCovered(on, what.ToLowerInvariant());
        if (on <= today) throw new ActionRefusedException($"{what} must be in the future.");
        if (on > today.AddYears(1)) throw new ActionRefusedException($"Review entries at least once a year: {what.ToLowerInvariant()} must be within 12 months.");
    }

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string?> staffIds, CancellationToken ct)
    {
        var ids = staffIds.OfType<string>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Refuses text longer than <paramref name="max"/> characters (after trimming), naming the field.</summary>
    internal static void Limit(string? text, string field, int max)
    {
        var length = text?.Trim().Length ?? 0;
        if (length > max) throw new ActionRefusedException($"{field}: at most {max:N0} characters ({length:N0} given).");
    }
}
