using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Infrastructure.Time;
using Probity.Kernel;

namespace Probity.Cases.Litigation;

/// <summary>
/// The lifecycle of a civil claim, an employment tribunal claim or a grievance (ADR 0024), in place of the complaint routes:
/// the claim recorded (amount, representation, heads of claim, a grievance's stage), the liability decision (civil claims),
/// hearings listed, a grievance moved to its next stage, and the outcome with the money paid, which finalises the case.
/// Each step is a case edit through <see cref="CaseEditing"/> (the case's version guards it; the timeline and the audit trail
/// record it) and reads the case as the actor may see it, so a subject of the case, or anyone it is restricted away from,
/// finds nothing. Each refusal names the field it is about.
/// </summary>
internal sealed class LitigationHandler(CaseEditing editing)
{
    /// <summary>The longest name of a representative or a liability decision-maker.</summary>
    public const int MaxName = 200;

    internal sealed record Claim(string CaseId, Guid Version, long? AmountClaimedPence, string? Representation, string? Representative,
        IReadOnlyList<string>? HeadsOfClaim, string? GrievanceStage, string? Reason);

    internal sealed record LiabilityDecision(string CaseId, Guid Version, string? Liability, DateOnly? DecidedOn, string? DecidedBy, string? Reason);

    internal sealed record Hearing(string CaseId, Guid Version, DateOnly? HearingOn, string? Kind);

    internal sealed record Stage(string CaseId, Guid Version, string? GrievanceStage, DateOnly? On, string? Reason);

    internal sealed record Outcome(string CaseId, Guid Version, string? Result, DateOnly? On, long? SettlementPence, long? DamagesPence,
        long? OwnCostsPence, long? ClaimantCostsPence, string? Reason);

    public async Task RecordClaimAsync(Claim cmd, CancellationToken ct)
    {
        var (c, lit) = await LoadAsync(cmd.CaseId, cmd.Version, "have its claim recorded", ct);
        var type = c.CaseType;
        var representation = Blank(cmd.Representation);
        var representative = Blank(cmd.Representative);
        var heads = (cmd.HeadsOfClaim ?? []).Select(h => h.Trim()).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var stage = Blank(cmd.GrievanceStage);
        if (type == LitigationRules.Grievance)
        {
            if (cmd.AmountClaimedPence is not null)
                throw new ActionRefusedException("Amount claimed: a grievance has no amount claimed; record any compensation with its outcome.");
            if (lit is null && stage is null) throw new ActionRefusedException("Grievance stage: say whether the grievance was raised informally, formally or at appeal.");
            if (lit is not null && stage is not null && stage != lit.GrievanceStage)
                throw new ActionRefusedException("Grievance stage: move the grievance to its next stage with that step, not by amending the grievance.");
        }
        else
        {
            if (stage is not null) throw new ActionRefusedException($"Grievance stage: a {LitigationRules.Noun(type)} has no grievance stage.");
            if (representation is null) throw new ActionRefusedException("Representation: say whether the claimant is in person or who represents them.");
        }
        if (stage is not null) Require(stage, LitigationRules.GrievanceStages, "Grievance stage");
        if (representation is not null) Require(representation, LitigationRules.Representations, "Representation");
        if (representation == "in_person" && representative is not null)
            throw new ActionRefusedException("Representative: a claimant in person has no representative; leave it empty or choose who represents them.");
        if (representation == "solicitor" && representative is null)
            throw new ActionRefusedException("Representative: name the solicitors' firm representing the claimant.");
        if (representative?.Length > MaxName) throw new ActionRefusedException($"Representative: keep it to {MaxName} characters (it has {representative.Length}).");
        if (type == LitigationRules.EmploymentTribunal)
        {
            if (heads.Count == 0) throw new ActionRefusedException("Heads of claim: give at least one head of claim (unfair dismissal, discrimination ...).");
            foreach (var h in heads) Require(h, LitigationRules.HeadsOfClaim, "Heads of claim");
        }
        else if (heads.Count > 0) throw new ActionRefusedException($"Heads of claim: only an employment tribunal claim has heads of claim, not a {LitigationRules.Noun(type)}.");

        var amended = lit is not null;
        if (amended && CaseEditing.Readable(cmd.Reason) is null) throw new ActionRefusedException("Reason: give the reason for amending the claim as recorded.");
        if (lit is null)
        {
            lit = new CaseLitigation { CaseId = c.Id, GrievanceStage = stage };
            editing.Db.CaseLitigation.Add(lit);
        }
        lit.AmountClaimedPence = cmd.AmountClaimedPence;
        lit.Representation = representation;
        lit.Representative = representative;
        lit.HeadsOfClaim = heads.Count == 0 ? null : string.Join(',', heads);
        var parts = new List<string>();
        if (lit.AmountClaimedPence is { } claimed) parts.Add($"{LitigationRules.Pounds(claimed)} claimed");
        if (representation is not null) parts.Add(representation == "in_person" ? "claimant in person" : $"represented by {Describe(representation)}{(representative is null ? "" : $" ({representative})")}");
        if (heads.Count > 0) parts.Add("heads of claim: " + string.Join(", ", heads.Select(Describe)));
        if (!amended && stage is not null) parts.Add($"raised at the {Describe(stage)} stage");
        var detail = $"{Capital(LitigationRules.Noun(type))} {(amended ? "amended" : "recorded")}{(parts.Count == 0 ? "" : ": " + string.Join("; ", parts))}";
        await editing.SaveAsync(c, amended ? "claim_amended" : "claim_recorded", detail, editing.Today, cmd.Reason, ct);
    }

