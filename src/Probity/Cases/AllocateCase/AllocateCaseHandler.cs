using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Kernel;
using Probity.Workforce.Contracts;

namespace Probity.Cases.AllocateCase;

/// <summary>Gives a case to a handling unit (<see cref="UnitDirectory.HandlingKinds"/>): the Customer Service Team, a Borough Support Unit,
/// a borough, a business group, or a command, team or directorate such as Internal Investigations or Legal Services.</summary>
internal sealed class AllocateCaseHandler(CaseEditing editing, HandleLocally.HandleLocallyHandler local)
{
    internal sealed record Command(string CaseId, Guid Version, string UnitId, string? Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        CaseEditing.RequireOpen(c, "be reallocated");
        var unit = await editing.Db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == cmd.UnitId, ct)
            ?? throw new ActionRefusedException($"No unit has the id '{cmd.UnitId}'.");
        if (!UnitDirectory.HandlingKinds.Contains(unit.Kind)) throw new ActionRefusedException($"{unit.Name} cannot handle cases.");
        if (c.HandlingUnitId == unit.Id) throw new ActionRefusedException($"Case {c.Id} is already allocated to {unit.Name}.");
        if (RestrictedCaseHandling.RefusalToGive(c.Id, c.Restricted, unit.Kind, unit.Name) is { } restricted) throw new ActionRefusedException(RestrictedCaseHandling.OnField(restricted));
        var from = c.HandlingUnitId is null ? null
            : await editing.Db.Units.AsNoTracking().Where(u => u.Id == c.HandlingUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? c.HandlingUnitId;
        var detail = from is null ? $"Allocated to {unit.Name}" : $"Reallocated from {from} to {unit.Name}";
        c.HandlingUnitId = unit.Id;
        // An allocation by hand ends a local handover (ADR 0026): the unit it came from is no longer where a reassessment
        // to gross misconduct would send it back (that could be a unit the case left long ago, or a borough's own case).
        c.LocallyHandledFromUnitId = null;
        // Whoever is named and kept to a borough that no longer handles the case is no longer named (ADR 0026 addendum).
        if (await local.ReleaseKeptElsewhereAsync(c, ct) is { } released) detail += "; " + released;
        await editing.SaveAsync(c, "allocated", detail, editing.Today, cmd.Reason, ct);
    }
}
