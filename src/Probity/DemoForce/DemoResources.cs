using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Registers.Contracts;

namespace Probity.DemoForce;

/// <summary>The demo Directorate's budget and staffing, 2002 to 2010, for the strategy board pack.</summary>
internal static class DemoResources
{
    // Illustrative figures, not any force's published accounts: of the order the Metropolitan Police's Directorate of
    // Professional Standards reported in the 2000s (roughly 400 to 450 staff, a budget of about £25m to £35m), growing to
    // 2008 and easing after. (Year, budget in pounds, police officers, police staff.)
    private static readonly (int Year, long Budget, int Officers, int Staff)[] Years =
    [
        (2002, 24_800_000, 298, 104), (2003, 26_100_000, 305, 108), (2004, 27_900_000, 312, 115), (2005, 29_400_000, 318, 121),
        (2006, 31_200_000, 324, 126), (2007, 33_000_000, 327, 131), (2008, 34_600_000, 318, 132), (2009, 33_800_000, 309, 129),
        (2010, 32_500_000, 301, 124),
    ];

    public static async Task LoadAsync(ProbityDb db, Audit audit, DateOnly until, CancellationToken ct)
    {
        var held = Years.Where(y => y.Year <= until.Year).ToList();
        if (held.Count == 0) return;
        var at = new DateTimeOffset(until.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var (year, budget, officers, staff) in held)
            db.DirectorateResourceYears.Add(new DirectorateResourceYear { Year = year, BudgetPounds = budget, PoliceOfficers = officers, PoliceStaff = staff, RecordedBy = "senior", RecordedAt = at });
        audit.Change("demo", "directorate_resources", $"{held.Count} years of budget and staffing");
        await db.SaveChangesAsync(ct);
    }
}
