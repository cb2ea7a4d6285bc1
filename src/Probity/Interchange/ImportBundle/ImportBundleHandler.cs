using Probity.AuditTrail.Contracts;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Probity.Infrastructure.Time;
using Probity.Database;
using Probity.Interchange.Contracts;

namespace Probity.Interchange.ImportBundle;

/// <summary>Where a long import has got to, for the CLI's progress line and the web page's progress bar.</summary>
internal sealed record ImportProgress(string Stage, string? File, long Done, long Total)
{
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);
}

internal sealed record ImportReport(
    bool Succeeded, IReadOnlyList<PifIssue> Errors, IReadOnlyList<PifIssue> Warnings,
    IReadOnlyDictionary<string, (int Rows, int? New)> Files, TimeSpan ReadTime, TimeSpan WriteTime);

/// <summary>
/// Imports a PIF-1 bundle all-or-nothing: everything is read and validated first (every error, with file, line,
/// column and reason); only a clean bundle is written, in one transaction, so a failure or a crash mid-write
/// leaves the store as it was. Rows are keyed by their id columns, so importing the same bundle again changes nothing.
/// </summary>
internal sealed class ImportBundleHandler(ProbityDb db, Audit audit, StoreChanges changes, TimeProvider time)
{
    public async Task<ImportReport> FromFolderAsync(string folder, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var read = Pif.PifReader.Read(folder, ReadProgress(progress), ct);
        return await WriteAsync(read, clock.Elapsed, $"folder {Path.GetFileName(Path.GetFullPath(folder))}", progress, ct);
    }

    public async Task<ImportReport> FromFilesAsync(IReadOnlyList<(string FileName, Func<Stream> Open)> files, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var read = Pif.PifReader.Read(files, ReadProgress(progress), ct);
        return await WriteAsync(read, clock.Elapsed, $"{files.Count} uploaded file(s)", progress, ct);
    }

    /// <summary>
    /// Imports another system's export through a mapping file (<see cref="Mapping.MappedImport"/>): the mapped bundle is
    /// written exactly as a PIF-1 bundle is (need-to-know, one transaction, timeline, audit). All-or-nothing unless
    /// <paramref name="lenient"/>: then the rows with problems stay in quarantine (in the report) and the rest is written.
    /// </summary>
    internal async Task<(ImportReport Import, Mapping.MappingReport Quality)> FromMappedFolderAsync(Mapping.MappingFile mapping, string folder, bool lenient,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        progress?.Report(new ImportProgress("Mapping", mapping.Name, 0, 1));
        var mapped = Mapping.MappedImport.Map(mapping, folder, lenient, ct);
        var quality = mapped.Report;
        var source = $"folder {Path.GetFileName(Path.GetFullPath(folder))} mapped by \"{mapping.Name}\"{(lenient ? " (lenient)" : "")}";
        if (!quality.FitToImport)
        {
            // Every problem, traced to the source file, line, column and value; nothing is written.
            var errors = quality.Fatal.Select(f => new PifIssue("", 0, null, f))
                .Concat(lenient ? [] : quality.Quarantine.Select(q => new PifIssue(q.File, q.Line, q.Column, (q.Value is null ? "" : $"{Pif.PifFormat.Quote(q.Value)}: ") + q.Reason)))
                .ToList();
            return (await WriteAsync(mapped.Bundle, errors, quality.Warnings, clock.Elapsed, source, progress, ct), quality);
        }
        var detail = quality.Quarantine.Count == 0 ? source : $"{source}, {quality.Quarantine.Count} cell(s) quarantined";
        return (await WriteAsync(mapped.Bundle, [], quality.Warnings, clock.Elapsed, detail, progress, ct), quality);
    }

    /// <summary>Writes an in-memory bundle (the demo force) through the same path as a file import.</summary>
    public Task<ImportReport> FromBundleAsync(PifBundle bundle, IProgress<ImportProgress>? progress, CancellationToken ct) =>
        WriteAsync(bundle, [], [], TimeSpan.Zero, "generated demo force", progress, ct);

