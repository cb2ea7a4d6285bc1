namespace Probity.Cases.Letters;

/// <summary>
/// What a letter template may say, in words: names, never ids; dates written out. Member names reach templates in
/// snake case (<c>{{ complainant_name }}</c>); an unknown name is refused when the template is saved or previewed.
/// </summary>
internal sealed record LetterFacts
{
    public required string Reference { get; init; }
    public required string ComplainantName { get; init; }
    public string ComplainantAddress { get; init; } = "";
    public required string Today { get; init; }
    public required string ReceivedOn { get; init; }
    public string RecordedOn { get; init; } = "";
    public required string CaseType { get; init; }
    public required string Regime { get; init; }
    public string HandlingRoute { get; init; } = "";
    public string RouteDecidedOn { get; init; } = "";
    public string HandlingUnit { get; init; } = "";
    public string InvestigatingOfficer { get; init; } = "";
    public string FinalisedOn { get; init; } = "";
    public required string OversightBody { get; init; }
    /// <summary>The last day for an appeal or a review: 28 days from the letter's date, written out.</summary>
    public required string AppealBy { get; init; }
    public required string Signatory { get; init; }
    public IReadOnlyList<AllegationFacts> Allegations { get; init; } = [];
}

/// <summary>One allegation as a complainant is told of it: what it is about and what was found (no officer is named).</summary>
internal sealed record AllegationFacts(string Number, string Category, string Finding);
