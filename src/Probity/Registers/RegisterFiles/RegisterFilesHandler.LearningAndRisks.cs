using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure;
using Probity.Infrastructure.Time;
using Probity.Registers.Contracts;
using Probity.Registers.Learning;
using Probity.Registers.RiskRegisters;

namespace Probity.Registers.RegisterFiles;

// The organisational learning and risk registers in the interchange format (docs/registers-interchange.md): a folder of
// files each, read and written as the business interests and vetting files are. A case reference the reader may not
// open is exported withheld (and any text quoting it redacted), and an import never writes a row that names one, nor
// overwrites a row whose stored text quotes one.
internal sealed partial class RegisterFilesHandler
{
    public const string LearningFile = "register_learning.csv";
    public const string ProgressFile = "register_learning_progress.csv";
    public const string DisseminationFile = "register_learning_disseminations.csv";
    public const string RisksFile = "register_risks.csv";
    public const string RiskHistoryFile = "register_risk_history.csv";

    public static readonly string[] LearningColumns =
    [
        "recommendation_id", "source", "source_reference", "case_id", "recommendation", "theme", "owner_unit_id", "action", "made_on", "due_on",
        "closed_on", "closure_evidence", "closed_by", "recorded_by", "recorded_at",
    ];
    public static readonly string[] ProgressColumns = ["note_id", "recommendation_id", "note", "written_by", "written_at"];
    public static readonly string[] DisseminationColumns = ["dissemination_id", "recommendation_id", "unit_id", "disseminated_on", "how", "recorded_by"];
    public static readonly string[] RiskColumns =
    [
        "risk_id", "level", "unit_id", "title", "owner", "cause", "effect", "likelihood", "impact", "controls", "actions", "review_on", "closed_on", "recorded_by", "recorded_at",
    ];
    public static readonly string[] RiskHistoryColumns = ["event_id", "risk_id", "kind", "on", "by", "likelihood", "impact", "from", "to", "note"];
    private static readonly string[] RiskEventKinds = ["raised", "review", "escalated", "closed"];

