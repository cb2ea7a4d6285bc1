using Probity.Cases.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.Kernel;

namespace Probity.Cases.RestrictCase;

/// <summary>
/// Need-to-know: restricts a case to named people and teams (e.g. a corruption case about a DPS officer).
/// The person restricting it is always on the list, so a case can never become visible to nobody.
/// </summary>
internal sealed class RestrictCaseHandler(CaseEditing editing, TimeProvider time)
{
    internal sealed record Command(string CaseId, Guid Version, IReadOnlyList<string> Principals, string Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(cmd.Reason)) throw new ActionRefusedException("Give the reason for restricting the case.");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        var db = editing.Db;
        var actor = db.Scope.Actor;
        var wanted = cmd.Principals.Select(p => p.Trim()).Where(p => p.Length > 0).Append(actor).Distinct(StringComparer.Ordinal).ToList();
        foreach (var p in wanted.Where(p => !p.StartsWith("team:", StringComparison.Ordinal)))
            if (!await db.Users.AnyAsync(u => u.UserName == p, ct)) throw new ActionRefusedException($"No user is called '{p}'. Name users by their sign-in name, or teams as team:NAME.");
        var existing = await db.CaseAccessGrants.Where(g => g.CaseId == c.Id).Select(g => g.Principal).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var p in wanted.Except(existing, StringComparer.Ordinal))
            db.CaseAccessGrants.Add(new CaseAccessGrant { CaseId = c.Id, Principal = p, GrantedBy = actor, GrantedAt = now });
        c.Restricted = true;
        await editing.SaveAsync(c, "restricted", $"Restricted to {string.Join(", ", wanted)}", editing.Today, cmd.Reason, ct);
    }
}
