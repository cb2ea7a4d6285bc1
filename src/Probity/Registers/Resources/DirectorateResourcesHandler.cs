using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;

namespace Probity.Registers.Resources;

/// <summary>
/// The Directorate's budget and staffing by year (seed 002 Table 1): every year recorded, and recording or correcting one.
/// Each read and change is on the audit trail; a correction checks the version the senior manager opened.
/// </summary>
internal sealed class DirectorateResourcesHandler(ProbityDb db, Audit audit, TimeProvider time)
{
    private const string Conflict = "The year's figures were changed by someone else since you opened them. Reload and try again.";
    /// <summary>Far above any directorate's budget: a figure past it is a typing slip (pence typed as pounds), not a budget.</summary>
    public const long MaxBudgetPounds = 10_000_000_000;
    public const int MaxStaff = 100_000;

    public async Task<IReadOnlyList<DirectorateResourceYear>> ListAsync(CancellationToken ct)
    {
        await audit.RecordAsync("view", "directorate_resources", null, ct);
        return await db.DirectorateResourceYears.AsNoTracking().OrderBy(r => r.Year).ToListAsync(ct);
    }

    /// <param name="version">The version the form was opened on; null when recording a year not yet held.</param>
    public async Task RecordAsync(int? year, long? budgetPounds, int? policeOfficers, int? policeStaff, Guid? version, CancellationToken ct)
    {
        var y = Year(year);
        var budget = budgetPounds is { } b && b >= 0 && b <= MaxBudgetPounds ? b
            : throw new ActionRefusedException($"Budget: a whole number of pounds from 0 to {MaxBudgetPounds:N0}.");
        var officers = Staff(policeOfficers, "Police officers");
        var staff = Staff(policeStaff, "Police staff");
        var row = await db.DirectorateResourceYears.FirstOrDefaultAsync(r => r.Year == y, ct);
        if (row is null)
        {
            if (version is not null) throw new EditConflictException(Conflict);
            row = new DirectorateResourceYear { Year = y, RecordedBy = db.Scope.Actor };
            db.DirectorateResourceYears.Add(row);
        }
        else if (version != row.Version)
            throw new EditConflictException(version is null ? $"{y} is already recorded: open it to correct its figures." : Conflict);
        row.BudgetPounds = budget;
        row.PoliceOfficers = officers;
        row.PoliceStaff = staff;
        row.RecordedBy = db.Scope.Actor;
        row.RecordedAt = time.GetUtcNow();
        row.Version = Guid.NewGuid();
        audit.Change("record", "directorate_resources:" + y, $"budget £{budget:N0}; officers {officers}; staff {staff}");
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    public static int Year(int? year) =>
        year is { } y && y >= WorkingDays.FirstDate.Year && y <= WorkingDays.LastDate.Year ? y
            : throw new ActionRefusedException($"Year: from {WorkingDays.FirstDate.Year} to {WorkingDays.LastDate.Year}.");

    private static int Staff(int? n, string field) =>
        n is { } v && v >= 0 && v <= MaxStaff ? v : throw new ActionRefusedException($"{field}: a whole number from 0 to {MaxStaff:N0}.");
}
