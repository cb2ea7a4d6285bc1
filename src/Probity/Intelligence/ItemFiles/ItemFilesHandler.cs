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
using Probity.Intelligence.ViewItem;
using Probity.Kernel;

namespace Probity.Intelligence.ItemFiles;

/// <summary>
/// Intelligence items as a file (docs/intelligence-interchange.md): CSV as PIF-1 writes it, with two companion files beside
/// it for the items' sanitised versions and dissemination log. Export writes the items the account may read (the read is on
/// the trail). Import checks every row with the same rules as the web form, the grading
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

    /// <summary>The items' sanitised versions, in a file beside the items' (<c>NAME.sanitised.csv</c>).</summary>
    public static readonly string[] SanitisedColumns = ["item_id", "number", "text", "written_by", "written_at"];

    /// <summary>The items' dissemination log, in a file beside the items' (<c>NAME.disseminations.csv</c>).</summary>
    public static readonly string[] DisseminationColumns = ["item_id", "version", "recipient", "reason", "conditions", "disseminated_by", "disseminated_at"];

    /// <summary>The companion files of an items file: its sanitised versions and its dissemination log, named after it.</summary>
    public static (string Sanitised, string Disseminations) CompanionPaths(string itemsPath)
    {
        var stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(itemsPath))!, Path.GetFileNameWithoutExtension(itemsPath));
        return (stem + ".sanitised.csv", stem + ".disseminations.csv");
    }

    /// <summary>Where the companion files are read from or written to (null readers: the file is absent, so none).</summary>
    internal sealed record Companions(TextReader? Sanitised, string SanitisedFile, TextReader? Disseminations, string DisseminationsFile);

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

    /// <summary>Writes the items the account may read, and their sanitised versions and disseminations to the companions.</summary>
    public async Task<int> ExportAsync(TextWriter w, TextWriter sanitisedOut, TextWriter disseminationsOut, CancellationToken ct)
    {
        var items = await db.Set<IntelligenceItem>().AsNoTracking().Include(i => i.Links).Include(i => i.Readers).Include(i => i.Sanitised).Include(i => i.Disseminations)
            .AsSplitQuery().OrderBy(i => i.Id).ToListAsync(ct);
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

        sb.Clear();
        Csv.Line(sb, SanitisedColumns);
        foreach (var i in items)
            foreach (var v in i.Sanitised.OrderBy(v => v.Number))
                Csv.Line(sb, [i.Id, v.Number.ToString(CultureInfo.InvariantCulture), v.Text, v.WrittenBy, v.WrittenAt.ToString("O", CultureInfo.InvariantCulture)]);
        await sanitisedOut.WriteAsync(sb, ct);

        sb.Clear();
        Csv.Line(sb, DisseminationColumns);
        foreach (var i in items)
            foreach (var d in i.Disseminations.OrderBy(d => d.DisseminatedAt).ThenBy(d => d.Id))
                Csv.Line(sb, [i.Id, d.SanitisedNumber?.ToString(CultureInfo.InvariantCulture) ?? WorkItemHandler.Original, d.Recipient, d.Reason, d.Conditions,
                    d.DisseminatedBy, d.DisseminatedAt.ToString("O", CultureInfo.InvariantCulture)]);
        await disseminationsOut.WriteAsync(sb, ct);
        return items.Count;
    }

    public async Task<(int Rows, IReadOnlyList<FileIssue> Issues)> ImportAsync(TextReader reader, string file, Companions companions, CancellationToken ct)
    {
        var issues = new List<FileIssue>();
        var items = new List<IntelligenceItem>();
        if (Table(reader, file, Columns, issues) is not { } rows) return (0, issues);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, v) in rows)
        {
            var item = await RowAsync(v, file, line, issues, ct);
            if (item is null) continue;
            if (!seen.Add(item.Id)) { issues.Add(new FileIssue(file, line, "item_id", $"'{item.Id}' appears more than once")); continue; }
            items.Add(item);
        }
        // In line order, as one pass over the file would name them (rows that cannot be split are set aside first).
        issues = [.. issues.OrderBy(i => i.Line)];
        if (issues.Count > 0) return (0, issues);
        ReadSanitised(companions, items, issues);
        ReadDisseminations(companions, items, issues);
        if (issues.Count > 0) return (0, issues);
        var ids = items.Select(i => i.Id).ToList();
        if (await db.Set<IntelligenceItem>().AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => i.Id).FirstOrDefaultAsync(ct) is { } known)
            return (0, [new FileIssue(file, 0, "item_id", $"'{known}' is already in the log. Nothing was written.")]);

        db.Set<IntelligenceItem>().AddRange(items);
        foreach (var item in items)
            audit.Change("intelligence_import", IntelligenceLog.Target(item.Id), RecordItemHandler.Describe(item)
                + string.Concat(item.Sanitised.Select(v => $"; sanitised version {v.Number}"))
                + string.Concat(item.Disseminations.Select(d => $"; {(d.SanitisedNumber is { } n ? $"sanitised version {n}" : "original")} to {d.Recipient}")));
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

    /// <summary>The rows of one of the files (null when a companion is absent, or the header is wrong: then an issue says so);
    /// a row that cannot be split, or has the wrong number of fields, is an issue and left out.</summary>
    private static List<(int Line, Dictionary<string, string> Values)>? Table(TextReader? reader, string file, string[] columns, List<FileIssue> issues)
    {
        if (reader is null) return null;
        var csv = new CsvRecordReader(reader);
        if (!csv.Read()) { issues.Add(new FileIssue(file, 1, null, "the file is empty: it needs the header row")); return null; }
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv[i].ToString().Trim()).ToArray();
        var missing = columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0) { issues.Add(new FileIssue(file, 1, null, $"the header lacks {string.Join(", ", missing)}")); return null; }
        var rows = new List<(int, Dictionary<string, string>)>();
        while (csv.Read())
        {
            if (csv.IsBlank) continue;
            var line = csv.RecordLine;
            if (csv.Malformed is { } bad) { issues.Add(new FileIssue(file, line, null, bad)); continue; }
            if (csv.FieldCount != header.Length) { issues.Add(new FileIssue(file, line, null, $"{csv.FieldCount} fields where the header has {header.Length}")); continue; }
            rows.Add((line, columns.ToDictionary(c => c, c => Csv.Restore(csv[Array.IndexOf(header, c)]).ToString().Trim(), StringComparer.Ordinal)));
        }
        return rows;
    }

    /// <summary>The item a companion row belongs to: one in the items file, named by its item_id.</summary>
    private static IntelligenceItem? Owner(Dictionary<string, IntelligenceItem> byId, string value, string file, int line, List<FileIssue> issues)
    {
        if (byId.TryGetValue(value, out var item)) return item;
        issues.Add(new FileIssue(file, line, "item_id", value.Length == 0 ? "give the item's id" : $"'{value}' is not an item in the items file"));
        return null;
    }

    /// <summary>The sanitised versions, checked as the web form checks them (not the original word for word), numbered once each.</summary>
    private static void ReadSanitised(Companions companions, List<IntelligenceItem> items, List<FileIssue> issues)
    {
        var file = companions.SanitisedFile;
        if (Table(companions.Sanitised, file, SanitisedColumns, issues) is not { } rows) return;
        var byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var (line, v) in rows)
        {
            void Issue(string column, string message) => issues.Add(new FileIssue(file, line, column, message));
            if (Owner(byId, v["item_id"], file, line, issues) is not { } item) continue;
            if (!int.TryParse(v["number"], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1) { Issue("number", $"'{v["number"]}' is not a version number (1, 2, …)"); continue; }
            if (item.Sanitised.Any(x => x.Number == number)) { Issue("number", $"item {item.Id} has version {number} twice"); continue; }
            string text;
            try { text = WorkItemHandler.SanitisedText(item, v["text"]); }
            catch (ActionRefusedException refused) { Issue("text", refused.Message[(refused.Message.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()); continue; }
            if (v["written_by"].Length is 0 or > ColumnWidth.Id) { Issue("written_by", "give the sign-in name of who wrote it"); continue; }
            if (Moment(v["written_at"], "written_at", Issue) is not { } at) { if (v["written_at"].Length == 0) Issue("written_at", "give when it was written"); continue; }
            item.Sanitised.Add(new SanitisedVersion { ItemId = item.Id, Number = number, Text = text, WrittenBy = v["written_by"], WrittenAt = at });
        }
    }

    /// <summary>The dissemination log, checked as the web form checks a dissemination: after the item's review, only the
    /// versions its handling code lets leave the Bureau, with the conditions it requires.</summary>
    private void ReadDisseminations(Companions companions, List<IntelligenceItem> items, List<FileIssue> issues)
    {
        var file = companions.DisseminationsFile;
        if (Table(companions.Disseminations, file, DisseminationColumns, issues) is not { } rows) return;
        var byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var (line, v) in rows)
        {
            void Issue(string column, string message) => issues.Add(new FileIssue(file, line, column, message));
            if (Owner(byId, v["item_id"], file, line, issues) is not { } item) continue;
            (int? Number, string Recipient, string Reason, string? Conditions) checkedRow;
            try
            {
                checkedRow = WorkItemHandler.CheckDissemination(item, lists, new WorkItemHandler.Disseminating(v["version"], v["recipient"], v["reason"], v["conditions"]));
            }
            catch (ActionRefusedException refused)
            {
                var field = refused.Message[..Math.Max(0, refused.Message.IndexOf(':', StringComparison.Ordinal))];
                var column = field switch { "Version" => "version", "Recipient" => "recipient", "Reason" => "reason", "Conditions" => "conditions", _ => null };
                Issue(column ?? "", column is null ? refused.Message : refused.Message[(field.Length + 1)..].Trim());
                continue;
            }
            if (v["disseminated_by"].Length is 0 or > ColumnWidth.Id) { Issue("disseminated_by", "give the sign-in name of who disseminated it"); continue; }
            if (Moment(v["disseminated_at"], "disseminated_at", Issue) is not { } at) { if (v["disseminated_at"].Length == 0) Issue("disseminated_at", "give when it was disseminated"); continue; }
            item.Disseminations.Add(new Dissemination
            {
                ItemId = item.Id, SanitisedNumber = checkedRow.Number, Recipient = checkedRow.Recipient, Reason = checkedRow.Reason, Conditions = checkedRow.Conditions,
                DisseminatedBy = v["disseminated_by"], DisseminatedAt = at,
            });
        }
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
