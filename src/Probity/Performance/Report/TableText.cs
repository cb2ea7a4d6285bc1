using System.Globalization;
using Probity.Kernel;
using Probity.Performance.Measures;

namespace Probity.Performance.Report;

/// <summary>
/// How a breakdown table's cells read, the same on the dashboard, in the report's HTML, PDF and CSV and in
/// `probity pmf --json`: counts with thousands separators, shares as percentages to one place, working days to one
/// place, rates and ratios to two, "—" for nothing.
/// </summary>
internal static class TableText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public const string None = "—";

    public static IReadOnlyList<IReadOnlyList<string>> Rows(BreakdownTable table) =>
        table.Rows.Select(row => (IReadOnlyList<string>)row.Select(Text).ToList()).ToList();

    public static string Text(Cell cell) => cell switch
    {
        LabelCell c => c.Label,
        CodeCell c => Vocabulary.Describe(c.Code),
        CountCell c => c.Count is { } n ? n.ToString("N0", Inv) : None,
        ShareCell c => c.Whole == 0 ? None : (100.0 * c.Part / c.Whole).ToString("0.0", Inv) + "%",
        WorkingDaysCell c => c.Days is { } d ? d.ToString("0.0", Inv) : None,
        RatioCell c => c.Value is { } v ? v.ToString("0.00", Inv) : None,
        IntervalCell { Low: { } lo, High: { } hi } => $"{lo.ToString("0.00", Inv)}–{hi.ToString("0.00", Inv)}",
        IntervalCell => None,
        AgeBandCell { Above: null, UpTo: { } hi } => $"Up to {hi}",
        AgeBandCell { Above: { } lo, UpTo: null } => $"Over {lo}",
        AgeBandCell { Above: { } lo, UpTo: { } hi } => $"{lo + 1}–{hi}",
        AgeBandCell => "Any age",
        DateCell c => c.Date.ToString("yyyy-MM-dd", Inv),
        SuppressedCell => Contracts.SmallCellRule.Marker,
        CaseCell c => c.CaseId,
        UnitCell c => c.Name ?? None,
        WorkGroupCell c => c.Group switch
        {
            WorkGroup.CustomerServiceTeam => "Customer Service Team",
            WorkGroup.BoroughSupportUnit => c.UnitName ?? None,
            WorkGroup.Borough => "Borough: " + c.UnitName,
            WorkGroup.Other => "Business groups and other",
            _ => "Not allocated",
        },
        RouteGroupCell c => c.Group switch
        {
            RouteGroup.Investigation => "Investigation",
            RouteGroup.LocalResolution => "Local resolution",
            RouteGroup.NoRoute => "No route",
            RouteGroup.Other => "Other (" + Vocabulary.Describe(c.Route).ToLowerInvariant() + ")",
            _ => "All cases",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell.GetType().Name, "a breakdown cell with no reading"),
    };
}
