using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.Log;
using Probity.Kernel;
using Probity.Workforce.Contracts;

namespace Probity.Intelligence.RecordItem;

/// <summary>
/// Records an item in the intelligence log: graded under the scheme in force on its day (a grade from the other scheme
/// is refused, naming the field), linked to staff chosen by name or warrant number, cases by reference, the tasking
/// register's operations by reference or name, and the control strategy's priorities, and optionally restricted to named readers. The web form, the conversions and the
/// import all build items here, so one set of rules applies.
/// </summary>
internal sealed class RecordItemHandler(ProbityDb db, Audit audit, IntelligenceLists lists, DirectoratePeople people, TimeProvider time)
{
    public const string ReceivedField = "Received on";
    public const string SourceTypeField = "Source type";
    public const string SourceGradeField = "Source evaluation";
    public const string IntelligenceGradeField = "Intelligence evaluation";
    public const string HandlingField = "Handling code";
    public const string ConditionsField = "Handling conditions";
    public const string TextField = "Text";
    public const string StaffField = "Staff";
    public const string CasesField = "Cases";
    public const string OperationsField = "Operations";
    public const string PrioritiesField = "Priorities";
    public const string ReadersField = "Restricted to";

    /// <summary>Who may be named as a reader of a restricted item: those who read the log.</summary>
    public static readonly IReadOnlyList<string> ReaderRoles = [Roles.IntelligenceBureau, Roles.Investigator];

    internal sealed record Command(DateOnly? ReceivedOn, string? SourceType, string? SourceGrade, string? IntelligenceGrade, string? HandlingCode,
        string? HandlingConditions, string? Text, IReadOnlyList<string> Staff, IReadOnlyList<string> Cases, IReadOnlyList<string> Operations,
        IReadOnlyList<string> Priorities, IReadOnlyList<string> Readers);

