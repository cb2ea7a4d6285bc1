using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.Log;
using Probity.Intelligence.RecordItem;
using Probity.Kernel;
using Probity.Workforce.Contracts;

namespace Probity.Intelligence.Tasking;

internal static class TaskingLimits
{
    /// <summary>An operation's name (codename), in characters.</summary>
    public const int Name = 100;
}

/// <summary>One tactical option of the force's menu (Intelligence/Data/tactical-options.json): its code and the words a reader sees.</summary>
internal sealed record TacticalOption(string Code, string Words);

/// <summary>The force's menu of tactical options, held as data like the grading schemes: changing the menu is editing the file.</summary>
internal sealed class TacticalOptions(IReadOnlyList<TacticalOption> options)
{
    public IReadOnlyList<TacticalOption> All => options;

    public string Words(string code) => options.FirstOrDefault(o => o.Code == code)?.Words ?? code;

    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNameCaseInsensitive = true };

    public static TacticalOptions LoadBuiltIn()
    {
        using var stream = typeof(TacticalOptions).Assembly.GetManifestResourceStream("Probity.Intelligence.Data.tactical-options.json")
            ?? throw new InvalidOperationException("tactical-options.json is missing");
        var options = JsonSerializer.Deserialize<List<TacticalOption>>(stream, ReadOptions) ?? [];
        if (options.Count == 0 || options.Any(o => string.IsNullOrWhiteSpace(o.Code) || string.IsNullOrWhiteSpace(o.Words)))
            throw new InvalidOperationException("tactical-options.json: every option needs a code and words.");
        if (options.GroupBy(o => o.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"tactical-options.json names the option '{twice.Key}' twice.");
        return new TacticalOptions(options);
    }
}

/// <summary>
/// The tasking and co-ordinating group's operations (ADR 0020): opened, linked to intelligence and cases the reader may
/// see, tactical options requested and authorised (never by their requester), progress and the next action, integrity
/// tests planned, authorised (never by their planner), conducted with their result and follow-up, and closure. Every read
/// is on the trail before it is shown; every change is staged on the trail before its save, under the operation's version.
/// </summary>
internal sealed class TaskingHandler(ProbityDb db, Audit audit, CaseReferences cases, IntelligenceLists lists, TacticalOptions menu, TimeProvider time)
{
    public const string NameField = "Name";
    public const string ObjectiveField = "Objective";
    public const string SubjectField = "Subject";
    public const string PriorityField = "Control-strategy priority";
    public const string ItemsField = "Intelligence items";
    public const string CasesField = "Cases";
    public const string OptionField = "Tactical option";
    public const string ReasonField = "Reason";
    public const string ScenarioField = "Scenario";
    public const string PlannedForField = "Planned for";
    public const string ConductedOnField = "Conducted on";
    public const string NextActionDueField = "Next action due";

    public static string Target(string id) => "operation:" + id;

    internal sealed record MeetingRow(string Id, string Name, string? Priority, string? NextAction, DateOnly? NextActionDueOn, bool ActionOverdue,
        int TacticsAwaiting, int TestsAwaiting, int Tests);

    internal sealed record Meeting(IReadOnlyList<MeetingRow> Open, IReadOnlyList<(string Id, string Name, DateOnly ClosedOn)> Closed);

    internal sealed record OperationView(TaskingOperation Operation, string? SubjectName, IReadOnlyList<string> Items, IReadOnlyList<string> Cases, IReadOnlySet<string> HiddenFollowUpCases);

    internal sealed record Opening(string? Name, string? Objective, string? Subject, string? Priority, IReadOnlyList<string> Items, IReadOnlyList<string> Cases);

    internal sealed record TestRecord(string? ConductedOn, string? Result, string? FollowUp, string? FollowUpCase, string? Note);

    public DateOnly Today => time.Today();

    public TacticalOptions Menu => menu;

    public IntelligenceLists Lists => lists;

