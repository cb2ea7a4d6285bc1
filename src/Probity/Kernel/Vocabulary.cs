using System.Collections.Frozen;

namespace Probity.Kernel;

/// <summary>The PIF-1 built-in code lists (../shared/interchange/README.md). One place, used by the reader, the forms and the rulebooks.</summary>
internal static class Vocabulary
{
    private static FrozenSet<string> Set(params string[] codes) => codes.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> UnitKinds = Set("borough", "bsu", "cst", "business_group", "ocu", "team", "directorate", "other");
    public static readonly FrozenSet<string> StaffTypes = Set("officer", "police_staff", "pcso", "special", "volunteer", "contractor");
    public static readonly FrozenSet<string> Genders = Set("male", "female", "other", "not_stated");
    public static readonly FrozenSet<string> Ethnicities = Set(
        "a1", "a2", "a3", "a9", "b1", "b2", "b9", "m1", "m2", "m3", "m9", "o1", "o9", "w1", "w2", "w9",
        "white", "black", "asian", "mixed", "other", "not_stated");
    public static readonly FrozenSet<string> VettingLevels = Set("none", "rv", "ctc", "mv", "sc", "dv", "npp1", "npp2", "npp3");
    public static readonly FrozenSet<string> CaseTypes = Set("public_complaint", "conduct_matter", "death_or_serious_injury", "civil_claim", "employment_tribunal", "grievance");
    public static readonly FrozenSet<string> Regimes = Set("2008", "2020");
    public static readonly FrozenSet<string> Sources = Set("public", "internal", "ipcc", "right_line", "audit", "partner_agency");
    public static readonly FrozenSet<string> HandlingRoutes = Set(
        "local_resolution", "local_investigation", "supervised_investigation", "managed_investigation", "independent_investigation",
        "dispensation", "discontinuance", "withdrawn", "disapplication", "otherwise_than_by_investigation", "outside_schedule_3");
    public static readonly FrozenSet<string> AllegationCategories = Set(
        "serious_non_sexual_assault", "sexual_assault", "other_assault", "oppressive_conduct_or_harassment", "unlawful_arrest_or_detention",
        "discriminatory_behaviour", "irregularity_in_evidence", "corrupt_practice", "mishandling_of_property", "breach_pace_a",
        "breach_pace_b", "breach_pace_c", "breach_pace_d", "breach_pace_e", "other_neglect_or_failure_in_duty", "incivility",
        "traffic_irregularity", "other_irregularity_in_procedure", "improper_disclosure_of_information", "improper_use_of_it_systems",
        "inappropriate_relationship", "social_networking", "business_interest", "substance_misuse", "theft", "fraud", "other");
    public static readonly FrozenSet<string> Findings = Set("substantiated", "not_substantiated", "locally_resolved", "withdrawn", "dispensed", "discontinued", "no_finding");
    public static readonly FrozenSet<string> SanctionOutcomes = Set(
        "management_action", "management_advice", "written_warning", "final_written_warning", "extension_of_final_written_warning",
        "reduction_in_rank", "dismissal_with_notice", "dismissal_without_notice", "practice_requiring_improvement", "no_action",
        "criminal_conviction", "resigned_or_retired");
    public static readonly FrozenSet<string> AppealTypes = Set("non_recording", "local_resolution", "investigation", "dispensation", "discontinuance", "review");
    public static readonly FrozenSet<string> AgeBands = Set("under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "not_stated");
    public static readonly FrozenSet<string> InterestDecisions = Set("approved", "approved_with_conditions", "refused", "withdrawn");
    public static readonly FrozenSet<string> PersonFlags = Set("ocn_nominal", "high_profile", "journalist", "vip", "protected", "staff_member");
    public static readonly FrozenSet<string> Relations = Set("family", "partner", "former_partner", "friend", "neighbour", "business", "same_address", "other");
    public static readonly FrozenSet<string> AssociationSources = Set("declared", "vetting", "intelligence", "investigation");
    public static readonly FrozenSet<string> AccessActions = Set("view", "search", "print", "export", "update", "create");
    public static readonly FrozenSet<string> RecordTypes = Set("person", "crime", "intelligence", "vehicle", "address", "incident", "custody", "other");

    /// <summary>
    /// Codes whose words are not just the code spelt out: abbreviations people read in full or in capitals, ranges,
    /// the census ethnicity codes. Any other code reads as its own words (<see cref="Describe(string?)"/>).
    /// </summary>
    private static readonly FrozenDictionary<string, string> Words = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cst"] = "Customer service team", ["bsu"] = "Borough support unit", ["ocu"] = "Operational command unit",
        ["pcso"] = "PCSO", ["police_staff"] = "Police staff",
        ["ipcc"] = "IPCC", ["right_line"] = "Right Line", ["police_appeals_tribunal"] = "Police Appeals Tribunal",
        ["under_18"] = "Under 18", ["18_24"] = "18–24", ["25_34"] = "25–34", ["35_44"] = "35–44", ["45_54"] = "45–54", ["55_64"] = "55–64", ["65_plus"] = "65 and over",
        ["breach_pace_a"] = "Breach of PACE code A", ["breach_pace_b"] = "Breach of PACE code B", ["breach_pace_c"] = "Breach of PACE code C",
        ["breach_pace_d"] = "Breach of PACE code D", ["breach_pace_e"] = "Breach of PACE code E",
        ["none"] = "None", ["rv"] = "Recruitment vetting", ["ctc"] = "Counter-terrorist check", ["mv"] = "Management vetting", ["sc"] = "Security check",
        ["dv"] = "Developed vetting", ["npp1"] = "Non-police personnel vetting level 1", ["npp2"] = "Non-police personnel vetting level 2",
        ["npp3"] = "Non-police personnel vetting level 3",
        ["a1"] = "Asian or Asian British: Indian", ["a2"] = "Asian or Asian British: Pakistani", ["a3"] = "Asian or Asian British: Bangladeshi",
        ["a9"] = "Asian or Asian British: any other Asian background", ["b1"] = "Black or Black British: Caribbean", ["b2"] = "Black or Black British: African",
        ["b9"] = "Black or Black British: any other Black background", ["m1"] = "Mixed: White and Black Caribbean", ["m2"] = "Mixed: White and Black African",
        ["m3"] = "Mixed: White and Asian", ["m9"] = "Mixed: any other mixed background", ["o1"] = "Chinese", ["o9"] = "Any other ethnic group",
        ["w1"] = "White: British", ["w2"] = "White: Irish", ["w9"] = "White: any other White background",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] Initialisms = ["IT", "PACE", "IPCC", "IOPC", "DPS", "OCN", "PNC", "VIP", "PCSO", "CST", "BSU", "OCU"];

