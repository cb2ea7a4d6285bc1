using Probity.Workforce.Contracts;
using Probity.Registers.Contracts;
using Probity.AuditTrail.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.Database;
using Probity.Kernel;

namespace Probity.AccessMonitoring.Alerts;

/// <summary>One alert with its evidence: the events behind it, the staff member's links to the people in them, and their other alerts.</summary>
internal sealed class ViewAlert(ProbityDb db, MisuseRuleSet rules, Audit audit, Cases.Contracts.CaseReferences references)
{
    internal sealed record OtherAlert(string Id, string Rule, double Score, DateTimeOffset FirstEventTime, string Status)
    {
        public string RuleTitle { get; init; } = Rule;
    }

    internal sealed record View(
        MisuseAlert Alert,
        string RuleTitle,
        StaffMember? Staff,
        string? UnitName,
        IReadOnlyList<AccessEvent> Evidence,
        IReadOnlyList<StaffAssociation> LinksToEvidence,
        IReadOnlyDictionary<string, string> PersonFlags,
        IReadOnlyList<OtherAlert> OtherAlerts)
    {
        /// <summary>The decided alert whose unseen accesses this one holds (ADR 0036); null when it follows up none.</summary>
        public OtherAlert? Follows { get; init; }

        /// <summary>The alert holding the accesses this one's decision did not see (ADR 0036); null when there is none.</summary>
        public OtherAlert? FollowedBy { get; init; }

        /// <summary>The subject or record the alert is about, for the who-accessed search; null for daily and system alerts.</summary>
        public (string Parameter, string Value)? LookUp => Alert.Rule switch
        {
            MisuseRuleIds.AssociatedPerson or MisuseRuleIds.SensitiveSubject => ("subject", Alert.Key),
            MisuseRuleIds.SensitivePrintExport => ("record", Alert.Key),
            _ => null,
        };
    }

    public async Task<View> HandleAsync(string id, CancellationToken ct)
    {
        var alert = await db.MisuseAlerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new RecordNotFoundException($"Alert {id}");
        var evidence = EvidenceJson.Read(alert.EvidenceJson);
        // The case it became, and the reasons its accesses quote, may name a case the reader may not see.
        var hidden = await references.HiddenAsync(evidence.SelectMany(e => new[] { e.ReasonRef, e.RecordId }).Append(alert.CaseId), ct);
        if (alert.CaseId is { } raisedAs && hidden.Contains(raisedAs)) alert.CaseId = Cases.Contracts.CaseReferences.Withheld;
        evidence = [.. evidence.Select(e => e with
        {
            ReasonRef = e.ReasonRef is { } r && hidden.Contains(r) ? Cases.Contracts.CaseReferences.Withheld : e.ReasonRef,
            RecordId = e.RecordId is { } rec && hidden.Contains(rec) ? Cases.Contracts.CaseReferences.Withheld : e.RecordId,
        })];
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == alert.StaffId, ct);
        var unit = staff?.UnitId is { } unitId ? await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        var people = evidence.Where(e => e.SubjectPersonId is not null).Select(e => e.SubjectPersonId!).Append(alert.Key).Distinct().ToList();
        var links = await db.Associations.AsNoTracking().Where(a => a.StaffId == alert.StaffId && people.Contains(a.PersonId)).OrderBy(a => a.PersonId).ToListAsync(ct);
        var flags = await db.Persons.AsNoTracking().Where(p => people.Contains(p.Id) && p.Flags != null && p.Flags != "").ToDictionaryAsync(p => p.Id, p => p.Flags!, ct);
        var others = await db.MisuseAlerts.AsNoTracking().Where(a => a.StaffId == alert.StaffId && a.Id != id)
            .OrderByDescending(a => a.FirstEventTime).Take(20)
            .Select(a => new OtherAlert(a.Id, a.Rule, a.Score, a.FirstEventTime, a.Status)).ToListAsync(ct);
        others = others.Select(o => o with { RuleTitle = RuleTitle(o.Rule) }).ToList();
        // Follow-ups are the same member of staff's and rule's: the one before is found among those, the one after by its id.
        var followUpId = DetectMisuse.FollowUpId(id);
        var chain = await db.MisuseAlerts.AsNoTracking().Where(a => a.StaffId == alert.StaffId && a.Rule == alert.Rule && a.Id != id)
            .Select(a => new OtherAlert(a.Id, a.Rule, a.Score, a.FirstEventTime, a.Status)).ToListAsync(ct);
        var follows = chain.FirstOrDefault(a => DetectMisuse.FollowUpId(a.Id) == id);
        var followedBy = chain.FirstOrDefault(a => a.Id == followUpId);
        await audit.RecordAsync("view", $"misuse_alert/{id}", $"{alert.Rule} staff={alert.StaffId} score={alert.Score:0.0} status={alert.Status}", ct);
        return new View(alert, RuleTitle(alert.Rule), staff, unit, evidence, links, flags, others) { Follows = follows, FollowedBy = followedBy };
    }

    public string RuleTitle(string rule) => rules.Rules.FirstOrDefault(r => r.Id == rule)?.Title ?? Kernel.Vocabulary.Describe(rule);
}
