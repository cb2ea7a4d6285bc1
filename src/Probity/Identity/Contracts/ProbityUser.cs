using Microsoft.AspNetCore.Identity;

namespace Probity.Identity.Contracts;

/// <summary>A person who signs in. Local accounts for now; an external identity provider maps onto the same user and roles.</summary>
internal sealed class ProbityUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>The team the user belongs to (e.g. "dps-acu"); need-to-know grants may name a team.</summary>
    public string? Team { get; set; }
    /// <summary>The user's own staff record, so nobody can read a case about themselves by accident.</summary>
    public string? StaffId { get; set; }
    /// <summary>
    /// The borough (a unit of kind borough) this account works for, set by an administrator (ADR 0026): the account then
    /// reads and handles only the cases that borough handles. Null for the Directorate's own people.
    /// </summary>
    public string? BoroughUnitId { get; set; }
}

/// <summary>The roles of the directorate. Names are stored in the identity tables and used in policies.</summary>
internal static class Roles
{
    public const string CaseHandler = "case_handler";
    public const string Investigator = "dps_investigator";
    public const string Analyst = "analyst";
    public const string SeniorManager = "dps_senior_manager";
    public const string Oversight = "oversight_member";
    public const string Administrator = "system_administrator";
    /// <summary>The Intelligence Bureau: assesses Right Line reports and answers their reporters (ADR right-line-anonymity).</summary>
    public const string IntelligenceBureau = "intelligence_bureau";
    /// <summary>A borough's professional standards champion (ADR 0026): handles the matters short of gross misconduct its borough handles locally, and nothing else.</summary>
    public const string BoroughChampion = "borough_champion";

    public static readonly IReadOnlyList<string> All = [CaseHandler, Investigator, Analyst, SeniorManager, Oversight, Administrator, IntelligenceBureau, BoroughChampion];

    public static string Describe(string role) => role switch
    {
        CaseHandler => "Case handler",
        Investigator => "DPS investigator",
        Analyst => "Analyst",
        SeniorManager => "DPS senior manager",
        Oversight => "Oversight member (police authority)",
        Administrator => "System administrator",
        IntelligenceBureau => "Intelligence Bureau",
        BoroughChampion => "Borough professional standards champion",
        _ => role,
    };
}