    private static IProgress<Pif.PifProgress>? ReadProgress(IProgress<ImportProgress>? progress) =>
        progress is null ? null : new Progress<Pif.PifProgress>(p => progress.Report(new ImportProgress("Reading", p.File, p.BytesRead, p.TotalBytes ?? 0)));

    private Task<ImportReport> WriteAsync(Pif.PifReadResult read, TimeSpan readTime, string source, IProgress<ImportProgress>? progress, CancellationToken ct) =>
        WriteAsync(read.Bundle, read.Errors, read.Warnings, readTime, source, progress, ct);

    private async Task<ImportReport> WriteAsync(PifBundle b, IReadOnlyList<PifIssue> errors, IReadOnlyList<PifIssue> warnings, TimeSpan readTime,
        string source, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var files = new Dictionary<string, (int Rows, int? New)>(StringComparer.Ordinal);
        if (errors.Count > 0)
        {
            await audit.RecordAsync("import_rejected", "bundle", $"{source}: {errors.Count} error(s), nothing written", ct);
            return new ImportReport(false, errors, warnings, files, readTime, TimeSpan.Zero);
        }
        // Need-to-know holds for writes too: an import may only touch cases its importer may see. The refusal names no
        // case (that would confirm it exists); the trail keeps which, for the team that holds them.
        var hidden = await HiddenCasesTouchedAsync(b, ct);
        // A restricted case never sits with a borough (ADR 0026 addendum): neither a cases.csv row nor a units.csv row may
        // put one there. One the importer may not see gets the refusal above, which names no case, never this one.
        var (atBorough, hiddenAtBorough) = await RestrictedAtBoroughAsync(b, ct);
        hidden.UnionWith(hiddenAtBorough);
        if (hidden.Count > 0)
        {
            await audit.RecordAsync("import_refused", "bundle", $"{source}: touches {hidden.Count} case(s) the importer may not see: {string.Join(' ', hidden.Order(StringComparer.Ordinal).Take(50))}", ct);
            return new ImportReport(false, [new PifIssue("cases.csv", 0, null,
                "This bundle would change one or more cases your account may not see or change. Nothing was written. " +
                "Ask the team that holds them to import it, or remove those cases from the bundle.")], warnings, files, readTime, TimeSpan.Zero);
        }
        if (atBorough.Count > 0)
        {
            await audit.RecordAsync("import_rejected", "bundle", $"{source}: {atBorough.Count} error(s), nothing written: a restricted case at a borough", ct);
            return new ImportReport(false, atBorough, warnings, files, readTime, TimeSpan.Zero);
        }
        var caseChanges = await ImportedCaseChanges.FindAsync(db, b, ct);
        var clock = Stopwatch.StartNew();
        var total = (long)b.Units.Count + b.Staff.Count + b.Postings.Count + b.Cases.Count + b.Allegations.Count + b.Sanctions.Count
            + b.Appeals.Count + b.Complainants.Count + b.Population.Count + b.Exposure.Count + b.BusinessInterests.Count
            + b.Persons.Count + b.Associations.Count + b.Assignments.Count;
        long done = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The trail's lock before any row, as every other writer takes it (AuditAppender).
            await db.LockAuditTrailAsync(ct);
            // Parents before children, so foreign keys hold at every statement.
            await Write("units.csv", b.Units, u => u.Id);
            await Write("staff.csv", b.Staff, s => s.Id);
            await Write("postings.csv", b.Postings, null);
            await Write("cases.csv", b.Cases, c => c.Id);
            await Write("allegations.csv", b.Allegations, a => a.Id);
            await Write("sanctions.csv", b.Sanctions, null);
            await Write("appeals.csv", b.Appeals, a => a.Id);
            await Write("complainants.csv", b.Complainants, c => c.Id);
            await Write("population.csv", b.Population, null);
            await Write("exposure.csv", b.Exposure, null);
            await Write("business_interests.csv", b.BusinessInterests, i => i.Id);
            await Write("persons.csv", b.Persons, p => p.Id);
            await Write("associations.csv", b.Associations, null);
            await Write("assignments.csv", b.Assignments, a => a.RowKey);
            await RecordCaseChangesAsync(caseChanges, source, ct);
            audit.Change("import", "bundle", $"{source}: {string.Join(", ", files.Select(f => $"{f.Key} {f.Value.Rows} ({f.Value.New} new)"))}; {caseChanges.Count} existing case(s) changed");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        changes.Notify();
        progress?.Report(new ImportProgress("Done", null, total, total));
        return new ImportReport(true, errors, warnings, files, readTime, clock.Elapsed);

        async Task Write<T>(string file, List<T> rows, System.Linq.Expressions.Expression<Func<T, string>>? key) where T : class
        {
            if (rows.Count == 0) return;
            int? isNew = null; // files keyed by a natural key only are upserted, not counted
            if (key is not null)
            {
                // Count what is new, for the report; the upsert itself is what makes re-import idempotent.
                // Through need-to-know: every case the bundle touches was checked to be visible to the importer.
                var existing = new HashSet<string>(await db.Set<T>().AsNoTracking().Select(key).ToListAsync(ct), StringComparer.Ordinal);
                var keyOf = key.Compile();
                isNew = rows.Count(r => !existing.Contains(keyOf(r)));
            }
            var before = done;
            await new BulkUpsert<T>(db).WriteAsync(rows, n => progress?.Report(new ImportProgress("Writing", file, before + n, total)), ct);
            done += rows.Count;
            files[file] = (rows.Count, isNew);
        }
    }

