using Probity.Infrastructure.Configuration;
using System.Globalization;

namespace Probity.Performance.Comparators;

/// <summary>
/// Targets and external comparators for the measures: the national average and the most similar forces' average
/// (the IPCC's published tables), and the force's own targets. Loaded from a small CSV the user supplies
/// (Probity:Performance:Comparators); an England and Wales EXAMPLE file is built in and labelled as such.
/// Format: <c>measure,comparator,value,financial_year,source</c>; comparator is target | national_average |
/// most_similar_forces; an empty financial_year applies to every year; a row for a specific year wins.
/// </summary>
internal sealed class ComparatorSet
{
    public const string Target = "target", National = "national_average", MostSimilar = "most_similar_forces";

    private readonly Dictionary<(string Measure, string Comparator, string Year), double> _values;

    private ComparatorSet(Dictionary<(string, string, string), double> values, string source, bool isExample)
    {
        _values = values;
        Source = source;
        IsExample = isExample;
    }

    /// <summary>Where the figures came from, printed under every comparison.</summary>
    public string Source { get; }

    /// <summary>True for the built-in illustrative figures: the dashboard and report say so wherever they are shown.</summary>
    public bool IsExample { get; }

    public double? Find(string measure, string comparator, string financialYear) =>
        _values.TryGetValue((measure, comparator, financialYear), out var v) ? v
        : _values.TryGetValue((measure, comparator, ""), out var any) ? any : null;

    public static ComparatorSet Load(IConfiguration configuration) =>
        ConfiguredFile.Load(configuration, "Probity:Performance:Comparators", "Probity.Performance.Comparators.england-wales-example.csv",
            "EXAMPLE comparators (illustrative, not IPCC published statistics)", (csv, source, builtIn) =>
            {
                using var reader = new StreamReader(csv);
                return Parse(reader, builtIn ? source : Path.GetFileName(source), isExample: builtIn);
            });

    /// <summary>Reads the comparators CSV, naming the line and column of anything wrong.</summary>
    public static ComparatorSet Parse(TextReader reader, string source, bool isExample)
    {
        var values = new Dictionary<(string, string, string), double>();
        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim()).ToArray() ?? throw new InvalidDataException($"{source}: the file is empty.");
        int Col(string name) => Array.IndexOf(header, name) is >= 0 and var i ? i : throw new InvalidDataException($"{source}: line 1 has no '{name}' column.");
        int measure = Col("measure"), comparator = Col("comparator"), value = Col("value");
        var year = Array.IndexOf(header, "financial_year");
        var known = Measures.MeasureCatalogue.All.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var line = 1;
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (string.IsNullOrWhiteSpace(text) || text.StartsWith('#')) continue;
            var f = text.Split(',');
            string Field(int i) => i >= 0 && i < f.Length ? f[i].Trim() : "";
            if (!known.Contains(Field(measure))) throw new InvalidDataException($"{source}: line {line}, column 'measure': '{Field(measure)}' is not a measure.");
            if (Field(comparator) is not (Target or National or MostSimilar))
                throw new InvalidDataException($"{source}: line {line}, column 'comparator': '{Field(comparator)}' must be target, national_average or most_similar_forces.");
            if (!double.TryParse(Field(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new InvalidDataException($"{source}: line {line}, column 'value': '{Field(value)}' is not a number.");
            values[(Field(measure), Field(comparator), Field(year))] = v;
        }
        return new ComparatorSet(values, source, isExample);
    }
}
