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
        if (CaseEditing.Readable(cmd.Reason) is null) throw new ActionRefusedException("Give the reason for restricting the case.");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
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
        var named = new List<string>();
        foreach (var typed in cmd.Principals.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (typed.StartsWith("team:", StringComparison.OrdinalIgnoreCase))
            {
                var team = typed["team:".Length..].Trim();
                if (!teams.Contains(team)) throw new ActionRefusedException($"{Field}: no team is called '{team}'. Teams: {string.Join(", ", teams.Order(StringComparer.Ordinal))}.");
                named.Add("team:" + team);
            }
            else named.Add(DirectoratePeople.Choose(readers, typed, Field, "reads cases"));
        }
        var wanted = named.Append(actor).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.CaseAccessGrants.Where(g => g.CaseId == c.Id).Select(g => g.Principal).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var p in wanted.Except(existing, StringComparer.Ordinal))
            db.CaseAccessGrants.Add(new CaseAccessGrant { CaseId = c.Id, Principal = p, GrantedBy = actor, GrantedAt = now });
        c.Restricted = true;
        await editing.SaveAsync(c, "restricted", $"Restricted to {string.Join(", ", wanted)}", editing.Today, cmd.Reason, ct);
    }
}
