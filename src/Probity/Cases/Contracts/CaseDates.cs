using System.Globalization;
using Probity.Infrastructure.Time;

namespace Probity.Cases.Contracts;

/// <summary>
/// A date stored on a case, or on one of its allegations, outcomes or appeals, that lies outside the working-day
/// calendar (<see cref="WorkingDays.FirstDate"/> to <see cref="WorkingDays.LastDate"/>). Every entry point refuses such
/// dates, but an older version, an old import or someone with access to the database can have stored one; the pages
/// and figures that meet it show this warning instead of failing (ADR "Dates outside the working-day calendar").
/// </summary>
/// <param name="What">The date in words, with what it belongs to: "received date", "finding date of allegation C1-A2".</param>
internal sealed record CaseDateWarning(string CaseId, string What, DateOnly Value)
{
    /// <summary>"received date 1 Jan 1900 is outside 1 Jan 2000 to 31 Dec 2035, the dates working days are known for."</summary>
    public string Detail => string.Create(CultureInfo.InvariantCulture,
        $"{What} {Value:d MMM yyyy} is outside {WorkingDays.SupportedRange}, the dates working days are known for.");

    /// <summary>"Case C1: received date 1 Jan 1900 is outside …".</summary>
    public string Message => $"Case {CaseId}: {Detail}";
}

/// <summary>
/// What a page shows about the case dates it could not count: the warnings, what that means for what the page shows
/// (skipped from a figure, age unknown ...), and where they can be corrected.
/// </summary>
internal sealed record DateWarningsView(IReadOnlyList<CaseDateWarning> Warnings, string Consequence, bool LinkCases = true, string? CorrectAt = null)
{
    /// <summary>A store damaged in bulk must not bury the page: the first few are listed, then a count.</summary>
    public const int Listed = 20;
}

/// <summary>Finds the dates of a case that lie outside the working-day calendar.</summary>
internal static class CaseDates
{
    public const string Received = "received date";
    public const string Recorded = "recorded date";
    public const string RouteDecided = "handling decision date";
    public const string Finalised = "finalised date";

    /// <summary>The case's own dates: the ones its age, due date and every timeliness figure are counted between.</summary>
    public static IEnumerable<CaseDateWarning> CheckCase(string caseId, DateOnly receivedOn, DateOnly? recordedOn, DateOnly? routeDecidedOn, DateOnly? finalisedOn)
    {
        if (!WorkingDays.Covers(receivedOn)) yield return new(caseId, Received, receivedOn);
        if (Outside(recordedOn) is { } recorded) yield return new(caseId, Recorded, recorded);
        if (Outside(routeDecidedOn) is { } decided) yield return new(caseId, RouteDecided, decided);
        if (Outside(finalisedOn) is { } finalised) yield return new(caseId, Finalised, finalised);
    }

    /// <summary>Why lists cannot show these cases' age and due date: the dates their clock counts between.</summary>
    public static IReadOnlyList<CaseDateWarning> ForClocks(IEnumerable<(string CaseId, DateOnly ReceivedOn, DateOnly? FinalisedOn)> cases) =>
        cases.SelectMany(c => CheckCase(c.CaseId, c.ReceivedOn, null, null, c.FinalisedOn)).ToList();

    public static CaseDateWarning? CheckFinding(string caseId, string allegationId, DateOnly? finalisedOn) =>
        Outside(finalisedOn) is { } d ? new(caseId, $"finding date of allegation {allegationId}", d) : null;

    public static CaseDateWarning? CheckOutcome(string caseId, string staffId, DateOnly? decidedOn) =>
        Outside(decidedOn) is { } d ? new(caseId, $"decision date of the outcome for {staffId}", d) : null;

    public static IEnumerable<CaseDateWarning> CheckAppeal(string caseId, string appealId, DateOnly lodgedOn, DateOnly? decidedOn)
    {
        if (!WorkingDays.Covers(lodgedOn)) yield return new(caseId, $"lodged date of appeal {appealId}", lodgedOn);
        if (Outside(decidedOn) is { } d) yield return new(caseId, $"decision date of appeal {appealId}", d);
    }

    /// <summary>Every date of the case and of the allegations, outcomes and appeals loaded with it.</summary>
    public static IReadOnlyList<CaseDateWarning> Check(Case c)
    {
        var warnings = CheckCase(c.Id, c.ReceivedOn, c.RecordedOn, c.RouteDecidedOn, c.FinalisedOn).ToList();
        warnings.AddRange(c.Allegations.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => CheckFinding(c.Id, a.Id, a.FinalisedOn)).OfType<CaseDateWarning>());
        warnings.AddRange(c.Sanctions.Select(s => CheckOutcome(c.Id, s.StaffId, s.DecidedOn)).OfType<CaseDateWarning>());
        warnings.AddRange(c.Appeals.OrderBy(a => a.Id, StringComparer.Ordinal).SelectMany(a => CheckAppeal(c.Id, a.Id, a.LodgedOn, a.DecidedOn)));
        return warnings;
    }

    private static DateOnly? Outside(DateOnly? d) => d is { } x && !WorkingDays.Covers(x) ? x : null;
}
