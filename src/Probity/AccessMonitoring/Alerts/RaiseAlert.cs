using Probity.Risk.Contracts;
using Probity.Cases.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Detection;
using Probity.Kernel;
using Probity.Infrastructure.Time;

namespace Probity.AccessMonitoring.Alerts;

/// <summary>
/// Raises an alert as a conduct case (through the Cases module's own intake, so the case is like any other) or
/// as intelligence (the member of staff goes on the Persons of Concern register). The alert keeps the link.
/// </summary>
/// <remarks>
/// One database transaction: the alert is claimed (the version check stops two people raising it twice), the case or
/// entry is created through its own module's intake, and the link is saved, each with its audit entry; if the intake
/// refuses, nothing of it remains.
/// </remarks>
internal sealed class RaiseAlert(AlertEditing editing, ICaseIntake recordCase, ConcernRegister register, MisuseRuleSet rules, TimeProvider time)
{
    public const string ConductCategory = "improper_use_of_it_systems";
    public const string DisclosureCategory = "improper_disclosure_of_information";

    /// <summary>Access before a leak suggests the information was passed on; every other rule is use of the systems without a reason.</summary>
    public static string AllegationCategory(string rule) => rule == MisuseRuleIds.PreLeakAccess ? DisclosureCategory : ConductCategory;

    public async Task<string> AsConductCaseAsync(string id, Guid version, string? note, CancellationToken ct)
    {
        var db = editing.Db;
        var alert = await editing.LoadAsync(id, version, ct);
        if (alert.CaseId is not null)
            throw new ActionRefusedException(await db.Cases.AnyAsync(c => c.Id == alert.CaseId, ct) ? $"Alert {id} is already case {alert.CaseId}." : $"Alert {id} was already raised as a case.");
        if (alert.Status == AlertStatus.Dismissed) editing.RequireUndecided(alert, "be raised as a case");
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == alert.StaffId, ct)
            ?? throw new ActionRefusedException($"No member of staff has the id '{alert.StaffId}', so there is nobody to record the allegation against. Record the case by hand.");
        if (staff.UnitId is null)
            throw new ActionRefusedException($"{staff.DisplayName} ({staff.Id}) has no unit on record, so the case has no place where it arose. Record it by hand.");

        var rule = rules.Rules.FirstOrDefault(r => r.Id == alert.Rule)?.Title ?? alert.Rule;
        var summary = $"Raised from information-misuse alert {alert.Id} ({rule}, score {alert.Score:0.0}): {alert.Explanation}"
            + (string.IsNullOrWhiteSpace(note) ? "" : $" Note: {note.Trim()}");
        if (summary.Length > 4000) summary = summary[..3999] + "…";

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        alert.Status = AlertStatus.Raised;
        if (!string.IsNullOrWhiteSpace(note)) alert.Note = note.Trim();
        await editing.SaveAsync(alert, "raising as a conduct case", ct);
        var caseId = await recordCase.RecordAsync(new NewCase
        {
            CaseType = "conduct_matter", Source = "audit", ReceivedOn = time.Today(), LocationUnitId = staff.UnitId, Summary = summary,
            Allegations = [new NewAllegation { Category = AllegationCategory(alert.Rule), StaffId = staff.Id }],
        }, ct);
        alert.CaseId = caseId;
        await editing.SaveAsync(alert, $"raised as conduct case {caseId} ({AllegationCategory(alert.Rule)} against {staff.Id})", ct);
        await transaction.CommitAsync(ct);
        return caseId;
    }

    internal sealed record Intelligence(string Category, string? Rationale, DateOnly ReviewOn);

    /// <returns>The register entry, and whether it was already there (then the alert is linked to it, not added again).</returns>
    public async Task<(string ConcernId, bool Existing)> AsIntelligenceAsync(string id, Guid version, Intelligence input, CancellationToken ct)
    {
        var db = editing.Db;
        if (input.Category is not ("ii" or "iii"))
            throw new ActionRefusedException("Choose category (ii) or (iii): the register's categories about members of staff.");
        // Checked before either path: linked to an existing entry, the rationale is kept as the alert's note (the same width).
        ConcernRegister.Limit(input.Rationale, "The rationale", ConcernRegister.Widths.Rationale);
        var alert = await editing.LoadAsync(id, version, ct);
        if (alert.ConcernId is not null) throw new ActionRefusedException($"Alert {id} is already on the Persons of Concern register as {alert.ConcernId}.");
        if (alert.Status == AlertStatus.Dismissed) editing.RequireUndecided(alert, "be raised as intelligence");

        var existing = await db.PersonsOfConcern.AsNoTracking().Where(p => p.StaffId == alert.StaffId && p.ClosedOn == null).Select(p => p.Id).FirstOrDefaultAsync(ct);
        alert.Status = AlertStatus.Raised;
        if (existing is not null)
        {
            // Already on the register: link the alert to that entry, keeping this alert's rationale on the alert.
            alert.ConcernId = existing;
            if (!string.IsNullOrWhiteSpace(input.Rationale)) alert.Note = input.Rationale.Trim();
            await editing.SaveAsync(alert, $"raised as intelligence: linked to existing register entry {existing}", ct);
            return (existing, true);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await editing.SaveAsync(alert, "raising as intelligence", ct);
        var concernId = await register.AddAsync(new ConcernRegister.AddCommand(input.Category, alert.StaffId, null, input.Rationale ?? "", input.ReviewOn), ct);
        alert.ConcernId = concernId;
        await editing.SaveAsync(alert, $"raised as intelligence: register entry {concernId} (category {input.Category})", ct);
        await transaction.CommitAsync(ct);
        return (concernId, false);
    }
}
