using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Intelligence.Contracts;

namespace Probity.DemoForce;

/// <summary>
/// A handful of intelligence items for the demo force: graded under 5x5x5 (received before April 2016) and, when the
/// demo's history reaches past the change, under 3x5x2; some reviewed, sanitised and disseminated, some awaiting the
/// Intelligence Management Unit's review. Linked to real demo staff, so the need-to-know rules have something to hide.
/// </summary>
internal static class DemoIntelligence
{
    private static readonly DateOnly Change = new(2016, 4, 1);

    private sealed record Planned(int DaysBefore, bool After2016, string SourceType, string Grades, string? Conditions, string Text, string Priority, bool Reviewed, string? Sanitised, string? Recipient);

    private static readonly Planned[] Items =
    [
        new(400, false, "covert_human_source", "B25", "Refer to the originator before any use: the source is at risk.", "A CHIS reports that a detective constable at a north London borough meets a known handler of stolen vehicles weekly at a car wash and is paid in cash.", "business_interests", true, "A member of staff may be associating with a person involved in vehicle crime.", "National Crime Agency, vehicle crime unit"),
        new(300, false, "member_of_staff", "A21", null, "A custody sergeant reports that a colleague removed a bag of seized cannabis from the property store and did not sign it out.", "theft_from_police_premises", true, null, "Borough commander (need to know)"),
        new(150, false, "partner_agency", "C34", "Within the force only.", "HM Revenue and Customs passes on that a police staff member's declared income does not match three properties bought in two years.", "internal_fraud", true, null, null),
        new(30, false, "open_source", "E42", null, "A constable's public social media shows him at a private party with a man convicted of supplying class A drugs last year.", "substance_misuse", false, null, null),
        new(500, true, "covert_human_source", "B2C", "Not to be shared with the subject's line management; refer to the Bureau before any action.", "A source says an officer in a response team sells PNC checks to a private investigator for £50 each.", "information_misuse", true, "Intelligence suggests unauthorised disclosure of police information to a private investigator.", "Information Commissioner's Office, investigations"),
        new(200, true, "member_of_staff", "A1P", null, "A vetting officer reports that an applicant to the Directorate failed to declare a brother convicted of fraud.", "vetting", true, null, "Vetting unit"),
        new(40, true, "member_of_public", "B3P", null, "A shop owner says two officers take goods without paying and threaten to call licensing if refused.", "taylor_reforms", false, null, null),
        new(5, true, "partner_agency", "A2C", "Within the force only; the bank's name is not to be disclosed.", "A bank's fraud team reports repeated transfers from a police payroll account to an account linked to an online gambling operator.", "internal_fraud", false, null, null),
    ];

    public static async Task LoadAsync(ProbityDb db, Audit audit, DateOnly until, DateTimeOffset now, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().Where(s => s.StaffType == "officer" || s.StaffType == "police_staff").OrderBy(s => s.Id).Select(s => s.Id).Take(40).ToListAsync(ct);
        var reference = 0;
        foreach (var (p, index) in Items.Select((p, i) => (p, i)))
        {
            // Each era's items are dated back from the last day of that era the demo reaches; none if it does not reach it.
            var end = p.After2016 ? until : (until < Change ? until : Change.AddDays(-1));
            var received = end.AddDays(-p.DaysBefore);
            if (p.After2016 && received < Change) continue;
            var id = $"IN-DEMO{++reference:000}";
            var recordedAt = new DateTimeOffset(received.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            // The newest arrived this morning, so the queue shows one item not yet due beside the overdue ones.
            if (!p.Reviewed && p.DaysBefore <= 5) recordedAt = now.AddHours(-2);
            var item = new IntelligenceItem
            {
                Id = id, ReceivedOn = received, SourceType = p.SourceType, Scheme = received < Change ? "5x5x5" : "3x5x2",
                SourceGrade = p.Grades[..1], IntelligenceGrade = p.Grades[1..2], HandlingCode = p.Grades[2..], HandlingConditions = p.Conditions,
                Text = p.Text, RecordedBy = "intelligence", RecordedAt = recordedAt,
                ReviewedBy = p.Reviewed ? "investigator" : null, ReviewedAt = p.Reviewed ? recordedAt.AddDays(1) : null,
            };
            if (staff.Count > 0) item.Links.Add(new IntelligenceLink { ItemId = id, Kind = IntelligenceLinkKinds.Staff, Value = staff[(index * 5) % staff.Count] });
            item.Links.Add(new IntelligenceLink { ItemId = id, Kind = IntelligenceLinkKinds.Priority, Value = p.Priority });
            if (p.Sanitised is not null)
                item.Sanitised.Add(new SanitisedVersion { ItemId = id, Number = 1, Text = p.Sanitised, WrittenBy = "intelligence", WrittenAt = recordedAt.AddDays(2) });
            if (p.Recipient is not null)
                item.Disseminations.Add(new Dissemination
                {
                    ItemId = id, SanitisedNumber = p.Sanitised is null ? null : 1, Recipient = p.Recipient, Reason = "They hold the matching investigation.",
                    Conditions = p.Conditions, DisseminatedBy = "intelligence", DisseminatedAt = recordedAt.AddDays(3),
                });
            db.Set<IntelligenceItem>().Add(item);
            audit.Change("intelligence_record", "intelligence:" + id, "demo force");
        }
        await db.SaveChangesAsync(ct);
    }
}
