using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Identity.Contracts;
using Probity.Kernel;
using Probity.Workforce.Contracts;

namespace Probity.Cases.HandleLocally;

/// <summary>
/// The Taylor reforms' consequence of a severity assessment (ADR 0026): a case whose every subject officer's matter is
/// assessed short of gross misconduct (the rulebook's <c>localHandlingSeverities</c>) may be handled locally by the borough
/// where it arose: its handling unit becomes that borough, whose professional standards champions then see and handle it.
/// Gross misconduct is the Directorate's: refused, naming the officer and why. <see cref="ReturnOnGrossMisconductAsync"/> takes a
/// locally handled case back when a reassessment makes it gross misconduct. A restricted case stays with the Directorate
/// (<see cref="RestrictedCaseHandling"/>), and whoever is named on a case and kept to a borough that no longer handles it is no longer named (ADR 0026 addendum).
/// </summary>
internal sealed class HandleLocallyHandler(CaseEditing editing, RulebookCatalogue rulebooks, UnitDirectory units, DirectoratePeople people)
{
    internal sealed record Command(string CaseId, Guid Version, DateOnly On, string? Reason);

    /// <summary>The borough the case would go to, or why it cannot (for the page, before anyone presses the button).</summary>
    internal sealed record Readiness(Unit? Borough, string? Refusal);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.On, "date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        var ready = await ReadinessAsync(c, ct);
        if (ready.Refusal is not null) throw new ActionRefusedException(ready.Refusal);
        var borough = ready.Borough!;
        CaseEditing.RequireNotBefore(cmd.On, c.ReceivedOn, "date", "received date");
        var all = await units.AllAsync(ct);
        var from = c.HandlingUnitId;
        c.LocallyHandledFromUnitId = from;
        c.HandlingUnitId = borough.Id;
        var released = await ReleaseKeptElsewhereAsync(c, ct);
        await editing.SaveAsync(c, "handled_locally",
            $"Handled locally by {borough.Name} (from {NameOf(all, from)}): every matter in it is short of gross misconduct" + (released is null ? "" : "; " + released),
            cmd.On, cmd.Reason, ct);
    }

    /// <summary>Whether the case can go to its borough now: open, arisen in a borough, not already there, every subject assessed short of gross misconduct.</summary>
    public async Task<Readiness> ReadinessAsync(Case c, CancellationToken ct)
    {
        if (c.FinalisedOn is not null) return new(null, $"Case {c.Id} is finalised; it cannot be handed to a borough.");
        if (c.RecordedInErrorOn is not null) return new(null, $"Case {c.Id} was withdrawn as recorded in error on {c.RecordedInErrorOn:d MMM yyyy}; it cannot be handed to a borough.");
        var all = await units.AllAsync(ct);
        var borough = all.FirstOrDefault(u => u.Id == c.LocationUnitId && u.Kind == "borough");
        if (borough is null)
            return new(null, $"Case {c.Id} arose in {NameOf(all, c.LocationUnitId)}, not in a borough: local handling is by the borough where the matter arose.");
        if (c.HandlingUnitId == borough.Id) return new(borough, $"Case {c.Id} is already handled locally by {borough.Name}.");
        if (RestrictedCaseHandling.RefusalToGive(c.Id, c.Restricted, borough.Kind, borough.Name) is { } restricted) return new(borough, RestrictedCaseHandling.OnField(restricted));
        var subjects = c.Allegations.Select(a => a.StaffId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (subjects.Count == 0)
            return new(borough, $"No subject officer of case {c.Id} is identified yet: the severity of each officer's matter is assessed before a borough may handle it.");
        var book = rulebooks.For(c);
        var current = await editing.Db.SeverityAssessments.AsNoTracking().Where(s => s.CaseId == c.Id).ToListAsync(ct);
        var names = await editing.Db.Staff.AsNoTracking().Where(s => subjects.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        foreach (var staffId in subjects)
        {
            var who = names.TryGetValue(staffId, out var name) ? $"{name} ({staffId})" : staffId;
            var inForce = current.Where(s => s.StaffId == staffId).OrderByDescending(s => s.AssessedOn).ThenByDescending(s => s.Id).FirstOrDefault();
            if (inForce is null)
                return new(borough, $"The severity of the matter against {who} is not assessed yet: only a matter assessed short of gross misconduct is handled locally by the borough.");
            if (!book.LocalHandlingSeverities.Contains(inForce.Severity))
                return new(borough, $"The matter against {who} is assessed as {Vocabulary.Describe(inForce.Severity).ToLowerInvariant()}: under the {book.Regime} regime " +
                    $"only {string.Join(" or ", book.LocalHandlingSeverities.Select(s => Vocabulary.Describe(s).ToLowerInvariant()))} is handled locally by a borough; gross misconduct stays with the Directorate.");
        }
        return new(borough, null);
    }

    /// <summary>
    /// A reassessment that puts a locally handled matter beyond what a borough may handle sends the case back to the unit it
    /// came from (ADR 0026); returns the timeline's words for it, or null when it is not a borough's.
    /// </summary>
    public async Task<string?> ReturnOnGrossMisconductAsync(Case c, string severity, CancellationToken ct)
    {
        var book = rulebooks.For(c);
        if (book.LocalHandlingSeverities.Contains(severity)) return null;
        var all = await units.AllAsync(ct);
        var borough = all.FirstOrDefault(u => u.Id == c.HandlingUnitId && u.Kind == "borough");
        if (borough is null) return null;
        // A case the borough has held since it was recorded, or was allocated by hand, has no unit to go back to: the
        // assessment stands, and the timeline says it is for the Directorate to take (allocate) it.
        if (c.LocallyHandledFromUnitId is not { } back)
            return $"{Vocabulary.Describe(severity)} is the Directorate's, but {borough.Name} was not handed the case by local handling, so it has no unit to go back to: allocate it to the Directorate";
        c.HandlingUnitId = back;
        c.LocallyHandledFromUnitId = null;
        var released = await ReleaseKeptElsewhereAsync(c, ct);
        return $"{Vocabulary.Describe(severity)} is the Directorate's: the case goes back from {borough.Name} to {NameOf(all, back)}" + (released is null ? "" : "; " + released);
    }

    /// <summary>
    /// After the case's handling unit has changed: the investigating officer or supervisor whose account is kept to a borough
    /// that no longer handles the case is no longer named, so nobody stays named on (and keeps working from their caseload)
    /// a case they cannot open. Returns the timeline's words for it, or null when nobody was named so.
    /// </summary>
    public async Task<string?> ReleaseKeptElsewhereAsync(Case c, CancellationToken ct)
    {
        var all = await units.AllAsync(ct);
        var words = new List<string>();
        if (c.InvestigatingOfficer is { } investigator && await KeptElsewhereAsync(investigator) is { } a)
        {
            words.Add($"investigating officer {await people.NameOfAsync(investigator)} is no longer named: kept to {NameOf(all, a)}, which no longer handles the case");
            c.InvestigatingOfficer = null;
        }
        if (c.Supervisor is { } supervisor && await KeptElsewhereAsync(supervisor) is { } b)
        {
            words.Add($"supervisor {await people.NameOfAsync(supervisor)} is no longer named: kept to {NameOf(all, b)}, which no longer handles the case");
            c.Supervisor = null;
        }
        return words.Count == 0 ? null : string.Join("; ", words);

        async Task<string?> KeptElsewhereAsync(string userName) =>
            await people.BoroughOfAsync(userName) is { } borough && borough != c.HandlingUnitId ? borough : null;
    }

    private static string NameOf(IReadOnlyList<Unit> all, string? unitId) =>
        unitId is null ? "no recorded unit" : all.FirstOrDefault(u => u.Id == unitId)?.Name ?? unitId;
}
