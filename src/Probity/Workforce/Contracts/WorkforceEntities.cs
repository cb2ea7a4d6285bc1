namespace Probity.Workforce.Contracts;

/// <summary>A unit of the force: borough, DPS borough support unit, customer service team, business group, team.</summary>
internal sealed class Unit
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    /// <summary>PIF-1 unit kind code (borough, bsu, cst, business_group, ocu, team, directorate, other).</summary>
    public required string Kind { get; set; }
    public string? ParentUnitId { get; set; }
    public int? ResidentPopulation { get; set; }
}

/// <summary>An officer, member of police staff, PCSO, special, volunteer or contractor.</summary>
internal sealed class StaffMember
{
    public required string Id { get; set; }
    public required string DisplayName { get; set; }
    public required string StaffType { get; set; }
    public string? Rank { get; set; }
    public string? UnitId { get; set; }
    public DateOnly? JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public string? Gender { get; set; }
    public string? Ethnicity { get; set; }
    public string? VettingLevel { get; set; }
    public DateOnly? VettingExpiresOn { get; set; }
}

/// <summary>A period a member of staff spent in a unit.</summary>
internal sealed class Posting
{
    public required string StaffId { get; set; }
    public required string UnitId { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly? ToDate { get; set; }
}
