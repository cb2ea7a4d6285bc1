namespace Probity.Performance.Measures;

/// <summary>
/// One cell of a breakdown table as a value: what it counts and what it points at. How a cell reads is decided where
/// it is shown (<see cref="Report.TableText"/> for the dashboard, the report's renderings and the JSON), so the numbers
/// stay numbers and a unit or case stays an id a page can link to.
/// </summary>
internal abstract record Cell;

/// <summary>A label the calculator chose (a stage, a route group, "All cases").</summary>
internal sealed record LabelCell(string Label) : Cell;

/// <summary>A code from the force's vocabulary (a case type, a category, an outcome), read through <see cref="Kernel.Vocabulary"/>.</summary>
internal sealed record CodeCell(string? Code) : Cell;

/// <summary>How many; none when there is nothing to count.</summary>
internal sealed record CountCell(long? Count) : Cell;

/// <summary>A part of a whole, read as a percentage; none when the whole is empty.</summary>
internal sealed record ShareCell(long Part, long Whole) : Cell;

/// <summary>A mean or percentile in working days; none when there were no cases.</summary>
internal sealed record WorkingDaysCell(double? Days) : Cell;

/// <summary>A rate or ratio (per 1,000 residents, the ratio to another group's rate); none when it cannot be worked out.</summary>
internal sealed record RatioCell(double? Value) : Cell;

/// <summary>A 95% interval of a rate per 1,000; none when there is no population.</summary>
internal sealed record IntervalCell(double? Low, double? High) : Cell;

/// <summary>An age band in working days: above <see cref="Above"/> (none: from the start) and up to <see cref="UpTo"/> (none: no limit).</summary>
internal sealed record AgeBandCell(int? Above, int? UpTo) : Cell;

internal sealed record DateCell(DateOnly Date) : Cell;

/// <summary>A count not published, or a figure derived from one (ADR 0032); read as <see cref="Contracts.SmallCellRule.Marker"/>.</summary>
internal sealed record SuppressedCell : Cell;

/// <summary>A case the reader may open.</summary>
internal sealed record CaseCell(string CaseId) : Cell;

/// <summary>A unit (null id: not known).</summary>
internal sealed record UnitCell(string? UnitId, string? Name) : Cell;

/// <summary>Where the work sits: the Customer Service Team, a Borough Support Unit, a borough, the rest, or not allocated.</summary>
internal enum WorkGroup { CustomerServiceTeam, BoroughSupportUnit, Borough, Other, NotAllocated }

/// <summary>A group of the distribution table, with the unit the dashboard can open for it (none for the rest and the unallocated).</summary>
internal sealed record WorkGroupCell(WorkGroup Group, string? UnitId, string? UnitName) : Cell;

/// <summary>How a case was handled, as the timeliness table groups routes (in the table's order).</summary>
internal enum RouteGroup { Investigation, LocalResolution, NoRoute, Other, AllCases }

/// <summary>A route group; for <see cref="RouteGroup.Other"/> the route itself.</summary>
internal sealed record RouteGroupCell(RouteGroup Group, string? Route = null) : Cell;
