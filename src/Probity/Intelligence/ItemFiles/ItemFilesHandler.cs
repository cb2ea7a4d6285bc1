using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.Log;
using Probity.Intelligence.RecordItem;
using Probity.Intelligence.Tasking;
using Probity.Kernel;

namespace Probity.Intelligence.ItemFiles;

/// <summary>
/// Intelligence items as a file (docs/intelligence-interchange.md): CSV as PIF-1 writes it. Export writes the items the
/// account may read (the read is on the trail). Import checks every row with the same rules as the web form, the grading
/// scheme in force on the row's day included, and writes nothing if any row is wrong, naming file, line and column;
/// otherwise it writes every item in one transaction.
/// </summary>
internal sealed class ItemFilesHandler(ProbityDb db, Audit audit, CaseReferences cases, RecordItemHandler record, IntelligenceLists lists, TaskingHandler tasking)
{
    public const string ItemsFile = "intelligence_items.csv";

    public static readonly string[] Columns =
    [
        "item_id", "received_on", "source_type", "scheme", "source_grade", "intelligence_grade", "handling_code", "handling_conditions", "text",
        "staff_ids", "case_ids", "operations", "priorities", "readers", "from_right_line", "from_alert", "recorded_by", "recorded_at", "reviewed_by", "reviewed_at",
    ];

    /// <summary>The column each of the form's fields is read from, so a refusal names the column.</summary>
    private static readonly (string Field, string Column)[] FieldColumns =
    [
        (RecordItemHandler.ReceivedField, "received_on"), (RecordItemHandler.SourceTypeField, "source_type"), (RecordItemHandler.SourceGradeField, "source_grade"),
        (RecordItemHandler.IntelligenceGradeField, "intelligence_grade"), (RecordItemHandler.HandlingField, "handling_code"), (RecordItemHandler.ConditionsField, "handling_conditions"),
        (RecordItemHandler.TextField, "text"), (RecordItemHandler.StaffField, "staff_ids"), (RecordItemHandler.CasesField, "case_ids"),
        (RecordItemHandler.OperationsField, "operations"), (RecordItemHandler.PrioritiesField, "priorities"), (RecordItemHandler.ReadersField, "readers"),
    ];

    internal sealed record FileIssue(string File, int Line, string? Column, string Message)
    {
        public override string ToString() => $"{File}:{Line}{(Column is null ? "" : $" ({Column})")}: {Message}";
    }

    public async Task<int> ExportAsync(TextWriter w, CancellationToken ct)
    {
        var items = await db.Set<IntelligenceItem>().AsNoTracking().Include(i => i.Links).Include(i => i.Readers).AsSplitQuery().OrderBy(i => i.Id).ToListAsync(ct);
        // Items quoting a case the account may not see stay out, as they do on the web.
        var hidden = await cases.HiddenAsync(items.SelectMany(i => Values(i, IntelligenceLinkKinds.Case)), ct);
        items = [.. items.Where(i => !Values(i, IntelligenceLinkKinds.Case).Any(hidden.Contains))];
        // An operation the account may not see (one about them) is left out of the links, as on the item's page.
        var operations = await tasking.NamesAsync([.. items.SelectMany(i => Values(i, IntelligenceLinkKinds.Operation)).Distinct(StringComparer.Ordinal)], ct);
        foreach (var i in items) i.Links.RemoveAll(l => l.Kind == IntelligenceLinkKinds.Operation && !operations.ContainsKey(l.Value));
        await audit.RecordAsync("export", "intelligence", $"{items.Count} intelligence items", ct);
        var sb = new StringBuilder();
        Csv.Line(sb, Columns);
        foreach (var i in items)
            Csv.Line(sb, [i.Id, i.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i.SourceType, i.Scheme, i.SourceGrade, i.IntelligenceGrade, i.HandlingCode,
                i.HandlingConditions, i.Text, List(i, IntelligenceLinkKinds.Staff), List(i, IntelligenceLinkKinds.Case), List(i, IntelligenceLinkKinds.Operation),
                List(i, IntelligenceLinkKinds.Priority), string.Join(';', i.Readers.Select(r => r.Principal).Order(StringComparer.Ordinal)), i.FromRightLine, i.FromAlert,
                i.RecordedBy, i.RecordedAt.ToString("O", CultureInfo.InvariantCulture), i.ReviewedBy, i.ReviewedAt?.ToString("O", CultureInfo.InvariantCulture)]);
        await w.WriteAsync(sb, ct);
        return items.Count;
    }

