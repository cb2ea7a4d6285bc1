using Probity.Workforce.Contracts;
using Probity.Registers.Contracts;
using Probity.Infrastructure.Time;
using Probity.Interchange.Contracts;
using static Probity.DemoForce.DemoForceReference;

namespace Probity.DemoForce;

/// <summary>
/// Builds a deterministic demo force shaped like the Metropolitan Police circa 2008-2010 (the DPS strategy papers):
/// 32 boroughs, 4 DPS borough support units, the DPS customer service team and the business groups; about 33,000 officers,
/// 14,000 police staff and 4,500 PCSOs; about 7,000 complaint cases and 12,000 allegations a year, with sanctions, appeals,
/// complainants, resident population, business interests and (optionally) monthly officer activity.
/// The same options always give the same bundle: every random choice comes from <see cref="Random"/> streams seeded from
/// <see cref="DemoForceOptions.Seed"/>, and dates are measured back from <see cref="DemoForceOptions.Until"/>.
/// Every list is sorted by its id (or its key columns), so a written bundle is stable.
/// </summary>
internal sealed partial class DemoForceGenerator
{
    private static readonly DateOnly Regime2020From = new(2020, 2, 1);

    private readonly DemoForceOptions _options;
    private readonly DateOnly _until;
    private readonly DateOnly _windowStart;
    private readonly int _untilDay;
    private readonly int _windowStartDay;
    private readonly PifBundle _bundle = new();

    // Units by internal index: the boroughs first (in DemoForceReference.Boroughs order), then DemoForceReference.OtherUnits.
    private readonly string[] _unitIds;
    private readonly int _unitCount;
    private readonly int[] _unitBusinessGroup;

    private DemoForceGenerator(DemoForceOptions options, DateOnly until)
    {
        _options = options;
        _until = until;
        _windowStart = until.AddYears(-options.Years).AddDays(1);
        _untilDay = until.DayNumber;
        _windowStartDay = _windowStart.DayNumber;

        _unitCount = Boroughs.Length + OtherUnits.Length;
        _unitIds = new string[_unitCount];
        _unitBusinessGroup = new int[_unitCount];
        for (var i = 0; i < Boroughs.Length; i++) _unitIds[i] = Boroughs[i].Id;
        for (var i = 0; i < OtherUnits.Length; i++) _unitIds[Boroughs.Length + i] = OtherUnits[i].Id;
        var tp = UnitIndex("tp");
        for (var i = 0; i < _unitCount; i++)
        {
            if (i < Boroughs.Length) { _unitBusinessGroup[i] = tp; continue; }
            var u = OtherUnits[i - Boroughs.Length];
            _unitBusinessGroup[i] = UnitIndex(u.Parent ?? u.Id);
        }
    }

    public static PifBundle Generate(DemoForceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Until is not { } until)
            throw new ArgumentException("DemoForceOptions.Until is required: pass today's date.", nameof(options));
        if (options.Years is < 1 or > 60)
            throw new ArgumentOutOfRangeException(nameof(options), options.Years, "Years must be between 1 and 60.");
        if (options.Scale is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "Scale must be between 1 and 100.");
        // Its cases are dated across the whole window, so all of it must be dates working days are known for.
        WorkingDays.RequireCovered(until, "the last day of the demo force's history (--until, Probity:Demo:Until)");
        WorkingDays.RequireCovered(until.AddYears(-options.Years).AddDays(1), $"the first day of {options.Years} years of demo history (--years, Probity:Demo:Years)");

        var generator = new DemoForceGenerator(options, until);
        generator.BuildUnits();
        generator.BuildPopulation();
        generator.BuildStaff();
        generator.BuildCases();
        if (options.IncludeExposure) generator.BuildExposure();
        return generator._bundle;
    }

    private int UnitIndex(string id) => Array.IndexOf(_unitIds, id) is var i and >= 0 ? i : throw new InvalidOperationException($"Unknown demo unit {id}");

    private static bool IsBorough(int unit) => unit < Boroughs.Length;

    private void BuildUnits()
    {
        foreach (var u in OtherUnits)
            _bundle.Units.Add(new Unit { Id = u.Id, Name = u.Name, Kind = u.Kind, ParentUnitId = u.Parent });
        foreach (var b in Boroughs)
            _bundle.Units.Add(new Unit { Id = b.Id, Name = b.Name, Kind = "borough", ParentUnitId = "tp", ResidentPopulation = b.Population });
        _bundle.Units.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
    }

    /// <summary>Residents of each borough by broad ethnic group, gender and age band, summing exactly to its population (largest remainder).</summary>
    private void BuildPopulation()
    {
        string[] genders = ["female", "male"];
        double[] genderShare = [0.51, 0.49];
        var cells = BroadGroups.Length * genders.Length * AgeBands.Length;
        var weights = new double[cells];
        var counts = new int[cells];
        var order = new int[cells];
        var remainders = new double[cells];
        var rows = new List<PopulationCount>(Boroughs.Length * cells);
        foreach (var b in Boroughs)
        {
            double total = 0;
            var k = 0;
            for (var e = 0; e < BroadGroups.Length; e++)
                for (var g = 0; g < genders.Length; g++)
                    for (var a = 0; a < AgeBands.Length; a++, k++)
                    {
                        weights[k] = b.Ethnicity[e] * genderShare[g] * AgeProfile[e][a];
                        total += weights[k];
                    }
            var assigned = 0;
            for (k = 0; k < cells; k++)
            {
                var exact = b.Population * weights[k] / total;
                counts[k] = (int)Math.Floor(exact);
                remainders[k] = exact - counts[k];
                assigned += counts[k];
                order[k] = k;
            }
            Array.Sort(order, (x, y) => remainders[y].CompareTo(remainders[x]) is var c && c != 0 ? c : x.CompareTo(y));
            for (var i = 0; i < b.Population - assigned; i++) counts[order[i % cells]]++;

            k = 0;
            for (var e = 0; e < BroadGroups.Length; e++)
                for (var g = 0; g < genders.Length; g++)
                    for (var a = 0; a < AgeBands.Length; a++, k++)
                        rows.Add(new PopulationCount { UnitId = b.Id, Ethnicity = BroadGroups[e], Gender = genders[g], AgeBand = AgeBands[a], Residents = counts[k] });
        }
        rows.Sort(static (x, y) =>
        {
            var c = string.CompareOrdinal(x.UnitId, y.UnitId);
            if (c == 0) c = string.CompareOrdinal(x.Ethnicity, y.Ethnicity);
            if (c == 0) c = string.CompareOrdinal(x.Gender, y.Gender);
            if (c == 0) c = string.CompareOrdinal(x.AgeBand, y.AgeBand);
            return c;
        });
        _bundle.Population.AddRange(rows);
    }
}
