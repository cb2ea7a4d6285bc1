using Probity.Cases.Contracts;
using Microsoft.Extensions.Configuration;
using Probity.Performance.Comparators;
using Probity.Performance.Facts;
using Probity.Performance.Measures;
using RulebookSet = Probity.Cases.Contracts.RulebookCatalogue;

namespace Probity.Tests.Performance.Measures;

/// <summary>Hand-built facts snapshots: a handful of cases, every figure checkable on paper.</summary>
internal sealed class FactsBuilder
{
    public List<CaseFact> Cases { get; } = [];
    public List<AllegationFact> Allegations { get; } = [];
    public List<AppealFact> Appeals { get; } = [];
    public List<ComplainantFact> Complainants { get; } = [];
    public List<StaffFact> Staff { get; } = [];
    public List<UnitFact> Units { get; } = [];
    public List<PopulationFact> Population { get; } = [];
    public List<DateOnly> RightLineReports { get; } = [];
    public List<BoroughReturnFact> BoroughReturns { get; } = [];

    /// <summary>Adds a case and returns its index (what AllegationFact.Case and AppealFact.Case refer to).</summary>
    public int Case(string id, DateOnly received, DateOnly? recorded = null, DateOnly? decided = null, DateOnly? finalised = null,
        string? route = null, string type = "public_complaint", string? unit = null, string? location = null, string? regime = null)
    {
        Cases.Add(new CaseFact(id, type, regime, "public", received, recorded, decided, finalised, route, unit, location));
        return Cases.Count - 1;
    }

    public FactsBuilder Allegation(int caseIndex, string? finding = null, DateOnly? finalised = null, string? staffId = null, string category = "incivility")
    {
        Allegations.Add(new AllegationFact(caseIndex, category, finding, finalised, staffId));
        return this;
    }

    public FactsBuilder Appeal(int caseIndex, DateOnly lodged, DateOnly? decided, bool? upheld, string type = "investigation")
    {
        Appeals.Add(new AppealFact(caseIndex, type, lodged, decided, upheld));
        return this;
    }

    public FactsBuilder Employee(string id, string type = "officer", string? unit = null, DateOnly? joined = null, DateOnly? left = null,
        string? gender = "male", string? ethnicity = "w1")
    {
        Staff.Add(new StaffFact(id, type, unit, joined, left, gender, ethnicity));
        return this;
    }

    public FactsBuilder Unit(string id, string kind, string? parent = null, string? name = null)
    {
        Units.Add(new UnitFact(id, name ?? id, kind, parent, null));
        return this;
    }

    public PerformanceFacts Build() => new()
    {
        Cases = Cases, Allegations = Allegations, Appeals = Appeals, Sanctions = [], Complainants = Complainants,
        Staff = Staff, Units = Units, Population = Population, LoadedAt = new DateTimeOffset(2010, 4, 1, 0, 0, 0, TimeSpan.Zero),
        RightLineReports = RightLineReports, BoroughReturns = BoroughReturns,
    };
}

internal static class Pmf
{
    private static readonly RulebookSet Books = RulebookSet.LoadBuiltIn();

    /// <summary>Q4 of financial year 2009/10: 1 January to 31 March 2010.</summary>
    public static readonly Period Q4 = Period.Quarter(2009, 4);

    public static DateOnly D(int y, int m, int d) => new(y, m, d);

    public static CaseTargets Targets() => new(new ConfigurationBuilder().Build(), Books);

    public static ComparatorSet Comparators(string rows = "") =>
        ComparatorSet.Parse(new StringReader("measure,comparator,value,financial_year\n" + rows), "test comparators", isExample: false);

    public static PmfCalculator Calculator(string comparatorRows = "") => new(Targets(), Comparators(comparatorRows));

    /// <summary>Every measure's current value for one period and scope, as the calculator computes it.</summary>
    public static Dictionary<string, Observation> Observe(PerformanceFacts facts, Period period, string? unitId = null) =>
        Calculator().Observe(facts, PmfCalculator.Scope.Of(facts, unitId), period);

    public static double? Value(this Dictionary<string, Observation> o, string key) => o[key].Value;
}