    private async Task<HashSet<string>> HiddenCasesTouchedAsync(PifBundle b, CancellationToken ct)
    {
        if (db.Scope.SeesEverything) return [];
        var caseIds = new HashSet<string>(StringComparer.Ordinal);
        caseIds.UnionWith(b.Cases.Select(c => c.Id));
        caseIds.UnionWith(b.Allegations.Select(a => a.CaseId));
        caseIds.UnionWith(b.Sanctions.Select(s => s.CaseId));
        caseIds.UnionWith(b.Appeals.Select(a => a.CaseId));
        caseIds.UnionWith(b.Complainants.Select(c => c.CaseId));
        // A child row keyed by its own id could otherwise be moved out of a hidden case into a visible one.
        var owners = await NeedToKnowBypass.CasesOfChildrenAsync(db, [.. b.Allegations.Select(a => a.Id)], [.. b.Appeals.Select(a => a.Id)],
            [.. b.Complainants.Select(c => c.Id)], ct);
        caseIds.UnionWith(owners.Values);
        return await NeedToKnowBypass.HiddenCasesAsync(db, caseIds, ct);
    }

    /// <summary>
    /// The rows that would leave a restricted case (in the store, or restricted in an in-memory bundle) handled by a borough
    /// once the bundle is written (<see cref="Cases.Contracts.RestrictedCaseHandling"/>): a cases.csv row whose handling_unit_id
    /// is a borough, or a units.csv row that makes a unit holding restricted cases a borough, each named by file, line and
    /// column. The cases concerned that the importer may not see are returned apart, for the generic refusal.
    /// </summary>
    private async Task<(List<PifIssue> Errors, HashSet<string> Hidden)> RestrictedAtBoroughAsync(PifBundle b, CancellationToken ct)
    {
        var unitOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (id, unit) in await NeedToKnowBypass.RestrictedCasesAsync(db, ct)) unitOf[id] = unit;
        var rows = new Dictionary<string, Cases.Contracts.Case>(StringComparer.Ordinal);
        foreach (var c in b.Cases)
        {
            rows.TryAdd(c.Id, c);
            if (c.Restricted || unitOf.ContainsKey(c.Id)) unitOf[c.Id] = c.HandlingUnitId;
        }
        if (unitOf.Count == 0) return ([], []);
        var unitIds = unitOf.Values.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var stored = new Dictionary<string, (string Name, string Kind)>(StringComparer.Ordinal);
        foreach (var chunk in unitIds.Chunk(1000))
            foreach (var u in await db.Units.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync(ct))
                stored[u.Id] = (u.Name, u.Kind);
        var imported = new Dictionary<string, Workforce.Contracts.Unit>(StringComparer.Ordinal);
        foreach (var u in b.Units) imported.TryAdd(u.Id, u);
        (string Name, string Kind)? After(string unitId) =>
            imported.TryGetValue(unitId, out var u) ? (u.Name, u.Kind) : stored.TryGetValue(unitId, out var s) ? s : null;