    /// <summary>Records the item; returns its reference.</summary>
    public async Task<string> RecordAsync(Command cmd, CancellationToken ct)
    {
        var item = await BuildAsync(cmd, ct);
        db.Set<IntelligenceItem>().Add(item);
        audit.Change("intelligence_record", IntelligenceLog.Target(item.Id), Describe(item));
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    /// <summary>The item <paramref name="cmd"/> describes, checked, not yet added; refusals name the field.</summary>
    public async Task<IntelligenceItem> BuildAsync(Command cmd, CancellationToken ct)
    {
        if (cmd.ReceivedOn is not { } on) throw new ActionRefusedException($"{ReceivedField}: give the day the intelligence was received.");
        WorkingDays.RequireCovered(on, ReceivedField);
        if (on > time.Today()) throw new ActionRefusedException($"{ReceivedField}: {on:d MMMM yyyy} is in the future.");
        var scheme = lists.InForceOn(on);
        if (!lists.SourceTypes.Any(s => s.Code == cmd.SourceType))
            throw new ActionRefusedException($"{SourceTypeField}: choose one of {string.Join(", ", lists.SourceTypes.Select(s => s.Words))}.");
        scheme.Require(SourceGradeField, scheme.Source.Select(g => g.Code), Code(cmd.SourceGrade), on);
        scheme.Require(IntelligenceGradeField, scheme.Intelligence.Select(g => g.Code), Code(cmd.IntelligenceGrade), on);
        scheme.Require(HandlingField, scheme.Handling.Select(g => g.Code), Code(cmd.HandlingCode), on);
        var handling = scheme.HandlingOf(Code(cmd.HandlingCode))!;
        var conditions = Optional(cmd.HandlingConditions, ConditionsField, IntelligenceLimits.Conditions);
        if (handling.ConditionsRequired && conditions is null)
            throw new ActionRefusedException($"{ConditionsField}: handling code {handling.Code} ({scheme.Scheme}: {handling.Words}) needs its conditions written down.");
        var text = Optional(cmd.Text, TextField, IntelligenceLimits.Text) ?? throw new ActionRefusedException($"{TextField}: write what the intelligence says.");

        var item = new IntelligenceItem
        {
            Id = NewReference(), ReceivedOn = on, SourceType = cmd.SourceType!, Scheme = scheme.Scheme, SourceGrade = Code(cmd.SourceGrade)!,
            IntelligenceGrade = Code(cmd.IntelligenceGrade)!, HandlingCode = handling.Code, HandlingConditions = conditions, Text = text,
            RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        var staff = new List<string>();
        foreach (var typed in Distinct(cmd.Staff, StaffField)) staff.Add(await StaffChoice.ChooseAsync(db, typed, StaffField, ct));
        Link(item, IntelligenceLinkKinds.Staff, staff);
        Link(item, IntelligenceLinkKinds.Case, await RequireCasesAsync(Distinct(cmd.Cases, CasesField), ct));
        Link(item, IntelligenceLinkKinds.Operation, await RequireOperationsAsync(Distinct(cmd.Operations, OperationsField), ct));
        var priorities = Distinct(cmd.Priorities, PrioritiesField);
        if (priorities.FirstOrDefault(p => !lists.Priorities.Any(q => q.Code == p)) is { } unknown)
            throw new ActionRefusedException($"{PrioritiesField}: '{unknown}' is not a control-strategy priority; choose from {string.Join(", ", lists.Priorities.Select(p => p.Words))}.");
        Link(item, IntelligenceLinkKinds.Priority, priorities);

        var readers = Distinct(cmd.Readers, ReadersField);
        if (readers.Count > 0)
        {
            // A subject of the item is never offered as its reader; nor are those who do not read the log.
            var choices = await people.WithRolesAsync(ReaderRoles, u => u.StaffId is null || !staff.Contains(u.StaffId));
            var chosen = readers.Select(r => DirectoratePeople.Choose(choices, r, ReadersField, "reads the intelligence log and is not a subject of this item")).ToHashSet(StringComparer.Ordinal);
            // The person recording it keeps it: restricting an item away from its author would hide their own work from them.
            if (db.Scope.Principals.FirstOrDefault() is { } self && !db.Scope.SeesEverything) chosen.Add(self);
            item.Restricted = true;
            item.Readers.AddRange(chosen.Order(StringComparer.Ordinal).Select(p => new IntelligenceReader { ItemId = item.Id, Principal = p }));
        }
        return item;
    }

    /// <summary>Case references that name a case the reader may see; any other is refused alike (whether it exists is not said).</summary>
    private async Task<List<string>> RequireCasesAsync(List<string> references, CancellationToken ct)
    {
        if (references.Count == 0) return references;
        var visible = await db.Cases.AsNoTracking().Where(c => references.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        if (references.FirstOrDefault(r => !visible.Contains(r, StringComparer.Ordinal)) is { } missing)
            throw new ActionRefusedException($"{CasesField}: there is no case '{missing}' that you can see.");
        return references;
    }

    /// <summary>
    /// The tasking register's operations named by reference (OP-…) or by name, as the reader may see them: an operation
    /// about the reader, or one nobody opened, is refused alike ("no operation that you can see"). A name two operations
    /// share is refused too, asking for the reference. The link keeps the reference, so renaming an operation keeps it.
    /// </summary>
    private async Task<List<string>> RequireOperationsAsync(List<string> typed, CancellationToken ct)
    {
        if (typed.Count == 0) return typed;
        // The register holds the Directorate's own operations (hundreds at most): matched here, without case, in one read.
        var candidates = await db.Set<TaskingOperation>().AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var chosen = new List<string>();
        foreach (var t in typed)
        {
            if (candidates.FirstOrDefault(o => string.Equals(o.Id, t, StringComparison.OrdinalIgnoreCase)) is { } byReference) { chosen.Add(byReference.Id); continue; }
            var named = candidates.Where(o => string.Equals(o.Name, t, StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count > 1)
                throw new ActionRefusedException($"{OperationsField}: {named.Count} operations are called '{t}'; give the reference ({string.Join(" or ", named.Select(o => o.Id).Order(StringComparer.Ordinal))}).");
            chosen.Add(named.Count == 1 ? named[0].Id : throw new ActionRefusedException($"{OperationsField}: there is no operation '{(t.Length > 40 ? t[..40] + "…" : t)}' that you can see; give an operation's reference (OP-…) or name from the tasking register."));
        }
        return [.. chosen.Distinct(StringComparer.Ordinal)];
    }

    private static List<string> Distinct(IReadOnlyList<string> values, string field)
    {
        var list = values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > IntelligenceLimits.Links) throw new ActionRefusedException($"{field}: {list.Count} given; an item links at most {IntelligenceLimits.Links}.");
        return list;
    }

    private static void Link(IntelligenceItem item, string kind, IEnumerable<string> values) =>
        item.Links.AddRange(values.Select(v => new IntelligenceLink { ItemId = item.Id, Kind = kind, Value = v }));

    private static string? Code(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim().ToUpperInvariant();

    internal static string? Optional(string? text, string field, int limit)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (trimmed.Length > limit) throw new ActionRefusedException($"{field}: {trimmed.Length:N0} characters; the limit is {limit:N0}.");
        return trimmed;
    }

    /// <summary>What the trail says was recorded: the grading and the links, never the text.</summary>
    internal static string Describe(IntelligenceItem item) =>
        $"{item.Scheme} {item.SourceGrade}{item.IntelligenceGrade}{item.HandlingCode}, {item.SourceType}, received {item.ReceivedOn:yyyy-MM-dd}"
        + string.Concat(item.Links.Select(l => $"; {l.Kind} {l.Value}")) + (item.Restricted ? $"; restricted to {string.Join(", ", item.Readers.Select(r => r.Principal))}" : "");

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>"IN-" and 10 random characters: not in the order items arrived, so an id reveals neither the log's size nor its pace.</summary>
    internal static string NewReference() => "IN-" + RandomNumberGenerator.GetString(Alphabet, 10);
}