    /// <summary>The meeting's view: open operations with tests awaiting authorisation or an overdue action first, then those with tactics awaiting authorisation.</summary>
    public async Task<Meeting> MeetingAsync(CancellationToken ct)
    {
        var today = Today;
        var open = await db.Set<TaskingOperation>().AsNoTracking().Where(o => o.ClosedOn == null)
            .Select(o => new
            {
                o.Id, o.Name, o.Priority, o.NextAction, o.NextActionDueOn,
                TacticsAwaiting = o.Tactics.Count(t => t.AuthorisedBy == null),
                TestsAwaiting = o.Tests.Count(t => t.AuthorisedBy == null),
                Tests = o.Tests.Count,
            }).ToListAsync(ct);
        // A next action quoting a case the reader may not see shows it withheld, as the registers' free text does.
        var hiddenInActions = await cases.HiddenAsync(open.SelectMany(o => CaseReferences.Words(o.NextAction)).Where(CaseReferences.MayBeCaseId), ct);
        var rows = open.Select(o => new MeetingRow(o.Id, o.Name, o.Priority, CaseReferences.Redact(o.NextAction, hiddenInActions), o.NextActionDueOn, o.NextActionDueOn < today, o.TacticsAwaiting, o.TestsAwaiting, o.Tests))
            .OrderByDescending(r => r.ActionOverdue || r.TestsAwaiting > 0).ThenByDescending(r => r.TacticsAwaiting > 0)
            .ThenBy(r => r.NextActionDueOn ?? DateOnly.MaxValue).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var closed = (await db.Set<TaskingOperation>().AsNoTracking().Where(o => o.ClosedOn != null).OrderByDescending(o => o.ClosedOn).ThenBy(o => o.Id).Take(50)
            .Select(o => new { o.Id, o.Name, o.ClosedOn }).ToListAsync(ct)).Select(o => (o.Id, o.Name, o.ClosedOn!.Value)).ToList();
        await audit.RecordAsync("search", "tasking", $"the tasking meeting ({rows.Count} open operations, {rows.Count(r => r.ActionOverdue)} with an overdue action, {rows.Sum(r => r.TestsAwaiting)} tests awaiting authorisation)", ct);
        return new Meeting(rows, closed);
    }