    public async Task DecideLiabilityAsync(LiabilityDecision cmd, CancellationToken ct)
    {
        var (c, lit) = await LoadAsync(cmd.CaseId, cmd.Version, "have liability decided", ct);
        if (c.CaseType != LitigationRules.CivilClaim)
            throw new ActionRefusedException($"Liability: a liability decision is a step of a civil claim, not of a {LitigationRules.Noun(c.CaseType)}.");
        lit = RequireClaim(c, lit);
        if (lit.Liability is not null)
            throw new ActionRefusedException($"Liability: it was already decided ({Describe(lit.Liability).ToLowerInvariant()}, on {lit.LiabilityDecidedOn:d MMM yyyy}).");
        var liability = Blank(cmd.Liability) ?? throw new ActionRefusedException("Liability: say whether liability is admitted, denied or admitted in part.");
        Require(liability, LitigationRules.Liabilities, "Liability");
        var on = RequireDate(cmd.DecidedOn, "liability decision date");
        CaseEditing.RequireNotBefore(on, c.ReceivedOn, "liability decision date", "date the claim was received");
        var by = Blank(cmd.DecidedBy) ?? throw new ActionRefusedException("Decided by: name who decided liability (a person or, for instance, the force's legal services).");
        if (by.Length > MaxName) throw new ActionRefusedException($"Decided by: keep it to {MaxName} characters (it has {by.Length}).");
        lit.Liability = liability;
        lit.LiabilityDecidedOn = on;
        lit.LiabilityDecidedBy = by;
        await editing.SaveAsync(c, "liability_decided", $"Liability {(liability == "partial" ? "admitted in part" : liability)}, decided by {by}", on, cmd.Reason, ct);
    }

