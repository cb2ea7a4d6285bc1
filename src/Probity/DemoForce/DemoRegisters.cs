using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Registers.Contracts;
using Probity.Workforce.Contracts;

namespace Probity.DemoForce;

/// <summary>
/// A year of the business interests and vetting registers on top of the imported demo force (deterministic, seeded):
/// the decisions of the last year with reasons, conditions, who decided and annual reviews (some overdue), applications
/// awaiting a decision, refused interests found continuing; posts that need a level above what most officers hold, with
/// their holders (some below requirement), the clearance history behind each current clearance granted in the year, and
/// the extended police family (contractors, volunteers, advisory group and police authority members), some unvetted.
/// </summary>
internal static class DemoRegisters
{
    private static readonly string[] Deciders = ["senior", "senior", "dps-vetting"];

    private static readonly (string Title, string Level, string[] Kinds)[] Posts =
    [
        ("Borough commander", "mv", ["borough"]), ("Detective inspector, borough intelligence unit", "sc", ["borough"]),
        ("Source handler", "sc", ["borough", "ocu"]), ("Custody sergeant", "mv", ["borough"]), ("Covert tasking manager", "dv", ["ocu", "directorate"]),
        ("Anti-corruption investigator", "sc", ["team", "directorate"]), ("Professional standards champion", "mv", ["borough", "bsu"]),
        ("Vetting officer", "sc", ["team", "directorate"]), ("Counter-terrorism liaison officer", "sc", ["borough"]),
    ];

    private static readonly (string Group, string Organisation, string Level)[] Family =
    [
        ("contractor", "Custody healthcare provider", "npp2"), ("contractor", "IT support contractor", "npp3"), ("contractor", "Facilities contractor", "npp1"),
        ("volunteer", "Volunteer police cadets leader", "rv"), ("volunteer", "Custody visitor scheme", "npp2"),
        ("advisory_group", "Independent advisory group", "npp2"), ("police_authority", "Police authority", "npp3"),
    ];

    private static readonly string[] FirstNames = ["Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hamza", "Isla", "Jon", "Kemi", "Liam", "Maya", "Nadia", "Owen", "Priti"];
    private static readonly string[] Surnames = ["Adeyemi", "Brennan", "Choudhury", "Doyle", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones", "Kaur", "Lewis", "Mensah", "Nowak", "O'Neill", "Patel"];

    public static async Task LoadAsync(ProbityDb db, Audit audit, DateOnly until, int seed, CancellationToken ct)
    {
        var rng = new Random(seed ^ 0x5EC2);
        var yearAgo = until.AddYears(-1);
        var now = new DateTimeOffset(until.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);

        // Interests decided in the year: the decision's reasons and who made it; approvals expire a year on, and the
        // reviews due before the end of the year are done, but a few weeks behind for some.
        var interests = await db.BusinessInterests.Where(b => b.AppliedOn >= yearAgo.AddYears(-1)).OrderBy(b => b.Id).ToListAsync(ct);
        foreach (var b in interests)
        {
            b.RecordedBy = "senior";
            b.EnteredOnBehalf = rng.NextDouble() < 0.15;
            if (b.Decision is null || b.DecidedOn is null) continue;
            b.DecidedBy = Deciders[rng.Next(Deciders.Length)];
            b.DecisionReasons = b.Decision switch
            {
                "approved" => "No conflict with the member's duties or the force's reputation; hours within the Working Time Regulations.",
                "approved_with_conditions" => "Acceptable subject to conditions that keep it apart from police work.",
                "refused" => rng.NextDouble() < 0.5 ? "Conflicts with the member's duties: the business operates on the borough they police."
                    : "Risk to the force's reputation and of access to police information being misused for the business.",
                _ => "Withdrawn by the member before a decision.",
            };
            if (b.Decision == "approved_with_conditions")
                b.Conditions = rng.NextDouble() < 0.5 ? "No work on the borough of posting; no use of police time, equipment or information." : "Hours not to exceed 10 a week; to be declared again on any change of role.";
            if (b.Decision is "approved" or "approved_with_conditions")
            {
                b.ExpiresOn = b.DecidedOn.Value.AddYears(1);
                // Most reviews due by now were done on time; about one in five is overdue.
                if (b.ReviewOn is { } review && review < until && rng.NextDouble() < 0.8)
                {
                    var done = review.AddDays(-rng.Next(0, 20));
                    b.LastReviewedOn = done;
                    b.LastReviewedBy = "senior";
                    b.ReviewOn = done.AddYears(1);
                    b.ExpiresOn = done.AddYears(1);
                }
            }
            if (b.Decision == "refused" && b.DecidedOn >= yearAgo.AddYears(-1) && rng.NextDouble() < 0.2)
                b.ContinuedAfterRefusalOn = b.DecidedOn.Value.AddDays(60 + rng.Next(200)) is var found && found <= until ? found : null;
        }

        var units = await db.Units.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
        var serving = await db.Staff.AsNoTracking().Where(s => s.LeftOn == null && s.UnitId != null && s.StaffType == "officer")
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.UnitId, s.VettingLevel, s.VettingExpiresOn }).ToListAsync(ct);
        var byUnit = serving.ToLookup(s => s.UnitId!, StringComparer.Ordinal);

