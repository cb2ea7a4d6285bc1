using Microsoft.AspNetCore.Authorization;

namespace Probity.Identity.Contracts;

/// <summary>
/// What each role may do. Pages and endpoints name a policy, never a role, so the matrix lives here
/// (and in docs/adr/0005-roles-need-to-know-audit.md) and is tested per role.
/// </summary>
internal static class Policies
{
    public const string ReadCases = nameof(ReadCases);
    public const string EditCases = nameof(EditCases);
    public const string RestrictCases = nameof(RestrictCases);
    public const string Export = nameof(Export);
    public const string Import = nameof(Import);
    public const string Administer = nameof(Administer);
    public const string ReadPerformance = nameof(ReadPerformance);
    public const string ReadRisk = nameof(ReadRisk);
    public const string ManageRisk = nameof(ManageRisk);
    public const string ReadMonitoring = nameof(ReadMonitoring);
    public const string ManageMonitoring = nameof(ManageMonitoring);
    public const string IngestAccessEvents = nameof(IngestAccessEvents);
    public const string ReadRightLine = nameof(ReadRightLine);
    public const string AnswerRightLine = nameof(AnswerRightLine);
    public const string ReadIntelligence = nameof(ReadIntelligence);
    public const string RecordIntelligence = nameof(RecordIntelligence);
    public const string ManageIntelligence = nameof(ManageIntelligence);
    public const string ManageControlStrategy = nameof(ManageControlStrategy);
    public const string AuthoriseTactics = nameof(AuthoriseTactics);
    public const string ReadPersonsOfConcern = nameof(ReadPersonsOfConcern);
    public const string ManagePersonsOfConcern = nameof(ManagePersonsOfConcern);
    public const string ReadRegisters = nameof(ReadRegisters);
    public const string ManageRegisters = nameof(ManageRegisters);
    public const string ReadDipSamples = nameof(ReadDipSamples);
    public const string ReadBoardPack = nameof(ReadBoardPack);
    public const string ReviewDipSamples = nameof(ReviewDipSamples);
    public const string EditLetterTemplates = nameof(EditLetterTemplates);
    public const string WithdrawCasesRecordedInError = nameof(WithdrawCasesRecordedInError);
    public const string BoroughReturns = nameof(BoroughReturns);
    public const string RemoveCaseDocuments = nameof(RemoveCaseDocuments);

