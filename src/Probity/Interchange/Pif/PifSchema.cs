using System.Collections.Frozen;

namespace Probity.Interchange.Pif;

/// <summary>One PIF-1 file: its name, its columns in the order the spec lists them, and which of them must be present.</summary>
internal sealed class PifFile
{
    public PifFile(string name, string[] columns, string[] required)
    {
        Name = name;
        _columns = columns;
        Required = required.ToFrozenSet(StringComparer.Ordinal);
        if (!Required.IsSubsetOf(columns)) throw new ArgumentException($"{name}: a required column is not a column", nameof(required));
    }

    /// <summary>The canonical (uncompressed) file name, e.g. "cases.csv".</summary>
    public string Name { get; }
    private readonly string[] _columns;

    public IReadOnlyList<string> Columns => _columns;

    public int IndexOf(string column) => Array.IndexOf(_columns, column);
    /// <summary>Columns whose value the platform cannot do without (ids, keys, non-nullable fields): a file without one of them is rejected.</summary>
    public FrozenSet<string> Required { get; }
    /// <summary>Every bundle must contain this file (units.csv and staff.csv).</summary>
    public bool Mandatory { get; init; }

    public override string ToString() => Name;
}

/// <summary>The PIF-1 file layout (/work/shared/interchange/README.md). The reader and the writer both take column names and order from here.</summary>
internal static class PifSchema
{
    public const string AccessEventsFile = "access_events.csv";
    public const string GzipSuffix = ".gz";

    public static readonly PifFile Units = new("units.csv",
        ["unit_id", "name", "kind", "parent_unit_id", "resident_population"],
        ["unit_id", "name", "kind"]) { Mandatory = true };
    public static readonly PifFile Staff = new("staff.csv",
        ["staff_id", "display_name", "staff_type", "rank", "unit_id", "joined_on", "left_on", "gender", "ethnicity", "vetting_level", "vetting_expires_on"],
        ["staff_id", "display_name", "staff_type"]) { Mandatory = true };
    public static readonly PifFile Postings = new("postings.csv",
        ["staff_id", "unit_id", "from_date", "to_date"],
        ["staff_id", "unit_id", "from_date"]);
    public static readonly PifFile Cases = new("cases.csv",
        ["case_id", "case_type", "regime", "received_on", "recorded_on", "source", "location_unit_id", "handling_unit_id", "handling_route", "route_decided_on", "finalised_on", "referred_to_ipcc"],
        ["case_id", "case_type", "received_on"]);
    public static readonly PifFile Allegations = new("allegations.csv",
        ["allegation_id", "case_id", "staff_id", "category", "finding", "finalised_on"],
        ["allegation_id", "case_id", "category"]);
    public static readonly PifFile Sanctions = new("sanctions.csv",
        ["staff_id", "case_id", "outcome", "decided_on"],
        ["staff_id", "case_id", "outcome"]);
    public static readonly PifFile Appeals = new("appeals.csv",
        ["appeal_id", "case_id", "appeal_type", "lodged_on", "decided_on", "upheld"],
        ["appeal_id", "case_id", "appeal_type", "lodged_on"]);
    public static readonly PifFile Complainants = new("complainants.csv",
        ["complainant_id", "case_id", "gender", "ethnicity", "age_band", "home_unit_id"],
        ["complainant_id", "case_id"]);
    public static readonly PifFile Population = new("population.csv",
        ["unit_id", "ethnicity", "gender", "age_band", "residents"],
        ["unit_id", "ethnicity", "gender", "age_band", "residents"]);
    public static readonly PifFile Exposure = new("exposure.csv",
        ["staff_id", "month", "hours_on_duty", "calls_attended", "arrests", "stop_searches", "uses_of_force"],
        ["staff_id", "month"]);
    public static readonly PifFile BusinessInterests = new("business_interests.csv",
        ["interest_id", "staff_id", "interest_type", "description", "applied_on", "decision", "decided_on", "review_on"],
        ["interest_id", "staff_id", "interest_type"]);
    public static readonly PifFile Persons = new("persons.csv",
        ["person_id", "flags"],
        ["person_id"]);
    public static readonly PifFile Associations = new("associations.csv",
        ["staff_id", "person_id", "relation", "source", "from_date", "to_date"],
        ["staff_id", "person_id", "relation"]);
    public static readonly PifFile Assignments = new("assignments.csv",
        ["staff_id", "reason_ref", "record_type", "record_id", "subject_person_id", "from_time", "to_time"],
        ["staff_id"]);

    /// <summary>Every file the bundle holds, in an order where each file only refers to files before it (units also to itself).</summary>
    public static readonly IReadOnlyList<PifFile> All =
    [
        Units, Staff, Postings, Cases, Allegations, Sanctions, Appeals, Complainants,
        Population, Exposure, BusinessInterests, Persons, Associations, Assignments,
    ];

    private static readonly FrozenDictionary<string, PifFile> ByName = All.ToFrozenDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The file a canonical name ("cases.csv", any case) stands for, or null.</summary>
    public static PifFile? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The file name without any folder part, whichever separator the uploading machine used.</summary>
    public static string BareName(string fileName) => fileName[(fileName.AsSpan().LastIndexOfAny('/', '\\') + 1)..];

    /// <summary>Splits "Cases.csv.gz" into the canonical name "cases.csv" and whether it is gzipped.</summary>
    public static (string Canonical, bool Gzip) Canonical(string fileName)
    {
        var name = BareName(fileName).ToLowerInvariant();
        return name.EndsWith(".csv" + GzipSuffix, StringComparison.Ordinal) ? (name[..^GzipSuffix.Length], true) : (name, false);
    }
}
