using Probity.Workforce.Contracts;
using Probity.Registers.Contracts;
using Probity.Cases.Contracts;

namespace Probity.Interchange.Contracts;

/// <summary>
/// A PIF-1 bundle in memory: one list per file. The reader fills it from a folder, the demo force generator
/// builds it directly, the importer writes it to the store and the exporter fills it from the store.
/// Lists that were absent from the bundle stay empty.
/// </summary>
internal sealed class PifBundle
{
    public List<Unit> Units { get; } = [];
    public List<StaffMember> Staff { get; } = [];
    public List<Posting> Postings { get; } = [];
    public List<Case> Cases { get; } = [];
    public List<Allegation> Allegations { get; } = [];
    public List<Sanction> Sanctions { get; } = [];
    public List<Appeal> Appeals { get; } = [];
    public List<Complainant> Complainants { get; } = [];
    public List<PopulationCount> Population { get; } = [];
    public List<ExposureMonth> Exposure { get; } = [];
    public List<BusinessInterest> BusinessInterests { get; } = [];
    public List<RecordPerson> Persons { get; } = [];
    public List<StaffAssociation> Associations { get; } = [];
    public List<Assignment> Assignments { get; } = [];

    /// <summary>The files present in the bundle that was read (e.g. "cases.csv"), so export can write back the same set.</summary>
    public SortedSet<string> FilesPresent { get; } = new(StringComparer.Ordinal);
}

/// <summary>One problem found in a bundle: where it is and why it is wrong. Line 1 is the header row.</summary>
internal sealed record PifIssue(string File, int Line, string? Column, string Reason, bool IsWarning = false)
{
    public override string ToString() =>
        $"{(IsWarning ? "warning" : "error")}: {File}:{Line}{(Column is null ? "" : $" column '{Column}'")}: {Reason}";
}
