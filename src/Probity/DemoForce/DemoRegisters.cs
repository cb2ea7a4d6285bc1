using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
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
        await LoadLearningAndRisksAsync(db, audit, until, seed, ct);
        await LoadSupportAndGoldGroupsAsync(db, audit, until, seed, ct);
        await LoadOversightAsync(db, audit, until, seed, ct);
        await DemoResources.LoadAsync(db, audit, until, ct);
    }

    private static readonly string[] Concerns =
    [
        "The complainant was not told of the outcome for seven weeks after the case was finalised.",
        "No record of why local resolution was chosen over investigation for an allegation of discriminatory behaviour.",
        "The investigating officer's report does not address the second allegation.",
        "Timeliness: the case was without action for three months while the officer was on leave.",
    ];

    private static readonly string[] Responses =
    [
        "Accepted. Finalisation letters now go out from the case system on the day the case is finalised.",
        "Accepted. Handling-route decisions now need the reason recorded; the borough's supervisors have been briefed.",
        "Partly accepted: the second allegation was covered in interview; the report template now lists each allegation.",
        "Accepted. Cases are reallocated when the investigating officer is away for more than two weeks.",
    ];

    private static readonly (string Kind, string Detail)[] Restrictions =
    [
        ("posting", "Moved from the borough intelligence unit to a non-operational role"), ("system_access", "Access to intelligence systems withdrawn"),
        ("vetting", "Management vetting suspended pending review"), ("public_contact", "No public-facing duties"), ("firearms", "Firearms authority withdrawn"),
    ];

    /// <summary>
    /// A year of oversight dip samples (one a quarter, drawn by the police authority member from the previous quarter's
    /// finalised unrestricted cases, with findings and the Directorate's responses, the latest quarter's partly open) and
    /// of Service Confidence records (about one officer in 1,500: restrictions, quarterly reviews, some overdue, some closed).
    /// </summary>
    public static async Task LoadOversightAsync(ProbityDb db, Audit audit, DateOnly until, int seed, CancellationToken ct)
    {
        var rng = new Random(seed ^ 0xD1B5);
        var samples = 0;
        for (var q = 3; q >= 0; q--)
        {
            var drawn = until.AddMonths(-3 * q).AddDays(-rng.Next(0, 20));
            var (from, to) = (drawn.AddMonths(-3), drawn.AddDays(-1));
            var candidates = await db.Cases.AsNoTracking().Where(c => !c.Restricted && c.FinalisedOn >= from && c.FinalisedOn <= to).Select(c => c.Id).ToListAsync(ct);
            var sampleSeed = rng.Next(1, int.MaxValue);
            var chosen = DipSampleDraw.Choose(sampleSeed, candidates, 12);
            if (chosen.Count == 0) continue;
            var id = $"DS-DEMO{++samples:D5}";
            db.DipSamples.Add(new DipSample
            {
                Id = id, Seed = sampleSeed, PeriodFrom = from, PeriodTo = to, Size = 12, DrawnBy = "oversight", DrawnOn = drawn,
                DrawnAt = new DateTimeOffset(drawn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
            });
            for (var i = 0; i < chosen.Count; i++)
            {
                var item = new DipSampleCase { Id = $"DSC-DEMO{samples:D3}{i + 1:D3}", SampleId = id, CaseId = chosen[i], Position = i + 1 };
                // The latest sample is still being worked through.
                if (q == 0 && rng.NextDouble() < 0.4) { db.DipSampleCases.Add(item); continue; }
                var reviewed = drawn.AddDays(rng.Next(7, 30));
                if (reviewed > until) reviewed = until;
                var concern = rng.NextDouble() < 0.2;
                item.Finding = concern ? "concerns" : "handled_well";
                item.FindingText = concern ? Concerns[rng.Next(Concerns.Length)] : null;
                item.ReviewedBy = "oversight";
                item.ReviewedOn = reviewed;
                if (concern && (q > 0 || rng.NextDouble() < 0.5))
                {
                    item.Response = Responses[rng.Next(Responses.Length)];
                    item.RespondedBy = "senior";
                    item.RespondedOn = reviewed.AddDays(rng.Next(5, 25)) is var r && r <= until ? r : until;
                }
                db.DipSampleCases.Add(item);
            }
        }

        var officers = await db.Staff.AsNoTracking().Where(s => s.LeftOn == null && s.StaffType == "officer").OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var records = officers.Count == 0 ? 0 : Math.Clamp(officers.Count / 1500, 6, 40);
        for (var i = 0; i < records; i++)
        {
            var id = $"SC-DEMO{i + 1:D5}";
            var decided = until.AddDays(-rng.Next(20, 365));
            var record = new ServiceConfidenceRecord
            {
                Id = id, StaffId = officers[rng.Next(officers.Count)], DecidedBy = rng.NextDouble() < 0.5 ? "Det Ch Supt, Head of Anti-Corruption" : "Commander, Directorate of Professional Standards",
                DecidedOn = decided, Reasons = rng.NextDouble() < 0.5 ? "Intelligence of an association with a convicted drug supplier; criminal investigation opened."
                    : "Repeated unexplained searches of intelligence systems about a family member's associates.",
                RecordedBy = "senior", RecordedAt = new DateTimeOffset(decided.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero),
            };
            var placed = Restrictions.OrderBy(_ => rng.Next()).Take(rng.Next(1, 3)).Select((x, j) => new ServiceConfidenceRestriction
            {
                Id = $"SCX-DEMO{i + 1:D4}{j + 1}", RecordId = id, Kind = x.Kind, Detail = x.Detail, From = decided, RecordedBy = "senior",
            }).ToList();
            db.ServiceConfidenceRestrictions.AddRange(placed);
            // Reviewed every three months; about one in five reviews falls behind, and some records close.
            var review = decided.AddMonths(3);
            var n = 0;
            while (review <= until && record.ClosedOn is null)
            {
                if (rng.NextDouble() < 0.2) break;
                var outcome = rng.NextDouble() switch { < 0.6 => "restrictions_continued", < 0.85 => "confidence_restored", < 0.95 => "dismissal", _ => "other" };
                var next = outcome == "restrictions_continued" ? review.AddMonths(3) : (DateOnly?)null;
                db.ServiceConfidenceReviews.Add(new ServiceConfidenceReview
                {
                    Id = $"SCR-DEMO{i + 1:D4}{++n}", RecordId = id, ReviewedOn = review, Outcome = outcome, NextReviewOn = next, ReviewedBy = "senior",
                    Note = outcome switch
                    {
                        "restrictions_continued" => "Investigation continuing; restrictions still needed.",
                        "confidence_restored" => "No case to answer; restrictions lifted and the officer returned to their post.",
                        "dismissal" => "Dismissed without notice at a gross misconduct hearing.",
                        _ => "Resigned before the hearing; barred list notified.",
                    },
                });
                if (next is null) { record.Outcome = outcome; record.ClosedOn = review; }
                review = review.AddMonths(3);
            }
            record.NextReviewOn = record.ClosedOn is null ? decided.AddMonths(3 * (n + 1)) : null;
            if (record.Outcome == "confidence_restored") placed.ForEach(x => x.LiftedOn = record.ClosedOn);
            db.ServiceConfidence.Add(record);
        }
        audit.Change("demo", "oversight_registers", $"{samples} dip samples, {records} service confidence records");
        await db.SaveChangesAsync(ct);
    }

    private static readonly (string Source, string Theme, string Recommendation, string Action)[] Lessons =
    [
        ("investigation", "information_security", "Supervisors to dip sample their officers' intelligence system searches monthly.", "Add a monthly search audit to the sergeants' supervision checklist."),
        ("investigation", "business_interests", "Refused business interests to be followed up within three months.", "Borough HR to confirm in writing that a refused interest has ended."),
        ("misconduct_review", "supervision", "Inspectors to review every use of discretion in a misconduct outcome.", "Brief inspectors at the leadership day; record reviews on the case."),
        ("iopc_report", "custody", "Cell checks to be recorded at the time, never afterwards.", "Custody software to timestamp each check; custody sergeants briefed."),
        ("iopc_report", "use_of_force", "Use-of-force forms to be completed before the end of the tour of duty.", "Duty inspectors to check completion at the end of each tour."),
        ("coroner_report", "mental_health", "Officers to have mental health crisis training before independent patrol.", "Add crisis training to the probationer curriculum."),
        ("coroner_report", "custody", "Detainees under the influence to be roused and spoken to every 30 minutes.", "Revise the custody rousing policy and audit compliance."),
        ("police_authority", "complaint_handling", "Complainants to be told within ten working days who is handling their complaint.", "Complaint letters template revised; compliance reported monthly."),
        ("police_authority", "stop_and_search", "Stop and search records to be scrutinised by the community monitoring group.", "Quarterly scrutiny panel per borough with dip-sampled records."),
        ("investigation", "procurement", "Two officers to sign every purchase over the informants' fund limit.", "Finance procedure amended; covert fund audit twice a year."),
        ("investigation", "property_exhibits", "Property stores to reconcile cash exhibits weekly.", "Weekly reconciliation sheet introduced; annual audit by the DPS."),
        ("misconduct_review", "vetting", "Vetting to be rechecked when an officer moves to a post needing a higher level.", "HR posting process to ask the vetting unit before each move."),
    ];

    private static readonly (string Title, string Cause, string Effect, string Controls, string Actions)[] Risks =
    [
        ("Officers compromised by organised crime networks", "Officers in debt or with associations to criminals", "Intelligence and operations leaked; public confidence lost",
            "Vetting, declarable associations, access monitoring", "Targeted integrity testing; debt advice promoted"),
        ("Misuse of police information systems", "Unexplained searches not detected", "Data protection breaches and corruption", "Access monitoring and alerts", "Monthly supervisor dip samples"),
        ("Business interests conflicting with duties", "Interests not declared or continued after refusal", "Conflicts of interest; reputational harm", "Business interests register", "Follow-up of refusals"),
        ("Complaint timeliness below target", "Caseloads above capacity", "Complainants' confidence lost; IPCC criticism", "Weekly caseload review", "Temporary investigators from the borough pool"),
        ("Deaths or serious injuries in custody", "Detainees' vulnerability not identified", "Loss of life; IPCC investigation", "Custody risk assessment, rousing policy", "Refresh custody training"),
        ("Vetting lapses in sensitive posts", "Renewals not tracked", "Staff in posts above their clearance", "Vetting register", "Quarterly lapsed-clearance report per unit"),
        ("Disproportionate stop and search", "Weak grounds recorded", "Community trust lost", "Community monitoring group", "Supervisor review of every search"),
        ("Theft from property stores", "Cash exhibits not reconciled", "Loss of evidence and money", "Store audits", "Weekly reconciliation"),
    ];

    /// <summary>
    /// Three years of organisational learning (so the themes have a trend), the last one busiest: recommendations from
    /// investigations (linked to the force's finalised cases), reviews and reports, owned by boroughs and business groups,
    /// passed to units, most closed on evidence and some overdue; and the risk registers: the corporate register, each
    /// business group's and each borough's, reviewed monthly through the year with the scores drifting, a few reviews
    /// overdue, and a few borough risks escalated to their business group and one on to the corporate register.
    /// </summary>
    public static async Task LoadLearningAndRisksAsync(ProbityDb db, Audit audit, DateOnly until, int seed, CancellationToken ct)
    {
        var rng = new Random(seed ^ 0x1EA2);
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
        var boroughs = units.Where(u => u.Kind == "borough").ToList();
        var groups = units.Where(u => u.Kind == "business_group").ToList();
        if (boroughs.Count == 0) return;
        var owners = boroughs.Concat(groups).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => c.FinalisedOn != null && !c.Restricted).OrderBy(c => c.Id).Select(c => c.Id).Take(2000).ToListAsync(ct);
        DateTimeOffset At(DateOnly d, int hour) => new(d.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
        DateOnly Clamp(DateOnly d) => d < WorkingDays.FirstDate ? WorkingDays.FirstDate : d > WorkingDays.LastDate ? WorkingDays.LastDate : d;

        var items = 0;
        for (var year = 2; year >= 0; year--)
        {
            var perYear = year == 0 ? 60 : 35 + rng.Next(10);
            for (var i = 0; i < perYear; i++)
            {
                var (source, theme, text, action) = Lessons[rng.Next(Lessons.Length)];
                var made = Clamp(until.AddYears(-year).AddDays(-rng.Next(365)));
                var due = Clamp(WorkingDays.Covers(made.AddDays(200)) ? WorkingDays.AddWorkingDays(made, 20 + rng.Next(100)) : made.AddDays(60));
                var id = $"LR-{++items:D5}";
                var owner = owners[rng.Next(owners.Count)];
                var r = new LearningRecommendation
                {
                    Id = id, Source = source, CaseId = source == "investigation" && cases.Count > 0 ? cases[rng.Next(cases.Count)] : null,
                    SourceReference = source switch { "iopc_report" => $"IPCC learning report {made.Year}/{rng.Next(1, 40)}", "coroner_report" => $"Regulation 28 report {made.Year}-{rng.Next(100, 999)}", "police_authority" => $"Authority minute {made.Year}/{rng.Next(1, 120)}", _ => null },
                    Recommendation = text, Theme = theme, OwnerUnitId = owner.Id, Action = action, MadeOn = made, DueOn = due,
                    RecordedBy = "senior", RecordedAt = At(made, 11),
                };
                // Most actions due by now were done, a few weeks either side of the date; about one in six is overdue.
                if (due < until && rng.NextDouble() < 0.83)
                {
                    var closed = due.AddDays(rng.Next(-30, 20));
                    r.ClosedOn = closed < made ? made : closed > until ? until : closed;
                    r.ClosureEvidence = rng.NextDouble() < 0.5 ? "Policy revised and published on the intranet; briefing attendance recorded." : "Audit of a month's records found the new practice followed.";
                    r.ClosedBy = "senior";
                }
                db.LearningRecommendations.Add(r);
                var notes = rng.Next(0, 4);
                for (var n = 0; n < notes; n++)
                {
                    var on = made.AddDays((n + 1) * 20 + rng.Next(10));
                    if (on > until || (r.ClosedOn is { } c && on > c)) break;
                    db.LearningProgressNotes.Add(new LearningProgressNote
                    {
                        Id = $"LN-{id[3..]}-{n + 1}", RecommendationId = id, WrittenBy = "senior", WrittenAt = At(on, 15),
                        Note = n == 0 ? "Owner unit has agreed the action and named a lead." : n == 1 ? "Draft revised procedure circulated for comment." : "Training dates booked for the affected teams.",
                    });
                }
                var passedTo = rng.Next(0, 5);
                foreach (var unit in boroughs.OrderBy(_ => rng.Next()).Take(passedTo))
                {
                    var on = made.AddDays(rng.Next(5, 60));
                    if (on > until) continue;
                    db.LearningDisseminations.Add(new LearningDissemination
                    {
                        Id = $"LD-{id[3..]}-{unit.Id}", RecommendationId = id, UnitId = unit.Id, DisseminatedOn = on, RecordedBy = "senior",
                        How = rng.NextDouble() < 0.5 ? "Professional standards champions' meeting" : "Borough briefing and intranet bulletin",
                    });
                }
            }
        }

        var registers = new List<(string Level, Workforce.Contracts.Unit? Unit, int Count)> { ("corporate", null, 10) };
        registers.AddRange(groups.Select(g => ("business_group", (Workforce.Contracts.Unit?)g, 5)));
        registers.AddRange(boroughs.Select(b => ("borough", (Workforce.Contracts.Unit?)b, 6)));
        var risks = 0;
        var events = 0;
        var escalatedToCorporate = false;
        foreach (var (level, unit, count) in registers)
            for (var i = 0; i < count; i++)
            {
                var (title, cause, effect, controls, actions) = Risks[(i + (unit?.Id.Length ?? 0)) % Risks.Length];
                var raised = until.AddYears(-1).AddDays(-rng.Next(0, 400));
                var risk = new RegisterRisk
                {
                    Id = $"RR-{++risks:D5}", Level = level, UnitId = unit?.Id, Title = unit is null ? title : $"{title} ({unit.Name})",
                    Owner = level switch { "corporate" => "Director of Professional Standards", "business_group" => $"Assistant Commissioner, {unit!.Name}", _ => $"Borough Commander, {unit!.Name}" },
                    Cause = cause, Effect = effect, Controls = controls, Actions = actions, Likelihood = 1 + rng.Next(5), Impact = 2 + rng.Next(4),
                    RecordedBy = "senior", RecordedAt = At(raised, 10), ReviewOn = raised,
                };
                RegisterRiskEvent Step(string kind, DateOnly on, string? note, string? from = null, string? to = null) => new()
                {
                    Id = $"RE-{++events:D6}", RiskId = risk.Id, Kind = kind, On = on, By = "senior", Likelihood = risk.Likelihood, Impact = risk.Impact, From = from, To = to, Note = note,
                };
                db.RegisterRiskEvents.Add(Step("raised", raised, null, to: unit is null ? level : $"{level} {unit.Id}"));
                // Monthly reviews to date, the scores drifting by a step now and then; one register in ten has fallen behind.
                var behind = rng.NextDouble() < 0.1 ? 2 + rng.Next(3) : 0;
                var review = raised.AddMonths(1);
                while (review <= until.AddMonths(-behind))
                {
                    if (rng.NextDouble() < 0.2) risk.Likelihood = Math.Clamp(risk.Likelihood + (rng.NextDouble() < 0.5 ? -1 : 1), 1, 5);
                    if (rng.NextDouble() < 0.1) risk.Impact = Math.Clamp(risk.Impact + (rng.NextDouble() < 0.5 ? -1 : 1), 1, 5);
                    db.RegisterRiskEvents.Add(Step("review", review, rng.NextDouble() < 0.7 ? "Controls working; no change in exposure." : "New incidents this month; actions reprioritised."));
                    risk.ReviewOn = review.AddMonths(1);
                    review = review.AddMonths(1);
                }
                // A borough risk rated very high is escalated to its business group, and the first of those on to corporate.
                if (level == "borough" && risk.Likelihood * risk.Impact >= 15 && unit?.ParentUnitId is { } parent && groups.Any(g => g.Id == parent))
                {
                    var on = until.AddDays(-rng.Next(10, 120));
                    db.RegisterRiskEvents.Add(Step("escalated", on, "Rated very high at the monthly review: beyond the borough's means to treat.", $"borough {unit.Id}", $"business_group {parent}"));
                    risk.Level = "business_group";
                    risk.UnitId = parent;
                    if (!escalatedToCorporate)
                    {
                        escalatedToCorporate = true;
                        db.RegisterRiskEvents.Add(Step("escalated", on.AddDays(7), "Seen across several boroughs: a risk to the force's reputation.", $"business_group {parent}", "corporate"));
                        risk.Level = "corporate";
                        risk.UnitId = null;
                    }
                }
                db.RegisterRisks.Add(risk);
            }
        audit.Change("demo", "learning_and_risk_registers", $"{items} recommendations, {risks} risks with {events} history entries");
        await db.SaveChangesAsync(ct);
    }

    private static readonly (string Audience, string Topics)[] Deliveries =
    [
        ("Response team sergeants and inspectors", "Incivility on calls and at the front counter; how complaints are handled locally"),
        ("Custody sergeants and detention officers", "Property handling and receipts; rousing and care of detainees"),
        ("Safer neighbourhood teams", "Stop and search: grounds, recording and explaining the search"),
        ("New probationer constables", "Standards of professional behaviour; declarable associations and business interests"),
        ("Borough senior leadership team", "The borough's complaint trends and officers attracting complaints; supervision"),
        ("Traffic and roads policing unit", "Traffic stops: courtesy, explanation and use of discretion"),
    ];

    private static readonly (string Incident, string Description)[] Incidents =
    [
        ("Death following police contact at a housing estate", "A man died in hospital after restraint by officers answering a disturbance call; the family and community questioned the force's account."),
        ("Shooting of a teenager by an unknown gunman after a missed warning", "Intelligence that a threat to life was reported days before was not acted on; community tension high."),
        ("Disorder after a stop and search filmed on social media", "A video of a search of two young men was shared widely; a protest outside the borough's station turned to disorder."),
        ("Missing child found dead after delayed search", "Reports that the first call was graded wrongly; the family and a community group asked for an independent review."),
    ];

    /// <summary>
    /// The Professional Standards Support Programme's deliveries over the year (two to four per borough, on the topics its
    /// complaints raise), and four gold groups for critical incidents: three stood down, one sitting, each with staff and
    /// community members, decisions with their rationale, actions in every state and the minutes of its meetings.
    /// </summary>
    public static async Task LoadSupportAndGoldGroupsAsync(ProbityDb db, Audit audit, DateOnly until, int seed, CancellationToken ct)
    {
        var rng = new Random(seed ^ 0x5EED);
        var boroughs = await db.Units.AsNoTracking().Where(u => u.Kind == "borough").OrderBy(u => u.Id).ToListAsync(ct);
        if (boroughs.Count == 0) return;
        DateTimeOffset At(DateOnly d, int hour) => new(d.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
        var deliveries = 0;
        foreach (var b in boroughs)
            for (var i = 0; i < 2 + rng.Next(3); i++)
            {
                var on = until.AddDays(-rng.Next(10, 360));
                var (audience, topics) = Deliveries[rng.Next(Deliveries.Length)];
                db.SupportDeliveries.Add(new SupportDelivery
                {
                    Id = $"SD-{++deliveries:D5}", UnitId = b.Id, DeliveredOn = on, Audience = audience, Topics = topics, RecordedBy = "senior", RecordedAt = At(on, 16),
                    Notes = rng.NextDouble() < 0.4 ? "Good attendance; the borough's professional standards champion will follow up with the teams who missed it." : null,
                });
            }

        var officers = await db.Staff.AsNoTracking().Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Select(s => new { s.Id, s.UnitId }).Take(5000).ToListAsync(ct);
        if (officers.Count < 10) { audit.Change("demo", "support_programme", $"{deliveries} deliveries"); await db.SaveChangesAsync(ct); return; }
        string Officer() => officers[rng.Next(officers.Count)].Id;
        var ids = (Members: 0, Decisions: 0, Actions: 0, Meetings: 0);
        for (var g = 0; g < Incidents.Length; g++)
        {
            var (incident, description) = Incidents[g];
            var borough = boroughs[rng.Next(boroughs.Count)];
            var declared = until.AddDays(-(330 - 90 * g) - rng.Next(20));
            var sitting = g == Incidents.Length - 1;
            var id = $"GG-{g + 1:D5}";
            var chair = Officer();
            db.GoldGroups.Add(new GoldGroup
            {
                Id = id, Incident = $"{incident}, {borough.Name}", Description = description, TriggeredOn = declared, ChairStaffId = chair, RecordedBy = "senior",
                RecordedAt = At(declared, 20), ClosedOn = sitting ? null : declared.AddDays(40 + rng.Next(30)),
                ClosingNote = sitting ? null : "Community tension assessed as low for four weeks; remaining actions passed to the borough.",
            });
            var lastDay = sitting ? until : declared.AddDays(40);
            foreach (var role in new[] { "Directorate of Professional Standards", "Borough commander's representative", "Family liaison coordinator" })
                db.GoldGroupMembers.Add(new GoldGroupMember { Id = $"GM-{++ids.Members:D5}", GroupId = id, StaffId = Officer(), Role = role, JoinedOn = declared, RecordedBy = "senior" });
            var outside = new List<string>();
            foreach (var (organisation, role) in new[] { ($"{borough.Name} Independent Advisory Group", "Community representative"), ($"{borough.Name} Community Safety Partnership", "Local authority representative") })
            {
                var name = $"{FirstNames[rng.Next(FirstNames.Length)]} {Surnames[rng.Next(Surnames.Length)]}";
                outside.Add(name);
                db.GoldGroupMembers.Add(new GoldGroupMember { Id = $"GM-{++ids.Members:D5}", GroupId = id, Name = name, Organisation = organisation, Role = role, JoinedOn = declared.AddDays(1), RecordedBy = "senior" });
            }
            (string Decision, string Rationale)[] decisions =
            [
                ("Refer the incident to the IPCC/IOPC today", "A mandatory referral: death or serious injury following police contact, or a complaint that could show serious failures."),
                ("Hold a community meeting within the week", $"The advisory group ({outside[0]}) advised that rumours were spreading faster than the facts."),
                ("Appoint a senior investigating officer from outside the borough", "The borough's officers are witnesses; independence must be seen."),
                ("Review the call grading and the first hour's decisions", "The family's main question; the answer should come before the inquest."),
            ];
            foreach (var (k, (decision, rationale)) in decisions.Take(2 + rng.Next(3)).Select((d, k) => (k, d)))
            {
                var on = declared.AddDays(k * 3);
                if (on > until) break;
                db.GoldGroupDecisions.Add(new GoldGroupDecision { Id = $"GD-{++ids.Decisions:D5}", GroupId = id, DecidedOn = on, DecidedByStaffId = chair, Decision = decision, Rationale = rationale, RecordedBy = "senior", RecordedAt = At(on, 18) });
            }
            string[] actions = ["Brief the family liaison officer before each meeting", "Publish a statement on the force's website", "Secure the CCTV and body-worn video", "Arrange reassurance patrols around the estate", "Report community tension daily to the group"];
            foreach (var (k, action) in actions.Take(3 + rng.Next(3)).Select((a, k) => (k, a)))
            {
                var due = declared.AddDays(2 + 5 * k);
                var state = sitting ? (due < until.AddDays(-5) ? "done" : "open") : (rng.NextDouble() < 0.85 ? "done" : "dropped");
                db.GoldGroupActions.Add(new GoldGroupAction
                {
                    Id = $"GA-{++ids.Actions:D5}", GroupId = id, Action = action, OwnerStaffId = Officer(), DueOn = due, State = state, RecordedBy = "senior",
                    StateNote = state == "dropped" ? "Overtaken by the IPCC's own arrangements." : null,
                });
            }
            for (var k = 0; declared.AddDays(1 + 7 * k) <= lastDay && k < 6; k++)
                db.GoldGroupMeetings.Add(new GoldGroupMeeting
                {
                    Id = $"GT-{++ids.Meetings:D5}", GroupId = id, HeldOn = declared.AddDays(1 + 7 * k), RecordedBy = "senior", RecordedAt = At(declared.AddDays(1 + 7 * k), 19),
                    Minutes = k == 0
                        ? $"Chair set the group's terms: to maintain community confidence while the incident is investigated. {outside[0]} described the mood on the estate as angry but calm.\nActions agreed as recorded."
                        : $"Tension assessment reviewed: {(k < 3 ? "medium" : "low")}. Progress on actions reported by their owners. {outside[1]} asked for the next community meeting to be held at the library.",
                });
        }
        audit.Change("demo", "support_programme_and_gold_groups", $"{deliveries} deliveries, {Incidents.Length} gold groups");
        await db.SaveChangesAsync(ct);
    }
}