    public async Task<OperationView> ReadAsync(string id, CancellationToken ct)
    {
        var operation = await db.Set<TaskingOperation>().AsNoTracking().AsSplitQuery()
            .Include(o => o.Links).Include(o => o.Tactics).Include(o => o.Progress).Include(o => o.Tests)
            .FirstOrDefaultAsync(o => o.Id == id, ct);
        if (operation is null)
        {
            await audit.RecordMissingAsync("operation", id, ct);
            throw new RecordNotFoundException($"Operation {id}");
        }
        // Links are shown only while the reader may see what they point at: a case restricted or about the reader, or an
        // item restricted to others or about the reader, is left out as if it had never been linked.
        var caseRefs = operation.Links.Where(l => l.Kind == TaskingLinkKinds.Case).Select(l => l.Value).ToList();
        var followUps = operation.Tests.Select(t => t.FollowUpCaseId).OfType<string>().ToList();
        var hidden = await cases.HiddenAsync(caseRefs.Concat(followUps), ct);
        var itemRefs = operation.Links.Where(l => l.Kind == TaskingLinkKinds.Item).Select(l => l.Value).ToList();
        // Both directions: items the operation was opened on, and items recorded later that name the operation.
        var items = await db.Set<IntelligenceItem>().AsNoTracking()
            .Where(i => itemRefs.Contains(i.Id) || i.Links.Any(l => l.Kind == IntelligenceLinkKinds.Operation && l.Value == operation.Id))
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        string? subject = null;
        if (operation.SubjectStaffId is { } staffId)
            subject = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.DisplayName + " (" + s.Id + ")").FirstOrDefaultAsync(ct) ?? staffId;
        // Free text quoting a case the reader may not see shows it withheld, as the registers' free text does.
        var texts = new[] { operation.Objective, operation.NextAction, operation.Result }.Concat(operation.Progress.Select(p => p.Text)).Concat(operation.Tactics.Select(t => t.Reason))
            .Concat(operation.Tests.SelectMany(t => new[] { t.Scenario, t.FollowUpNote }));
        var hiddenInText = await cases.HiddenAsync(texts.SelectMany(CaseReferences.Words).Where(CaseReferences.MayBeCaseId), ct);
        if (hiddenInText.Count > 0)
        {
            operation.Objective = CaseReferences.Redact(operation.Objective, hiddenInText)!;
            operation.NextAction = CaseReferences.Redact(operation.NextAction, hiddenInText);
            operation.Result = CaseReferences.Redact(operation.Result, hiddenInText);
            foreach (var p in operation.Progress) p.Text = CaseReferences.Redact(p.Text, hiddenInText)!;
            foreach (var t in operation.Tactics) t.Reason = CaseReferences.Redact(t.Reason, hiddenInText)!;
            foreach (var t in operation.Tests) (t.Scenario, t.FollowUpNote) = (CaseReferences.Redact(t.Scenario, hiddenInText)!, CaseReferences.Redact(t.FollowUpNote, hiddenInText));
        }
        await audit.RecordAsync("view", Target(operation.Id), null, ct);
        operation.Tactics.Sort((a, b) => a.RequestedOn.CompareTo(b.RequestedOn) is var c && c != 0 ? c : a.Id.CompareTo(b.Id));
        operation.Progress.Sort((a, b) => a.WrittenAt.CompareTo(b.WrittenAt));
        operation.Tests.Sort((a, b) => a.PlannedFor.CompareTo(b.PlannedFor) is var c && c != 0 ? c : a.Id.CompareTo(b.Id));
        return new OperationView(operation, subject, items, [.. caseRefs.Where(c => !hidden.Contains(c)).Order(StringComparer.Ordinal)], hidden);
    }

    /// <summary>The names of those of <paramref name="ids"/> the reader may see (an operation about them is not among them).</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        ids.Count == 0 ? new Dictionary<string, string>() :
        await db.Set<TaskingOperation>().AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, StringComparer.Ordinal, ct);

    /// <summary>Opens an operation; returns its reference.</summary>
    public async Task<string> OpenAsync(Opening input, CancellationToken ct)
    {
        var name = RecordItemHandler.Optional(input.Name, NameField, TaskingLimits.Name) ?? throw new ActionRefusedException($"{NameField}: give the operation's name.");
        var objective = RecordItemHandler.Optional(input.Objective, ObjectiveField, IntelligenceLimits.Note) ?? throw new ActionRefusedException($"{ObjectiveField}: say what the operation is to find out or achieve.");
        string? subject = string.IsNullOrWhiteSpace(input.Subject) ? null : await StaffChoice.ChooseAsync(db, input.Subject, SubjectField, ct);
        // Nobody opens an operation about themselves: it would vanish from their own view the moment it was saved.
        if (subject is not null && !db.Scope.MayReadAbout(subject))
            throw new ActionRefusedException($"{SubjectField}: you cannot open an operation about yourself.");
        var priority = string.IsNullOrWhiteSpace(input.Priority) ? null : input.Priority.Trim();
        if (priority is not null && !lists.Priorities.Any(p => p.Code == priority))
            throw new ActionRefusedException($"{PriorityField}: '{priority}' is not a control-strategy priority; choose from {string.Join(", ", lists.Priorities.Select(p => p.Words))}.");
        var operation = new TaskingOperation
        {
            Id = NewReference(), Name = name, Objective = objective, SubjectStaffId = subject, Priority = priority,
            OpenedBy = db.Scope.Actor, OpenedOn = Today,
        };
        foreach (var item in await RequireItemsAsync(Distinct(input.Items, ItemsField), ct))
            operation.Links.Add(new TaskingLink { OperationId = operation.Id, Kind = TaskingLinkKinds.Item, Value = item });
        foreach (var c in await RequireCasesAsync(Distinct(input.Cases, CasesField), CasesField, ct))
            operation.Links.Add(new TaskingLink { OperationId = operation.Id, Kind = TaskingLinkKinds.Case, Value = c });
        db.Set<TaskingOperation>().Add(operation);
        audit.Change("tasking_open", Target(operation.Id), $"opened{(subject is null ? "" : ", subject " + subject)}{(priority is null ? "" : ", priority " + priority)}"
            + string.Concat(operation.Links.Select(l => $"; {l.Kind} {l.Value}")));
        await db.SaveChangesAsync(ct);
        return operation.Id;
    }

    public async Task ProgressAsync(string id, Guid version, string? text, string? nextAction, string? nextDue, CancellationToken ct)
    {
        var operation = await LoadOpenAsync(id, version, ct);
        var note = RecordItemHandler.Optional(text, "Progress", IntelligenceLimits.Note);
        var action = RecordItemHandler.Optional(nextAction, "Next action", IntelligenceLimits.Note);
        DateOnly? due = string.IsNullOrWhiteSpace(nextDue) ? null : Day(nextDue, NextActionDueField);
        if (action is not null && due is null) throw new ActionRefusedException($"{NextActionDueField}: give the day the next action is due.");
        if (action is null && due is not null) throw new ActionRefusedException("Next action: say what is due on that day.");
        if (note is null && action is null) throw new ActionRefusedException("Progress: write what has happened, or the next action and when it is due.");
        if (note is not null)
            db.Set<OperationProgress>().Add(new OperationProgress { OperationId = id, Text = note, WrittenBy = db.Scope.Actor, WrittenAt = time.GetUtcNow() });
        if (action is not null) (operation.NextAction, operation.NextActionDueOn) = (action, due);
        audit.Change("tasking_progress", Target(id), (note is null ? "" : "progress noted") + (action is null ? "" : $"{(note is null ? "" : "; ")}next action due {due:yyyy-MM-dd}"));
        await SaveAsync(operation, ct);
    }

    public async Task RequestTacticAsync(string id, Guid version, string? option, string? reason, CancellationToken ct)
    {
        var operation = await LoadOpenAsync(id, version, ct);
        var code = option?.Trim();
        if (string.IsNullOrEmpty(code) || menu.All.All(o => o.Code != code))
            throw new ActionRefusedException($"{OptionField}: {(string.IsNullOrEmpty(code) ? "choose one" : $"'{code}' is not on the force's menu; choose one")} of {string.Join(", ", menu.All.Select(o => o.Words))}.");
        var why = RecordItemHandler.Optional(reason, ReasonField, IntelligenceLimits.Note) ?? throw new ActionRefusedException($"{ReasonField}: say why this tactic is necessary and proportionate.");
        db.Set<OperationTactic>().Add(new OperationTactic { OperationId = id, Option = code, Reason = why, RequestedBy = db.Scope.Actor, RequestedOn = Today });
        audit.Change("tasking_tactic_request", Target(id), $"requested {code}");
        await SaveAsync(operation, ct);
    }

    /// <summary>The caller holds the authorising role (the page checks <c>AuthoriseTactics</c>); here, that they did not ask for it.</summary>
    public async Task AuthoriseTacticAsync(string id, Guid version, Guid tacticId, CancellationToken ct)
    {
        var operation = await LoadOpenAsync(id, version, ct);
        var tactic = await db.Set<OperationTactic>().FirstOrDefaultAsync(t => t.Id == tacticId && t.OperationId == id, ct) ?? throw new RecordNotFoundException("That tactic");
        if (tactic.AuthorisedBy is not null) throw new ActionRefusedException($"{menu.Words(tactic.Option)} was already authorised by {tactic.AuthorisedBy}.");
        if (string.Equals(tactic.RequestedBy, db.Scope.Actor, StringComparison.Ordinal))
            throw new ActionRefusedException($"You requested {menu.Words(tactic.Option)}: another senior manager authorises it.");
        (tactic.AuthorisedBy, tactic.AuthorisedAt) = (db.Scope.Actor, time.GetUtcNow());
        audit.Change("tasking_tactic_authorise", Target(id), $"authorised {tactic.Option} requested by {tactic.RequestedBy}");
        await SaveAsync(operation, ct);
    }

    public async Task PlanTestAsync(string id, Guid version, string? scenario, string? plannedFor, CancellationToken ct)
    {
        var operation = await LoadOpenAsync(id, version, ct);
        var words = RecordItemHandler.Optional(scenario, ScenarioField, IntelligenceLimits.Note) ?? throw new ActionRefusedException($"{ScenarioField}: describe the test's scenario.");
        var day = Day(plannedFor, PlannedForField);
        db.Set<IntegrityTest>().Add(new IntegrityTest { OperationId = id, Scenario = words, PlannedFor = day, PlannedBy = db.Scope.Actor });
        audit.Change("integrity_test_plan", Target(id), $"integrity test planned for {day:yyyy-MM-dd}");
        await SaveAsync(operation, ct);
    }

    /// <summary>The caller holds the authorising role (the page checks <c>AuthoriseTactics</c>); here, that they did not plan it.</summary>
    public async Task AuthoriseTestAsync(string id, Guid version, Guid testId, CancellationToken ct)
    {
        var operation = await LoadOpenAsync(id, version, ct);
        var test = await TestAsync(id, testId, ct);
        if (test.AuthorisedBy is not null) throw new ActionRefusedException($"The test planned for {test.PlannedFor:d MMMM yyyy} was already authorised by {test.AuthorisedBy}.");
        if (string.Equals(test.PlannedBy, db.Scope.Actor, StringComparison.Ordinal))
            throw new ActionRefusedException("You planned this integrity test: another senior manager authorises it.");
        (test.AuthorisedBy, test.AuthorisedAt) = (db.Scope.Actor, time.GetUtcNow());
        audit.Change("integrity_test_authorise", Target(id), $"integrity test {test.Id} planned by {test.PlannedBy} authorised");
        await SaveAsync(operation, ct);
    }

    public async Task RecordTestAsync(string id, Guid version, Guid testId, TestRecord input, CancellationToken ct)
    {
        var operation = await LoadOpenAsync(id, version, ct);
        var test = await TestAsync(id, testId, ct);
        if (test.AuthorisedBy is null) throw new ActionRefusedException("This integrity test has not been authorised: it is conducted only after its authorisation.");
        if (test.Result is not null) throw new ActionRefusedException($"This integrity test's result was already recorded ({test.Result}, by {test.ConductedBy}).");
        var on = Day(input.ConductedOn, ConductedOnField);
        if (on > Today) throw new ActionRefusedException($"{ConductedOnField}: {on:d MMMM yyyy} is in the future.");
        if (test.AuthorisedAt is { } authorised && on < DateOnly.FromDateTime(authorised.UtcDateTime))
            throw new ActionRefusedException($"{ConductedOnField}: {on:d MMMM yyyy} is before the test was authorised ({authorised:d MMMM yyyy}).");
        var result = input.Result?.Trim();
        if (result is null || !IntegrityTestResults.All.Contains(result))
            throw new ActionRefusedException($"Result: choose {string.Join(", ", IntegrityTestResults.All)}.");
        var followUp = input.FollowUp?.Trim();
        if (followUp is null || !IntegrityTestFollowUps.All.Contains(followUp))
            throw new ActionRefusedException($"Follow-up: choose {string.Join(", ", IntegrityTestFollowUps.All.Select(IntegrityTestFollowUps.Words))}.");
        string? caseId = null;
        if (followUp == IntegrityTestFollowUps.CaseOpened)
        {
            var typed = input.FollowUpCase?.Trim();
            if (string.IsNullOrEmpty(typed)) throw new ActionRefusedException("Follow-up case: give the reference of the case opened.");
            caseId = (await RequireCasesAsync([typed], "Follow-up case", ct))[0];
        }
        test.ConductedOn = on;
        test.ConductedBy = db.Scope.Actor;
        test.Result = result;
        test.FollowUp = followUp;
        test.FollowUpCaseId = caseId;
        test.FollowUpNote = RecordItemHandler.Optional(input.Note, "Follow-up note", IntelligenceLimits.Note);
        audit.Change("integrity_test_result", Target(id), $"integrity test {test.Id}: {result}, {followUp}{(caseId is null ? "" : " " + caseId)}");
        await SaveAsync(operation, ct);
    }

    public async Task CloseAsync(string id, Guid version, string? result, CancellationToken ct)
    {
        var operation = await LoadOpenAsync(id, version, ct);
        var words = RecordItemHandler.Optional(result, "Result", IntelligenceLimits.Note) ?? throw new ActionRefusedException("Result: say what the operation found or achieved.");
        if (await db.Set<IntegrityTest>().AnyAsync(t => t.OperationId == id && t.AuthorisedBy != null && t.Result == null, ct))
            throw new ActionRefusedException("An authorised integrity test has no result yet: record it before the operation closes.");
        (operation.ClosedOn, operation.ClosedBy, operation.Result) = (Today, db.Scope.Actor, words);
        audit.Change("tasking_close", Target(id), "closed");
        await SaveAsync(operation, ct);
    }

    private async Task<TaskingOperation> LoadOpenAsync(string id, Guid version, CancellationToken ct)
    {
        var operation = await db.Set<TaskingOperation>().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new RecordNotFoundException($"Operation {id}");
        if (operation.Version != version)
            throw new EditConflictException($"Someone changed operation {operation.Name} since you opened it. Reload it and try again.");
        if (operation.ClosedOn is not null) throw new ActionRefusedException($"Operation {operation.Name} was closed on {operation.ClosedOn:d MMMM yyyy}.");
        return operation;
    }

    private async Task<IntegrityTest> TestAsync(string id, Guid testId, CancellationToken ct) =>
        await db.Set<IntegrityTest>().FirstOrDefaultAsync(t => t.Id == testId && t.OperationId == id, ct) ?? throw new RecordNotFoundException("That integrity test");

    private Task SaveAsync(TaskingOperation operation, CancellationToken ct)
    {
        operation.Version = Guid.NewGuid();
        return db.SaveChangesOrConflictAsync($"Someone changed operation {operation.Name} while you were working on it. Reload it and try again.", ct);
    }

    private async Task<List<string>> RequireItemsAsync(List<string> references, CancellationToken ct)
    {
        if (references.Count == 0) return references;
        var visible = await db.Set<IntelligenceItem>().AsNoTracking().Where(i => references.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
        if (references.FirstOrDefault(r => !visible.Contains(r, StringComparer.Ordinal)) is { } missing)
            throw new ActionRefusedException($"{ItemsField}: there is no intelligence item '{missing}' that you can see.");
        return references;
    }

    /// <summary>Case references that name a case the reader may see; any other is refused alike (whether it exists is not said).</summary>
    private async Task<List<string>> RequireCasesAsync(List<string> references, string field, CancellationToken ct)
    {
        if (references.Count == 0) return references;
        var visible = await db.Cases.AsNoTracking().Where(c => references.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        if (references.FirstOrDefault(r => !visible.Contains(r, StringComparer.Ordinal)) is { } missing)
            throw new ActionRefusedException($"{field}: there is no case '{missing}' that you can see.");
        return references;
    }

    private static List<string> Distinct(IReadOnlyList<string> values, string field)
    {
        var list = values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > IntelligenceLimits.Links) throw new ActionRefusedException($"{field}: {list.Count} given; an operation links at most {IntelligenceLimits.Links}.");
        if (list.FirstOrDefault(v => v.Length > ColumnWidth.Id) is { } longOne) throw new ActionRefusedException($"{field}: '{longOne[..20]}…' is not a reference.");
        return list;
    }

    private static DateOnly Day(string? text, string field)
    {
        if (!DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw new ActionRefusedException($"{field}: give a date as YYYY-MM-DD.");
        return WorkingDays.RequireCovered(day, field);
    }

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    internal static string NewReference() => "OP-" + RandomNumberGenerator.GetString(Alphabet, 10);
}
