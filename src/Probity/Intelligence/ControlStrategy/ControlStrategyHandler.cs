using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.Log;
using Probity.Intelligence.RecordItem;
using Probity.Kernel;
using Probity.Workforce.Contracts;

namespace Probity.Intelligence.ControlStrategy;

/// <summary>
/// The control strategy (ADR control-strategy): reading its priorities with their evidence, activities and the assessments'
/// review cycle (every read on the trail before it is shown), and the senior managers' changes to activities and the cycle
/// (each staged on the trail before its save; an edit made on a stale page is refused, never overwrites).
/// </summary>
internal sealed class ControlStrategyHandler(ProbityDb db, Audit audit, IntelligenceLists lists, PriorityEvidence evidence, TimeProvider time)
{
    public const string Target = "control_strategy";
    public static string PriorityTarget(string code) => "control_strategy:" + code;

    internal sealed record ActivityRow(ControlActivity Activity, string OwnerName);

    /// <summary>The review cycle as it stands today: the last assessment of each kind and when the next is due.</summary>
    internal sealed record ReviewCycle(IReadOnlyList<StrategicAssessment> Assessments, DateOnly Today)
    {
        public StrategicAssessment? LastFull => Assessments.Where(a => a.Kind == StrategicAssessmentKinds.Full).MaxBy(a => a.AssessedOn);
        public StrategicAssessment? Latest => Assessments.MaxBy(a => a.AssessedOn);
        /// <summary>The next full assessment: three years after the last, or now when there has never been one.</summary>
        public DateOnly NextFullDue => LastFull?.AssessedOn.AddYears(StrategicAssessmentKinds.FullEveryYears) ?? Today;
        /// <summary>The next review of either kind: what the latest assessment said.</summary>
        public DateOnly NextDue => Latest?.NextDueOn ?? Today;
        public bool Overdue => Latest is null || NextDue < Today;
        public bool FullOverdue => LastFull is null || NextFullDue < Today;
    }

    internal sealed record Overview(IReadOnlyList<PriorityPicture> Priorities, IReadOnlyDictionary<string, int> OpenActivities, ReviewCycle Cycle);

    internal sealed record PriorityPage(PriorityPicture Picture, IReadOnlyList<ActivityRow> Activities, ReviewCycle Cycle);

    public DateOnly Today => time.Today();

    public async Task<Overview> OverviewAsync(CancellationToken ct)
    {
        var pictures = await evidence.CountAsync(lists.Strategy, ct);
        var open = await db.Set<ControlActivity>().AsNoTracking().Where(a => a.State == ControlActivityStates.Planned || a.State == ControlActivityStates.InProgress)
            .GroupBy(a => a.Priority).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var cycle = await CycleAsync(ct);
        await audit.RecordAsync("view", Target, $"the control strategy ({pictures.Count} priorities)", ct);
        return new Overview(pictures, open, cycle);
    }

    public async Task<PriorityPage> PriorityAsync(string code, CancellationToken ct)
    {
        var priority = lists.Priority(code) ?? throw new RecordNotFoundException($"Control-strategy priority '{code}'");
        var picture = (await evidence.CountAsync([priority], ct))[0];
        var activities = await ActivitiesAsync([priority.Code], ct);
        var cycle = await CycleAsync(ct);
        await audit.RecordAsync("view", PriorityTarget(priority.Code), $"{activities.Count} activities", ct);
        return new PriorityPage(picture, activities, cycle);
    }

    /// <summary>Everything the assessment document holds, read for <paramref name="action"/> ("view" for the page, "export" for the PDF).</summary>
    public async Task<AssessmentDocument> AssessmentAsync(string action, CancellationToken ct)
    {
        var pictures = await evidence.CountAsync(lists.Strategy, ct);
        var activities = await ActivitiesAsync([.. lists.Strategy.Select(p => p.Code)], ct);
        var cycle = await CycleAsync(ct);
        await audit.RecordAsync(action, Target, action == "export" ? "Strategic Intelligence Assessment (PDF)" : "Strategic Intelligence Assessment", ct);
        return new AssessmentDocument(pictures, activities.ToLookup(a => a.Activity.Priority), cycle, evidence.Years, time.Today(), db.Scope.Actor, lists);
    }

    private async Task<ReviewCycle> CycleAsync(CancellationToken ct) =>
        new(await db.Set<StrategicAssessment>().AsNoTracking().OrderByDescending(a => a.AssessedOn).ToListAsync(ct), time.Today());

