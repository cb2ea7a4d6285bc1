namespace Probity.Registers.Learning;

/// <summary>Where recommendations come from and the themes the Prevention and Reduction Team tracks them under.</summary>
internal static class LearningVocabulary
{
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["investigation"] = "Investigation", ["misconduct_review"] = "Misconduct review", ["iopc_report"] = "IPCC/IOPC report",
        ["coroner_report"] = "Coroner's report", ["police_authority"] = "Police authority",
    };

    public static readonly IReadOnlyDictionary<string, string> Themes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["custody"] = "Custody and detention", ["use_of_force"] = "Use of force", ["information_security"] = "Information security",
        ["supervision"] = "Supervision and leadership", ["vetting"] = "Vetting", ["business_interests"] = "Business interests",
        ["stop_and_search"] = "Stop and search", ["complaint_handling"] = "Complaint handling", ["procurement"] = "Procurement and finance",
        ["property_exhibits"] = "Property and exhibits", ["mental_health"] = "Mental health and vulnerability", ["other"] = "Other",
    };

    public static string Source(string code) => Sources.GetValueOrDefault(code, code);

    public static string Theme(string code) => Themes.GetValueOrDefault(code, code);
}