    public async Task<IReadOnlyDictionary<string, int>> ExportLearningAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var items = await db.LearningRecommendations.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        var notes = await db.LearningProgressNotes.AsNoTracking().OrderBy(n => n.Id).ToListAsync(ct);
        var passed = await db.LearningDisseminations.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        var texts = items.SelectMany(r => new[] { r.SourceReference, r.Recommendation, r.Action, r.ClosureEvidence }).Concat(notes.Select(n => n.Note)).Concat(passed.Select(p => p.How));
        var hidden = await references.HiddenAsync([.. items.Select(r => r.CaseId), .. texts.SelectMany(CaseReferences.Words)], ct);
        await audit.RecordAsync("export", "learning_register", $"{items.Count} recommendations, {notes.Count} progress notes, {passed.Count} disseminations", ct);
        string? R(string? text) => CaseReferences.Redact(text, hidden);
        folder.Create();
        await WriteAsync(folder, LearningFile, LearningColumns, items.Select(r => new[]
        {
            r.Id, r.Source, R(r.SourceReference), r.CaseId is null ? null : hidden.Contains(r.CaseId) ? CaseReferences.Withheld : r.CaseId, R(r.Recommendation), r.Theme, r.OwnerUnitId,
            R(r.Action), D(r.MadeOn), D(r.DueOn), D(r.ClosedOn), R(r.ClosureEvidence), r.ClosedBy, r.RecordedBy, T(r.RecordedAt),
        }), ct);
        await WriteAsync(folder, ProgressFile, ProgressColumns, notes.Select(n => new[] { n.Id, n.RecommendationId, R(n.Note), n.WrittenBy, T(n.WrittenAt) }), ct);
        await WriteAsync(folder, DisseminationFile, DisseminationColumns, passed.Select(p => new[] { p.Id, p.RecommendationId, p.UnitId, D(p.DisseminatedOn), R(p.How), p.RecordedBy }), ct);
        return new Dictionary<string, int>(StringComparer.Ordinal) { [LearningFile] = items.Count, [ProgressFile] = notes.Count, [DisseminationFile] = passed.Count };
    }

    public async Task<IReadOnlyDictionary<string, int>> ExportRisksAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var risks = await db.RegisterRisks.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        var events = await db.RegisterRiskEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        var texts = risks.SelectMany(r => new[] { r.Title, r.Owner, r.Cause, r.Effect, r.Controls, r.Actions }).Concat(events.Select(e => e.Note));
        var hidden = await references.HiddenAsync(texts.SelectMany(CaseReferences.Words), ct);
        await audit.RecordAsync("export", "risk_register", $"{risks.Count} risks, {events.Count} history entries", ct);
        string? R(string? text) => CaseReferences.Redact(text, hidden);
        folder.Create();
        await WriteAsync(folder, RisksFile, RiskColumns, risks.Select(r => new[]
        {
            r.Id, r.Level, r.UnitId, R(r.Title), R(r.Owner), R(r.Cause), R(r.Effect), N(r.Likelihood), N(r.Impact), R(r.Controls), R(r.Actions), D(r.ReviewOn), D(r.ClosedOn), r.RecordedBy, T(r.RecordedAt),
        }), ct);
        await WriteAsync(folder, RiskHistoryFile, RiskHistoryColumns, events.Select(e => new[] { e.Id, e.RiskId, e.Kind, D(e.On), e.By, N(e.Likelihood), N(e.Impact), e.From, e.To, R(e.Note) }), ct);
        return new Dictionary<string, int>(StringComparer.Ordinal) { [RisksFile] = risks.Count, [RiskHistoryFile] = events.Count };
    }

    public async Task<(IReadOnlyDictionary<string, int> Rows, IReadOnlyList<FileIssue> Issues)> ImportLearningAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var issues = new List<FileIssue>();
        var units = (await db.Units.AsNoTracking().Select(u => u.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var items = new List<LearningRecommendation>();
        var notes = new List<LearningProgressNote>();
        var passed = new List<LearningDissemination>();
        var quoted = new List<(string CaseId, Row Row)>();
        using (var reader = OpenIn(folder, LearningFile))
            if (reader is not null)
                foreach (var r in Read(reader, LearningFile, LearningColumns, issues))
                {
                    var item = new LearningRecommendation
                    {
                        Id = r.Text("recommendation_id", ColumnWidth.Id, required: true)!, Source = r.Code("source", [.. LearningVocabulary.Sources.Keys], required: true)!,
                        SourceReference = r.Text("source_reference", 200), CaseId = r.Text("case_id", ColumnWidth.Id), Recommendation = r.Text("recommendation", 4000, required: true)!,
                        Theme = r.Code("theme", [.. LearningVocabulary.Themes.Keys], required: true)!, OwnerUnitId = UnitOf(r, "owner_unit_id", units, required: true)!,
                        Action = r.Text("action", 4000, required: true)!, MadeOn = Covered(r, "made_on", required: true) ?? default, DueOn = Covered(r, "due_on", required: true) ?? default,
                        ClosedOn = Covered(r, "closed_on"), ClosureEvidence = r.Text("closure_evidence", 4000), ClosedBy = r.Text("closed_by", 256),
                        RecordedBy = r.Text("recorded_by", 256, required: true)!, RecordedAt = r.Time("recorded_at") ?? time.GetUtcNow(),
                    };
                    if (item.ClosedOn is not null && item.ClosureEvidence is null) r.Issue("closure_evidence", "a closed recommendation needs its evidence of closure");
                    if (item.DueOn != default && item.MadeOn != default && item.DueOn < item.MadeOn) r.Issue("due_on", "before the day it was made");
                    if (item.CaseId is not null) quoted.Add((item.CaseId, r));
                    items.Add(item);
                }
        var known = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        using (var reader = OpenIn(folder, ProgressFile))
            if (reader is not null)
                foreach (var r in Read(reader, ProgressFile, ProgressColumns, issues))
                    notes.Add(new LearningProgressNote
                    {
                        Id = r.Text("note_id", ColumnWidth.Id, required: true)!, RecommendationId = r.Text("recommendation_id", ColumnWidth.Id, required: true)!,
                        Note = r.Text("note", 4000, required: true)!, WrittenBy = r.Text("written_by", 256, required: true)!, WrittenAt = r.Time("written_at") ?? time.GetUtcNow(),
                    });
        using (var reader = OpenIn(folder, DisseminationFile))
            if (reader is not null)
                foreach (var r in Read(reader, DisseminationFile, DisseminationColumns, issues))
                    passed.Add(new LearningDissemination
                    {
                        Id = r.Text("dissemination_id", ColumnWidth.Id, required: true)!, RecommendationId = r.Text("recommendation_id", ColumnWidth.Id, required: true)!,
                        UnitId = UnitOf(r, "unit_id", units, required: true)!, DisseminatedOn = Covered(r, "disseminated_on", required: true) ?? default,
                        How = r.Text("how", 1000), RecordedBy = r.Text("recorded_by", 256, required: true)!,
                    });
        if (items.Count + notes.Count + passed.Count == 0 && issues.Count == 0)
            issues.Add(new FileIssue(folder.FullName, 0, null, $"none of {LearningFile}, {ProgressFile} or {DisseminationFile} is in the folder"));
        Duplicates(items.Select(i => i.Id), LearningFile, issues);
        Duplicates(notes.Select(n => n.Id), ProgressFile, issues);
        Duplicates(passed.Select(p => p.Id), DisseminationFile, issues);
        // A case the importer may not open is refused in the words a missing one gets (the file cannot probe for cases).
        var openable = await OpenableCasesAsync(quoted.Select(q => q.CaseId), ct);
        foreach (var (caseId, row) in quoted.Where(q => !openable.Contains(q.CaseId)))
            row.Issue("case_id", $"no case you may open has the reference '{caseId}'");
        var ids = items.Select(i => i.Id).ToList();
        var existing = await db.LearningRecommendations.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
        var parents = notes.Select(n => n.RecommendationId).Concat(passed.Select(p => p.RecommendationId)).Where(id => !known.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        known.UnionWith(await db.LearningRecommendations.AsNoTracking().Where(r => parents.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct));
        foreach (var (file, id) in notes.Select(n => (ProgressFile, n.RecommendationId)).Concat(passed.Select(p => (DisseminationFile, p.RecommendationId))).Where(x => x.Item2.Length > 0 && !known.Contains(x.Item2)).Distinct().Take(20))
            issues.Add(new FileIssue(file, 0, "recommendation_id", $"no recommendation '{id}' in {LearningFile} or the register"));
        if (issues.Count > 0) return (new Dictionary<string, int>(), issues);
        var stored = existing.Values.SelectMany(r => new[] { r.CaseId, r.SourceReference, r.Recommendation, r.Action, r.ClosureEvidence }).ToList();
        if ((await references.HiddenAsync([.. stored, .. stored.SelectMany(CaseReferences.Words)], ct)).Count > 0)
            return (new Dictionary<string, int>(), [new FileIssue(LearningFile, 0, "recommendation_id", "one or more recommendations in the file quote cases you may not open, so you may not change them. Nothing was written.")]);

        foreach (var item in items)
            if (existing.TryGetValue(item.Id, out var e)) { db.Entry(e).CurrentValues.SetValues(item); e.Version = Guid.NewGuid(); }
            else db.LearningRecommendations.Add(item);
        await UpsertAsync(db.LearningProgressNotes, notes, n => n.Id, ct);
        await UpsertAsync(db.LearningDisseminations, passed, p => p.Id, ct);
        audit.Change("import", "learning_register", $"{items.Count} recommendations ({items.Count - existing.Count} new), {notes.Count} progress notes, {passed.Count} disseminations");
        await db.SaveChangesAsync(ct);
        return (new Dictionary<string, int>(StringComparer.Ordinal) { [LearningFile] = items.Count, [ProgressFile] = notes.Count, [DisseminationFile] = passed.Count }, []);
    }

    public async Task<(IReadOnlyDictionary<string, int> Rows, IReadOnlyList<FileIssue> Issues)> ImportRisksAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var issues = new List<FileIssue>();
        var unitKinds = (await db.Units.AsNoTracking().Select(u => new { u.Id, u.Kind }).ToListAsync(ct)).ToDictionary(u => u.Id, u => u.Kind, StringComparer.Ordinal);
        var risks = new List<RegisterRisk>();
        var events = new List<RegisterRiskEvent>();
        using (var reader = OpenIn(folder, RisksFile))
            if (reader is not null)
                foreach (var r in Read(reader, RisksFile, RiskColumns, issues))
                {
                    var level = r.Code("level", [.. RiskScale.Levels.Keys], required: true)!;
                    var unit = r.Text("unit_id", ColumnWidth.Id);
                    if (level == "corporate" && unit is not null) r.Issue("unit_id", "the corporate register belongs to no unit: leave it empty");
                    else if (level is "business_group" or "borough")
                    {
                        if (unit is null) r.Issue("unit_id", $"a {level} risk needs its {level}'s unit id");
                        else if (!unitKinds.TryGetValue(unit, out var kind)) r.Issue("unit_id", $"no unit has the id '{unit}'");
                        else if (kind != level) r.Issue("unit_id", $"'{unit}' is a {kind}, not a {level}");
                    }
                    risks.Add(new RegisterRisk
                    {
                        Id = r.Text("risk_id", ColumnWidth.Id, required: true)!, Level = level, UnitId = unit, Title = r.Text("title", 300, required: true)!,
                        Owner = r.Text("owner", 200, required: true)!, Cause = r.Text("cause", 4000, required: true)!, Effect = r.Text("effect", 4000, required: true)!,
                        Likelihood = Score(r, "likelihood"), Impact = Score(r, "impact"), Controls = r.Text("controls", 4000), Actions = r.Text("actions", 4000),
                        ReviewOn = Covered(r, "review_on", required: true) ?? default, ClosedOn = Covered(r, "closed_on"),
                        RecordedBy = r.Text("recorded_by", 256, required: true)!, RecordedAt = r.Time("recorded_at") ?? time.GetUtcNow(),
                    });
                }
        using (var reader = OpenIn(folder, RiskHistoryFile))
            if (reader is not null)
                foreach (var r in Read(reader, RiskHistoryFile, RiskHistoryColumns, issues))
                    events.Add(new RegisterRiskEvent
                    {
                        Id = r.Text("event_id", ColumnWidth.Id, required: true)!, RiskId = r.Text("risk_id", ColumnWidth.Id, required: true)!,
                        Kind = r.Code("kind", RiskEventKinds, required: true)!, On = Covered(r, "on", required: true) ?? default, By = r.Text("by", 256, required: true)!,
                        Likelihood = Score(r, "likelihood"), Impact = Score(r, "impact"), From = r.Text("from", 100), To = r.Text("to", 100), Note = r.Text("note", 4000),
                    });
        if (risks.Count + events.Count == 0 && issues.Count == 0)
            issues.Add(new FileIssue(folder.FullName, 0, null, $"neither {RisksFile} nor {RiskHistoryFile} is in the folder"));
        Duplicates(risks.Select(r => r.Id), RisksFile, issues);
        Duplicates(events.Select(e => e.Id), RiskHistoryFile, issues);
        var known = risks.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var parents = events.Select(e => e.RiskId).Where(id => !known.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        known.UnionWith(await db.RegisterRisks.AsNoTracking().Where(r => parents.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct));
        foreach (var id in events.Select(e => e.RiskId).Where(id => id.Length > 0 && !known.Contains(id)).Distinct(StringComparer.Ordinal).Take(20))
            issues.Add(new FileIssue(RiskHistoryFile, 0, "risk_id", $"no risk '{id}' in {RisksFile} or the register"));
        if (issues.Count > 0) return (new Dictionary<string, int>(), issues);
        var ids = risks.Select(r => r.Id).ToList();
        var existing = await db.RegisterRisks.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
        var stored = existing.Values.SelectMany(r => new[] { r.Title, r.Cause, r.Effect, r.Controls, r.Actions }).SelectMany(CaseReferences.Words);
        if ((await references.HiddenAsync(stored, ct)).Count > 0)
            return (new Dictionary<string, int>(), [new FileIssue(RisksFile, 0, "risk_id", "one or more risks in the file quote cases you may not open, so you may not change them. Nothing was written.")]);
        foreach (var risk in risks)
            if (existing.TryGetValue(risk.Id, out var e)) { db.Entry(e).CurrentValues.SetValues(risk); e.Version = Guid.NewGuid(); }
            else db.RegisterRisks.Add(risk);
        await UpsertAsync(db.RegisterRiskEvents, events, e => e.Id, ct);
        audit.Change("import", "risk_register", $"{risks.Count} risks ({risks.Count - existing.Count} new), {events.Count} history entries");
        await db.SaveChangesAsync(ct);
        return (new Dictionary<string, int>(StringComparer.Ordinal) { [RisksFile] = risks.Count, [RiskHistoryFile] = events.Count }, []);
    }

    private async Task<HashSet<string>> OpenableCasesAsync(IEnumerable<string> ids, CancellationToken ct)
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(1000))
            open.UnionWith(await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct));
        return open;
    }

    private static async Task UpsertAsync<T>(DbSet<T> set, List<T> rows, Func<T, string> key, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var ids = rows.Select(key).ToHashSet(StringComparer.Ordinal);
        var existing = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(1000))
            foreach (var e in await set.Where(x => chunk.Contains(EF.Property<string>(x, "Id"))).ToListAsync(ct))
                existing[key(e)] = e;
        foreach (var row in rows)
            if (existing.TryGetValue(key(row), out var e)) set.Entry(e).CurrentValues.SetValues(row);
            else set.Add(row);
    }

    private static string? UnitOf(Row r, string column, HashSet<string> units, bool required)
    {
        var id = r.Text(column, ColumnWidth.Id, required);
        if (!string.IsNullOrEmpty(id) && !units.Contains(id)) r.Issue(column, $"no unit has the id '{id}'");
        return id;
    }

    /// <summary>A date the working-day calendar covers (due dates are counted in working days), or the issue naming the column.</summary>
    private static DateOnly? Covered(Row r, string column, bool required = false)
    {
        var d = r.Date(column, required);
        if (d is { } day && WorkingDays.OutsideRange(day, column) is { } outside) { r.Issue(column, outside); return null; }
        return d;
    }

    private static int Score(Row r, string column)
    {
        var v = r.Text(column, 2, required: true);
        if (string.IsNullOrEmpty(v)) return 0;
        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 5) { r.Issue(column, $"'{v}' is not a score from 1 to 5"); return 0; }
        return n;
    }

    private static StreamReader? OpenIn(DirectoryInfo folder, string file)
    {
        var path = Path.Combine(folder.FullName, file);
        return File.Exists(path) ? new StreamReader(path, Csv.Utf8) : null;
    }

    private static async Task WriteAsync(DirectoryInfo folder, string file, string[] header, IEnumerable<string?[]> rows, CancellationToken ct)
    {
        var sb = new StringBuilder();
        Csv.Line(sb, header);
        foreach (var r in rows) Csv.Line(sb, r);
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, file), sb.ToString(), Csv.Utf8, ct);
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string T(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);
}