        // Posts: each unit's posts of its kind, held by one of its officers (vacant now and then).
        var posts = new List<VettingPost>();
        foreach (var unit in units)
            foreach (var (title, level, kinds) in Posts)
            {
                if (!kinds.Contains(unit.Kind)) continue;
                var officers = byUnit[unit.Id].ToList();
                var holder = officers.Count == 0 || rng.NextDouble() < 0.08 ? null : officers[rng.Next(officers.Count)].Id;
                posts.Add(new VettingPost { Id = $"VP-{posts.Count + 1:D5}", UnitId = unit.Id, Title = title, RequiredLevel = level, HolderStaffId = holder });
            }
        db.VettingPosts.AddRange(posts);

        // The clearance history behind each current clearance granted in the year.
        var clearances = new List<VettingClearance>();
        foreach (var s in serving)
        {
            if (s.VettingLevel is null or "none" || s.VettingExpiresOn is not { } expires) continue;
            var granted = expires.AddYears(-VettingLevels.YearsValid(s.VettingLevel));
            if (granted < yearAgo || granted > until) continue;
            clearances.Add(new VettingClearance
            {
                Id = $"VC-{clearances.Count + 1:D6}", StaffId = s.Id, Level = s.VettingLevel, Outcome = "granted", DecidedOn = granted, ExpiresOn = expires,
                RecordedBy = "dps-vetting", RecordedAt = new DateTimeOffset(granted.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
            });
        }
        db.VettingClearances.AddRange(clearances);

        // The extended police family: about one for every 60 officers, across the boroughs; a few never vetted or lapsed.
        var boroughs = units.Where(u => u.Kind == "borough").ToList();
        var familyCount = boroughs.Count == 0 ? 0 : Math.Max(boroughs.Count, serving.Count / 60);
        for (var i = 0; i < familyCount; i++)
        {
            var (group, organisation, level) = Family[rng.Next(Family.Length)];
            var id = $"EPF-{i + 1:D5}";
            var joined = yearAgo.AddDays(rng.Next(-3 * 365, 365));
            var state = rng.NextDouble();
            var expires = state < 0.08 ? until.AddDays(-rng.Next(1, 200)) : state < 0.15 ? until.AddDays(rng.Next(1, 90)) : joined.AddYears(VettingLevels.YearsValid(level));
            var vetted = state >= 0.95 ? null : level;
            db.Staff.Add(new StaffMember
            {
                Id = id, DisplayName = $"{FirstNames[rng.Next(FirstNames.Length)]} {Surnames[rng.Next(Surnames.Length)]}", StaffType = group == "contractor" ? "contractor" : "volunteer",
                UnitId = boroughs[i % boroughs.Count].Id, JoinedOn = joined, VettingLevel = vetted ?? "none", VettingExpiresOn = vetted is null ? null : expires,
            });
            db.PoliceFamily.Add(new PoliceFamilyMember { StaffId = id, FamilyGroup = group, Organisation = organisation, RecordedBy = "senior", RecordedAt = now });
        }

        audit.Change("demo", "registers", $"{interests.Count} interests completed, {posts.Count} posts, {clearances.Count} clearances, {familyCount} extended police family members");
        await db.SaveChangesAsync(ct);
    }
}