    /// <summary>The day the Independent Office for Police Conduct replaced the Independent Police Complaints Commission.</summary>
    public static readonly DateOnly IopcFrom = new(2018, 1, 8);

    /// <summary>The independent oversight body of the day: "IPCC" before 8 January 2018, "IOPC" from then on.</summary>
    public static string OversightBody(DateOnly on) => on >= IopcFrom ? "IOPC" : "IPCC";

    /// <summary>
    /// A code as of a date: as <see cref="Describe(string?)"/>, with the oversight body the one of that day (a case received
    /// in 2020 came from, and is referred to, the IOPC; the stored code keeps its PIF-1 name "ipcc").
    /// </summary>
    public static string Describe(string? code, DateOnly on)
    {
        var words = Describe(code);
        return on >= IopcFrom ? words.Replace("IPCC", "IOPC", StringComparison.Ordinal) : words;
    }

    /// <summary>The words for a code inside a sentence: "received from the public" but "from IPCC", "for IT systems".</summary>
    public static string InSentence(string words) =>
        words.Length > 1 && char.IsUpper(words[1]) ? words : words.Length == 0 ? words : char.ToLowerInvariant(words[0]) + words[1..];

    /// <summary>Turns a code into words for people: "oppressive_conduct_or_harassment" → "Oppressive conduct or harassment".</summary>
    public static string Describe(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "—";
        if (Words.TryGetValue(code, out var known)) return known;
        var words = $" {code.Replace('_', ' ')} ";
        // Initialisms keep their capitals: "improper_use_of_it_systems" → "Improper use of IT systems", "ocn_nominal" → "OCN nominal".
        foreach (var initialism in Initialisms) words = words.Replace($" {initialism.ToLowerInvariant()} ", $" {initialism} ", StringComparison.Ordinal);
        words = words.Trim();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
