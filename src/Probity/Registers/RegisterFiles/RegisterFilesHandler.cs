using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure;
using Probity.Registers.Contracts;
using Probity.Registers.Interests;
using Probity.Registers.Vetting;

namespace Probity.Registers.RegisterFiles;

/// <summary>
/// The registers in the interchange format (CSV as PIF-1 writes it: UTF-8, a header row, CRLF, formula-neutralised
/// cells; docs/registers-interchange.md). An import checks every row first and writes nothing if any is wrong, naming
/// the file, line and column; then it writes all rows in one transaction, keyed by id (a re-import changes nothing).
/// Rows about the reader are neither exported nor accepted (need to know).
/// </summary>
internal sealed partial class RegisterFilesHandler(ProbityDb db, Audit audit, TimeProvider time, Cases.Contracts.CaseReferences references)
{
    public const string InterestsFile = "register_business_interests.csv";
    public const string PostsFile = "register_vetting_posts.csv";
    public const string ClearancesFile = "register_vetting_clearances.csv";
    public const string FamilyFile = "register_police_family.csv";

    public static readonly string[] InterestColumns =
    [
        "interest_id", "staff_id", "interest_type", "description", "applied_on", "decision", "decided_on", "review_on",
        "recorded_by", "entered_on_behalf", "decision_reasons", "conditions", "decided_by", "expires_on", "last_reviewed_on", "last_reviewed_by", "continued_after_refusal_on",
    ];
    public static readonly string[] PostColumns = ["post_id", "unit_id", "title", "required_level", "holder_staff_id"];
    public static readonly string[] ClearanceColumns = ["clearance_id", "staff_id", "level", "outcome", "decided_on", "expires_on", "note", "recorded_by", "recorded_at"];
    public static readonly string[] FamilyColumns = ["staff_id", "family_group", "organisation", "recorded_by", "recorded_at"];

    internal sealed record FileIssue(string File, int Line, string? Column, string Message)
    {
        public override string ToString() => $"{File}:{Line}{(Column is null ? "" : $" ({Column})")}: {Message}";
    }

    public async Task<int> ExportInterestsAsync(TextWriter w, CancellationToken ct)
    {
        var rows = await db.BusinessInterests.AsNoTracking().OrderBy(b => b.Id).ToListAsync(ct);
        await audit.RecordAsync("export", "business_interests_register", $"{rows.Count} interests", ct);
        var sb = new StringBuilder();
        Csv.Line(sb, InterestColumns);
        foreach (var b in rows)
            Csv.Line(sb, [b.Id, b.StaffId, b.InterestType, b.Description, D(b.AppliedOn), b.Decision, D(b.DecidedOn), D(b.ReviewOn), b.RecordedBy, b.EnteredOnBehalf ? "true" : "false",
                b.DecisionReasons, b.Conditions, b.DecidedBy, D(b.ExpiresOn), D(b.LastReviewedOn), b.LastReviewedBy, D(b.ContinuedAfterRefusalOn)]);
        await w.WriteAsync(sb, ct);
        return rows.Count;
    }

    /// <summary>Writes the three vetting files into <paramref name="folder"/>; returns the rows written per file.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ExportVettingAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var posts = await db.VettingPosts.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var clearances = await db.VettingClearances.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var own = db.Scope.SeesEverything ? null : db.Scope.OwnStaffId;
        var family = await db.PoliceFamily.AsNoTracking().Where(f => own == null || f.StaffId != own).OrderBy(f => f.StaffId).ToListAsync(ct);
        await audit.RecordAsync("export", "vetting_register", $"{posts.Count} posts, {clearances.Count} clearances, {family.Count} family members", ct);
        folder.Create();
        await Write(PostsFile, PostColumns, posts.Select(p => new[] { p.Id, p.UnitId, p.Title, p.RequiredLevel, p.HolderStaffId }));
        await Write(ClearancesFile, ClearanceColumns, clearances.Select(c => new[] { c.Id, c.StaffId, c.Level, c.Outcome, D(c.DecidedOn), D(c.ExpiresOn), c.Note, c.RecordedBy, c.RecordedAt.ToString("O", CultureInfo.InvariantCulture) }));
        await Write(FamilyFile, FamilyColumns, family.Select(f => new[] { f.StaffId, f.FamilyGroup, f.Organisation, f.RecordedBy, f.RecordedAt.ToString("O", CultureInfo.InvariantCulture) }));
        return new Dictionary<string, int>(StringComparer.Ordinal) { [PostsFile] = posts.Count, [ClearancesFile] = clearances.Count, [FamilyFile] = family.Count };

