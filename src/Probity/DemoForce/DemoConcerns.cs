using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Risk.Contracts;

namespace Probity.DemoForce;

/// <summary>
/// Persons of Concern for the demo force: every category, each with reviews and tactics, one review overdue in (i) and
/// (iii), a closed entry, and a category (i) person who appears in the access logs, so the staff linked to them there
/// (and one associated by intelligence) stand out in access monitoring to the register's readers.
/// </summary>
internal static class DemoConcerns
{
    public static async Task LoadAsync(ProbityDb db, Audit audit, DateOnly until, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().Where(s => s.StaffType == "officer" || s.StaffType == "police_staff").OrderBy(s => s.Id).Select(s => s.Id).Skip(7).Take(40).ToListAsync(ct);
        if (staff.Count < 6) return;
        var linked = await db.Associations.AsNoTracking().OrderBy(a => a.PersonId).ThenBy(a => a.StaffId).FirstOrDefaultAsync(ct);
        DateTimeOffset At(int daysBefore) => new(until.AddDays(-daysBefore).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var number = 0;
        PersonOfConcern Entry(string category, string? staffId, string? person, string rationale, int recordedDaysBefore, int reviewInDays) => new()
        {
            Id = $"POC-DEMO{++number:000}", Category = category, StaffId = staffId, PersonDescription = person, Rationale = rationale,
            ReviewOn = until.AddDays(reviewInDays), RecordedBy = "intelligence", RecordedAt = At(recordedDaysBefore),
        };
        void Review(PersonOfConcern e, int daysBefore, string findings, int nextInDays) => db.ConcernReviews.Add(new ConcernReview
        {
            ConcernId = e.Id, ReviewedOn = until.AddDays(-daysBefore), ReviewedBy = "investigator", ReviewedAt = At(daysBefore), Findings = findings, NextReviewOn = until.AddDays(nextInDays),
        });
        void Tactic(PersonOfConcern e, string tactic, int daysBefore, string owner, string state, string notes) => db.ConcernTactics.Add(new ConcernTactic
        {
            ConcernId = e.Id, Tactic = tactic, StartedOn = until.AddDays(-daysBefore), Owner = owner, State = state, Notes = notes, RecordedBy = "intelligence", RecordedAt = At(daysBefore),
        });

        var investigator = Entry("i", null, "Private investigator trading as a tracing agency (intelligence reference IN-DEMO005)",
            "Graded intelligence that he pays serving officers for PNC and custody record checks; two officers approached in the last year.", 300, 40);
        investigator.PersonId = linked?.PersonId;
        var former = Entry("i", null, "Former detective constable, dismissed for gross misconduct",
            "Since dismissal he has contacted former colleagues in the borough's CID asking about live operations against his associates.", 500, -12);
        former.FormerStaffId = staff[5];
        var corrupt = Entry("ii", staff[0], null, "Intelligence from a covert source, corroborated by custody records, that the officer warns an associate before warrants are executed.", 200, 60);
        var complaints = Entry("iii", staff[1], null, "Eleven complaints of incivility and excessive force in three years, two upheld, a civil claim settled and an employment tribunal finding of victimisation.", 400, -5);
        var closed = Entry("ii", staff[2], null, "Financial intelligence of unexplained deposits matching the dates of property store losses.", 700, 30);
        closed.ClosedOn = until.AddDays(-60);
        closed.ClosedReason = "Financial investigation found the deposits were an inheritance; no further concern.";
        closed.ClosedBy = "investigator";
        db.PersonsOfConcern.AddRange(investigator, former, corrupt, complaints, closed);

        Review(investigator, 120, "Still active: a further approach reported by a response officer.", 40);
        Review(former, 200, "Contact continues; line managers in the borough briefed.", -12);
        Review(corrupt, 30, "Source re-interviewed; the intelligence is corroborated by two warrant dates.", 60);
        Review(complaints, 380, "Two new complaints since the last review; pattern continues.", -5);
        Review(closed, 90, "Financial investigation under way.", 30);
        Tactic(investigator, "intelligence_development", 290, "Intelligence Bureau, DS Okafor", "in_progress", "Research into the agency's clients and payments.");
        Tactic(investigator, "disruption", 100, "DI Marsh", "proposed", "Warning letter to the agency and briefing of the officers approached.");
        Tactic(former, "management_action", 190, "Borough commander", "completed", "CID staff reminded of the duty to report contact with a dismissed officer.");
        Tactic(corrupt, "integrity_test", 25, "Anti-Corruption Unit, DI Marsh", "authorised", "A planned test around the next warrant briefing (run through tasking).");
        Tactic(corrupt, "financial_investigation", 150, "Financial investigator, DC Shah", "in_progress", "Bank and credit checks authorised.");
        Tactic(complaints, "vetting_review", 300, "Vetting unit", "completed", "Clearance maintained with conditions.");
        Tactic(complaints, "management_action", 20, "Superintendent, professional standards", "in_progress", "Action plan agreed with the line manager.");
        Tactic(closed, "financial_investigation", 300, "Financial investigator, DC Shah", "completed", "Deposits traced to an estate; no further action.");
        db.ConcernAssociations.Add(new ConcernAssociation { ConcernId = investigator.Id, StaffId = staff[3], Basis = "Seen with him twice by surveillance; their phones are in contact.", RecordedBy = "intelligence", RecordedAt = At(100) });
        db.ConcernAssociations.Add(new ConcernAssociation { ConcernId = former.Id, StaffId = staff[4], Basis = "Former partner in CID; telephone contact since the dismissal.", RecordedBy = "intelligence", RecordedAt = At(180) });
        foreach (var e in new[] { investigator, former, corrupt, complaints, closed })
            audit.Change("create", "person_of_concern:" + e.Id, $"demo force: category {e.Category}");
        await db.SaveChangesAsync(ct);
    }
}
