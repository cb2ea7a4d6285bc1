using Probity.AuditTrail.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.AccessMonitoring.LinkAnalysis;
using Probity.Database;
using Probity.Kernel;
using Probity.Infrastructure.Time;

namespace Probity.AccessMonitoring.WhoAccessed;

/// <summary>
/// "Who looked at this person (or record), and should they have?": every access in a window, whether a tasking
/// covers it, and the links between those staff, the people they are associated with, and the subject.
/// </summary>
internal sealed class WhoAccessedHandler(ProbityDb db, IAccessEventStore store, Audit audit, TimeProvider time, Cases.Contracts.CaseReferences references)
{
    /// <summary>The most accesses fetched; a record looked at more often than this needs a narrower window.</summary>
    public const int Limit = 5_000;

    public const int DefaultDays = 30;

    internal sealed record Search(string? Subject, string? Record, DateOnly From, DateOnly To);

    internal sealed record Access(AccessEvent Event, string? CoveredBy);

    internal sealed record Accessor(string StaffId, string? Name, string? UnitName, int Accesses, int Uncovered, DateTimeOffset First, DateTimeOffset Last, AssociationFact? LinkToSubject);

    internal sealed record Result(Search Query, IReadOnlyList<Access> Accesses, bool Truncated, IReadOnlyList<Accessor> Staff, LinkGraph Graph, IReadOnlyList<AssociationFact> Associations);

    /// <summary>The 30 days up to the latest audit log held (today, when the feeds are current), so a first look finds something.</summary>
    public async Task<(DateOnly From, DateOnly To)> DefaultWindowAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var last = (await store.SummaryAsync(ct)).LastEvent;
        var to = DateOnly.FromDateTime(LondonTime.ToLocal(last is { } l && l < now ? l : now).DateTime);
        return (to.AddDays(-(DefaultDays - 1)), to);
    }

    public async Task<Result> HandleAsync(Search q, CancellationToken ct)
    {
        var subject = Blank(q.Subject);
        var record = Blank(q.Record);
        if ((subject is null) == (record is null)) throw new ActionRefusedException("Give a person id or a record id (one of them).");
        WorkingDays.RequireCovered(q.From, "the first day");
        WorkingDays.RequireCovered(q.To, "the last day");
        if (q.To < q.From) throw new ActionRefusedException($"The window is empty: {q.To:d MMM yyyy} is before {q.From:d MMM yyyy}.");
        if (q.To.DayNumber - q.From.DayNumber > 366) throw new ActionRefusedException("Look at a year or less at a time.");
        var events = await store.WhoAccessedAsync(new WhoAccessedQuery(subject, record, LondonTime.StartOfDay(q.From), LondonTime.StartOfDay(q.To.AddDays(1)), Limit + 1), ct);
        var truncated = events.Count > Limit;
        if (truncated) events = events.Take(Limit).ToList();

        var staffIds = events.Select(e => e.StaffId).Distinct().ToList();
        var from = LondonTime.StartOfDay(q.From);
        var to = LondonTime.StartOfDay(q.To.AddDays(1));
        var assignments = (await db.Assignments.AsNoTracking().Where(a => staffIds.Contains(a.StaffId)).ToListAsync(ct))
            .Where(a => (a.FromTime is null || a.FromTime < to) && (a.ToTime is null || a.ToTime >= from)).ToLookup(a => a.StaffId);
        var accesses = events.Select(e => new Access(e, CoveringAssignments.Find(assignments[e.StaffId], e) is { } a ? a.ReasonRef ?? a.RecordId ?? a.SubjectPersonId ?? "assignment" : null)).ToList();
        // Reasons and taskings quote case ids; one the reader may not see is withheld (coverage itself still counts).
        var hidden = await references.HiddenAsync(accesses.SelectMany(a => new[] { a.Event.ReasonRef, a.Event.RecordId, a.CoveredBy }), ct);
        if (hidden.Count > 0)
            accesses = accesses.Select(a => new Access(
                a.Event with
                {
                    ReasonRef = a.Event.ReasonRef is { } r && hidden.Contains(r) ? Cases.Contracts.CaseReferences.Withheld : a.Event.ReasonRef,
                    RecordId = a.Event.RecordId is { } rec && hidden.Contains(rec) ? Cases.Contracts.CaseReferences.Withheld : a.Event.RecordId,
                },
                a.CoveredBy is { } c && hidden.Contains(c) ? Cases.Contracts.CaseReferences.Withheld : a.CoveredBy)).ToList();

        // Links: the accessors' own associations, then (two hops) everyone else associated with those same people.
        var first = await db.Associations.AsNoTracking().Where(a => staffIds.Contains(a.StaffId)).ToListAsync(ct);
        var personIds = first.Select(a => a.PersonId).Distinct().ToList();
        var second = await db.Associations.AsNoTracking().Where(a => personIds.Contains(a.PersonId) && !staffIds.Contains(a.StaffId)).ToListAsync(ct);
        var associations = first.Concat(second).Select(a => new AssociationFact(a.StaffId, a.PersonId, a.Relation, a.Source)).ToList();
        var everyone = associations.Select(a => a.StaffId).Concat(staffIds).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => everyone.Contains(s.Id)).Select(s => new { s.Id, s.DisplayName, s.UnitId }).ToDictionaryAsync(s => s.Id, ct);
        var unitIds = staff.Values.Where(s => s.UnitId != null).Select(s => s.UnitId!).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        var subjects = subject is not null ? [subject] : events.Where(e => e.SubjectPersonId is not null).Select(e => e.SubjectPersonId!).Distinct().Order(StringComparer.Ordinal).ToList();
        var byStaff = associations.ToLookup(a => a.StaffId);
        var accessors = accesses.GroupBy(a => a.Event.StaffId).Select(g => new Accessor(
                g.Key, staff.GetValueOrDefault(g.Key)?.DisplayName, staff.GetValueOrDefault(g.Key)?.UnitId is { } u ? units.GetValueOrDefault(u) : null,
                g.Count(), g.Count(a => a.CoveredBy is null), g.Min(a => a.Event.Time), g.Max(a => a.Event.Time),
                byStaff[g.Key].Where(a => subjects.Contains(a.PersonId)).OrderBy(a => a.PersonId, StringComparer.Ordinal).FirstOrDefault()))
            .OrderByDescending(a => a.LinkToSubject is not null).ThenByDescending(a => a.Uncovered).ThenByDescending(a => a.Accesses).ThenBy(a => a.StaffId, StringComparer.Ordinal)
            .ToList();

        var graph = LinkGraph.Build(new LinkQuestion(subject ?? record!, subject is not null, subjects,
            accessors.Select(a => new AccessorFact(a.StaffId, a.Name ?? a.StaffId, a.Accesses, a.Uncovered, a.First, a.Last)).ToList(),
            associations, staff.ToDictionary(s => s.Key, s => s.Value.DisplayName)));

        await audit.RecordAsync("search", "access_events",
            $"who-accessed subject={subject} record={record} {q.From:yyyy-MM-dd}..{q.To:yyyy-MM-dd}: {accesses.Count} accesses by {accessors.Count} staff{(truncated ? " (truncated)" : "")}", ct);
        return new Result(q with { Subject = subject, Record = record }, accesses, truncated, accessors, graph, associations);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
