using System.ComponentModel.DataAnnotations;

namespace Probity.Cases.Contracts;

/// <summary>How another module records a case (e.g. an information-misuse alert raised as a conduct matter): the same
/// intake, rules, timeline and audit as the new-case form.</summary>
internal interface ICaseIntake
{
    /// <summary>Records the matter and returns its case id; refuses (ActionRefusedException) what the form would refuse.</summary>
    Task<string> RecordAsync(NewCase matter, CancellationToken ct);
}

/// <summary>A matter as received: what the intake form and other modules hand to <see cref="ICaseIntake"/>.</summary>
internal sealed class NewCase
{
    public const int SummaryLimit = 4000;

    [Required(ErrorMessage = "Choose the type of case.")] public string CaseType { get; set; } = "public_complaint";
    [Required(ErrorMessage = "Give the date the matter was received.")] public DateOnly ReceivedOn { get; set; }
    public DateOnly? RecordedOn { get; set; }
    [Required(ErrorMessage = "Choose where the matter came from.")] public string Source { get; set; } = "public";
    [Required(ErrorMessage = "Say where the matter arose.")] public string? LocationUnitId { get; set; }
    public string? HandlingUnitId { get; set; }
    [Required(ErrorMessage = "Describe the matter in a sentence or two."), StringLength(SummaryLimit, ErrorMessage = "The summary must be 4,000 characters or fewer.")] public string? Summary { get; set; }
    public bool ReferredToIpcc { get; set; }
    [StringLength(200, ErrorMessage = "The complainant's name must be 200 characters or fewer.")] public string? ComplainantName { get; set; }
    [StringLength(400, ErrorMessage = "The complainant's contact details must be 400 characters or fewer.")] public string? ComplainantContact { get; set; }
    public string? ComplainantGender { get; set; }
    public string? ComplainantEthnicity { get; set; }
    public string? ComplainantAgeBand { get; set; }
    /// <summary>Everyone else who made the complaint with the first complainant (a family, neighbours, a group): a row each.</summary>
    public List<NewComplainant> FurtherComplainants { get; set; } = [];
    public List<NewAllegation> Allegations { get; set; } = [];

    /// <summary>How many complainants one intake takes: the first and this many more.</summary>
    public const int FurtherComplainantLimit = 20;
}

/// <summary>A further complainant on the intake: the same details as the first one's.</summary>
internal sealed class NewComplainant
{
    [StringLength(200, ErrorMessage = "A complainant's name must be 200 characters or fewer.")] public string? Name { get; set; }
    [StringLength(400, ErrorMessage = "A complainant's contact details must be 400 characters or fewer.")] public string? Contact { get; set; }
    public string? Gender { get; set; }
    public string? Ethnicity { get; set; }
    public string? AgeBand { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Contact) && string.IsNullOrEmpty(Gender) && string.IsNullOrEmpty(Ethnicity) && string.IsNullOrEmpty(AgeBand);
}

internal sealed class NewAllegation
{
    public string? Category { get; set; }
    /// <summary>The subject officer: their staff id or their name (resolved to the id on recording); empty for "unknown officer".</summary>
    public string? StaffId { get; set; }
}
