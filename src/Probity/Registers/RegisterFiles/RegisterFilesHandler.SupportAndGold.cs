using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Registers.Contracts;
using Probity.Registers.GoldGroups;

namespace Probity.Registers.RegisterFiles;

// The support programme's deliveries and the gold groups in the interchange format (docs/registers-interchange.md), read
// and written as the other registers' files are. The borough packs are not exported: they are figures computed from the
// cases, which travel in PIF-1. Gold groups' files carry outside members' names (this is the register, not the FOI
// export); a case quoted in their text that the reader may not open is withheld, and an import never overwrites a group
// whose stored text quotes one.
internal sealed partial class RegisterFilesHandler
{
    public const string DeliveriesFile = "register_support_deliveries.csv";
    public const string GoldGroupsFile = "register_gold_groups.csv";
    public const string GoldMembersFile = "register_gold_group_members.csv";
    public const string GoldDecisionsFile = "register_gold_group_decisions.csv";
    public const string GoldActionsFile = "register_gold_group_actions.csv";
    public const string GoldMeetingsFile = "register_gold_group_meetings.csv";

    public static readonly string[] DeliveryColumns = ["delivery_id", "unit_id", "delivered_on", "audience", "topics", "notes", "recorded_by", "recorded_at"];
    public static readonly string[] GoldGroupColumns = ["group_id", "incident", "description", "triggered_on", "chair_staff_id", "closed_on", "closing_note", "recorded_by", "recorded_at"];
    public static readonly string[] GoldMemberColumns = ["member_id", "group_id", "staff_id", "name", "organisation", "role", "joined_on", "recorded_by"];
    public static readonly string[] GoldDecisionColumns = ["decision_id", "group_id", "decided_on", "decided_by_staff_id", "decision", "rationale", "recorded_by", "recorded_at"];
    public static readonly string[] GoldActionColumns = ["action_id", "group_id", "action", "owner_staff_id", "due_on", "state", "state_note", "recorded_by"];
    public static readonly string[] GoldMeetingColumns = ["meeting_id", "group_id", "held_on", "minutes", "recorded_by", "recorded_at"];

