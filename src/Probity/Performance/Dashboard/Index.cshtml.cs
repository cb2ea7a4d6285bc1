using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Probity.Identity.Contracts;
using Probity.Performance.Comparators;
using Probity.Performance.Facts;
using Probity.Performance.Measures;

namespace Probity.Performance.Dashboard;

/// <summary>
/// The DPS senior team's dashboard: the framework's headline measures for a period and a unit (or the whole
/// force), from the in-memory facts, with drill-down force → unit → case list → case.
/// </summary>
[Authorize(Policy = Policies.ReadPerformance)]
internal sealed class IndexModel(FactsCache cache, PmfCalculator calculator, ComparatorSet comparators, Audit audit, TimeProvider time, Database.ProbityDb db, Cases.Contracts.CaseReferences references) : PageModel
{
    /// <summary>The date the figures are for; default today.</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }

    /// <summary>What <see cref="Measures.Period.Parse"/> accepts: q (default), 12m, 3m, 2010-Q3 ...</summary>
    [BindProperty(SupportsGet = true, Name = "period")] public string? PeriodText { get; set; }

    /// <summary>A unit id; empty for the whole force.</summary>
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }

    public PmfResult Result { get; private set; } = null!;
    public PerformanceFacts Facts { get; private set; } = null!;
    public ComparatorSet Comparators => comparators;
    public DateOnly Date { get; private set; }
    public string PeriodValue { get; private set; } = "q";
    public UnitFact? Scope { get; private set; }

    /// <summary>The units a user can focus on: the CST, the BSUs, the boroughs and the business groups.</summary>
    public IReadOnlyList<UnitFact> Units { get; private set; } = [];

    /// <summary>The unit and its parents, outermost first (for the breadcrumb back up).</summary>
    public IReadOnlyList<UnitFact> Ancestors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Date = WorkingDays.RequireCovered(AsOf ?? time.Today(), "the as-of date");
        PeriodValue = string.IsNullOrWhiteSpace(PeriodText) ? "q" : PeriodText.Trim();
        // A period still running is counted to the as-of date and compared with the same days of the periods before:
        // a quarter half over is not set against whole quarters.
        var period = Measures.Period.Parse(PeriodValue, Date).SoFar(Date);
        var unit = string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim();

        Facts = await cache.GetAsync(ct);
        Result = Computed(Facts, period, unit);
        // Data-quality warnings name cases: only those the reader may open.
        Result = Result with { Excluded = await references.VisibleAsync(Result.Excluded, e => e.Warning.CaseId, ct) };
        await audit.RecordAsync("view", "performance", $"{period.Label} unit={unit ?? "force"}", ct);

        Scope = unit is null ? null : Facts.UnitsById[unit];
        var chain = new List<UnitFact>();
        for (var u = Scope; u?.ParentId is { } parent && Facts.UnitsById.TryGetValue(parent, out var p) && chain.Count < 20; u = p) chain.Insert(0, p);
        Ancestors = chain;
        Units = Facts.Units.Where(u => KindOrder(u.Kind) < 4).OrderBy(u => KindOrder(u.Kind)).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Results per facts snapshot, so the senior team opening the same view again (or printing it) is answered
    /// from memory; a new snapshot (the store changed, or a minute passed) starts afresh.
    /// </summary>
    private static readonly ConditionalWeakTable<PerformanceFacts, ConcurrentDictionary<(DateOnly, DateOnly, string, string), PmfResult>> Results = new();
    private const int MaxCachedResults = 64;

    private PmfResult Computed(PerformanceFacts facts, Period period, string? unit)
    {
        var results = Results.GetOrCreateValue(facts);
        // Figures are shared; what a table may list depends on who reads it, so the reader is part of the key: the cases
        // they may open, and the borough they are kept to (the boroughs' returns table shows its own row only, ADR 0026).
        var reader = db.Scope;
        static string ListingKey(Probity.Kernel.CaseAccessScope r) => $"{r.SeesEverything}/{r.OnlyFinalised}/{r.OwnStaffId}/{r.Borough}";
        var key = (period.From, period.To, period.Label, (unit ?? "") + "\u001f" + ListingKey(reader));
        if (results.TryGetValue(key, out var cached)) return cached;
        var result = calculator.Compute(facts, period, unit, reader: reader);
        if (results.Count >= MaxCachedResults) results.Clear();
        results[key] = result;
        return result;
    }

    private static int KindOrder(string kind) => kind switch { "cst" => 0, "bsu" => 1, "borough" => 2, "business_group" => 3, _ => 4 };

    public string UnitKindLabel(string kind) => kind switch
    {
        "cst" => "Customer Service Team",
        "bsu" => "Borough Support Units",
        "borough" => "Boroughs",
        "business_group" => "Business groups",
        _ => "Other",
    };

    /// <summary>The dashboard for another unit (null = whole force), keeping the period and date.</summary>
    public string DashboardLink(string? unitId) =>
        QueryHelpers.AddQueryString("/performance", new Dictionary<string, string?>
        {
            ["unit"] = unitId, ["period"] = PeriodValue, ["asOf"] = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    /// <summary>What the dashboard does with a stored date outside the working-day calendar (docs/adr/0006-performance-measures.md).</summary>
    public const string ExcludedNote = "These dates lie outside the working-day calendar and are left out of the figures until corrected: a case whose received, recorded, handling decision or finalised date is outside is left out of every figure; a finding, outcome or appeal dated outside is left out on its own.";

    public static string LiveCasesLink(string unitId) => QueryHelpers.AddQueryString("/cases", new Dictionary<string, string?> { ["unit"] = unitId, ["status"] = "live" });

    public static string CaseLink(string caseId) => "/cases/" + Uri.EscapeDataString(caseId);

    public static IEnumerable<IGrouping<string, MeasureResult>> Groups(PmfResult result) => result.Measures.GroupBy(m => m.Definition.Group);

    /// <summary>A value as the measure's kind is read: counts whole, shares as percentages, times in working days.</summary>
    public static string Format(MeasureKind kind, double? value) => value is not { } v ? "—" : kind switch
    {
        MeasureKind.Count => v.ToString("N0", CultureInfo.InvariantCulture),
        MeasureKind.Percent => v.ToString("0.0", CultureInfo.InvariantCulture) + "%",
        MeasureKind.WorkingDays => v.ToString("0.0", CultureInfo.InvariantCulture) + " days",
        _ => v.ToString("0.0", CultureInfo.InvariantCulture),
    };

    /// <summary>A change, signed, in the measure's unit (percentage points for shares).</summary>
    public static string FormatChange(MeasureKind kind, double? change)
    {
        if (change is not { } c) return "";
        var sign = c > 0 ? "+" : c < 0 ? "−" : "±";
        var a = Math.Abs(c);
        return sign + kind switch
        {
            MeasureKind.Count => a.ToString("N0", CultureInfo.InvariantCulture),
            MeasureKind.Percent => a.ToString("0.0", CultureInfo.InvariantCulture) + " pts",
            MeasureKind.WorkingDays => a.ToString("0.0", CultureInfo.InvariantCulture) + " days",
            _ => a.ToString("0.0", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Whether a change is more than noise, and whether it is for the better, in words.</summary>
    public static string Verdict(Comparison c)
    {
        if (c.Direction == "none") return "no comparison";
        if (c.Direction == "flat") return "no change";
        var significance = c.Significant ? "significant" : "noise";
        return c.Better switch { true => significance + ", better", false => significance + ", worse", null => significance };
    }

    /// <summary>CSS class for a comparison: better / worse / neutral (noise is always neutral).</summary>
    public static string TrendClass(Comparison c) => !c.Significant || c.Better is null ? "neutral" : c.Better.Value ? "better" : "worse";

    public static string RagLabel(string rag) => rag switch { "green" => "Green: meets target", "amber" => "Amber: within 10% of target", "red" => "Red: misses target", _ => "" };
}