    private async Task<List<ActivityRow>> ActivitiesAsync(IReadOnlyList<string> priorities, CancellationToken ct)
    {
        var activities = await db.Set<ControlActivity>().AsNoTracking().Include(a => a.Progress).Where(a => priorities.Contains(a.Priority)).ToListAsync(ct);
        var owners = activities.Select(a => a.OwnerStaffId).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => owners.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        foreach (var a in activities) a.Progress.Sort((x, y) => x.WrittenAt.CompareTo(y.WrittenAt));
        return [.. activities.OrderBy(a => ControlActivityKinds.All.ToList().IndexOf(a.Kind)).ThenBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new ActivityRow(a, names.GetValueOrDefault(a.OwnerStaffId, a.OwnerStaffId)))];
    }

    internal sealed record ActivityInput(string? Kind, string? Description, string? Owner, string? DueOn, string? State);

    public async Task<Guid> AddActivityAsync(string code, ActivityInput input, CancellationToken ct)
    {
        var priority = lists.Priority(code) ?? throw new RecordNotFoundException($"Control-strategy priority '{code}'");
        var activity = new ControlActivity { Priority = priority.Code, Kind = "", Description = "", OwnerStaffId = "", State = ControlActivityStates.Planned, ChangedBy = db.Scope.Actor };
        await ApplyAsync(activity, input with { State = input.State ?? ControlActivityStates.Planned }, ct);
        db.Set<ControlActivity>().Add(activity);
        audit.Change("control_activity_add", PriorityTarget(priority.Code), Describe(activity));
        await db.SaveChangesAsync(ct);
        return activity.Id;
    }

    public async Task EditActivityAsync(string code, Guid id, Guid version, ActivityInput input, CancellationToken ct)
    {
        var activity = await LoadAsync(code, id, version, ct);
        await ApplyAsync(activity, input, ct);
        audit.Change("control_activity_edit", PriorityTarget(activity.Priority), Describe(activity));
        await db.SaveChangesOrConflictAsync("Someone changed this activity while you were editing it. Reload the page and make your change again.", ct);
    }

    public async Task AddProgressAsync(string code, Guid id, Guid version, string? text, CancellationToken ct)
    {
        var activity = await LoadAsync(code, id, version, ct);
        var note = RecordItemHandler.Optional(text, "Progress", IntelligenceLimits.Note) ?? throw new ActionRefusedException("Progress: write what has been done.");
        db.Set<ControlProgressNote>().Add(new ControlProgressNote { ActivityId = activity.Id, Text = note, WrittenBy = db.Scope.Actor, WrittenAt = time.GetUtcNow() });
        Touch(activity);
        audit.Change("control_activity_progress", PriorityTarget(activity.Priority), $"progress on the {activity.Kind} activity {activity.Id}");
        await db.SaveChangesOrConflictAsync("Someone changed this activity while you were writing. Reload the page and add your note again.", ct);
    }

    /// <summary>Records an assessment; the next is due three years after a full one, a year after an interim one (never later than the next full).</summary>
    public async Task RecordAssessmentAsync(string? kind, string? assessedOn, string? note, CancellationToken ct)
    {
        if (kind is not (StrategicAssessmentKinds.Full or StrategicAssessmentKinds.Interim))
            throw new ActionRefusedException($"Kind: choose {StrategicAssessmentKinds.Full} or {StrategicAssessmentKinds.Interim}.");
        var on = Day(assessedOn, "Assessed on");
        if (on > time.Today()) throw new ActionRefusedException($"Assessed on: {on:d MMMM yyyy} is in the future; record an assessment once it is made.");
        var cycle = await CycleAsync(ct);
        var nextFull = kind == StrategicAssessmentKinds.Full ? on.AddYears(StrategicAssessmentKinds.FullEveryYears) : cycle.LastFull?.AssessedOn.AddYears(StrategicAssessmentKinds.FullEveryYears);
        var next = kind == StrategicAssessmentKinds.Full ? nextFull!.Value : Min(on.AddYears(StrategicAssessmentKinds.InterimEveryYears), nextFull);
        var assessment = new StrategicAssessment
        {
            Kind = kind, AssessedOn = on, NextDueOn = next, Note = RecordItemHandler.Optional(note, "Note", IntelligenceLimits.Note),
            RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.Set<StrategicAssessment>().Add(assessment);
        audit.Change("strategic_assessment_record", Target, $"{kind} assessment of {on:yyyy-MM-dd}, next due {next:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly Min(DateOnly a, DateOnly? b) => b is { } other && other < a ? other : a;

    private async Task<ControlActivity> LoadAsync(string code, Guid id, Guid version, CancellationToken ct)
    {
        var activity = await db.Set<ControlActivity>().FirstOrDefaultAsync(a => a.Id == id && a.Priority == code, ct)
            ?? throw new RecordNotFoundException("Control-strategy activity");
        if (activity.Version != version)
            throw new EditConflictException("Someone changed this activity since you opened the page. Reload it and make your change again.");
        return activity;
    }

    private async Task ApplyAsync(ControlActivity activity, ActivityInput input, CancellationToken ct)
    {
        if (input.Kind is null || !ControlActivityKinds.All.Contains(input.Kind))
            throw new ActionRefusedException($"Kind: choose one of {string.Join(", ", ControlActivityKinds.All)}.");
        if (input.State is null || !ControlActivityStates.All.Contains(input.State))
            throw new ActionRefusedException($"State: choose one of {string.Join(", ", ControlActivityStates.All)}.");
        activity.Description = RecordItemHandler.Optional(input.Description, "Activity", IntelligenceLimits.Note) ?? throw new ActionRefusedException("Activity: say what is to be done.");
        activity.OwnerStaffId = await StaffChoice.ChooseAsync(db, input.Owner, "Owner", ct);
        activity.DueOn = Day(input.DueOn, "Due on");
        activity.Kind = input.Kind;
        activity.State = input.State;
        Touch(activity);
    }

    private void Touch(ControlActivity activity)
    {
        activity.ChangedBy = db.Scope.Actor;
        activity.ChangedAt = time.GetUtcNow();
        activity.Version = Guid.NewGuid();
    }

    private static DateOnly Day(string? text, string field)
    {
        if (!DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw new ActionRefusedException($"{field}: give a date as YYYY-MM-DD.");
        return WorkingDays.RequireCovered(day, field);
    }

    private static string Describe(ControlActivity a) => $"{a.Kind} activity {a.Id}, owner {a.OwnerStaffId}, due {a.DueOn:yyyy-MM-dd}, {a.State}";
}
