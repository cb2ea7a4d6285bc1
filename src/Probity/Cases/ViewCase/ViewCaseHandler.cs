using Probity.Cases.Contracts;
using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Cases.ViewCase;

/// <summary>One case with everything a handler needs: parties, allegations, outcomes, appeals, timeline, age and due date.</summary>
internal sealed class ViewCaseHandler(ProbityDb db, CaseTargets targets, Audit audit, TimeProvider time, Probity.Identity.Contracts.DirectoratePeople directorate, CaseReferences references,
    MyCases.CaseloadSettings caseloads)
{
    /// <summary>A case related to this one (<see cref="RelateCases.RelateCasesHandler"/>), as the reader may see it.</summary>
    internal sealed record RelatedCase(long LinkId, string CaseId, string Relation, string Reason, string Status);

    internal sealed record TimelineEntry(DateOnly OccurredOn, string Kind, string Detail, string? Reason, string Actor, DateTimeOffset? RecordedAt);

    /// <param name="Clock">Null when the case's dates do not allow it to be worked out (see <see cref="DateWarnings"/>).</param>
    /// <param name="DateWarnings">Dates of the case outside the working-day calendar: to be corrected (CorrectIntakeHandler).</param>
    internal sealed record View(Case Case, Rulebook Rulebook, CaseClock? Clock, string Status,
        IReadOnlyDictionary<string, string> UnitNames, IReadOnlyDictionary<string, string> StaffNames,
        IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<string> Grants, IReadOnlyList<CaseDateWarning> DateWarnings,
        string? InvestigatingOfficerName = null, string? SupervisorName = null)
    {
        /// <summary>The documents on the case (statements, reports, letters sent), oldest first.</summary>
        public IReadOnlyList<CaseDocument> Documents { get; init; } = [];

        /// <summary>The cases linked to this one that the reader may also open.</summary>
        public IReadOnlyList<RelatedCase> Related { get; init; } = [];

        /// <summary>When the complainant is next due an update (<see cref="ContactLog.ComplainantUpdates"/>); null for a
        /// finalised case or one with no complainant.</summary>
        public DateOnly? ComplainantUpdateDue { get; init; }

        public bool ComplainantUpdateOverdue { get; init; }

        /// <summary>Severity assessments, oldest first (the latest for an officer is in force; ADR 0023).</summary>
        public IReadOnlyList<SeverityAssessment> Severities { get; init; } = [];

        /// <summary>Misconduct meetings and gross misconduct hearings, with their panels, by date.</summary>
        public IReadOnlyList<ConductHearing> Hearings { get; init; } = [];

        /// <summary>Reflective practice reviews (2020 regime), by start.</summary>
        public IReadOnlyList<ReflectivePracticeReview> ReflectiveReviews { get; init; } = [];

        /// <summary>The names people read for the sign-in names that acted on the case (timeline, assessments, documents).</summary>
        public IReadOnlyDictionary<string, string> PeopleNames { get; init; } = new Dictionary<string, string>();

        /// <summary>Who did something, as people read it: the account's name, not its sign-in name.</summary>
        public string Person(string? userName) => userName is null ? "—" : PeopleNames.TryGetValue(userName, out var name) ? name : userName;

        /// <summary>The severity in force for each subject officer who has been assessed.</summary>
        public IReadOnlyDictionary<string, SeverityAssessment> CurrentSeverity =>
            Severities.GroupBy(s => s.StaffId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.AssessedOn).ThenBy(s => s.Id).Last());
    }

    public Task<View> HandleAsync(string id, CancellationToken ct) => HandleAsync(id, "view", null, ct);

    /// <param name="action">How the read goes on the trail: <c>view</c>, or <c>refused</c> when the case is shown again
    /// with why an operation on it was refused (<paramref name="detail"/>: which operation and why). A case the reader
    /// cannot open is <c>not_found</c> whatever the action, with the same detail (the operation tried on it).</param>
    public async Task<View> HandleAsync(string id, string action, string? detail, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().AsSplitQuery()
            .Include(x => x.Allegations).Include(x => x.Sanctions).Include(x => x.Appeals).Include(x => x.Complainants).Include(x => x.Timeline).Include(x => x.Report).Include(x => x.Litigation!.Hearings)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            // Hidden and missing answer alike (404); trying references is itself worth knowing about, so it is on the trail.
            await audit.RecordAsync(Audit.NotFound, Audit.Reference("case", id), detail, ct);
            throw new RecordNotFoundException($"Case {id}");
        }
        // Read is recorded before anything is shown.
        await audit.RecordAsync(action, "case:" + id, detail, ct);
        var today = time.Today();
        var unitIds = new[] { c.HandlingUnitId, c.LocationUnitId }.Concat(c.Complainants.Select(p => p.HomeUnitId)).OfType<string>().Distinct().ToList();
        // Through the same need-to-know filter as the case (ProbityDb): read with it, after the case is on the trail.
        var severities = await db.SeverityAssessments.AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.AssessedOn).ThenBy(s => s.Id).ToListAsync(ct);
        var hearings = await db.ConductHearings.AsNoTracking().Where(h => h.CaseId == id).OrderBy(h => h.HeldOn).ThenBy(h => h.Id).ToListAsync(ct);
        var reviews = await db.ReflectivePracticeReviews.AsNoTracking().Where(r => r.CaseId == id).OrderBy(r => r.StartedOn).ThenBy(r => r.Id).ToListAsync(ct);
        var staffIds = c.Allegations.Select(a => a.StaffId).Concat(c.Sanctions.Select(s => s.StaffId))
            .Concat(hearings.SelectMany(h => h.Panel.Select(p => p.StaffId))).OfType<string>().Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var people = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).Select(s => new { s.Id, s.DisplayName, s.Rank }).ToListAsync(ct);
        var staff = people.ToDictionary(s => s.Id, s => $"{s.DisplayName}{(s.Rank is null ? "" : $" ({s.Rank})")}");
        var names = people.ToDictionary(s => s.Id, s => s.DisplayName);
        var grants = c.Restricted ? await db.CaseAccessGrants.AsNoTracking().Where(g => g.CaseId == id).Select(g => g.Principal).ToListAsync(ct) : [];
        // A timeline, the reason two cases were related, or a document's title, file name or removal reason may quote
        // another case: one the reader may not open is withheld (one question for all of them).
        var timeline = WithoutStepsAbout(BuildTimeline(c), db.Scope);
        var related = await RelatedAsync(id, ct);
        var stored = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == id).OrderBy(d => d.Id).ToListAsync(ct);
        var hidden = await references.HiddenAsync(timeline.SelectMany(e => CaseReferences.Words(e.Detail).Concat(CaseReferences.Words(e.Reason)))
            .Concat(related.SelectMany(r => CaseReferences.Words(r.Reason))).Where(w => w != c.Id && CaseReferences.MayBeCaseId(w))
            .Concat(stored.SelectMany(Documents.ShownDocuments.References)), ct);
        timeline = timeline.Select(e => e with { Detail = NameStaff(CaseReferences.Redact(e.Detail, hidden)!, names), Reason = CaseReferences.Redact(e.Reason, hidden) }).ToList();
        var documents = stored.Select(d => Documents.ShownDocuments.AsShown(d, hidden)).ToList();
        DateOnly? updateDue = c.FinalisedOn is not null || c.Complainants.Count == 0 ? null
            : ContactLog.ComplainantUpdates.NextDue(c.ReceivedOn, c.Timeline.Where(e => ContactLog.ComplainantUpdates.UpdateKinds.Contains(e.Kind)).Max(e => (DateOnly?)e.OccurredOn), caseloads.ComplainantUpdateDays);
        // Who acted, by name (the timeline, the assessments and the documents store sign-in names, as the audit trail does).
        var actors = timeline.Where(e => e.RecordedAt is not null).Select(e => e.Actor).Concat(severities.Select(s => s.AssessedBy))
            .Concat(documents.Select(d => d.AttachedBy)).Concat(documents.Select(d => d.RemovedBy)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var peopleNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var actor in actors) peopleNames[actor] = await directorate.NameOfAsync(actor);
        return new View(c, targets.RulebookCatalogue.For(c), CaseClock.Of(c, targets, today), CaseStatus.Of(c), units, staff, timeline, grants, CaseDates.Check(c),
            c.InvestigatingOfficer is null ? null : await directorate.NameOfAsync(c.InvestigatingOfficer), c.Supervisor is null ? null : await directorate.NameOfAsync(c.Supervisor))
        {
            Documents = documents,
            PeopleNames = peopleNames,
            Related = [.. related.Select(r => r with { Reason = CaseReferences.Redact(r.Reason, hidden)! })],
            ComplainantUpdateDue = updateDue,
            ComplainantUpdateOverdue = updateDue < today,
            Severities = severities,
            Hearings = hearings,
            ReflectiveReviews = reviews,
        };
    }

    private async Task<IReadOnlyList<RelatedCase>> RelatedAsync(string id, CancellationToken ct)
    {
        // Both ends through the need-to-know filter (ProbityDb's filter on CaseLink): a link to a case the reader may not
        // open is not there for them. One query, so a case restricted between two reads cannot leave a link without its case.
        var links = await (from l in db.CaseLinks.AsNoTracking()
                           where l.CaseId == id || l.RelatedCaseId == id
                           join other in db.Cases.AsNoTracking() on (l.CaseId == id ? l.RelatedCaseId : l.CaseId) equals other.Id
                           orderby l.Id
                           select new { l.Id, l.Relation, l.Reason, Other = other }).ToListAsync(ct);
        return [.. links.Select(l => new RelatedCase(l.Id, l.Other.Id, l.Relation, l.Reason, CaseStatus.Of(l.Other)))];
    }

    /// <summary>
    /// The recorded events, plus the milestones implied by the case's dates where nothing was recorded for them
    /// (cases imported from earlier systems carry dates but no event history).
    /// </summary>
    internal static IReadOnlyList<TimelineEntry> BuildTimeline(Case c)
    {
        var entries = c.Timeline.Select(e => new TimelineEntry(e.OccurredOn, e.Kind, e.Detail, e.Reason, e.Actor, e.RecordedAt)).ToList();
        void Implied(string kind, DateOnly? on, string detail)
        {
            if (on is { } d && entries.All(e => e.Kind != kind)) entries.Add(new TimelineEntry(d, kind, detail, null, "imported record", null));
        }
        Implied("received", c.ReceivedOn, $"{Vocabulary.Describe(c.CaseType)} received");
        Implied("recorded", c.RecordedOn, "Recorded");
        Implied("route_decided", c.RouteDecidedOn, $"Handling route decided: {Vocabulary.Describe(c.HandlingRoute)}");
        foreach (var a in c.Allegations.Where(a => a.FinalisedOn is not null && a.Finding is not null))
            if (entries.All(e => e.Kind != "finding" || !Mentions(e.Detail, a.Id)))
                entries.Add(new TimelineEntry(a.FinalisedOn!.Value, "finding", $"Allegation {a.Id}: {Vocabulary.Describe(a.Finding).ToLowerInvariant()}", null, "imported record", null));
        foreach (var ap in c.Appeals)
        {
            if (entries.All(e => !Mentions(e.Detail, ap.Id)))
            {
                entries.Add(new TimelineEntry(ap.LodgedOn, "appeal_lodged", $"{Vocabulary.Describe(ap.AppealType)} appeal {ap.Id} lodged", null, "imported record", null));
                if (ap.DecidedOn is { } d) entries.Add(new TimelineEntry(d, "appeal_decided", $"Appeal {ap.Id} {(ap.Upheld == true ? "upheld" : "not upheld")}", null, "imported record", null));
            }
        }
        Implied("finalised", c.FinalisedOn, "Case finalised");
        return entries.OrderBy(e => e.OccurredOn).ThenBy(e => e.RecordedAt ?? DateTimeOffset.MinValue).ToList();
    }

    /// <summary>The timeline kinds of the conduct side that are about one officer, named in the entry (ADR 0023).</summary>
    private static readonly HashSet<string> ConductSteps = new(StringComparer.Ordinal)
    {
        "severity_assessed", "severity_reassessed", "hearing_arranged", "hearing_outcome", "rprp_started", "rprp_reflection", "rprp_completed", "appeal_lodged", "appeal_decided",
    };

    /// <summary>
    /// A severity, hearing, review or tribunal appeal is never shown to the officer it is about, even where the case is
    /// (an allegation re-attributed after the hearing was arranged, ADR 0023): ProbityDb hides their rows, and this their
    /// steps on the timeline, which name the officer (and carry the rationale as their reason).
    /// </summary>
    internal static IReadOnlyList<TimelineEntry> WithoutStepsAbout(IReadOnlyList<TimelineEntry> timeline, CaseAccessScope reader) =>
        reader.SeesEverything || reader.OwnStaffId is not { } own ? timeline
            : [.. timeline.Where(e => !(ConductSteps.Contains(e.Kind) && Mentions(e.Detail, own)))];

    /// <summary>
    /// Timeline texts recorded with a staff id ("s026580: written warning") read with the person's name, the id beside it
    /// ("Jane Doe (s026580): written warning"). Only whole-word ids of the case's own subjects are replaced.
    /// </summary>
    internal static string NameStaff(string text, IReadOnlyDictionary<string, string> names)
    {
        foreach (var (id, name) in names)
        {
            if (!Mentions(text, id)) continue;
            var result = new System.Text.StringBuilder();
            var from = 0;
            for (var at = text.IndexOf(id, StringComparison.Ordinal); at >= 0; at = text.IndexOf(id, at + 1, StringComparison.Ordinal))
            {
                var end = at + id.Length;
                if ((at > 0 && char.IsLetterOrDigit(text[at - 1])) || (end < text.Length && char.IsLetterOrDigit(text[end])) || at < from) continue;
                result.Append(text, from, at - from).Append(name).Append(" (").Append(id).Append(')');
                from = end;
            }
            text = result.Append(text, from, text.Length - from).ToString();
        }
        return text;
    }

    /// <summary>Whether a timeline text names this id as a whole word ("…-A1" is not mentioned by "…-A10").</summary>
    internal static bool Mentions(string text, string id)
    {
        for (var at = text.IndexOf(id, StringComparison.Ordinal); at >= 0; at = text.IndexOf(id, at + 1, StringComparison.Ordinal))
        {
            var end = at + id.Length;
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after) return true;
        }
        return false;
    }
}
