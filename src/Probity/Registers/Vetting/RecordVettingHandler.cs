using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;
using Probity.Workforce.Contracts;

namespace Probity.Registers.Vetting;

/// <summary>
/// Changes to the vetting register: a clearance decided for someone, a post and the level it requires, who holds a
/// post, and a member of the extended police family recorded so that they are vetted like staff.
/// </summary>
internal sealed class RecordVettingHandler(ProbityDb db, Audit audit, TimeProvider time, Workforce.Contracts.UnitDirectory directory)
{
    public static readonly IReadOnlyList<string> Outcomes = ["granted", "refused", "withdrawn"];

    public static readonly IReadOnlyDictionary<string, string> FamilyGroups = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["contractor"] = "Contractor", ["volunteer"] = "Volunteer", ["advisory_group"] = "Independent advisory group member", ["police_authority"] = "Police authority member",
    };

    internal sealed record Clearance(string? Staff, string? Level, string? Outcome, DateOnly? DecidedOn, DateOnly? ExpiresOn, string? Note);

    /// <summary>Records a vetting decision; a grant becomes the person's current clearance, a refusal or withdrawal ends it.</summary>
    public async Task<string> RecordClearanceAsync(Clearance c, CancellationToken ct)
    {
        var staffId = await RegisterStaff.ChooseAsync(db, c.Staff, "Person vetted", ct);
        if (c.Level is null || !VettingLevels.SatisfiedBy.ContainsKey(c.Level))
            throw new ActionRefusedException($"Level: choose one of {string.Join(", ", VettingLevels.Required.Select(l => l.ToUpperInvariant()))}.");
        if (c.Outcome is null || !Outcomes.Contains(c.Outcome)) throw new ActionRefusedException("Outcome: choose granted, refused or withdrawn.");
        var today = time.Today();
        var decided = c.DecidedOn ?? today;
        RegisterDates.Require(decided, "Decided on");
        if (decided > today) throw new ActionRefusedException("Decided on: cannot be after today.");
        DateOnly? expires = null;
        if (c.Outcome == "granted")
        {
            expires = c.ExpiresOn ?? decided.AddYears(VettingLevels.YearsValid(c.Level));
            RegisterDates.Require(expires.Value, "Expires on");
            if (expires <= decided) throw new ActionRefusedException("Expires on: must be after the day the clearance was granted.");
            if (expires > decided.AddYears(15)) throw new ActionRefusedException("Expires on: no clearance runs more than 15 years; check the year.");
        }
        else if (c.ExpiresOn is not null) throw new ActionRefusedException("Expires on: only a granted clearance expires; leave it empty.");
        var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim();
        if (note is { Length: > 2000 }) throw new ActionRefusedException($"Note: at most 2000 characters ({note.Length} given).");
        if (c.Outcome != "granted" && note is null) throw new ActionRefusedException("Note: say why the clearance was refused or withdrawn.");

        var staff = await db.Staff.FirstAsync(s => s.Id == staffId, ct);
        var record = new VettingClearance
        {
            Id = "VC-" + Guid.NewGuid().ToString("n")[..12], StaffId = staffId, Level = c.Level, Outcome = c.Outcome, DecidedOn = decided,
            ExpiresOn = expires, Note = note, RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.VettingClearances.Add(record);
        var was = $"{staff.VettingLevel ?? "none"}{(staff.VettingExpiresOn is { } e ? $" until {e:yyyy-MM-dd}" : "")}";
        // The staff record carries the current clearance: what the HR file exchanges and the vetting-lapsed trigger reads.
        if (c.Outcome == "granted") { staff.VettingLevel = c.Level; staff.VettingExpiresOn = expires; }
        else if (staff.VettingLevel == c.Level) { staff.VettingLevel = "none"; staff.VettingExpiresOn = null; }
        audit.Change("vetting_" + c.Outcome, "staff:" + staffId, $"{c.Level} {c.Outcome} on {decided:yyyy-MM-dd}{(expires is { } x ? $", expires {x:yyyy-MM-dd}" : "")} (was {was}){(note is null ? "" : ": " + note)}");
        await db.SaveChangesAsync(ct);
        return record.Id;
    }

    internal sealed record Post(string? Unit, string? Title, string? RequiredLevel, string? Holder);

    public async Task<string> AddPostAsync(Post p, CancellationToken ct)
    {
        var unitId = await directory.ChooseAsync(p.Unit, "Unit of the post", handlingOnly: false, ct);
        var title = string.IsNullOrWhiteSpace(p.Title) ? throw new ActionRefusedException("Post: give its title.") : p.Title.Trim();
        if (title.Length > 200) throw new ActionRefusedException($"Post: at most 200 characters ({title.Length} given).");
        if (p.RequiredLevel is null || !VettingLevels.SatisfiedBy.ContainsKey(p.RequiredLevel))
            throw new ActionRefusedException($"Level required: choose one of {string.Join(", ", VettingLevels.Required.Select(l => l.ToUpperInvariant()))}.");
        var holder = string.IsNullOrWhiteSpace(p.Holder) ? null : await RegisterStaff.ChooseAsync(db, p.Holder, "Holder", ct);
        var post = new VettingPost { Id = "VP-" + Guid.NewGuid().ToString("n")[..12], UnitId = unitId, Title = title, RequiredLevel = p.RequiredLevel, HolderStaffId = holder };
        db.VettingPosts.Add(post);
        audit.Change("create", "vetting_post:" + post.Id, $"{title} in unit {unitId}, requires {p.RequiredLevel}{(holder is null ? ", vacant" : ", held by " + holder)}");
        await db.SaveChangesAsync(ct);
        return post.Id;
    }

    public async Task SetHolderAsync(string postId, Guid version, string? holder, CancellationToken ct)
    {
        var post = await db.VettingPosts.FirstOrDefaultAsync(p => p.Id == postId, ct) ?? throw new RecordNotFoundException($"Post {postId}");
        if (post.Version != version) throw new EditConflictException("The post was changed by someone else since you opened it. Reload and try again.");
        var holderId = string.IsNullOrWhiteSpace(holder) ? null : await RegisterStaff.ChooseAsync(db, holder, "Holder", ct);
        var was = post.HolderStaffId;
        post.HolderStaffId = holderId;
        post.Version = Guid.NewGuid();
        audit.Change("update", "vetting_post:" + postId, $"holder {was ?? "vacant"} → {holderId ?? "vacant"}");
        await db.SaveChangesOrConflictAsync("The post was changed by someone else while you were saving. Reload and try again.", ct);
    }

    internal sealed record FamilyMember(string? Name, string? Group, string? Organisation, string? Unit);

    /// <summary>Records a contractor, volunteer, advisory group or police authority member as a person Probity vets like staff.</summary>
    public async Task<string> AddFamilyMemberAsync(FamilyMember m, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(m.Name) ? throw new ActionRefusedException("Name: required.") : string.Join(' ', m.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (name.Length > 200) throw new ActionRefusedException($"Name: at most 200 characters ({name.Length} given).");
        if (m.Group is null || !FamilyGroups.ContainsKey(m.Group)) throw new ActionRefusedException($"Group: choose one of {string.Join(", ", FamilyGroups.Values)}.");
        var organisation = string.IsNullOrWhiteSpace(m.Organisation) ? null : m.Organisation.Trim();
        if (organisation is { Length: > 200 }) throw new ActionRefusedException($"Organisation: at most 200 characters ({organisation.Length} given).");
        var unitId = await directory.ChooseAsync(m.Unit, "Unit they work with", handlingOnly: false, ct);
        var id = "EPF-" + Guid.NewGuid().ToString("n")[..10];
        // PIF-1 has two codes for people who are not employees: a contractor is a contractor, everyone else unpaid is a volunteer.
        db.Staff.Add(new StaffMember { Id = id, DisplayName = name, StaffType = m.Group == "contractor" ? "contractor" : "volunteer", UnitId = unitId, JoinedOn = time.Today(), VettingLevel = "none" });
        db.PoliceFamily.Add(new PoliceFamilyMember { StaffId = id, FamilyGroup = m.Group, Organisation = organisation, RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow() });
        audit.Change("create", "staff:" + id, $"extended police family: {m.Group}{(organisation is null ? "" : ", " + organisation)}, unit {unitId}");
        await db.SaveChangesAsync(ct);
        return id;
    }
}
