namespace Probity.Performance.Measures;

internal enum MeasureKind { Count, Rate, Percent, WorkingDays }

/// <summary>One measure of the Performance Management Framework: its key, its name, and its definition in words.</summary>
/// <param name="HigherIsBetter">Null where more is neither better nor worse (volumes).</param>
internal sealed record MeasureDefinition(string Key, string Title, string Group, MeasureKind Kind, bool? HigherIsBetter, string Definition);

/// <summary>
/// Every headline measure, defined once. The words here are the definitions printed in the quarterly report's
/// appendix and in docs/performance-measures.md (a test keeps that file identical to this list); the code that
/// computes each one is in <see cref="PmfCalculator"/> under the same key.
/// </summary>
internal static class MeasureCatalogue
{
    public const string Volume = "Volume", Timeliness = "Timeliness", Live = "Live cases", Outcomes = "Outcomes", Appeals = "Appeals";

    public static readonly IReadOnlyList<MeasureDefinition> All =
    [
        new("cases_received", "Cases received", Volume, MeasureKind.Count, null,
            "Cases (complaints, conduct matters, death or serious injury matters, civil claims, tribunals, grievances) whose received date falls in the period."),
        new("cases_recorded", "Cases recorded", Volume, MeasureKind.Count, null,
            "Cases whose recorded date falls in the period."),
        new("cases_finalised", "Cases finalised", Volume, MeasureKind.Count, null,
            "Cases whose finalised date falls in the period."),
        new("allegations_recorded", "Allegations recorded", Volume, MeasureKind.Count, null,
            "Allegations on cases recorded in the period."),
        new("allegations_finalised", "Allegations finalised", Volume, MeasureKind.Count, null,
            "Allegations whose finalised date falls in the period."),
        new("right_line_reports", "Right Line reports received", Volume, MeasureKind.Count, null,
            "Anonymous Right Line reports received in the period. Force-wide only: a report names no unit, and nothing that could point at its reporter is counted."),
        new("allegations_per_1000_employees", "Allegations per 1,000 employees", Volume, MeasureKind.Rate, false,
            "Allegations recorded in the period per 1,000 officers, police staff and PCSOs serving at the end of the period (in the unit and the units below it, for a unit)."),
        new("days_receipt_to_recording", "Receipt to recording", Timeliness, MeasureKind.WorkingDays, false,
            "Mean working days from receipt to recording, for complaint and conduct cases recorded in the period."),
        new("days_recording_to_decision", "Recording to handling decision", Timeliness, MeasureKind.WorkingDays, false,
            "Mean working days from recording to the handling-route decision, for complaint and conduct cases whose route was decided in the period."),
        new("days_decision_to_finalisation", "Handling decision to finalisation", Timeliness, MeasureKind.WorkingDays, false,
            "Mean working days from the handling-route decision to finalisation, for complaint and conduct cases finalised in the period."),
        new("days_receipt_to_finalisation", "Receipt to finalisation, all cases", Timeliness, MeasureKind.WorkingDays, false,
            "Mean working days from receipt to finalisation, for complaint and conduct cases finalised in the period. Working days exclude weekends and England and Wales bank holidays."),
        new("days_local_resolution", "Receipt to finalisation, local resolution", Timeliness, MeasureKind.WorkingDays, false,
            "As above, for cases finalised by local resolution (or, under the 2020 regulations, otherwise than by investigation)."),
        new("days_investigation", "Receipt to finalisation, investigations", Timeliness, MeasureKind.WorkingDays, false,
            "As above, for cases finalised by local, supervised, managed or independent investigation."),
        new("pct_finalised_within_target", "Finalised within target", Timeliness, MeasureKind.Percent, true,
            "Share of complaint and conduct cases finalised in the period whose receipt-to-finalisation time was within the target for their route (64 working days; 43 for local resolution; configurable)."),
        new("live_cases", "Live cases", Live, MeasureKind.Count, null,
            "Cases received on or before the end of the period and not finalised by then."),
        new("live_cases_over_target", "Live cases past target", Live, MeasureKind.Count, false,
            "Live complaint and conduct cases at the end of the period whose age in working days exceeds the target for their route."),
        new("pct_locally_resolved", "Allegations locally resolved", Outcomes, MeasureKind.Percent, null,
            "Share of allegations finalised in the period with the finding 'locally resolved'."),
        new("pct_investigated", "Allegations investigated", Outcomes, MeasureKind.Percent, null,
            "Share of allegations finalised in the period that were investigated (found substantiated or not substantiated)."),
        new("pct_withdrawn", "Allegations withdrawn", Outcomes, MeasureKind.Percent, null,
            "Share of allegations finalised in the period that were withdrawn."),
        new("pct_dispensed_or_discontinued", "Allegations dispensed or discontinued", Outcomes, MeasureKind.Percent, null,
            "Share of allegations finalised in the period that were dispensed with or discontinued."),
        new("pct_substantiated", "Substantiated rate", Outcomes, MeasureKind.Percent, null,
            "Share of investigated allegations finalised in the period that were substantiated."),
        new("pct_local_resolution_by_units", "Local resolutions done by boroughs and business groups", Outcomes, MeasureKind.Percent, true,
            "Of cases finalised by local resolution in the period, the share handled by boroughs and business groups rather than by the DPS (Customer Service Team and Borough Support Units). The DPS papers track 66% / 34%."),
        new("appeals_decided", "Appeals decided", Appeals, MeasureKind.Count, null,
            "Appeals to the IPCC (reviews under the 2020 regulations) decided in the period."),
        new("pct_appeals_upheld", "Appeals upheld", Appeals, MeasureKind.Percent, false,
            "Share of appeals decided in the period that were upheld."),
    ];

