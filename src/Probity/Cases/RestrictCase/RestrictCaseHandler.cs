using Probity.Cases.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.Kernel;
using Probity.Identity.Contracts;

namespace Probity.Cases.RestrictCase;

/// <summary>
/// Need-to-know: restricts a case to named people and teams (e.g. a corruption case about a DPS officer).
/// The person restricting it is always on the list, so a case can never become visible to nobody. A case a borough handles
/// is not restricted where it is (<see cref="RestrictedCaseHandling"/>): it is allocated to a Directorate unit first.
/// </summary>
internal sealed class RestrictCaseHandler(CaseEditing editing, DirectoratePeople people, TimeProvider time)
{
    /// <summary>The form's field, named in refusals.</summary>
    public const string Field = "Who may see it";

    internal sealed record Command(string CaseId, Guid Version, IReadOnlyList<string> Principals, string Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        // The case first: one the caller may not open answers 404 (not_found on the trail) whatever else the request
        // holds, as the page does, so a probe by id is recorded as one and answered exactly as for a missing case.
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        if (CaseEditing.Readable(cmd.Reason) is null) throw new ActionRefusedException("Give the reason for restricting the case.");
        var db = editing.Db;
        // A restricted case never sits with a borough (ADR 0026 addendum): the Directorate takes it first, then restricts it.
        if (c.HandlingUnitId is { } unitId && await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Kind, u.Name }).FirstOrDefaultAsync(ct) is { } unit
            && RestrictedCaseHandling.RefusalToRestrict(c.Id, unit.Kind, unit.Name) is { } refusal)
            throw new ActionRefusedException(RestrictedCaseHandling.OnField(refusal));
        var actor = db.Scope.Actor;
        // Each person is chosen by name (or sign-in name, or warrant number) among those who read cases, and each team
        // among the teams people belong to: a name typed wrongly is refused, never stored as a grant to nobody.
        var readers = await people.WithRolesAsync(DirectoratePeople.CaseReaders);
        var teams = await people.TeamsAsync(ct);
        // Nobody is given a case about themselves (need to know: a reader never sees a record about them). A grant to the
        // case's subject would open it to them the day the allegation is put to someone else, and would tell every reader
        // of the case that its subject may see it.
        var about = await SubjectsAsync(c.Id, ct);
        var subjects = about.Count == 0 ? null : await people.WithRolesAsync(DirectoratePeople.CaseReaders, u => u.StaffId is not null && about.Contains(u.StaffId));
        var named = new List<string>();
        foreach (var given in cmd.Principals)
        {
            // A list sent by a script can hold a null or an empty name (a look-up that failed): refused, not skipped, so a
            // case is never restricted to fewer people than were meant without the caller being told.
            if (string.IsNullOrWhiteSpace(given)) throw new ActionRefusedException($"{Field}: one of the names is empty; name each person or team, or leave the list empty to keep it to yourself.");
            var typed = given.Trim();
            if (typed.StartsWith("team:", StringComparison.OrdinalIgnoreCase))
            {
                var team = typed["team:".Length..].Trim();
                if (!teams.Contains(team)) throw new ActionRefusedException($"{Field}: no team is called '{team}'. Teams: {string.Join(", ", teams.Order(StringComparer.Ordinal))}.");
                named.Add("team:" + team);
                continue;
            }
            var chosen = DirectoratePeople.Choose(readers, typed, Field, "reads cases");
            if (subjects?.Choices.FirstOrDefault(s => s.Id == chosen) is { } subject)
                throw new ActionRefusedException($"{Field}: {readers.Show(subject.Id)} is a subject of case {c.Id}; nobody is given a case about themselves.");
            named.Add(chosen);
        }
        var wanted = named.Append(actor).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.CaseAccessGrants.Where(g => g.CaseId == c.Id).Select(g => g.Principal).ToListAsync(ct);
        var added = wanted.Except(existing, StringComparer.Ordinal).ToList();
        var now = time.GetUtcNow();
        foreach (var p in added)
            db.CaseAccessGrants.Add(new CaseAccessGrant { CaseId = c.Id, Principal = p, GrantedBy = actor, GrantedAt = now });
        // Restricting adds to the list and never takes anyone off it: the record names everyone the case is now open to
        // (and, on a case already restricted, who was added), so the timeline and the trail never understate who may see it.
        var detail = c.Restricted
            ? $"Restricted to {string.Join(", ", existing.Union(added, StringComparer.Ordinal).Order(StringComparer.Ordinal))} (added {(added.Count == 0 ? "no one" : string.Join(", ", added))})"
            : $"Restricted to {string.Join(", ", existing.Union(wanted, StringComparer.Ordinal))}";
        c.Restricted = true;
        await editing.SaveAsync(c, "restricted", detail, editing.Today, cmd.Reason, ct);
    }

    /// <summary>The staff records the case is about: its allegations' officers and its outcomes'.</summary>
    private async Task<IReadOnlySet<string>> SubjectsAsync(string caseId, CancellationToken ct)
    {
        var db = editing.Db;
        var officers = await db.Allegations.AsNoTracking().Where(a => a.CaseId == caseId && a.StaffId != null).Select(a => a.StaffId!).ToListAsync(ct);
        officers.AddRange(await db.Sanctions.AsNoTracking().Where(s => s.CaseId == caseId).Select(s => s.StaffId).ToListAsync(ct));
        return officers.ToHashSet(StringComparer.Ordinal);
    }
}