    public async Task<IReadOnlyDictionary<string, int>> ExportSupportAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var rows = await db.SupportDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        await audit.RecordAsync("export", "support_programme", $"{rows.Count} deliveries", ct);
        folder.Create();
        await WriteAsync(folder, DeliveriesFile, DeliveryColumns, rows.Select(d => new[] { d.Id, d.UnitId, D(d.DeliveredOn), d.Audience, d.Topics, d.Notes, d.RecordedBy, T(d.RecordedAt) }), ct);
        return new Dictionary<string, int>(StringComparer.Ordinal) { [DeliveriesFile] = rows.Count };
    }

    public async Task<(IReadOnlyDictionary<string, int> Rows, IReadOnlyList<FileIssue> Issues)> ImportSupportAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var issues = new List<FileIssue>();
        var boroughs = (await db.Units.AsNoTracking().Where(u => u.Kind == "borough").Select(u => u.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var rows = new List<SupportDelivery>();
        using (var reader = OpenIn(folder, DeliveriesFile))
            if (reader is not null)
                foreach (var r in Read(reader, DeliveriesFile, DeliveryColumns, issues))
                {
                    var unit = r.Text("unit_id", ColumnWidth.Id, required: true);
                    if (!string.IsNullOrEmpty(unit) && !boroughs.Contains(unit)) r.Issue("unit_id", $"no borough has the id '{unit}'");
                    rows.Add(new SupportDelivery
                    {
                        Id = r.Text("delivery_id", ColumnWidth.Id, required: true)!, UnitId = unit ?? "", DeliveredOn = Held(r, "delivered_on") ?? default,
                        Audience = r.Text("audience", 500, required: true)!, Topics = r.Text("topics", 2000, required: true)!, Notes = r.Text("notes", 4000),
                        RecordedBy = r.Text("recorded_by", 256, required: true)!, RecordedAt = r.Time("recorded_at") ?? time.GetUtcNow(),
                    });
                }
        if (rows.Count == 0 && issues.Count == 0) issues.Add(new FileIssue(folder.FullName, 0, null, $"{DeliveriesFile} is not in the folder"));
        Duplicates(rows.Select(d => d.Id), DeliveriesFile, issues);
        if (issues.Count > 0) return (new Dictionary<string, int>(), issues);
        var ids = rows.Select(d => d.Id).ToList();
        var existing = await db.SupportDeliveries.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, StringComparer.Ordinal, ct);
        foreach (var d in rows)
            if (existing.TryGetValue(d.Id, out var e)) { db.Entry(e).CurrentValues.SetValues(d); e.Version = Guid.NewGuid(); }
            else db.SupportDeliveries.Add(d);
        audit.Change("import", "support_programme", $"{rows.Count} deliveries ({rows.Count - existing.Count} new)");
        await db.SaveChangesAsync(ct);
        return (new Dictionary<string, int>(StringComparer.Ordinal) { [DeliveriesFile] = rows.Count }, []);
    }

    public async Task<IReadOnlyDictionary<string, int>> ExportGoldGroupsAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var groups = await db.GoldGroups.AsNoTracking().OrderBy(g => g.Id).ToListAsync(ct);
        var members = await db.GoldGroupMembers.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        var decisions = await db.GoldGroupDecisions.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        var actions = await db.GoldGroupActions.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
        var meetings = await db.GoldGroupMeetings.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        var texts = groups.SelectMany(g => new[] { g.Incident, g.Description, g.ClosingNote }).Concat(decisions.SelectMany(d => new[] { d.Decision, d.Rationale }))
            .Concat(actions.SelectMany(a => new[] { a.Action, a.StateNote })).Concat(meetings.Select(m => m.Minutes));
        var hidden = await references.HiddenAsync(texts.SelectMany(CaseReferences.Words), ct);
        string? R(string? text) => CaseReferences.Redact(text, hidden);
        await audit.RecordAsync("export", "gold_groups", $"{groups.Count} groups, {members.Count} members, {decisions.Count} decisions, {actions.Count} actions, {meetings.Count} meetings", ct);
        folder.Create();
        await WriteAsync(folder, GoldGroupsFile, GoldGroupColumns, groups.Select(g => new[] { g.Id, R(g.Incident), R(g.Description), D(g.TriggeredOn), g.ChairStaffId, D(g.ClosedOn), R(g.ClosingNote), g.RecordedBy, T(g.RecordedAt) }), ct);
        await WriteAsync(folder, GoldMembersFile, GoldMemberColumns, members.Select(m => new[] { m.Id, m.GroupId, m.StaffId, m.Name, m.Organisation, m.Role, D(m.JoinedOn), m.RecordedBy }), ct);
        await WriteAsync(folder, GoldDecisionsFile, GoldDecisionColumns, decisions.Select(d => new[] { d.Id, d.GroupId, D(d.DecidedOn), d.DecidedByStaffId, R(d.Decision), R(d.Rationale), d.RecordedBy, T(d.RecordedAt) }), ct);
        await WriteAsync(folder, GoldActionsFile, GoldActionColumns, actions.Select(a => new[] { a.Id, a.GroupId, R(a.Action), a.OwnerStaffId, D(a.DueOn), a.State, R(a.StateNote), a.RecordedBy }), ct);
        await WriteAsync(folder, GoldMeetingsFile, GoldMeetingColumns, meetings.Select(m => new[] { m.Id, m.GroupId, D(m.HeldOn), R(m.Minutes), m.RecordedBy, T(m.RecordedAt) }), ct);
        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [GoldGroupsFile] = groups.Count, [GoldMembersFile] = members.Count, [GoldDecisionsFile] = decisions.Count, [GoldActionsFile] = actions.Count, [GoldMeetingsFile] = meetings.Count,
        };
    }

    public async Task<(IReadOnlyDictionary<string, int> Rows, IReadOnlyList<FileIssue> Issues)> ImportGoldGroupsAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var issues = new List<FileIssue>();
        // Anyone may sit on a gold group, the importer included: every member of staff is known here.
        var staff = (await db.Staff.AsNoTracking().Select(s => s.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        string? Staff(Row r, string column, bool required)
        {
            var id = r.Text(column, ColumnWidth.Id, required);
            if (!string.IsNullOrEmpty(id) && !staff.Contains(id)) r.Issue(column, $"no member of staff has the id '{id}'");
            return id;
        }
        var groups = new List<GoldGroup>();
        var members = new List<GoldGroupMember>();
        var decisions = new List<GoldGroupDecision>();
        var actions = new List<GoldGroupAction>();
        var meetings = new List<GoldGroupMeeting>();
        using (var reader = OpenIn(folder, GoldGroupsFile))
            if (reader is not null)
                foreach (var r in Read(reader, GoldGroupsFile, GoldGroupColumns, issues))
                    groups.Add(new GoldGroup
                    {
                        Id = r.Text("group_id", ColumnWidth.Id, required: true)!, Incident = r.Text("incident", 300, required: true)!, Description = r.Text("description", 4000, required: true)!,
                        TriggeredOn = Held(r, "triggered_on") ?? default, ChairStaffId = Staff(r, "chair_staff_id", true) ?? "", ClosedOn = r.Date("closed_on"),
                        ClosingNote = r.Text("closing_note", 4000), RecordedBy = r.Text("recorded_by", 256, required: true)!, RecordedAt = r.Time("recorded_at") ?? time.GetUtcNow(),
                    });
        using (var reader = OpenIn(folder, GoldMembersFile))
            if (reader is not null)
                foreach (var r in Read(reader, GoldMembersFile, GoldMemberColumns, issues))
                {
                    var m = new GoldGroupMember
                    {
                        Id = r.Text("member_id", ColumnWidth.Id, required: true)!, GroupId = r.Text("group_id", ColumnWidth.Id, required: true)!, StaffId = Staff(r, "staff_id", false),
                        Name = r.Text("name", 200), Organisation = r.Text("organisation", 200), Role = r.Text("role", 200, required: true)!,
                        JoinedOn = Held(r, "joined_on") ?? default, RecordedBy = r.Text("recorded_by", 256, required: true)!,
                    };
                    if ((m.StaffId is null) == (m.Name is null)) r.Issue("staff_id", "give either a member of staff's id or an outside member's name, not both");
                    if (m.Name is not null && m.Organisation is null) r.Issue("organisation", "an outside member needs the organisation they represent");
                    members.Add(m);
                }
        using (var reader = OpenIn(folder, GoldDecisionsFile))
            if (reader is not null)
                foreach (var r in Read(reader, GoldDecisionsFile, GoldDecisionColumns, issues))
                    decisions.Add(new GoldGroupDecision
                    {
                        Id = r.Text("decision_id", ColumnWidth.Id, required: true)!, GroupId = r.Text("group_id", ColumnWidth.Id, required: true)!, DecidedOn = Held(r, "decided_on") ?? default,
                        DecidedByStaffId = Staff(r, "decided_by_staff_id", true) ?? "", Decision = r.Text("decision", 4000, required: true)!, Rationale = r.Text("rationale", 4000, required: true)!,
                        RecordedBy = r.Text("recorded_by", 256, required: true)!, RecordedAt = r.Time("recorded_at") ?? time.GetUtcNow(),
                    });
        using (var reader = OpenIn(folder, GoldActionsFile))
            if (reader is not null)
                foreach (var r in Read(reader, GoldActionsFile, GoldActionColumns, issues))
                    actions.Add(new GoldGroupAction
                    {
                        Id = r.Text("action_id", ColumnWidth.Id, required: true)!, GroupId = r.Text("group_id", ColumnWidth.Id, required: true)!, Action = r.Text("action", 4000, required: true)!,
                        OwnerStaffId = Staff(r, "owner_staff_id", true) ?? "", DueOn = Held(r, "due_on") ?? default, State = r.Code("state", [.. GoldGroupHandler.ActionStates.Keys], required: true)!,
                        StateNote = r.Text("state_note", 4000), RecordedBy = r.Text("recorded_by", 256, required: true)!,
                    });
        using (var reader = OpenIn(folder, GoldMeetingsFile))
            if (reader is not null)
                foreach (var r in Read(reader, GoldMeetingsFile, GoldMeetingColumns, issues))
                    meetings.Add(new GoldGroupMeeting
                    {
                        Id = r.Text("meeting_id", ColumnWidth.Id, required: true)!, GroupId = r.Text("group_id", ColumnWidth.Id, required: true)!, HeldOn = Held(r, "held_on") ?? default,
                        Minutes = r.Text("minutes", 20000, required: true)!, RecordedBy = r.Text("recorded_by", 256, required: true)!, RecordedAt = r.Time("recorded_at") ?? time.GetUtcNow(),
                    });
        if (groups.Count + members.Count + decisions.Count + actions.Count + meetings.Count == 0 && issues.Count == 0)
            issues.Add(new FileIssue(folder.FullName, 0, null, $"none of the gold group files ({GoldGroupsFile} ...) is in the folder"));
        Duplicates(groups.Select(g => g.Id), GoldGroupsFile, issues);
        Duplicates(members.Select(m => m.Id), GoldMembersFile, issues);
        Duplicates(decisions.Select(d => d.Id), GoldDecisionsFile, issues);
        Duplicates(actions.Select(a => a.Id), GoldActionsFile, issues);
        Duplicates(meetings.Select(m => m.Id), GoldMeetingsFile, issues);
        var known = groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var children = members.Select(m => (GoldMembersFile, m.GroupId)).Concat(decisions.Select(d => (GoldDecisionsFile, d.GroupId)))
            .Concat(actions.Select(a => (GoldActionsFile, a.GroupId))).Concat(meetings.Select(m => (GoldMeetingsFile, m.GroupId))).ToList();
        var parents = children.Select(c => c.GroupId).Where(id => !known.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        known.UnionWith(await db.GoldGroups.AsNoTracking().Where(g => parents.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct));
        foreach (var (file, id) in children.Where(c => c.GroupId.Length > 0 && !known.Contains(c.GroupId)).Distinct().Take(20))
            issues.Add(new FileIssue(file, 0, "group_id", $"no gold group '{id}' in {GoldGroupsFile} or the register"));
        if (issues.Count > 0) return (new Dictionary<string, int>(), issues);
        var ids = groups.Select(g => g.Id).ToList();
        var existing = await db.GoldGroups.Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, StringComparer.Ordinal, ct);
        var stored = existing.Values.SelectMany(g => new[] { g.Incident, g.Description, g.ClosingNote }).SelectMany(CaseReferences.Words);
        if ((await references.HiddenAsync(stored, ct)).Count > 0)
            return (new Dictionary<string, int>(), [new FileIssue(GoldGroupsFile, 0, "group_id", "one or more gold groups in the file quote cases you may not open, so you may not change them. Nothing was written.")]);
        foreach (var g in groups)
            if (existing.TryGetValue(g.Id, out var e)) { db.Entry(e).CurrentValues.SetValues(g); e.Version = Guid.NewGuid(); }
            else db.GoldGroups.Add(g);
        await UpsertAsync(db.GoldGroupMembers, members, m => m.Id, ct);
        await UpsertAsync(db.GoldGroupDecisions, decisions, d => d.Id, ct);
        await UpsertAsync(db.GoldGroupActions, actions, a => a.Id, ct);
        await UpsertAsync(db.GoldGroupMeetings, meetings, m => m.Id, ct);
        audit.Change("import", "gold_groups", $"{groups.Count} groups ({groups.Count - existing.Count} new), {members.Count} members, {decisions.Count} decisions, {actions.Count} actions, {meetings.Count} meetings");
        await db.SaveChangesAsync(ct);
        return (new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [GoldGroupsFile] = groups.Count, [GoldMembersFile] = members.Count, [GoldDecisionsFile] = decisions.Count, [GoldActionsFile] = actions.Count, [GoldMeetingsFile] = meetings.Count,
        }, []);
    }

    /// <summary>A register date, required, in the range a register holds (never counted in working days).</summary>
    private static DateOnly? Held(Row r, string column)
    {
        var d = r.Date(column, required: true);
        if (d is { } day && RegisterDates.Problem(day, column) is { } problem) { r.Issue(column, problem); return null; }
        return d;
    }
}