    private static readonly Dictionary<string, MeasureDefinition> ByKey = All.ToDictionary(m => m.Key, StringComparer.Ordinal);

    public static MeasureDefinition Get(string key) => ByKey[key];

    /// <summary>The definitions as Markdown: docs/performance-measures.md is exactly this text.</summary>
    public static string ToMarkdown()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("# Performance measures\n\n");
        sb.Append("Generated from `src/Probity/Performance/Measures/MeasureCatalogue.cs` (a test fails if this file and the code differ).\n");
        sb.Append("Periods include both end dates. Working days are Monday to Friday excluding England and Wales bank holidays.\n");
        sb.Append("Cases restricted on a need-to-know basis are excluded from every figure.\n");
        sb.Append($"A case with a received, recorded, handling decision or finalised date outside the working-day calendar ({Infrastructure.Time.WorkingDays.FirstDate.Year} to {Infrastructure.Time.WorkingDays.LastDate.Year}) is excluded from every figure, and a finding, outcome or appeal dated outside it is excluded on its own; each is listed as a data-quality warning.\n");
        foreach (var group in All.GroupBy(m => m.Group))
        {
            sb.Append("\n## ").Append(group.Key).Append("\n\n| key | measure | definition | better |\n| --- | --- | --- | --- |\n");
            foreach (var m in group)
                sb.Append("| `").Append(m.Key).Append("` | ").Append(m.Title).Append(" | ").Append(m.Definition).Append(" | ")
                  .Append(m.HigherIsBetter switch { true => "higher", false => "lower", null => "—" }).Append(" |\n");
        }
        sb.Append("\n## Comparisons\n\n");
        sb.Append("- **Last period**: the period of the same length immediately before (the previous quarter for a quarter). The change is *significant* when |z| ≥ 1.96: ");
        sb.Append("counts are compared as Poisson counts, z = (a − b) / √(a + b); shares with a two-proportion z test; means with Welch's z.\n");
        sb.Append("- **Same period last year**, tested the same way.\n");
        sb.Append("- **Target**, **national average** and **most similar forces' average** come from the comparators file (`Probity:Performance:Comparators`, CSV `measure,comparator,value`). ");
        sb.Append("RAG: green meets the target, amber within 10% of it, red otherwise.\n");
        sb.Append("\n## Equality\n\n");
        sb.Append("Complainants of cases received in the period, by broad ethnic group (detailed census codes mapped by their letter: w white, b black, a asian, m mixed, o other), ");
        sb.Append("per 1,000 residents of the boroughs in scope (population.csv), with 95% Wilson intervals, and each group's rate relative to the white rate. ");
        sb.Append("Officers complained about: distinct staff named in allegations recorded in the period, by gender and broad ethnic group, against serving officers.\n");
        return sb.ToString();
    }
}