        // Only what the bundle does: a row that places the case, or a row that makes its unit a borough (a restricted case
        // already at a borough in the store, which the bundle neither moves nor touches, is not this import's to refuse).
        bool MadeBorough(string unitId) => imported.ContainsKey(unitId)
            && !(stored.TryGetValue(unitId, out var before) && !Cases.Contracts.RestrictedCaseHandling.MayBeHandledBy(true, before.Kind));
        var atBorough = unitOf.Where(x => x.Value is { } u && After(u) is { } unit && !Cases.Contracts.RestrictedCaseHandling.MayBeHandledBy(true, unit.Kind)
                && (rows.ContainsKey(x.Key) || MadeBorough(u)))
            .Select(x => (Case: x.Key, Unit: x.Value!)).ToList();
        if (atBorough.Count == 0) return ([], []);
        var hidden = await NeedToKnowBypass.HiddenCasesAsync(db, [.. atBorough.Select(x => x.Case)], ct);
        var errors = new List<PifIssue>();
        var heldByNewBorough = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (caseId, unitId) in atBorough.Where(x => !hidden.Contains(x.Case)).OrderBy(x => b.CaseLines.LineOf(x.Case)).ThenBy(x => x.Case, StringComparer.Ordinal))
        {
            var unit = After(unitId)!.Value;
            if (rows.ContainsKey(caseId))
                errors.Add(new PifIssue(b.CaseLines.File, b.CaseLines.LineOf(caseId), "handling_unit_id",
                    Cases.Contracts.RestrictedCaseHandling.RefusalToGive(caseId, true, unit.Kind, unit.Name)!));
            else (heldByNewBorough.TryGetValue(unitId, out var held) ? held : heldByNewBorough[unitId] = []).Add(caseId);
        }
        foreach (var (unitId, held) in heldByNewBorough.OrderBy(x => b.UnitLines.LineOf(x.Key)))
        {
            var unit = imported[unitId];
            errors.Add(new PifIssue(b.UnitLines.File, b.UnitLines.LineOf(unitId), "kind", Cases.Contracts.RestrictedCaseHandling.RefusalToMakeBorough(unit.Name, unit.Kind, held)!));
        }
        return (errors, hidden);
    }

    /// <summary>Each existing case the import changed gets a timeline entry saying what changed, a new version and an audit entry.</summary>
    private async Task RecordCaseChangesAsync(Dictionary<string, List<string>> caseChanges, string source, CancellationToken ct)
    {
        if (caseChanges.Count == 0) return;
        var now = time.GetUtcNow();
        var today = time.Today();
        foreach (var (caseId, what) in caseChanges)
        {
            var detail = $"Changed by import ({source}): {string.Join("; ", what)}";
            if (detail.Length > 2000) detail = detail[..1999] + "…";
            db.CaseEvents.Add(new Cases.Contracts.CaseEvent { CaseId = caseId, Kind = "imported", OccurredOn = today, RecordedAt = now, Actor = db.Scope.Actor, Detail = detail });
            audit.Change("update", "case:" + caseId, detail);
        }
        foreach (var chunk in caseChanges.Keys.Chunk(1000))
        {
            var version = Guid.NewGuid();
            await db.Cases.Where(c => chunk.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, version), ct);
        }
    }
}