    public async Task ListHearingAsync(Hearing cmd, CancellationToken ct)
    {
        var (c, lit) = await LoadAsync(cmd.CaseId, cmd.Version, "have a hearing listed", ct);
        if (c.CaseType == LitigationRules.Grievance)
            throw new ActionRefusedException("Hearing: a grievance is heard by the force, not listed by a court or tribunal; record its stages instead.");
        lit = RequireClaim(c, lit);
        var kind = Blank(cmd.Kind) ?? throw new ActionRefusedException("Hearing kind: say what the hearing is (preliminary, full, remedy or appeal).");
        Require(kind, LitigationRules.HearingKinds, "Hearing kind");
        if (cmd.HearingOn is not { } on) throw new ActionRefusedException("Hearing date: give the date the hearing is listed for.");
        // A hearing may be listed for a day still to come, but it must be a day the calendar knows.
        WorkingDays.RequireCovered(on, "the hearing date");
        CaseEditing.RequireNotBefore(on, c.ReceivedOn, "hearing date", "date the claim was received");
        editing.Db.LitigationHearings.Add(new LitigationHearing { CaseId = c.Id, HearingOn = on, Kind = kind, ListedBy = editing.Db.Scope.Actor, ListedAt = editing.Now });
        await editing.SaveAsync(c, "hearing_listed", $"{Capital(Describe(kind))} hearing listed for {on:d MMM yyyy}", editing.Today, null, ct);
    }

    public async Task MoveStageAsync(Stage cmd, CancellationToken ct)
    {
        var (c, lit) = await LoadAsync(cmd.CaseId, cmd.Version, "move to another stage", ct);
        if (c.CaseType != LitigationRules.Grievance)
            throw new ActionRefusedException($"Grievance stage: only a grievance has stages, not a {LitigationRules.Noun(c.CaseType)}.");
        lit = RequireClaim(c, lit);
        var stage = Blank(cmd.GrievanceStage) ?? throw new ActionRefusedException("Grievance stage: choose the stage the grievance moves to.");
        Require(stage, LitigationRules.GrievanceStages, "Grievance stage");
        var from = lit.GrievanceStage is null ? -1 : IndexOf(LitigationRules.GrievanceStages, lit.GrievanceStage);
        if (IndexOf(LitigationRules.GrievanceStages, stage) <= from)
            throw new ActionRefusedException($"Grievance stage: the grievance is at the {Describe(lit.GrievanceStage)} stage; it moves on ({string.Join(", then ", LitigationRules.GrievanceStages.Skip(from + 1).Select(Describe))}), never back.");
        var on = RequireDate(cmd.On, "stage date");
        CaseEditing.RequireNotBefore(on, c.ReceivedOn, "stage date", "date the grievance was raised");
        lit.GrievanceStage = stage;
        await editing.SaveAsync(c, "grievance_stage", $"Grievance moved to the {Describe(stage)} stage", on, cmd.Reason, ct);
    }

