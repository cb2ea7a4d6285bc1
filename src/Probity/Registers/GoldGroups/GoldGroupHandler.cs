using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;
using Probity.Workforce.Contracts;

namespace Probity.Registers.GoldGroups;

/// <summary>
/// One gold group for a critical incident (seed 004): reading it whole (members, decisions with their rationale, actions,
/// minutes), opening it, adding members (staff by name, outside members as name and organisation), recording decisions,
/// actions and minutes, moving an action on and closing the group; and the FOI export, in which outside members' names
/// are withheld (docs/adr/0016-registers.md). Every read and change is audited; a change to an action or to the group
/// checks the version the person saw.
/// </summary>
internal sealed partial class GoldGroupHandler(ProbityDb db, Audit audit, TimeProvider time, CaseReferences references)
{
    private const string Conflict = "The gold group was changed by someone else since you opened it. Reload and try again.";
    private const string ActionConflict = "The action was changed by someone else since you opened it. Reload and try again.";

    public static readonly IReadOnlyDictionary<string, string> ActionStates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["open"] = "Open", ["done"] = "Done", ["dropped"] = "Dropped",
    };

    /// <param name="Role">The member's role, as the export shows it (a role may name an outside member: "liaison for the Okafors").</param>
    internal sealed record Member(GoldGroupMember Row, string Name, string? Organisation, bool Outside, string Role);
    internal sealed record Decision(GoldGroupDecision Row, string DecidedBy, string Text, string Rationale);
    internal sealed record ActionItem(GoldGroupAction Row, string Owner, string Text, string? StateNote, bool Overdue);
    internal sealed record Meeting(GoldGroupMeeting Row, string Minutes);

    internal sealed record View(GoldGroup Group, string Incident, string Description, string Chair, string? ClosingNote, IReadOnlyList<Member> Members,
        IReadOnlyList<Decision> Decisions, IReadOnlyList<ActionItem> Actions, IReadOnlyList<Meeting> Meetings, bool Redacted, DateTimeOffset ProducedAt);

    /// <summary>The group as stored (<paramref name="foi"/> false) or as its FOI export (outside members' names withheld everywhere).</summary>
    public async Task<View> ReadAsync(string id, bool foi, string action, CancellationToken ct)
    {
        var g = await db.GoldGroups.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (g is null)
        {
            await audit.RecordMissingAsync("gold_group", id, ct);
            throw new RecordNotFoundException($"Gold group {id}");
        }
        var members = await db.GoldGroupMembers.AsNoTracking().Where(m => m.GroupId == id).OrderBy(m => m.JoinedOn).ThenBy(m => m.Id).ToListAsync(ct);
        // Ordered here: SQLite cannot order by a DateTimeOffset column, and entries of one day go in the order they were recorded.
        var decisions = (await db.GoldGroupDecisions.AsNoTracking().Where(d => d.GroupId == id).ToListAsync(ct)).OrderBy(d => d.DecidedOn).ThenBy(d => d.RecordedAt).ToList();
        var actions = await db.GoldGroupActions.AsNoTracking().Where(a => a.GroupId == id).OrderBy(a => a.State == "open" ? 0 : 1).ThenBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(ct);
        var meetings = (await db.GoldGroupMeetings.AsNoTracking().Where(m => m.GroupId == id).ToListAsync(ct)).OrderBy(m => m.HeldOn).ThenBy(m => m.RecordedAt).ToList();
        var staffIds = members.Select(m => m.StaffId).Concat(decisions.Select(d => d.DecidedByStaffId)).Concat(actions.Select(a => a.OwnerStaffId)).Append(g.ChairStaffId)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        string Staff(string staffId) => names.GetValueOrDefault(staffId, staffId);

        var texts = new[] { g.Incident, g.Description, g.ClosingNote }.Concat(decisions.SelectMany(d => new[] { d.Decision, d.Rationale }))
            .Concat(actions.SelectMany(a => new[] { a.Action, a.StateNote })).Concat(meetings.Select(m => m.Minutes));
        var hidden = await references.HiddenAsync(texts.SelectMany(CaseReferences.Words), ct);
        var outside = members.Where(m => m.StaffId is null && m.Name is not null).ToList();
        var labelOf = outside.Select((m, i) => (m.Id, Label: "Outside member " + Letter(i))).ToDictionary(x => x.Id, x => x.Label, StringComparer.Ordinal);
        var labels = outside.Select(m => (m.Name!, labelOf[m.Id])).ToList();
        string Text(string? t)
        {
            var shown = CaseReferences.Redact(t, hidden) ?? "";
            return foi ? Withhold(shown, labels) : shown;
        }

        await audit.RecordAsync(action, "gold_group:" + id, foi ? "FOI export, outside members' names withheld" : null, ct);
        var today = time.Today();
        return new View(g, Text(g.Incident), Text(g.Description), Staff(g.ChairStaffId), g.ClosingNote is null ? null : Text(g.ClosingNote),
            members.Select(m => m.StaffId is { } s
                ? new Member(m, Staff(s), null, false, Text(m.Role))
                : new Member(m, foi ? labelOf.GetValueOrDefault(m.Id, "Outside member") : m.Name ?? "", m.Organisation is null ? null : Text(m.Organisation), true, Text(m.Role))).ToList(),
            decisions.Select(d => new Decision(d, Staff(d.DecidedByStaffId), Text(d.Decision), Text(d.Rationale))).ToList(),
            actions.Select(a => new ActionItem(a, Staff(a.OwnerStaffId), Text(a.Action), a.StateNote is null ? null : Text(a.StateNote), a.State == "open" && a.DueOn < today)).ToList(),
            meetings.Select(m => new Meeting(m, Text(m.Minutes))).ToList(), foi, time.GetUtcNow());
    }

    private static string Letter(int i) => i < 26 ? ((char)('A' + i)).ToString() : (i + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Every outside member's name withheld from a text: the whole name, then each word of it (and each half of a
    /// hyphenated or apostrophised word, whichever apostrophe was typed) of two letters or more ("Mrs Okafor said", "Mr Ng
    /// said"), with its plural or possessive ("the Okafors' home"), whole words only. Any case, except a two-letter part,
    /// which is withheld only as the name was typed ("Ng", not the "ng" of another word). A title or initial alone is left,
    /// as it identifies nobody.
    /// </summary>
    public static string Withhold(string text, IReadOnlyList<(string Name, string Label)> names)
    {
        foreach (var (name, label) in names.OrderByDescending(n => n.Name.Length))
        {
            text = Replace(text, name.Trim(), label, RegexOptions.IgnoreCase);
            var parts = NamePart().Matches(name).Select(m => m.Value).SelectMany(w => w.Split(NameJoins).Prepend(w)).Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var part in parts.Where(p => p.Count(char.IsLetter) >= 2 && !Titles.Contains(p)).OrderByDescending(p => p.Length))
                text = Replace(text, part, label, part.Length >= 3 ? RegexOptions.IgnoreCase : RegexOptions.None);
        }
        return text;
    }

    private static readonly char[] NameJoins = ['-', '\'', '\u2019', '\u2018', '\u2010', '\u2011'];

    private static string Replace(string text, string name, string label, RegexOptions options)
    {
        // Any apostrophe matches any other: a name typed "O'Brien" is withheld where the minutes say "O’Brien".
        var pattern = string.Join("['\u2019\u2018]", name.Split('\'', '\u2019', '\u2018').Select(Regex.Escape));
        return Regex.Replace(text, @"\b" + pattern + @"(?:e?s\b['\u2019]?|\b)", label, options | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase) { "Mrs", "Miss", "Rev", "Revd", "Dr", "Mr", "Ms", "Cllr", "Prof", "Sir", "Dame", "Lord", "Lady" };

    // A name's words as typed, split at spaces and punctuation only, so a word with digits or accents is one word.
    [GeneratedRegex(@"[^\s,.;:()""]+")]
    private static partial Regex NamePart();

    internal sealed record Opening(string? Incident, string? Description, DateOnly? TriggeredOn, string? Chair);

    public async Task<string> OpenAsync(Opening o, CancellationToken ct)
    {
        var g = new GoldGroup
        {
            Id = "GG-" + Guid.NewGuid().ToString("n")[..12], Incident = RegisterText.Required(o.Incident, "Critical incident", 300),
            Description = RegisterText.Required(o.Description, "What happened", 4000), TriggeredOn = NotAfterToday(o.TriggeredOn, "Declared on"),
            ChairStaffId = await StaffChoice.ChooseAsync(db, o.Chair, "Chair", ct), RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.GoldGroups.Add(g);
        audit.Change("open", "gold_group:" + g.Id, $"{g.Incident}, declared {g.TriggeredOn:yyyy-MM-dd}, chair {g.ChairStaffId}");
        await db.SaveChangesAsync(ct);
        return g.Id;
    }

    internal sealed record Joining(string? Staff, string? Name, string? Organisation, string? Role, DateOnly? JoinedOn);

    public async Task AddMemberAsync(string id, Joining j, CancellationToken ct)
    {
        var g = await OpenGroupAsync(id, ct);
        var typedStaff = !string.IsNullOrWhiteSpace(j.Staff);
        var typedName = !string.IsNullOrWhiteSpace(j.Name);
        if (typedStaff == typedName) throw new ActionRefusedException("Member: type either a member of staff's name, or an outside member's name and organisation, not both.");
        var m = new GoldGroupMember
        {
            Id = "GM-" + Guid.NewGuid().ToString("n")[..12], GroupId = g.Id, Role = RegisterText.Required(j.Role, "Role in the group", 200),
            JoinedOn = NotAfterToday(j.JoinedOn ?? time.Today(), "Joined on"), RecordedBy = db.Scope.Actor,
        };
        if (typedStaff) m.StaffId = await StaffChoice.ChooseAsync(db, j.Staff, "Member of staff", ct);
        else
        {
            m.Name = RegisterText.Required(j.Name, "Outside member's name", 200);
            m.Organisation = RegisterText.Required(j.Organisation, "Organisation they represent", 200);
        }
        if (m.StaffId is not null && await db.GoldGroupMembers.AnyAsync(x => x.GroupId == id && x.StaffId == m.StaffId, ct))
            throw new ActionRefusedException("Member of staff: already a member of the group.");
        db.GoldGroupMembers.Add(m);
        // The trail names an outside member by their organisation only: it is read more widely than the group's record.
        audit.Change("member", "gold_group:" + id, m.StaffId is not null ? $"staff {m.StaffId} as {m.Role}" : $"outside member from {m.Organisation} as {m.Role}");
        await db.SaveChangesAsync(ct);
    }

    internal sealed record Deciding(string? DecidedBy, DateOnly? DecidedOn, string? Decision, string? Rationale);

    public async Task DecideAsync(string id, Deciding d, CancellationToken ct)
    {
        var g = await OpenGroupAsync(id, ct);
        var row = new GoldGroupDecision
        {
            Id = "GD-" + Guid.NewGuid().ToString("n")[..12], GroupId = g.Id, DecidedByStaffId = await StaffChoice.ChooseAsync(db, d.DecidedBy, "Decided by", ct),
            DecidedOn = NotAfterToday(d.DecidedOn ?? time.Today(), "Decided on"), Decision = RegisterText.Required(d.Decision, "Decision", 4000),
            Rationale = RegisterText.Required(d.Rationale, "Rationale", 4000), RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        if (row.DecidedOn < g.TriggeredOn) throw new ActionRefusedException($"Decided on: before the incident was declared ({g.TriggeredOn:d MMM yyyy}).");
        db.GoldGroupDecisions.Add(row);
        audit.Change("decision", "gold_group:" + id, $"{row.Id} by {row.DecidedByStaffId} on {row.DecidedOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
    }

    internal sealed record Setting(string? Action, string? Owner, DateOnly? DueOn);

    public async Task SetActionAsync(string id, Setting s, CancellationToken ct)
    {
        var g = await OpenGroupAsync(id, ct);
        var row = new GoldGroupAction
        {
            Id = "GA-" + Guid.NewGuid().ToString("n")[..12], GroupId = g.Id, Action = RegisterText.Required(s.Action, "Action", 4000),
            OwnerStaffId = await StaffChoice.ChooseAsync(db, s.Owner, "Owner", ct),
            DueOn = RegisterDates.Require(s.DueOn ?? throw new ActionRefusedException("Due on: required."), "Due on"), State = "open", RecordedBy = db.Scope.Actor,
        };
        db.GoldGroupActions.Add(row);
        audit.Change("action", "gold_group:" + id, $"{row.Id} owner {row.OwnerStaffId}, due {row.DueOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
    }

    public async Task MoveActionAsync(string id, string? actionId, Guid version, string? state, string? note, CancellationToken ct)
    {
        // A stood-down group's record is closed, its actions with it (the FOI answer given on it stays true).
        await OpenGroupAsync(id, ct);
        var a = await db.GoldGroupActions.FirstOrDefaultAsync(x => x.Id == actionId && x.GroupId == id, ct) ?? throw new RecordNotFoundException($"Action {actionId}");
        if (a.Version != version) throw new EditConflictException(ActionConflict);
        a.State = RegisterText.Choose(state, ActionStates, "State");
        a.StateNote = RegisterText.Optional(note, "Note", 4000);
        a.Version = Guid.NewGuid();
        audit.Change("action_state", "gold_group:" + id, $"{a.Id} {a.State}");
        await db.SaveChangesOrConflictAsync(ActionConflict, ct);
    }

    public async Task MinutesAsync(string id, DateOnly? heldOn, string? minutes, CancellationToken ct)
    {
        var g = await OpenGroupAsync(id, ct);
        var row = new GoldGroupMeeting
        {
            Id = "GT-" + Guid.NewGuid().ToString("n")[..12], GroupId = g.Id, HeldOn = NotAfterToday(heldOn ?? time.Today(), "Held on"),
            Minutes = RegisterText.Required(minutes, "Minutes", 20000), RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.GoldGroupMeetings.Add(row);
        audit.Change("minutes", "gold_group:" + id, $"{row.Id} meeting of {row.HeldOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
    }

    public async Task CloseAsync(string id, Guid version, string? note, CancellationToken ct)
    {
        var g = await db.GoldGroups.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new RecordNotFoundException($"Gold group {id}");
        if (g.Version != version) throw new EditConflictException(Conflict);
        if (g.ClosedOn is not null) throw new ActionRefusedException($"The group was stood down on {g.ClosedOn:d MMM yyyy}.");
        g.ClosingNote = RegisterText.Required(note, "Why the group is stood down", 4000);
        g.ClosedOn = time.Today();
        g.Version = Guid.NewGuid();
        audit.Change("close", "gold_group:" + id, g.ClosingNote);
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    /// <summary>A group still sitting: its record grows until it is stood down, then stays as the FOI answer would give it.</summary>
    private async Task<GoldGroup> OpenGroupAsync(string id, CancellationToken ct)
    {
        var g = await db.GoldGroups.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new RecordNotFoundException($"Gold group {id}");
        if (g.ClosedOn is not null) throw new ActionRefusedException($"The group was stood down on {g.ClosedOn:d MMM yyyy}: its record is closed.");
        return g;
    }

    private DateOnly NotAfterToday(DateOnly? d, string field)
    {
        var day = RegisterDates.Require(d ?? throw new ActionRefusedException($"{field}: required."), field);
        if (day > time.Today()) throw new ActionRefusedException($"{field}: cannot be after today.");
        return day;
    }

    /// <summary>The FOI export as a PDF: the same sections as the printable page.</summary>
    public static byte[] Pdf(View v)
    {
        var c = CultureInfo.InvariantCulture;
        string D(DateOnly d) => d.ToString("d MMM yyyy", c);
        var blocks = new List<RegisterPdf.Block>
        {
            new RegisterPdf.Paragraph($"Declared a critical incident on {D(v.Group.TriggeredOn)}{(v.Group.ClosedOn is { } closed ? $"; stood down on {D(closed)}" : "; still sitting")}. Chair: {v.Chair}."),
            new RegisterPdf.Paragraph(v.Description),
            new RegisterPdf.Paragraph(FoiNote, true),
            new RegisterPdf.Heading("Members"),
            new RegisterPdf.Table(["Member", "Organisation", "Role", "Joined"], v.Members.Select(m => (IReadOnlyList<string>)[m.Name, m.Outside ? m.Organisation ?? "" : "The force", m.Role, D(m.Row.JoinedOn)]).ToList(), [2, 2, 2, 1]),
            new RegisterPdf.Heading("Decisions"),
        };
        blocks.Add(v.Decisions.Count == 0 ? new RegisterPdf.Paragraph("None recorded.")
            : new RegisterPdf.Table(["Decided", "By", "Decision", "Rationale"], v.Decisions.Select(d => (IReadOnlyList<string>)[D(d.Row.DecidedOn), d.DecidedBy, d.Text, d.Rationale]).ToList(), [1, 1.4f, 3, 3]));
        blocks.Add(new RegisterPdf.Heading("Actions"));
        blocks.Add(v.Actions.Count == 0 ? new RegisterPdf.Paragraph("None recorded.")
            : new RegisterPdf.Table(["Action", "Owner", "Due", "State"], v.Actions.Select(a => (IReadOnlyList<string>)[a.Text, a.Owner, D(a.Row.DueOn), ActionStates.GetValueOrDefault(a.Row.State, a.Row.State)]).ToList(), [4, 1.5f, 1, 1]));
        blocks.Add(new RegisterPdf.Heading("Minutes"));
        if (v.Meetings.Count == 0) blocks.Add(new RegisterPdf.Paragraph("None recorded."));
        foreach (var m in v.Meetings)
        {
            blocks.Add(new RegisterPdf.Paragraph("Meeting of " + D(m.Row.HeldOn)));
            blocks.Add(new RegisterPdf.Paragraph(m.Minutes));
        }
        return RegisterPdf.Render("Gold group: " + v.Incident, $"Gold group {v.Group.Id} · FOI export produced {v.ProducedAt.ToString("d MMMM yyyy HH:mm 'UTC'", c)}", blocks);
    }

    public const string FoiNote = "Prepared for a freedom of information request: the names of members from outside the force are withheld (personal data of third parties, FOIA section 40(2)) and shown as \"Outside member A\", \"B\" ...; the organisations they represent are given. Case references the reader may not open are withheld.";
}
