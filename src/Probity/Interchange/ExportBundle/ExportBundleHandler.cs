using Probity.Cases.Contracts;
using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Interchange.Contracts;
using Probity.Kernel;

namespace Probity.Interchange.ExportBundle;

/// <summary>
/// Exports a selection back to PIF-1. With no filter it exports everything the reader may see (a full export
/// reproduces an imported bundle); with a case filter it exports those cases, their allegations, sanctions,
/// appeals and complainants, every unit, and the staff they name. Need-to-know applies: restricted cases the
/// reader cannot see are not exported. Every export is written to the audit trail with what it contained.
/// </summary>
internal sealed class ExportBundleHandler(ProbityDb db, ICaseSearch search, Audit audit, TimeProvider time, CaseReferences references)
{
    public async Task<PifBundle> HandleAsync(CaseFilter? filter, CancellationToken ct)
    {
        var b = new PifBundle();
        var everything = filter is null;
        // PIF-1 has no way to mark a case withdrawn as recorded in error, and whoever reads the bundle counts every case
        // in it, so such a case is never exported (ADR 0025): the full export too goes through the case list's filter,
        // which leaves it out, and asking for that status is refused rather than answered with an unmarked case.
        if (filter?.Status == CaseStatus.RecordedInError)
            throw new ActionRefusedException("Status: a case withdrawn as recorded in error is never exported (PIF-1 cannot mark it as withdrawn); choose another status.");
        var cases = search.Apply(db.Cases.AsNoTracking(), filter ?? new CaseFilter(), time.Today());

        b.Units.AddRange(await db.Units.AsNoTracking().ToListAsync(ct));
        b.Cases.AddRange(await cases.ToListAsync(ct));
        // Children only of the cases exported (in a full export too: not of a case left out as recorded in error).
        var ids = b.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        // Children are fetched whole and filtered in memory: an IN list of 70,000 ids is slower than reading the table.
        b.Allegations.AddRange(Keep(await db.Allegations.AsNoTracking().ToListAsync(ct), a => a.CaseId, ids));
        b.Sanctions.AddRange(Keep(await db.Sanctions.AsNoTracking().ToListAsync(ct), s => s.CaseId, ids));
        b.Appeals.AddRange(Keep(await db.Appeals.AsNoTracking().Where(a => a.HearingId == null).ToListAsync(ct), a => a.CaseId, ids));
        b.Complainants.AddRange(Keep(await db.Complainants.AsNoTracking().ToListAsync(ct), c => c.CaseId, ids));

        var staff = await db.Staff.AsNoTracking().ToListAsync(ct);
        if (everything)
        {
            b.Staff.AddRange(staff);
            b.Postings.AddRange(await db.Postings.AsNoTracking().ToListAsync(ct));
            b.Population.AddRange(await db.Population.AsNoTracking().ToListAsync(ct));
            b.Exposure.AddRange(await db.Exposure.AsNoTracking().ToListAsync(ct));
            b.BusinessInterests.AddRange(await db.BusinessInterests.AsNoTracking().ToListAsync(ct));
            b.Persons.AddRange(await db.Persons.AsNoTracking().ToListAsync(ct));
            b.Associations.AddRange(await db.Associations.AsNoTracking().ToListAsync(ct));
            // A tasking quoting a case the reader may not see would name it: such taskings stay out of the export.
            var assignments = await db.Assignments.AsNoTracking().ToListAsync(ct);
            var hidden = await references.HiddenAsync(assignments.SelectMany(a => new[] { a.ReasonRef, a.RecordId }), ct);
            b.Assignments.AddRange(assignments.Where(a => !(a.ReasonRef is { } r && hidden.Contains(r)) && !(a.RecordId is { } i && hidden.Contains(i))));
        }
        else
        {
            var named = b.Allegations.Select(a => a.StaffId).Concat(b.Sanctions.Select(s => s.StaffId)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            b.Staff.AddRange(staff.Where(s => named.Contains(s.Id)));
        }
        SortOrdinal(b);
        await audit.RecordAsync("export", "cases", $"{(everything ? "full export" : filter!.ToString())}: {b.Cases.Count} case(s), {b.Allegations.Count} allegation(s), {b.Staff.Count} staff", ct);
        return b;
    }

    /// <summary>Rows in key order, compared ordinally, whatever the database's collation: exports are stable and diffable.</summary>
    private static void SortOrdinal(PifBundle b)
    {
        static int C(string? x, string? y) => string.CompareOrdinal(x, y);
        b.Units.Sort((x, y) => C(x.Id, y.Id));
        b.Staff.Sort((x, y) => C(x.Id, y.Id));
        b.Cases.Sort((x, y) => C(x.Id, y.Id));
        b.Allegations.Sort((x, y) => C(x.Id, y.Id));
        b.Appeals.Sort((x, y) => C(x.Id, y.Id));
        b.Complainants.Sort((x, y) => C(x.Id, y.Id));
        b.BusinessInterests.Sort((x, y) => C(x.Id, y.Id));
        b.Persons.Sort((x, y) => C(x.Id, y.Id));
        b.Sanctions.Sort((x, y) => C(x.CaseId, y.CaseId) is var k and not 0 ? k : C(x.StaffId, y.StaffId) is var l and not 0 ? l : C(x.Outcome, y.Outcome));
        b.Postings.Sort((x, y) => C(x.StaffId, y.StaffId) is var k and not 0 ? k : C(x.UnitId, y.UnitId) is var l and not 0 ? l : x.FromDate.CompareTo(y.FromDate));
        b.Population.Sort((x, y) => C($"{x.UnitId}\u001f{x.Ethnicity}\u001f{x.Gender}\u001f{x.AgeBand}", $"{y.UnitId}\u001f{y.Ethnicity}\u001f{y.Gender}\u001f{y.AgeBand}"));
        b.Exposure.Sort((x, y) => C(x.StaffId, y.StaffId) is var k and not 0 ? k : C(x.Month, y.Month));
        b.Associations.Sort((x, y) => C($"{x.StaffId}\u001f{x.PersonId}\u001f{x.Relation}\u001f{x.FromDate:yyyy-MM-dd}", $"{y.StaffId}\u001f{y.PersonId}\u001f{y.Relation}\u001f{y.FromDate:yyyy-MM-dd}"));
        b.Assignments.Sort((x, y) => C(x.RowKey, y.RowKey));
    }

    private static IEnumerable<T> Keep<T>(List<T> rows, Func<T, string> caseId, HashSet<string>? ids) =>
        ids is null ? rows : rows.Where(r => ids.Contains(caseId(r)));
}
