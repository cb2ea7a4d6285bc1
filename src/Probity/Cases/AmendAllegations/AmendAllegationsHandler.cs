using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Kernel;
using Probity.Workforce.Contracts;

namespace Probity.Cases.AmendAllegations;

/// <summary>
/// Allegations as the investigation learns (issue 13 item 3): a further allegation added after intake, and an allegation
/// re-attributed — an "unknown officer" identified, or the wrong officer corrected — each on the timeline with its reason.
/// A withdrawn allegation is a finding ("withdrawn"), recorded as findings are.
/// </summary>
/// <remarks>
/// Need to know follows the subjects: the officer an allegation is now about loses sight of the case from that moment
/// (the case filter reads the allegations), and nobody can name themselves, or the case's investigating officer or
/// supervisor, as a subject: the person who works a case is never one of the people it is about.
/// </remarks>
internal sealed class AmendAllegationsHandler(CaseEditing editing)
{
    public const string SubjectField = "Subject";

    internal sealed record Add(string CaseId, Guid Version, string? Category, string? Subject, string? Reason);

    internal sealed record Reattribute(string CaseId, Guid Version, string? AllegationId, string? Subject, string? Reason);

    public async Task<string> AddAsync(Add cmd, CancellationToken ct)
    {
        var reason = RequireReason(cmd.Reason, "adding an allegation");
        if (string.IsNullOrWhiteSpace(cmd.Category) || !Vocabulary.AllegationCategories.Contains(cmd.Category))
            throw new ActionRefusedException("Category: choose the allegation's category.");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        CaseEditing.RequireOpen(c, "have allegations added");
        var subject = await SubjectAsync(c, cmd.Subject, ct);
        var id = NextId(c);
        c.Allegations.Add(new Allegation { Id = id, CaseId = c.Id, Category = cmd.Category, StaffId = subject });
        await editing.SaveAsync(c, "allegation_added",
            $"Allegation {id} added: {Vocabulary.Describe(cmd.Category)} against {Subject(subject)}", editing.Today, reason, ct);
        return id;
    }

    public async Task ReattributeAsync(Reattribute cmd, CancellationToken ct)
    {
        var reason = RequireReason(cmd.Reason, "re-attributing an allegation");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        CaseEditing.RequireOpen(c, "have allegations re-attributed");
        var allegation = c.Allegations.FirstOrDefault(a => a.Id == cmd.AllegationId)
            ?? throw new ActionRefusedException($"Allegation: case {c.Id} has no allegation '{cmd.AllegationId}'.");
        if (allegation.Finding is not null)
            throw new ActionRefusedException($"Allegation {allegation.Id} has its finding ({Vocabulary.Describe(allegation.Finding).ToLowerInvariant()}): the officer a finding was made about cannot be changed. Add an allegation against the right officer instead.");
        var subject = await SubjectAsync(c, cmd.Subject, ct);
        if (subject == allegation.StaffId) throw new ActionRefusedException($"Allegation {allegation.Id} is already about {Subject(subject)}.");
        var detail = $"Allegation {allegation.Id} re-attributed: {Subject(allegation.StaffId)} → {Subject(subject)}";
        allegation.StaffId = subject;
        await editing.SaveAsync(c, "allegation_reattributed", detail, editing.Today, reason, ct);
    }

    /// <summary>The subject as typed (name or staff id), or null for an officer not yet identified.</summary>
    private async Task<string?> SubjectAsync(Case c, string? typed, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var db = editing.Db;
        var staffId = await StaffChoice.ChooseAsync(db, typed, SubjectField, ct);
        if (!db.Scope.MayReadAbout(staffId))
            throw new ActionRefusedException($"{SubjectField}: you cannot name yourself as the subject of an allegation; ask a colleague to record it.");
        var workers = new[] { c.InvestigatingOfficer, c.Supervisor }.OfType<string>().ToList();
        if (workers.Count > 0 && await db.Users.AsNoTracking().AnyAsync(u => workers.Contains(u.UserName!) && u.StaffId == staffId, ct))
            throw new ActionRefusedException($"{SubjectField}: they are named on case {c.Id} as its investigating officer or supervisor. Name someone else to work the case first.");
        return staffId;
    }

    // The timeline stores staff ids and the case page names them ("Name (id)"), as for every other event.
    private static string Subject(string? staffId) => staffId ?? "unknown officer";

    /// <summary>The next "-A{n}" after every allegation the case holds (imported ones keep their own ids).</summary>
    private static string NextId(Case c)
    {
        var taken = c.Allegations.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var n = c.Allegations.Count + 1;
        while (taken.Contains($"{c.Id}-A{n}")) n++;
        return $"{c.Id}-A{n}";
    }

    private static string RequireReason(string? reason, string what) =>
        CaseEditing.Readable(reason) ?? throw new ActionRefusedException($"Reason: say why, for the timeline ({what}: what the investigation learned and from where).");
}