        async Task Write(string file, string[] header, IEnumerable<string?[]> rows)
        {
            var sb = new StringBuilder();
            Csv.Line(sb, header);
            foreach (var r in rows) Csv.Line(sb, r);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, file), sb.ToString(), Csv.Utf8, ct);
        }
    }

    public async Task<(int Rows, IReadOnlyList<FileIssue> Issues)> ImportInterestsAsync(TextReader reader, CancellationToken ct)
    {
        var issues = new List<FileIssue>();
        var rows = new List<BusinessInterest>();
        var staff = await KnownStaffAsync(ct);
        foreach (var r in Read(reader, InterestsFile, InterestColumns, issues))
        {
            var staffId = StaffOf(r, "staff_id", staff);
            var decision = r.Code("decision", BusinessInterestHandler.Decisions, required: false);
            var decidedOn = r.Date("decided_on");
            rows.Add(new BusinessInterest
            {
                Id = r.Text("interest_id", 64, required: true)!, StaffId = staffId ?? "", InterestType = r.Text("interest_type", ColumnWidth.Code, required: true)!,
                Description = r.Text("description", 2000), AppliedOn = r.Date("applied_on"), Decision = decision, DecidedOn = decidedOn, ReviewOn = r.Date("review_on"),
                RecordedBy = r.Text("recorded_by", 256), EnteredOnBehalf = r.Flag("entered_on_behalf"), DecisionReasons = r.Text("decision_reasons", 4000),
                Conditions = r.Text("conditions", 4000), DecidedBy = r.Text("decided_by", 256), ExpiresOn = r.Date("expires_on"), LastReviewedOn = r.Date("last_reviewed_on"),
                LastReviewedBy = r.Text("last_reviewed_by", 256), ContinuedAfterRefusalOn = r.Date("continued_after_refusal_on"),
            });
            if (decision is not null && decidedOn is null) r.Issue("decided_on", "a decision needs the day it was made");
        }
        Duplicates(rows.Select(b => b.Id), InterestsFile, issues);
        if (issues.Count > 0) return (0, issues);
        var existing = await db.BusinessInterests.Where(b => rows.Select(x => x.Id).Contains(b.Id)).ToDictionaryAsync(b => b.Id, StringComparer.Ordinal, ct);
        var hidden = await NeedToKnowBypass.InterestIdsTakenAsync(db, rows.Select(x => x.Id).Where(id => !existing.ContainsKey(id)).ToList(), ct);
        if (hidden > 0) return (0, [new FileIssue(InterestsFile, 0, "interest_id", "one or more interests in the file are ones you may not change. Nothing was written.")]);
        foreach (var row in rows)
        {
            if (existing.TryGetValue(row.Id, out var b))
            {
                db.Entry(b).CurrentValues.SetValues(row);
                b.Version = Guid.NewGuid();
            }
            else db.BusinessInterests.Add(row);
        }
        audit.Change("import", "business_interests_register", $"{rows.Count} interests ({rows.Count - existing.Count} new)");
        await db.SaveChangesAsync(ct);
        return (rows.Count, []);
    }

    public async Task<(IReadOnlyDictionary<string, int> Rows, IReadOnlyList<FileIssue> Issues)> ImportVettingAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var issues = new List<FileIssue>();
        var staff = await KnownStaffAsync(ct);
        var units = (await db.Units.AsNoTracking().Select(u => u.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var posts = new List<VettingPost>();
        var clearances = new List<VettingClearance>();
        var family = new List<PoliceFamilyMember>();
        using (var reader = Open(PostsFile))
            if (reader is not null)
                foreach (var r in Read(reader, PostsFile, PostColumns, issues))
                {
                    var unit = r.Text("unit_id", 64, required: true);
                    if (unit is not null && !units.Contains(unit)) r.Issue("unit_id", $"no unit has the id '{unit}'");
                    posts.Add(new VettingPost
                    {
                        Id = r.Text("post_id", 64, required: true)!, UnitId = unit ?? "", Title = r.Text("title", 200, required: true)!,
                        RequiredLevel = r.Code("required_level", VettingLevels.Required, required: true)!, HolderStaffId = StaffOf(r, "holder_staff_id", staff, required: false),
                    });
                }
        using (var reader = Open(ClearancesFile))
            if (reader is not null)
                foreach (var r in Read(reader, ClearancesFile, ClearanceColumns, issues))
                    clearances.Add(new VettingClearance
                    {
                        Id = r.Text("clearance_id", 64, required: true)!, StaffId = StaffOf(r, "staff_id", staff) ?? "", Level = r.Code("level", VettingLevels.Required, required: true)!,
                        Outcome = r.Code("outcome", RecordVettingHandler.Outcomes, required: true)!, DecidedOn = r.Date("decided_on", required: true) ?? default,
                        ExpiresOn = r.Date("expires_on"), Note = r.Text("note", 2000), RecordedBy = r.Text("recorded_by", 256, required: true)!,
                        RecordedAt = r.Time("recorded_at") ?? time.GetUtcNow(),
                    });
        using (var reader = Open(FamilyFile))
            if (reader is not null)
                foreach (var r in Read(reader, FamilyFile, FamilyColumns, issues))
                    family.Add(new PoliceFamilyMember
                    {
                        StaffId = StaffOf(r, "staff_id", staff) ?? "", FamilyGroup = r.Code("family_group", RecordVettingHandler.FamilyGroups.Keys.ToList(), required: true)!,
                        Organisation = r.Text("organisation", 200), RecordedBy = r.Text("recorded_by", 256, required: true)!, RecordedAt = r.Time("recorded_at") ?? time.GetUtcNow(),
                    });
        if (posts.Count + clearances.Count + family.Count == 0 && issues.Count == 0)
            issues.Add(new FileIssue(folder.FullName, 0, null, $"none of {PostsFile}, {ClearancesFile} or {FamilyFile} is in the folder"));
        Duplicates(posts.Select(p => p.Id), PostsFile, issues);
        Duplicates(clearances.Select(c => c.Id), ClearancesFile, issues);
        Duplicates(family.Select(f => f.StaffId), FamilyFile, issues);
        if (issues.Count > 0) return (new Dictionary<string, int>(), issues);

        var postIds = posts.Select(p => p.Id).ToList();
        var existingPosts = await db.VettingPosts.Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, StringComparer.Ordinal, ct);
        var clearanceIds = clearances.Select(c => c.Id).ToList();
        var existingClearances = await db.VettingClearances.Where(c => clearanceIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, ct);
        var familyIds = family.Select(f => f.StaffId).ToList();
        var existingFamily = await db.PoliceFamily.Where(f => familyIds.Contains(f.StaffId)).ToDictionaryAsync(f => f.StaffId, StringComparer.Ordinal, ct);
        // A post held by the importer is hidden from them: never overwritten through a file either.
        var hiddenPosts = await NeedToKnowBypass.PostIdsTakenAsync(db, postIds.Where(id => !existingPosts.ContainsKey(id)).ToList(), ct);
        if (hiddenPosts > 0) return (new Dictionary<string, int>(), [new FileIssue(PostsFile, 0, "post_id", "one or more posts in the file are ones you may not change. Nothing was written.")]);
        foreach (var p in posts)
            if (existingPosts.TryGetValue(p.Id, out var e)) { db.Entry(e).CurrentValues.SetValues(p); e.Version = Guid.NewGuid(); }
            else db.VettingPosts.Add(p);
        foreach (var c in clearances)
            if (existingClearances.TryGetValue(c.Id, out var e)) db.Entry(e).CurrentValues.SetValues(c);
            else db.VettingClearances.Add(c);
        foreach (var f in family)
            if (existingFamily.TryGetValue(f.StaffId, out var e)) db.Entry(e).CurrentValues.SetValues(f);
            else db.PoliceFamily.Add(f);
        audit.Change("import", "vetting_register", $"{posts.Count} posts, {clearances.Count} clearances, {family.Count} family members");
        await db.SaveChangesAsync(ct);
        return (new Dictionary<string, int>(StringComparer.Ordinal) { [PostsFile] = posts.Count, [ClearancesFile] = clearances.Count, [FamilyFile] = family.Count }, []);

        StreamReader? Open(string file)
        {
            var path = Path.Combine(folder.FullName, file);
            return File.Exists(path) ? new StreamReader(path, Csv.Utf8) : null;
        }
    }

    /// <summary>Staff the reader may record about: everyone but themselves.</summary>
    private async Task<HashSet<string>> KnownStaffAsync(CancellationToken ct)
    {
        var own = db.Scope.SeesEverything ? null : db.Scope.OwnStaffId;
        return (await db.Staff.AsNoTracking().Where(s => own == null || s.Id != own).Select(s => s.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    private static string? StaffOf(Row r, string column, HashSet<string> staff, bool required = true)
    {
        var id = r.Text(column, 64, required);
        if (id is not null && !staff.Contains(id)) r.Issue(column, $"no member of staff you may record about has the id '{id}'");
        return id;
    }

    private static void Duplicates(IEnumerable<string> ids, string file, List<FileIssue> issues)
    {
        foreach (var id in ids.Where(i => i.Length > 0).GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(20))
            issues.Add(new FileIssue(file, 0, null, $"'{id}' appears more than once"));
    }

    private static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<Row> Read(TextReader reader, string file, string[] columns, List<FileIssue> issues)
    {
        var csv = new CsvRecordReader(reader);
        if (!csv.Read()) { issues.Add(new FileIssue(file, 1, null, "the file is empty: it needs the header row")); yield break; }
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv[i].ToString().Trim()).ToArray();
        var missing = columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0) { issues.Add(new FileIssue(file, 1, null, $"the header lacks {string.Join(", ", missing)}")); yield break; }
        var index = columns.ToDictionary(c => c, c => Array.IndexOf(header, c), StringComparer.Ordinal);
        while (csv.Read())
        {
            if (csv.IsBlank) continue;
            if (csv.Malformed is { } bad) { issues.Add(new FileIssue(file, csv.RecordLine, null, bad)); continue; }
            if (csv.FieldCount != header.Length) { issues.Add(new FileIssue(file, csv.RecordLine, null, $"{csv.FieldCount} fields where the header has {header.Length}")); continue; }
            var values = index.ToDictionary(p => p.Key, p => Csv.Restore(csv[p.Value]).ToString().Trim(), StringComparer.Ordinal);
            yield return new Row(file, csv.RecordLine, values, issues);
        }
    }

    /// <summary>One row's fields, each parsed or reported with the file, line and column.</summary>
    private sealed class Row(string file, int line, Dictionary<string, string> values, List<FileIssue> issues)
    {
        public void Issue(string column, string message) => issues.Add(new FileIssue(file, line, column, message));

        public string? Text(string column, int max, bool required = false)
        {
            var v = values[column];
            if (v.Length == 0) { if (required) Issue(column, "required"); return required ? "" : null; }
            if (v.Length > max) Issue(column, $"at most {max} characters ({v.Length} given)");
            return v;
        }

        public string? Code(string column, IReadOnlyList<string> allowed, bool required)
        {
            var v = Text(column, 64, required);
            if (v is { Length: > 0 } && !allowed.Contains(v)) Issue(column, $"'{v}' is not one of {string.Join(", ", allowed)}");
            return v;
        }

        public DateOnly? Date(string column, bool required = false)
        {
            var v = Text(column, 10, required);
            if (string.IsNullOrEmpty(v)) return null;
            if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) { Issue(column, $"'{v}' is not a date (YYYY-MM-DD)"); return null; }
            if (RegisterDates.Problem(d, column) is { } outside) { Issue(column, outside); return null; }
            return d;
        }

        public DateTimeOffset? Time(string column)
        {
            var v = Text(column, 40);
            if (string.IsNullOrEmpty(v)) return null;
            if (!DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) { Issue(column, $"'{v}' is not a time (ISO 8601)"); return null; }
            return t.ToUniversalTime();
        }

        public bool Flag(string column)
        {
            var v = values[column];
            if (v is "" or "false") return false;
            if (v == "true") return true;
            Issue(column, $"'{v}' is not true or false");
            return false;
        }
    }
}
