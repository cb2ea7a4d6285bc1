using Microsoft.EntityFrameworkCore;

namespace Probity.Database;

/// <summary>
/// The only reads of case data that step round need-to-know (EF Core's IgnoreQueryFilters, which removes every filter
/// from the whole query it appears in). Each answers a question about identifiers, never returns case content, and
/// is here because the question cannot be answered honestly through the filter: a new id must not collide with a
/// case the reader cannot see, and an import must refuse to touch one. The architecture tests fail if
/// IgnoreQueryFilters appears anywhere else.
/// </summary>
// The one file allowed to call IgnoreQueryFilters (banned everywhere else in BannedSymbols.txt; SafetyBypassTests).
#pragma warning disable RS0030
internal static class NeedToKnowBypass
{
    private const int Chunk = 1000;

    /// <summary>Whether a case id is taken, by any case, visible or not.</summary>
    public static Task<bool> CaseIdTakenAsync(ProbityDb db, string id, CancellationToken ct) =>
        db.Cases.IgnoreQueryFilters().AsNoTracking().AnyAsync(c => c.Id == id, ct);

    /// <summary>The highest case id with a prefix, over every case (the next id in a series).</summary>
    public static Task<string?> LastCaseIdAsync(ProbityDb db, string prefix, CancellationToken ct) =>
        db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id.StartsWith(prefix)).OrderByDescending(c => c.Id)
            .Select(c => c.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Of these business interest ids, how many exist (the reader's own entries are hidden from them): a register import
    /// must refuse them rather than collide with a row it cannot see (Registers).
    /// </summary>
    public static Task<int> InterestIdsTakenAsync(ProbityDb db, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(0) : db.BusinessInterests.IgnoreQueryFilters().AsNoTracking().CountAsync(b => ids.Contains(b.Id), ct);

    /// <summary>Of these vetting post ids, how many exist (a post the reader holds is hidden from them), for the same reason.</summary>
    public static Task<int> PostIdsTakenAsync(ProbityDb db, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(0) : db.VettingPosts.IgnoreQueryFilters().AsNoTracking().CountAsync(p => ids.Contains(p.Id), ct);

    /// <summary>Of <paramref name="caseIds"/>, those that exist but the reader may not see.</summary>
    public static async Task<HashSet<string>> HiddenCasesAsync(ProbityDb db, IReadOnlyCollection<string> caseIds, CancellationToken ct)
    {
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        if (db.Scope.SeesEverything) return hidden;
        foreach (var chunk in caseIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var existing = await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            var visible = (await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            hidden.UnionWith(existing.Where(id => !visible.Contains(id)));
        }
        return hidden;
    }

    /// <summary>
    /// Every restricted case's id and handling unit, whoever may see it: an import must not put one at a borough, by moving
    /// the case or by making its unit a borough (ADR 0026 addendum); it asks <see cref="HiddenCasesAsync"/> before it says which.
    /// </summary>
    public static async Task<List<(string Id, string? HandlingUnitId)>> RestrictedCasesAsync(ProbityDb db, CancellationToken ct) =>
        [.. (await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.Restricted).Select(c => new { c.Id, c.HandlingUnitId }).ToListAsync(ct))
            .Select(c => (c.Id, c.HandlingUnitId))];

    /// <summary>
    /// Whether another document still on any case (a case the asker may not see included) holds the content
    /// <paramref name="sha256"/>: content is stored once, so a removal erases it only when nothing else needs it. Yes or
    /// no only; the answer changes nothing the asker is told.
    /// </summary>
    public static Task<bool> ContentStillHeldAsync(ProbityDb db, string sha256, long exceptDocumentId, CancellationToken ct) =>
        db.CaseDocuments.IgnoreQueryFilters().AsNoTracking().AnyAsync(d => d.Sha256 == sha256 && d.Id != exceptDocumentId && d.RemovedAt == null, ct);

    /// <summary>
    /// How many cases a dip sample drew, whoever may see them: its check redraws the seed without the sampled cases
    /// restricted since (a count only, naming no case).
    /// </summary>
    public static Task<int> DipSampleSizeAsync(ProbityDb db, string sampleId, CancellationToken ct) =>
        db.DipSampleCases.IgnoreQueryFilters().CountAsync(d => d.SampleId == sampleId, ct);

    /// <summary>The case each existing allegation, appeal or complainant id belongs to, whoever may see it.</summary>
    public static async Task<Dictionary<string, string>> CasesOfChildrenAsync(ProbityDb db, IReadOnlyCollection<string> allegationIds,
        IReadOnlyCollection<string> appealIds, IReadOnlyCollection<string> complainantIds, CancellationToken ct)
    {
        var caseOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in allegationIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
            foreach (var a in await db.AllegationKeys.Where(a => chunk.Contains(a.Id)).Select(a => new { a.Id, a.CaseId }).ToListAsync(ct))
                caseOf["allegation:" + a.Id] = a.CaseId;
        foreach (var chunk in appealIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
            foreach (var a in await db.Appeals.IgnoreQueryFilters().AsNoTracking().Where(a => chunk.Contains(a.Id)).Select(a => new { a.Id, a.CaseId }).ToListAsync(ct))
                caseOf["appeal:" + a.Id] = a.CaseId;
        foreach (var chunk in complainantIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
            foreach (var c in await db.Complainants.IgnoreQueryFilters().AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.CaseId }).ToListAsync(ct))
                caseOf["complainant:" + c.Id] = c.CaseId;
        return caseOf;
    }
}
