using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Risk.Contracts;

/// <summary>Adds, reviews and closes entries on the Persons of Concern register. Every read and change is audited.</summary>
internal sealed class ConcernRegister(ProbityDb db, Audit audit, TimeProvider time)
{
    public static readonly IReadOnlyDictionary<string, string> Categories = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["i"] = "(i) would seek to corrupt staff",
        ["ii"] = "(ii) staff: verifiable intelligence or evidence of corruption, dishonesty or serious malpractice",
        ["iii"] = "(iii) staff: substantial verifiable complaint, claims or tribunal history",
    };

    internal sealed record Entry(PersonOfConcern Concern, string? StaffName, bool ReviewOverdue);

    public async Task<IReadOnlyList<Entry>> ListAsync(bool includeClosed, CancellationToken ct)
    {
        var today = time.Today();
        var q = db.PersonsOfConcern.AsNoTracking();
        if (!includeClosed) q = q.Where(p => p.ClosedOn == null);
        var rows = await q.OrderBy(p => p.ReviewOn).ToListAsync(ct);
        var ids = rows.Where(r => r.StaffId is not null).Select(r => r.StaffId!).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        await audit.RecordAsync("view", "persons_of_concern", $"{rows.Count} entr{(rows.Count == 1 ? "y" : "ies")}", ct);
        return rows.Select(r => new Entry(r, r.StaffId is null ? null : names.GetValueOrDefault(r.StaffId), r.ClosedOn is null && r.ReviewOn < today)).ToList();
    }

    internal sealed record AddCommand(string Category, string? StaffId, string? PersonDescription, string Rationale, DateOnly ReviewOn);

    public async Task<string> AddAsync(AddCommand cmd, CancellationToken ct)
    {
        var today = time.Today();
        if (!Categories.ContainsKey(cmd.Category)) throw new ActionRefusedException("Choose the category: (i), (ii) or (iii).");
        if (string.IsNullOrWhiteSpace(cmd.Rationale) || cmd.Rationale.Trim().Length < 20)
            throw new ActionRefusedException("Record the rationale: what verifiable intelligence, evidence or history puts this person on the register (at least a sentence).");
        if (cmd.ReviewOn <= today) throw new ActionRefusedException("The review date must be in the future.");
        if (cmd.ReviewOn > today.AddYears(1)) throw new ActionRefusedException("Review entries at least once a year: choose a review date within 12 months.");
        string? staffId = string.IsNullOrWhiteSpace(cmd.StaffId) ? null : cmd.StaffId.Trim();
        if (cmd.Category == "i")
        {
            if (string.IsNullOrWhiteSpace(cmd.PersonDescription)) throw new ActionRefusedException("For category (i), describe the person (name or intelligence reference).");
        }
        else
        {
            if (staffId is null) throw new ActionRefusedException($"Category ({cmd.Category}) is about a member of staff: give their staff id.");
            if (!await db.Staff.AnyAsync(s => s.Id == staffId, ct)) throw new ActionRefusedException($"No member of staff has the id '{staffId}'.");
            if (await db.PersonsOfConcern.AnyAsync(p => p.StaffId == staffId && p.ClosedOn == null, ct))
                throw new ActionRefusedException($"{staffId} is already on the register; review the existing entry instead.");
        }
        var entry = new PersonOfConcern
        {
            Id = "POC-" + Guid.NewGuid().ToString("n")[..12], Category = cmd.Category, StaffId = staffId,
            PersonDescription = string.IsNullOrWhiteSpace(cmd.PersonDescription) ? null : cmd.PersonDescription.Trim(),
            Rationale = cmd.Rationale.Trim(), ReviewOn = cmd.ReviewOn, RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.PersonsOfConcern.Add(entry);
        audit.Change("create", "person_of_concern:" + entry.Id, $"category {cmd.Category}{(staffId is null ? "" : $", staff {staffId}")}");
        await db.SaveChangesAsync(ct);
        return entry.Id;
    }

    public async Task CloseAsync(string id, Guid version, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ActionRefusedException("Give the reason for closing the entry.");
        var entry = await db.PersonsOfConcern.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new RecordNotFoundException($"Register entry {id}");
        if (entry.Version != version) throw new EditConflictException("The entry was changed by someone else since you opened it. Reload and try again.");
        if (entry.ClosedOn is not null) throw new ActionRefusedException($"Entry {id} is already closed.");
        entry.ClosedOn = time.Today();
        entry.ClosedReason = reason.Trim();
        entry.Version = Guid.NewGuid();
        audit.Change("update", "person_of_concern:" + id, "closed: " + entry.ClosedReason);
        await db.SaveChangesOrConflictAsync("The entry was changed by someone else while you were closing it. Reload and try again.", ct);
    }
}
