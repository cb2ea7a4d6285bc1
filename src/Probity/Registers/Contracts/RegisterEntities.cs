namespace Probity.Registers.Contracts;

/// <summary>Resident profile of an area, the denominator for disproportionality.</summary>
internal sealed class PopulationCount
{
    public required string UnitId { get; set; }
    public required string Ethnicity { get; set; }
    public required string Gender { get; set; }
    public required string AgeBand { get; set; }
    public int Residents { get; set; }
}

/// <summary>Activity of one member of staff in one month: the denominators for fair comparison.</summary>
internal sealed class ExposureMonth
{
    public required string StaffId { get; set; }
    /// <summary>YYYY-MM.</summary>
    public required string Month { get; set; }
    public decimal? HoursOnDuty { get; set; }
    public int? CallsAttended { get; set; }
    public int? Arrests { get; set; }
    public int? StopSearches { get; set; }
    public int? UsesOfForce { get; set; }
}

internal sealed class BusinessInterest
{
    public required string Id { get; set; }
    public required string StaffId { get; set; }
    public required string InterestType { get; set; }
    public string? Description { get; set; }
    public DateOnly? AppliedOn { get; set; }
    public string? Decision { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public DateOnly? ReviewOn { get; set; }
}

/// <summary>A person who appears in policing records (for information-misuse monitoring).</summary>
internal sealed class RecordPerson
{
    public required string Id { get; set; }
    /// <summary>';'-separated flags as given (ocn_nominal, high_profile, journalist, vip, protected, staff_member).</summary>
    public string? Flags { get; set; }
}

/// <summary>A declared or discovered link between a member of staff and a person.</summary>
internal sealed class StaffAssociation
{
    public required string StaffId { get; set; }
    public required string PersonId { get; set; }
    public required string Relation { get; set; }
    public string? Source { get; set; }
    public DateOnly? FromDate { get; set; }
    public DateOnly? ToDate { get; set; }
}

/// <summary>A legitimate business reason: what a member of staff was tasked with, and when.</summary>
internal sealed class Assignment
{
    /// <summary>Surrogate key: PIF-1 assignments have no id column, so the row's identity is a hash of all its fields.</summary>
    public required string RowKey { get; set; }
    public required string StaffId { get; set; }
    public string? ReasonRef { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public string? SubjectPersonId { get; set; }
    public DateTimeOffset? FromTime { get; set; }
    public DateTimeOffset? ToTime { get; set; }
}