    public async Task<(int Rows, IReadOnlyList<FileIssue> Issues)> ImportAsync(TextReader reader, string file, CancellationToken ct)
    {
        var issues = new List<FileIssue>();
        var items = new List<IntelligenceItem>();
        var csv = new CsvRecordReader(reader);
        if (!csv.Read()) return (0, [new FileIssue(file, 1, null, "the file is empty: it needs the header row")]);
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv[i].ToString().Trim()).ToArray();
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0) return (0, [new FileIssue(file, 1, null, $"the header lacks {string.Join(", ", missing)}")]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            if (csv.IsBlank) continue;
            var line = csv.RecordLine;
            if (csv.Malformed is { } bad) { issues.Add(new FileIssue(file, line, null, bad)); continue; }
            if (csv.FieldCount != header.Length) { issues.Add(new FileIssue(file, line, null, $"{csv.FieldCount} fields where the header has {header.Length}")); continue; }
            var v = Columns.ToDictionary(c => c, c => Csv.Restore(csv[Array.IndexOf(header, c)]).ToString().Trim(), StringComparer.Ordinal);
            var item = await RowAsync(v, file, line, issues, ct);
            if (item is null) continue;
            if (!seen.Add(item.Id)) { issues.Add(new FileIssue(file, line, "item_id", $"'{item.Id}' appears more than once")); continue; }
            items.Add(item);
        }
        if (issues.Count > 0) return (0, issues);
        var ids = items.Select(i => i.Id).ToList();
        if (await db.Set<IntelligenceItem>().AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => i.Id).FirstOrDefaultAsync(ct) is { } known)
            return (0, [new FileIssue(file, 0, "item_id", $"'{known}' is already in the log. Nothing was written.")]);

        db.Set<IntelligenceItem>().AddRange(items);
        foreach (var item in items) audit.Change("intelligence_import", IntelligenceLog.Target(item.Id), RecordItemHandler.Describe(item));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // An id held by an item the account may not see: say nothing about which.
            db.ChangeTracker.Clear();
            return (0, [new FileIssue(file, 0, "item_id", "one or more item ids are already in the log. Nothing was written.")]);
        }
        return (items.Count, []);
    }

    private async Task<IntelligenceItem?> RowAsync(Dictionary<string, string> v, string file, int line, List<FileIssue> issues, CancellationToken ct)
    {
        void Issue(string column, string message) => issues.Add(new FileIssue(file, line, column, message));
        if (!DateOnly.TryParseExact(v["received_on"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            Issue("received_on", $"'{v["received_on"]}' is not a date (YYYY-MM-DD)");
            return null;
        }
        // The file's scheme must be the one in force on the row's day: a 5x5x5 grade dated after the change (or the reverse)
        // is a mistake in the file, not something to convert silently.
        if (v["scheme"].Length > 0 && lists.Schemes.Any(s => s.AppliesFrom <= on) && lists.InForceOn(on) is { } inForce && inForce.Scheme != v["scheme"])
        {
            Issue("scheme", $"'{v["scheme"]}' was not in force on {on:yyyy-MM-dd}: items received that day are graded under {inForce.Scheme}");
            return null;
        }
        IntelligenceItem item;
        try
        {
            item = await record.BuildAsync(new RecordItemHandler.Command(on, v["source_type"], v["source_grade"], v["intelligence_grade"], v["handling_code"], v["handling_conditions"], v["text"],
                Split(v["staff_ids"]), Split(v["case_ids"]), Split(v["operations"]), Split(v["priorities"]), Split(v["readers"])), ct);
        }
        catch (ActionRefusedException refused)
        {
            var column = FieldColumns.FirstOrDefault(f => refused.Message.StartsWith(f.Field, StringComparison.Ordinal)).Column;
            Issue(column ?? "", column is null ? refused.Message : refused.Message[(refused.Message.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            return null;
        }
        if (v["item_id"].Length > 0)
        {
            if (v["item_id"].Length > ColumnWidth.Id) { Issue("item_id", $"at most {ColumnWidth.Id} characters"); return null; }
            item.Id = v["item_id"];
            foreach (var l in item.Links) l.ItemId = item.Id;
            foreach (var r in item.Readers) r.ItemId = item.Id;
        }
        item.FromRightLine = Optional(v["from_right_line"]);
        item.FromAlert = Optional(v["from_alert"]);
        if (Optional(v["recorded_by"]) is { } by) item.RecordedBy = by;
        if (Moment(v["recorded_at"], "recorded_at", Issue) is { } at) item.RecordedAt = at;
        item.ReviewedBy = Optional(v["reviewed_by"]);
        item.ReviewedAt = Moment(v["reviewed_at"], "reviewed_at", Issue);
        if ((item.ReviewedBy is null) != (item.ReviewedAt is null)) { Issue("reviewed_at", "give reviewed_by and reviewed_at together, or neither"); return null; }
        return item;
    }

    private static DateTimeOffset? Moment(string value, string column, Action<string, string> issue)
    {
        if (value.Length == 0) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && value.Contains('T', StringComparison.Ordinal)) return at.ToUniversalTime();
        issue(column, $"'{value}' is not an ISO 8601 timestamp with an offset or Z");
        return null;
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    private static List<string> Split(string value) => [.. value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static IEnumerable<string> Values(IntelligenceItem i, string kind) => i.Links.Where(l => l.Kind == kind).Select(l => l.Value).Order(StringComparer.Ordinal);

    private static string List(IntelligenceItem i, string kind) => string.Join(';', Values(i, kind));
}
