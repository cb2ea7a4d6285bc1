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

    /// <summary>
    /// Where each unit and case row was read (the file as named in the bundle, and its line), for the checks the import
    /// makes against the store after reading (a restricted case never at a borough, ADR 0026 addendum). Empty for a
    /// bundle built in memory (the demo force, a mapped import), whose refusals then name the file without a line.
    /// </summary>
    public PifRowLines UnitLines { get; } = new("units.csv");

    /// <inheritdoc cref="UnitLines"/>
    public PifRowLines CaseLines { get; } = new("cases.csv");

    /// <summary>The files present in the bundle that was read (e.g. "cases.csv"), so export can write back the same set.</summary>
    public SortedSet<string> FilesPresent { get; } = new(StringComparer.Ordinal);
}

/// <summary>The line each row of one file was read from, by its id; <see cref="File"/> is the file's name as given (e.g. "cases.csv.gz").</summary>
internal sealed class PifRowLines(string file)
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public string File { get; set; } = file;

    public void Add(string id, int line) => _lines.TryAdd(id, line);

    /// <summary>The line <paramref name="id"/> was read from, or 0 when the bundle was not read from a file.</summary>
    public int LineOf(string id) => _lines.GetValueOrDefault(id);
}

/// <summary>One problem found in a bundle: where it is and why it is wrong. Line 1 is the header row.</summary>
internal sealed record PifIssue(string File, int Line, string? Column, string Reason, bool IsWarning = false)
{
    public override string ToString() =>
        $"{(IsWarning ? "warning" : "error")}: {File}:{Line}{(Column is null ? "" : $" column '{Column}'")}: {Reason}";
}
