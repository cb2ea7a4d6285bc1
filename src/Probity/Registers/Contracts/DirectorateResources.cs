namespace Probity.Registers.Contracts;

/// <summary>
/// The Directorate's budget and staffing for one year (seed 002 Table 1), as the strategy board pack reports it: recorded by
/// senior managers, one row a year, changed with a version check and on the audit trail.
/// </summary>
internal sealed class DirectorateResourceYear
{
    public int Year { get; set; }
    /// <summary>The year's budget in whole pounds.</summary>
    public long BudgetPounds { get; set; }
    public int PoliceOfficers { get; set; }
    public int PoliceStaff { get; set; }
    public int TotalStaff => PoliceOfficers + PoliceStaff;
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}