    public async Task RecordOutcomeAsync(Outcome cmd, CancellationToken ct)
    {
        var (c, lit) = await LoadAsync(cmd.CaseId, cmd.Version, "have another outcome recorded", ct);
        lit = RequireClaim(c, lit);
        var type = c.CaseType;
        var result = Blank(cmd.Result) ?? throw new ActionRefusedException("Outcome: say how it ended.");
        Require(result, LitigationRules.Outcomes(type), "Outcome");
        var on = RequireDate(cmd.On, "outcome date");
        CaseEditing.RequireNotBefore(on, c.ReceivedOn, "outcome date", "date the claim was received");
        if (lit.LiabilityDecidedOn is { } liabilityOn) CaseEditing.RequireNotBefore(on, liabilityOn, "outcome date", "liability decision");
        if (LitigationRules.DecidedAtHearing(result))
        {
            if (!lit.Hearings.Any(h => h.HearingOn <= on))
                throw new ActionRefusedException($"Outcome: {Describe(result).ToLowerInvariant()} is decided at a hearing, and no hearing is listed on or before {on:d MMM yyyy}; list the hearing first.");
        }
        if (result == "settled" && cmd.SettlementPence is null) throw new ActionRefusedException("Settlement: give the amount it was settled for.");
        if (result != "settled" && cmd.SettlementPence is not null) throw new ActionRefusedException($"Settlement: only a settled claim has a settlement amount, not one that ended {Describe(result).ToLowerInvariant()}.");
        var awardName = type == LitigationRules.Grievance ? "Compensation" : "Damages";
        if (cmd.DamagesPence is not null && !LitigationRules.Awards(result))
            throw new ActionRefusedException($"{awardName}: nothing is awarded when it ended {Describe(result).ToLowerInvariant()}.");
        if (type != LitigationRules.Grievance && LitigationRules.Awards(result) && cmd.DamagesPence is null)
            throw new ActionRefusedException($"Damages: give the damages or award for {Describe(result).ToLowerInvariant()}.");
        if (type == LitigationRules.Grievance && (cmd.OwnCostsPence is not null || cmd.ClaimantCostsPence is not null))
            throw new ActionRefusedException($"{(cmd.OwnCostsPence is not null ? "Own costs" : "Claimant's costs")}: a grievance has no legal costs; record any compensation paid.");

        lit.Outcome = result;
        lit.OutcomeOn = on;
        lit.SettlementPence = cmd.SettlementPence;
        lit.DamagesPence = cmd.DamagesPence;
        lit.OwnCostsPence = cmd.OwnCostsPence;
        lit.ClaimantCostsPence = cmd.ClaimantCostsPence;
        c.FinalisedOn = on;
        var money = new List<string>();
        if (cmd.SettlementPence is { } s) money.Add($"settled for {LitigationRules.Pounds(s)}");
        if (cmd.DamagesPence is { } d) money.Add($"{awardName.ToLowerInvariant()} {LitigationRules.Pounds(d)}");
        if (cmd.OwnCostsPence is { } oc) money.Add($"own costs {LitigationRules.Pounds(oc)}");
        if (cmd.ClaimantCostsPence is { } cc) money.Add($"claimant's costs {LitigationRules.Pounds(cc)}");
        // The outcome is the case's finalisation: one timeline entry, of the kind every finalisation has.
        await editing.SaveAsync(c, "finalised", $"{Capital(LitigationRules.Noun(type))} concluded: {Describe(result).ToLowerInvariant()}{(money.Count == 0 ? "" : "; " + string.Join("; ", money))}", on, cmd.Reason, ct);
    }

    /// <summary>The case (as the actor may see it, at the version given, open) and its litigation record with its hearings.</summary>
    private async Task<(Case Case, CaseLitigation? Litigation)> LoadAsync(string caseId, Guid version, string action, CancellationToken ct)
    {
        var c = await editing.LoadAsync(caseId, version, ct, withChildren: false);
        if (!LitigationRules.Applies(c.CaseType))
            throw new ActionRefusedException($"Case {c.Id} is a {Vocabulary.Describe(c.CaseType).ToLowerInvariant()}; only civil claims, employment tribunals and grievances follow this lifecycle.");
        CaseEditing.RequireOpen(c, action);
        var lit = await editing.Db.CaseLitigation.Include(l => l.Hearings).FirstOrDefaultAsync(l => l.CaseId == c.Id, ct);
        return (c, lit);
    }

    private static CaseLitigation RequireClaim(Case c, CaseLitigation? lit) =>
        lit ?? throw new ActionRefusedException($"The {LitigationRules.Noun(c.CaseType)} on case {c.Id} has not been recorded yet; record the claim first.");

    private DateOnly RequireDate(DateOnly? date, string what)
    {
        if (date is not { } d) throw new ActionRefusedException($"{Capital(what)}: give the date.");
        editing.RequireDate(d, what);
        return d;
    }

    private static void Require(string code, IReadOnlyList<string> allowed, string field)
    {
        if (!allowed.Contains(code, StringComparer.Ordinal))
            throw new ActionRefusedException($"{field}: '{code}' is not one of {string.Join(", ", allowed)}.");
    }

    private static int IndexOf(IReadOnlyList<string> list, string code)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == code) return i;
        return -1;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Describe(string? code) => Vocabulary.InSentence(Vocabulary.Describe(code));

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
