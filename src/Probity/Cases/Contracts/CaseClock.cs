using Probity.Infrastructure.Time;

namespace Probity.Cases.Contracts;

/// <summary>Where a case stands in its life. Derived from its dates, never stored, so it cannot disagree with them.</summary>
internal static class CaseStatus
{
    public const string Received = "received";
    public const string Recorded = "recorded";
    public const string InHand = "in_hand";
    public const string Finalised = "finalised";

    /// <summary>Withdrawn as recorded in error (ADR 0025): readable, but out of every count, figure and export, and found in
    /// the case list only by asking for this status.</summary>
    public const string RecordedInError = "recorded_in_error";

    /// <summary>The stages of a case that stands; <see cref="RecordedInError"/> is asked for separately.</summary>
    public static readonly IReadOnlyList<string> All = [Received, Recorded, InHand, Finalised];

    /// <summary>
    /// A case that stands: not withdrawn as recorded in error. The one test the case list, its counts, the caseloads and
    /// the PIF-1 export apply (through <see cref="ICaseSearch.Apply"/> or directly); the shared analytic view applies the
    /// same test in the need-to-know filter (ProbityDb.CaseVisible), so every figure read through it leaves such a case out.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Case, bool>> Stands = c => c.RecordedInErrorOn == null;

    public static string Of(Case c) => Of(c.RecordedInErrorOn, c.FinalisedOn, c.HandlingRoute, c.RecordedOn);

    /// <summary>The same, from a projection of the case's dates (a query that does not load the whole case).</summary>
    public static string Of(DateOnly? recordedInErrorOn, DateOnly? finalisedOn, string? handlingRoute, DateOnly? recordedOn) =>
        recordedInErrorOn is not null ? RecordedInError
        : finalisedOn is not null ? Finalised
        : handlingRoute is not null ? InHand
        : recordedOn is not null ? Recorded
        : Received;

    public static string Describe(string status) => status switch
    {
        Received => "Received, not yet recorded",
        Recorded => "Recorded, awaiting handling decision",
        InHand => "Being handled",
        Finalised => "Finalised",
        RecordedInError => "Withdrawn: recorded in error",
        _ => status,
    };
}

/// <summary>
/// Timeliness targets in working days. Defaults come from the DPS seed papers (64 working days for all cases,
/// 43 for local resolution) via the rulebooks; configuration (Probity:Targets:&lt;route&gt; and
/// Probity:Targets:default) overrides them.
/// </summary>
internal sealed class CaseTargets(IConfiguration configuration, RulebookCatalogue rulebooks)
{
    public RulebookCatalogue RulebookCatalogue { get; } = rulebooks;

    // Asked for every case in every performance figure and every row of the case list: configuration is read once
    // per (regime, route). Changing a target in configuration takes effect on restart.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Regime, string Route), int> _cache = new();

    public int For(Rulebook book, string? route) =>
        _cache.GetOrAdd((book.Regime, route ?? ""), key => Read(book, key.Route.Length == 0 ? null : key.Route));

    private int Read(Rulebook book, string? route)
    {
        if (route is not null && int.TryParse(configuration[$"Probity:Targets:{route}"], out var configuredRoute)) return configuredRoute;
        var rule = book.Route(route);
        if (rule?.TargetWorkingDays is int t) return t;
        return int.TryParse(configuration["Probity:Targets:default"], out var configuredDefault) ? configuredDefault : book.DefaultTargetWorkingDays;
    }

    public int For(Case c) => For(RulebookCatalogue.For(c), c.HandlingRoute);

    /// <summary>Every distinct target with the routes it applies to (null = no route yet), across all regimes.</summary>
    public IReadOnlyList<(int Target, string?[] Routes)> Groups()
    {
        var routes = RulebookCatalogue.All.SelectMany(b => b.Routes.Select(r => (string?)r.Code)).Distinct().Append(null);
        return routes.GroupBy(r => RulebookCatalogue.All.Max(b => For(b, r)))
            .Select(g => (g.Key, g.ToArray())).ToArray();
    }
}

/// <summary>A case's age and due date in working days, as shown on every case and used by the overdue filter.</summary>
internal sealed record CaseClock(int AgeWorkingDays, int TargetWorkingDays, DateOnly DueOn, bool Overdue, int? WorkingDaysLeft)
{
    /// <summary>
    /// The case's clock, or null when it cannot be worked out: its received or finalised date (or today) lies outside
    /// the working-day calendar, or its due date would fall after the calendar's last day. Pages then show the age and
    /// due date as unknown with a data-quality warning (<see cref="CaseDates"/>) rather than failing.
    /// </summary>
    public static CaseClock? Of(Case c, CaseTargets targets, DateOnly today)
    {
        var end = c.FinalisedOn ?? today;
        if (!WorkingDays.Covers(c.ReceivedOn) || !WorkingDays.Covers(end) || !WorkingDays.Covers(today)) return null;
        var target = targets.For(c);
        if (WorkingDays.Between(c.ReceivedOn, WorkingDays.LastDate) < target) return null;
        var age = WorkingDays.Between(c.ReceivedOn, end);
        var due = WorkingDays.AddWorkingDays(c.ReceivedOn, target);
        var overdue = end > due;
        int? left = c.FinalisedOn is null ? WorkingDays.Between(today, due) : null;
        return new CaseClock(age, target, due, overdue, left);
    }

    /// <summary>
    /// The overdue order of the case list and of "my cases": the longest past its due date first (a case whose clock
    /// cannot be worked out first of all, to be looked at), then the oldest, then by reference.
    /// </summary>
    public static IEnumerable<Case> MostOverdueFirst(IEnumerable<Case> cases, CaseTargets targets, DateOnly today) =>
        cases.Select(c => (Case: c, Due: Of(c, targets, today)?.DueOn ?? DateOnly.MinValue))
            .OrderBy(x => x.Due).ThenBy(x => x.Case.ReceivedOn).ThenBy(x => x.Case.Id, StringComparer.Ordinal).Select(x => x.Case);

    /// <summary>The latest received date whose due date (received + target working days) is before <paramref name="today"/>.</summary>
    public static DateOnly LastReceivedDateOverdueOn(DateOnly today, int target)
    {
        // Due dates never decrease as the received date increases, so walk back from today to the first overdue date.
        var d = today.AddDays(-1);
        while (WorkingDays.AddWorkingDays(d, target) >= today) d = d.AddDays(-1);
        return d;
    }
}