    public static void Add(AuthorizationOptions options)
    {
        // A borough champion reads and works cases like a handler, but need-to-know keeps them to their borough's (ADR 0026).
        options.AddPolicy(ReadCases, p => p.RequireRole(Roles.CaseHandler, Roles.Investigator, Roles.Analyst, Roles.SeniorManager, Roles.Oversight, Roles.BoroughChampion));
        options.AddPolicy(EditCases, p => p.RequireRole(Roles.CaseHandler, Roles.Investigator, Roles.SeniorManager, Roles.BoroughChampion));
        options.AddPolicy(RestrictCases, p => p.RequireRole(Roles.Investigator, Roles.SeniorManager));
        options.AddPolicy(Export, p => p.RequireRole(Roles.Analyst, Roles.SeniorManager));
        options.AddPolicy(Import, p => p.RequireRole(Roles.Administrator, Roles.SeniorManager));
        options.AddPolicy(Administer, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(ReadPerformance, p => p.RequireRole(Roles.Analyst, Roles.SeniorManager, Roles.Oversight, Roles.Investigator));
        // Risk flags name officers on a suspicion: the unit's investigators, analysts and senior managers only.
        options.AddPolicy(ReadRisk, p => p.RequireRole(Roles.Investigator, Roles.Analyst, Roles.SeniorManager));
        // The Persons of Concern register and the meeting's decisions: investigators and senior managers only.
        options.AddPolicy(ManageRisk, p => p.RequireRole(Roles.Investigator, Roles.SeniorManager));
        // Information-misuse alerts name staff on a suspicion and show who looked at whom: the same need to know as risk flags.
        options.AddPolicy(ReadMonitoring, p => p.RequireRole(Roles.Investigator, Roles.Analyst, Roles.SeniorManager));
        // Deciding alerts (which can open a conduct case or a register entry), recording leaks and probity samples.
        options.AddPolicy(ManageMonitoring, p => p.RequireRole(Roles.Investigator, Roles.SeniorManager));
        // Right Line reports: the Intelligence Bureau, which assesses them, and the Anti-Corruption Unit's investigators, who
        // act on them. Nobody else, administrators included: a report may identify its reporter by what it says.
        options.AddPolicy(ReadRightLine, p => p.RequireRole(Roles.IntelligenceBureau, Roles.Investigator));
        // Answering the reporter and assessing the report are the Bureau's (seed 002, section 16).
        options.AddPolicy(AnswerRightLine, p => p.RequireRole(Roles.IntelligenceBureau));
        // The intelligence log (docs/adr/0017-intelligence-log.md): the Intelligence Bureau and the Anti-Corruption Unit's
        // investigators read and record items; only the Bureau (its Intelligence Management Unit) reviews, sanitises and
        // disseminates them. Nobody else: senior managers, analysts and administrators included.
        options.AddPolicy(ReadIntelligence, p => p.RequireRole(Roles.IntelligenceBureau, Roles.Investigator));
        options.AddPolicy(RecordIntelligence, p => p.RequireRole(Roles.IntelligenceBureau, Roles.Investigator));
        options.AddPolicy(ManageIntelligence, p => p.RequireRole(Roles.IntelligenceBureau));
        // The control strategy (ADR control-strategy) is read as the log is; its activities and review cycle are set by senior
        // managers who also hold an intelligence role (both requirements must hold): a senior manager alone does not read it.
        // The Intelligence Bureau writes the strategic assessment and keeps the control strategy for the tasking and
        // co-ordinating group; a senior manager changes it only when they also hold an intelligence role (ADR 0019).
        options.AddPolicy(ManageControlStrategy, p => p.RequireAssertion(c => c.User.IsInRole(Roles.IntelligenceBureau)
            || (c.User.IsInRole(Roles.SeniorManager) && c.User.IsInRole(Roles.Investigator))));
        // Tactical options and integrity tests (ADR 0020) are authorised by a senior manager of the Anti-Corruption Command:
        // seniority and an intelligence role together (the operation is intelligence), and never by their requester or planner.
        options.AddPolicy(AuthoriseTactics, p => p.RequireAssertion(c => c.User.IsInRole(Roles.SeniorManager)
            && (c.User.IsInRole(Roles.Investigator) || c.User.IsInRole(Roles.IntelligenceBureau))));
        // The Persons of Concern register (docs/adr/0021-persons-of-concern.md) is intelligence about people: the Intelligence Bureau
        // and the Anti-Corruption Unit's investigators read and keep it, as they do the intelligence log. Nobody else, senior
        // managers, analysts and administrators included; nor do its entries or markers show anywhere else to anyone else.
        options.AddPolicy(ReadPersonsOfConcern, p => p.RequireRole(Roles.IntelligenceBureau, Roles.Investigator));
        options.AddPolicy(ManagePersonsOfConcern, p => p.RequireRole(Roles.IntelligenceBureau, Roles.Investigator));
        // The business interests and vetting registers name staff and their clearances (docs/adr/0016-registers.md):
        // investigators and senior managers read them; senior managers record applications, decisions and clearances.
        options.AddPolicy(ReadRegisters, p => p.RequireRole(Roles.Investigator, Roles.SeniorManager));
        options.AddPolicy(ManageRegisters, p => p.RequireRole(Roles.SeniorManager));
        // Oversight dip sampling (docs/adr/0016-registers.md): the police authority's members draw samples and record
        // findings, read-only on the cases; senior managers read them and answer for the Directorate (ManageRegisters).
        options.AddPolicy(ReadDipSamples, p => p.RequireRole(Roles.Oversight, Roles.SeniorManager));
        // The strategy board pack (and the Directorate's budget and staffing it reports) is management information in figures
        // from the shared view, naming no case or member of staff: the board's senior managers, the police authority's members
        // who sit on the strategic committee, and the analysts who prepare it read it. Senior managers record the budget.
        options.AddPolicy(ReadBoardPack, p => p.RequireRole(Roles.SeniorManager, Roles.Oversight, Roles.Analyst));
        options.AddPolicy(ReviewDipSamples, p => p.RequireRole(Roles.Oversight));
        // The wording of letters to complainants is the force's voice: senior managers edit it (ADR case documents and letters).
        options.AddPolicy(EditLetterTemplates, p => p.RequireRole(Roles.SeniorManager));
        // A case recorded in error leaves the caseloads and the performance figures: a senior manager decides that (ADR 0022).
        options.AddPolicy(WithdrawCasesRecordedInError, p => p.RequireRole(Roles.SeniorManager));
        // A document attached in error is removed and its content erased: evidence leaves a case only on a senior manager's word (ADR 0033).
        options.AddPolicy(RemoveCaseDocuments, p => p.RequireRole(Roles.SeniorManager));
        // Boroughs' monthly returns (ADR 0026): each borough's champions send and read their own borough's (need-to-know keeps
        // them to it), the Directorate's senior managers any borough's.
        options.AddPolicy(BoroughReturns, p => p.RequireRole(Roles.SeniorManager, Roles.BoroughChampion));
        // Audit-log feeds are systems, not people: a valid ingest key, through its own scheme only (never the cookie).
        options.AddPolicy(IngestAccessEvents, p => p.AddAuthenticationSchemes(AccessMonitoring.Ingest.IngestKeyAuthentication.SchemeName).RequireAuthenticatedUser());
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
