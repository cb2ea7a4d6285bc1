namespace Probity.Performance.Measures;

/// <summary>
/// The counts of people or cases each headline measure is built from, and how they add up, for publishing the measures
/// (ADR 0032 addendum): what <see cref="CountLayout"/> says for a table, said once for the measures. A measure is published
/// only when every count it is built from is: a count, its number; a share, its part and its whole; a mean, the cases it
/// averages; a rate, the allegations and the employees. A test holds every measure of <see cref="MeasureCatalogue"/> to an
/// entry here, so a new measure cannot be published without one.
/// </summary>
internal static class HeadlineCounts
{
    public const string CasesReceived = "cases_received", CasesRecorded = "cases_recorded", CasesFinalised = "cases_finalised",
        AllegationsRecorded = "allegations_recorded", AllegationsFinalised = "allegations_finalised", RightLineReports = "right_line_reports",
        Employees = "employees", LiveCases = "live_cases", LiveOverTarget = "live_over_target",
        StageReceiptToRecording = "stage_receipt_to_recording", StageRecordingToDecision = "stage_recording_to_decision",
        StageDecisionToFinalisation = "stage_decision_to_finalisation",
        FinalisedHandled = "finalised_handled", FinalisedLocalResolution = "finalised_local_resolution", FinalisedInvestigation = "finalised_investigation",
        FinalisedOtherRoute = "finalised_other_route", FinalisedWithinTarget = "finalised_within_target", FinalisedOutsideTarget = "finalised_outside_target",
        LocalResolutionByUnits = "local_resolution_by_units", LocalResolutionByDps = "local_resolution_by_dps",
        AllegationsLocallyResolved = "allegations_locally_resolved", AllegationsInvestigated = "allegations_investigated",
        AllegationsWithdrawn = "allegations_withdrawn", AllegationsDispensed = "allegations_dispensed", AllegationsOtherFinding = "allegations_other_finding",
        AllegationsSubstantiated = "allegations_substantiated", AllegationsNotSubstantiated = "allegations_not_substantiated",
        AppealsDecided = "appeals_decided", AppealsUpheld = "appeals_upheld", AppealsNotUpheld = "appeals_not_upheld";

    /// <summary>Each measure's numerator count and, where its denominator counts people or cases too, that count.</summary>
    public static readonly IReadOnlyDictionary<string, (string Numerator, string? Denominator)> Of = new Dictionary<string, (string, string?)>(StringComparer.Ordinal)
    {
        ["cases_received"] = (CasesReceived, null),
        ["cases_recorded"] = (CasesRecorded, null),
        ["cases_finalised"] = (CasesFinalised, null),
        ["allegations_recorded"] = (AllegationsRecorded, null),
        ["allegations_finalised"] = (AllegationsFinalised, null),
        ["right_line_reports"] = (RightLineReports, null),
        ["allegations_per_1000_employees"] = (AllegationsRecorded, Employees),
        ["days_receipt_to_recording"] = (StageReceiptToRecording, null),
        ["days_recording_to_decision"] = (StageRecordingToDecision, null),
        ["days_decision_to_finalisation"] = (StageDecisionToFinalisation, null),
        ["days_receipt_to_finalisation"] = (FinalisedHandled, null),
        ["days_local_resolution"] = (FinalisedLocalResolution, null),
        ["days_investigation"] = (FinalisedInvestigation, null),
        ["pct_finalised_within_target"] = (FinalisedWithinTarget, FinalisedHandled),
        ["live_cases"] = (LiveCases, null),
        ["live_cases_over_target"] = (LiveOverTarget, null),
        ["pct_locally_resolved"] = (AllegationsLocallyResolved, AllegationsFinalised),
        ["pct_investigated"] = (AllegationsInvestigated, AllegationsFinalised),
        ["pct_withdrawn"] = (AllegationsWithdrawn, AllegationsFinalised),
        ["pct_dispensed_or_discontinued"] = (AllegationsDispensed, AllegationsFinalised),
        ["pct_substantiated"] = (AllegationsSubstantiated, AllegationsInvestigated),
        ["pct_local_resolution_by_units"] = (LocalResolutionByUnits, FinalisedLocalResolution),
        ["appeals_decided"] = (AppealsDecided, null),
        ["pct_appeals_upheld"] = (AppealsUpheld, AppealsDecided),
    };

    /// <summary>
    /// Counts that add up to another the measures publish. The last part of each is the rest: no measure publishes it, but a
    /// reader who has the total and the other parts has it by subtraction (2 of 3 substantiated says 1 was not), so it is a
    /// count the rule protects like the others (hiding it costs nothing, as it is never shown).
    /// </summary>
    public static readonly IReadOnlyList<(string Total, IReadOnlyList<string> Parts)> Sums =
    [
        (AllegationsFinalised, [AllegationsLocallyResolved, AllegationsInvestigated, AllegationsWithdrawn, AllegationsDispensed, AllegationsOtherFinding]),
        (AllegationsInvestigated, [AllegationsSubstantiated, AllegationsNotSubstantiated]),
        (FinalisedHandled, [FinalisedLocalResolution, FinalisedInvestigation, FinalisedOtherRoute]),
        (FinalisedHandled, [FinalisedWithinTarget, FinalisedOutsideTarget]),
        (FinalisedLocalResolution, [LocalResolutionByUnits, LocalResolutionByDps]),
        (AppealsDecided, [AppealsUpheld, AppealsNotUpheld]),
    ];

    /// <summary>
    /// The value of every named count in one period, read from the measures' observations. A measure with no value reads its
    /// counts as 0 (a rate with no employees has no numerator), so the largest reading of a count is the count; a rest is its
    /// total less the other parts.
    /// </summary>
    public static Dictionary<string, long> Read(IReadOnlyDictionary<string, Observation> measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        // Every name has a value, 0 when no measure reads it (a period with no such measure), so the sums always name cells.
        var counts = Of.Values.SelectMany(c => new[] { c.Numerator, c.Denominator }).OfType<string>()
            .Concat(Sums.SelectMany(s => s.Parts.Append(s.Total))).Distinct(StringComparer.Ordinal).ToDictionary(n => n, _ => 0L, StringComparer.Ordinal);
        void Take(string name, long value) => counts[name] = Math.Max(counts.GetValueOrDefault(name), Math.Max(0, value));
        foreach (var (key, (numerator, denominator)) in Of)
        {
            if (!measures.TryGetValue(key, out var o)) continue;
            Take(numerator, o.Numerator);
            if (denominator is not null) Take(denominator, o.Denominator);
        }
        foreach (var (total, parts) in Sums)
        {
            var rest = parts[^1];
            counts[rest] = Math.Max(0, counts.GetValueOrDefault(total) - parts.Take(parts.Count - 1).Sum(counts.GetValueOrDefault));
        }
        return counts;
    }
}
