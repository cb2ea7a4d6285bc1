using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;
using Probity.Kernel;

namespace Probity.Cases.AssignCase;

/// <summary>
/// Names the case's investigating officer and the supervisor who oversees and signs off the investigation (ADR
/// "Caseloads"). Only people who could work the case are offered or accepted: nobody named in it as a subject (need to
/// know: a reader never sees a record about themselves), and, on a restricted case, only those it is open to (naming
/// someone does not open the case to them; restricting does).
/// </summary>
internal sealed class AssignCaseHandler(CaseEditing editing, DirectoratePeople people)
{
    public const string InvestigatorField = "Investigating officer";
    public const string SupervisorField = "Supervisor";

    /// <summary>Who may investigate a case: case handlers, DPS investigators and (their own borough's cases only) borough champions.</summary>
    public static readonly IReadOnlyList<string> InvestigatorRoles = [Roles.CaseHandler, Roles.Investigator, Roles.BoroughChampion];

    /// <summary>Who may supervise one: DPS investigators and senior managers.</summary>
    public static readonly IReadOnlyList<string> SupervisorRoles = [Roles.Investigator, Roles.SeniorManager];

    internal sealed record Command(string CaseId, Guid Version, string? Investigator, string? Supervisor, string? Reason);

    internal sealed record Choices(ChoiceList Investigators, ChoiceList Supervisors);

    /// <summary>The people who may be named on this case, by role.</summary>
    public async Task<Choices> ChoicesAsync(Case c, CancellationToken ct)
    {
        var subjects = c.Allegations.Select(a => a.StaffId).Concat(c.Sanctions.Select(s => s.StaffId)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var grants = c.Restricted
            ? (await editing.Db.CaseAccessGrants.AsNoTracking().Where(g => g.CaseId == c.Id).Select(g => g.Principal).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal)
            : null;
        // A borough-scoped account reads only its borough's cases (ADR 0026): nobody is named on a case they cannot open.
        bool Eligible(ProbityUser u) =>
            (u.StaffId is null || !subjects.Contains(u.StaffId))
            && (u.BoroughUnitId is null || u.BoroughUnitId == c.HandlingUnitId)
            && (grants is null || grants.Contains(u.UserName!) || (u.Team is { Length: > 0 } team && grants.Contains("team:" + team)));
        return new Choices(await people.WithRolesAsync(InvestigatorRoles, Eligible), await people.WithRolesAsync(SupervisorRoles, Eligible));
    }

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        CaseEditing.RequireOpen(c, "be assigned");
        var choices = await ChoicesAsync(c, ct);
        var why = c.Restricted ? "may work this case (not a subject of it, kept to no other borough, and among those it is restricted to)" : "may work this case (not a subject of it, and kept to no other borough)";
        var investigator = DirectoratePeople.Choose(choices.Investigators, cmd.Investigator, InvestigatorField, why);
        var supervisor = string.IsNullOrWhiteSpace(cmd.Supervisor) ? null : DirectoratePeople.Choose(choices.Supervisors, cmd.Supervisor, SupervisorField, why);
        if (supervisor == investigator)
            throw new ActionRefusedException($"{SupervisorField}: a supervisor checks someone else's work; name a different person from the investigating officer.");
        if (investigator == c.InvestigatingOfficer && supervisor == c.Supervisor)
            throw new ActionRefusedException($"Case {c.Id} already has that investigating officer and supervisor.");

        var changes = new List<string>();
        if (investigator != c.InvestigatingOfficer) changes.Add(await DescribeAsync("Investigating officer", c.InvestigatingOfficer, investigator));
        if (supervisor != c.Supervisor) changes.Add(await DescribeAsync("Supervisor", c.Supervisor, supervisor));
        c.InvestigatingOfficer = investigator;
        c.Supervisor = supervisor;
        await editing.SaveAsync(c, "assigned", string.Join("; ", changes), editing.Today, cmd.Reason, ct);
    }

    /// <summary>The timeline names people as they are known now, so it reads the same after an account is renamed or removed.</summary>
    private async Task<string> DescribeAsync(string role, string? from, string? to)
    {
        var toName = to is null ? "none" : await people.NameOfAsync(to);
        return from is null ? $"{role}: {toName}" : $"{role} changed from {await people.NameOfAsync(from)} to {toName}";
    }
}
