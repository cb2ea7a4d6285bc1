using Probity.Cases.Contracts;
using Probity.Kernel;
using Probity.Infrastructure.Time;
using Probity.Performance.Comparators;
using Probity.Performance.Facts;

namespace Probity.Performance.Measures;

/// <summary>
/// Computes the framework's measures for a period and a unit (or the whole force) from the facts snapshot.
/// Each measure's code is in <see cref="Observe(PerformanceFacts, Scope, Period, int[])"/> under its catalogue key; comparisons, RAG and trends are
/// computed the same way for every measure.
/// </summary>
internal sealed class PmfCalculator(CaseTargets targets, ComparatorSet comparators)
{
    public const int TrendPoints = 8;

    private static readonly HashSet<string> HandledTypes = new(StringComparer.Ordinal) { "public_complaint", "conduct_matter", "death_or_serious_injury" };
    private static readonly HashSet<string> LocalResolutionRoutes = new(StringComparer.Ordinal) { "local_resolution", "otherwise_than_by_investigation" };
    private static readonly HashSet<string> InvestigationRoutes = new(StringComparer.Ordinal) { "local_investigation", "supervised_investigation", "managed_investigation", "independent_investigation" };
    private static readonly HashSet<string> DpsKinds = new(StringComparer.Ordinal) { "cst", "bsu" };

    /// <param name="reader">Who will read the result: tables that list cases list only cases the reader may open (null: the
    /// platform itself, which lists all). Figures are the same for every reader, except the boroughs' own monthly returns: an
    /// account kept to a borough (ADR 0026) reads its own borough's row only.</param>
    public PmfResult Compute(PerformanceFacts facts, Period period, string? unitId = null, bool withTrend = true, Probity.Kernel.CaseAccessScope? reader = null)
    {
        period.RequireCovered();
        var scope = Scope.Of(facts, unitId);
        var caseTargets = facts.Cases.Select(c => targets.For(targets.RulebookCatalogue.For(c.Regime, c.ReceivedOn), c.Route)).ToArray();
        var current = Observe(facts, scope, period, caseTargets);
        var previousPeriod = period.Previous();
        var yearEarlier = period.YearEarlier();
        var previous = Observe(facts, scope, previousPeriod, caseTargets);
        var lastYear = Observe(facts, scope, yearEarlier, caseTargets);
        var trendPeriods = new List<Period>();
        if (withTrend)
        {
            var p = period;
            for (var i = 0; i < TrendPoints; i++) { trendPeriods.Insert(0, p); p = p.Previous(); }
        }
        // The trend's periods are independent passes over read-only arrays: spread them over the cores.
        var trend = trendPeriods.AsParallel().AsOrdered()
            .Select(p => ReferenceEquals(p, period) ? current : p == previousPeriod ? previous : Observe(facts, scope, p, caseTargets)).ToList();
        var fy = FinancialYear(period.To);
        var measures = MeasureCatalogue.All.Select(def =>
        {
            var now = current[def.Key];
            var target = comparators.Find(def.Key, ComparatorSet.Target, fy);
            return new MeasureResult(def, now, Compare(def, now, previous[def.Key]), Compare(def, now, lastYear[def.Key]),
                target, comparators.Find(def.Key, ComparatorSet.National, fy), comparators.Find(def.Key, ComparatorSet.MostSimilar, fy),
                Rag(def, now.Value, target), trend.Select(t => t[def.Key]).ToList());
        }).ToList();
        return new PmfResult(period, unitId ?? "force", scope.Name, measures, Tables(facts, scope, period, Listable(facts, reader), reader), trendPeriods)
        {
            Excluded = facts.DateExclusions.Where(e => scope.Unit(e.HandlingUnitId) || scope.Unit(e.LocationUnitId)).ToList(),
        };
    }

    public static string FinancialYear(DateOnly d) { var y = d.Month >= 4 ? d.Year : d.Year - 1; return $"{y}/{(y + 1) % 100:00}"; }

    /// <summary>Which cases and staff a figure covers: the whole force, or a unit and everything below it.</summary>
    internal sealed class Scope
    {
        public required string Name { get; init; }
        /// <summary>The whole force rather than a unit: figures that belong to no unit (Right Line) are shown only here.</summary>
        public bool WholeForce { get; init; }
        public required bool[] Cases { get; init; }
        public required Func<string?, bool> Unit { get; init; }

        public static Scope Of(PerformanceFacts facts, string? unitId)
        {
            if (string.IsNullOrEmpty(unitId))
                return new Scope { Name = "Whole force", WholeForce = true, Cases = Enumerable.Repeat(true, facts.Cases.Count).ToArray(), Unit = _ => true };
            if (!facts.UnitsById.TryGetValue(unitId, out var unit)) throw new RecordNotFoundException($"Unit {unitId}");
            var subtree = facts.Subtree(unitId);
            bool In(string? u) => u is not null && subtree.Contains(u);
            return new Scope { Name = unit.Name, Cases = facts.Cases.Select(c => In(c.HandlingUnitId) || In(c.LocationUnitId)).ToArray(), Unit = In };
        }
    }

    /// <summary>Every measure's value for one period. The definitions in words are in <see cref="MeasureCatalogue"/>.</summary>
    internal Dictionary<string, Observation> Observe(PerformanceFacts facts, Scope scope, Period period) =>
        Observe(facts, scope, period, facts.Cases.Select(c => targets.For(targets.RulebookCatalogue.For(c.Regime, c.ReceivedOn), c.Route)).ToArray());

    /// <param name="caseTargets">Each case's target in working days, worked out once per computation.</param>
    internal Dictionary<string, Observation> Observe(PerformanceFacts facts, Scope scope, Period period, int[] caseTargets)
    {
        var o = new Dictionary<string, Observation>(StringComparer.Ordinal);
        var cases = facts.Cases;
        var end = period.To;
        int received = 0, recorded = 0, finalised = 0, live = 0, liveOver = 0, withinTarget = 0, finalisedHandled = 0, lrFinalised = 0, lrByUnits = 0;
        var receiptToRecording = new List<int>();
        var recordingToDecision = new List<int>();
        var decisionToFinalisation = new List<int>();
        var receiptToFinalisation = new List<int>();
        var localResolution = new List<int>();
        var investigation = new List<int>();
        var recordedCase = new bool[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            if (!scope.Cases[i]) continue;
            var c = cases[i];
            var handled = HandledTypes.Contains(c.CaseType);
            if (period.Contains(c.ReceivedOn)) received++;
            if (period.Contains(c.RecordedOn))
            {
                recorded++;
                recordedCase[i] = true;
                if (handled) receiptToRecording.Add(WorkingDays.Between(c.ReceivedOn, c.RecordedOn!.Value));
            }
            if (handled && period.Contains(c.RouteDecidedOn) && c.RecordedOn is { } rec)
                recordingToDecision.Add(WorkingDays.Between(rec, c.RouteDecidedOn!.Value));
            if (period.Contains(c.FinalisedOn))
            {
                finalised++;
                if (handled)
                {
                    var days = WorkingDays.Between(c.ReceivedOn, c.FinalisedOn!.Value);
                    receiptToFinalisation.Add(days);
                    finalisedHandled++;
                    if (days <= caseTargets[i]) withinTarget++;
                    if (c.RouteDecidedOn is { } decidedOn) decisionToFinalisation.Add(WorkingDays.Between(decidedOn, c.FinalisedOn.Value));
                    if (c.Route is not null && LocalResolutionRoutes.Contains(c.Route))
                    {
                        localResolution.Add(days);
                        lrFinalised++;
                        if (c.HandlingUnitId is not null && facts.UnitsById.TryGetValue(c.HandlingUnitId, out var hu) && !DpsKinds.Contains(hu.Kind)) lrByUnits++;
                    }
                    else if (c.Route is not null && InvestigationRoutes.Contains(c.Route)) investigation.Add(days);
                }
            }
            if (c.ReceivedOn <= end && (c.FinalisedOn is null || c.FinalisedOn > end))
            {
                live++;
                if (handled && WorkingDays.Between(c.ReceivedOn, end) > caseTargets[i]) liveOver++;
            }
        }
        o["cases_received"] = Count(received);
        o["cases_recorded"] = Count(recorded);
        o["cases_finalised"] = Count(finalised);
        o["right_line_reports"] = scope.WholeForce ? Count(facts.RightLineReports.Count(period.Contains)) : new Observation(null, 0, 0, null);
        o["days_receipt_to_recording"] = MeanOf(receiptToRecording);
        o["days_recording_to_decision"] = MeanOf(recordingToDecision);
        o["days_decision_to_finalisation"] = MeanOf(decisionToFinalisation);
        o["days_receipt_to_finalisation"] = MeanOf(receiptToFinalisation);
        o["days_local_resolution"] = MeanOf(localResolution);
        o["days_investigation"] = MeanOf(investigation);
        o["pct_finalised_within_target"] = Share(withinTarget, finalisedHandled);
        o["live_cases"] = Count(live);
        o["live_cases_over_target"] = Count(liveOver);
        o["pct_local_resolution_by_units"] = Share(lrByUnits, lrFinalised);

        int allegationsRecorded = 0, allegationsFinalised = 0, lr = 0, investigated = 0, substantiated = 0, withdrawn = 0, dispensed = 0;
        foreach (var a in facts.Allegations)
        {
            if (!scope.Cases[a.Case]) continue;
            if (recordedCase[a.Case]) allegationsRecorded++;
            if (!period.Contains(a.FinalisedOn) || a.Finding is null) continue;
            allegationsFinalised++;
            switch (a.Finding)
            {
                case "locally_resolved": lr++; break;
                case "substantiated": investigated++; substantiated++; break;
                case "not_substantiated": investigated++; break;
                case "withdrawn": withdrawn++; break;
                case "dispensed" or "discontinued": dispensed++; break;
            }
        }
        var employees = facts.Staff.Count(s => s.StaffType is "officer" or "police_staff" or "pcso" && s.ServingOn(end) && scope.Unit(s.UnitId));
        o["allegations_recorded"] = Count(allegationsRecorded);
        o["allegations_finalised"] = Count(allegationsFinalised);
        o["allegations_per_1000_employees"] = employees == 0 ? Observation.None : new Observation(1000.0 * allegationsRecorded / employees, allegationsRecorded, employees, null);
        o["pct_locally_resolved"] = Share(lr, allegationsFinalised);
        o["pct_investigated"] = Share(investigated, allegationsFinalised);
        o["pct_withdrawn"] = Share(withdrawn, allegationsFinalised);
        o["pct_dispensed_or_discontinued"] = Share(dispensed, allegationsFinalised);
        o["pct_substantiated"] = Share(substantiated, investigated);

        int decided = 0, upheld = 0;
        foreach (var a in facts.Appeals)
        {
            if (!scope.Cases[a.Case] || !period.Contains(a.DecidedOn)) continue;
            decided++;
            if (a.Upheld == true) upheld++;
        }
        o["appeals_decided"] = Count(decided);
        o["pct_appeals_upheld"] = Share(upheld, decided);
        return o;
    }

    private static Observation Count(long n) => new(n, n, 0, null);

    private static Observation Share(long k, long n) => n == 0 ? new Observation(null, k, n, null) : new Observation(100.0 * k / n, k, n, null);

    private static Observation MeanOf(List<int> values) =>
        values.Count == 0 ? Observation.None : new Observation(values.Average(), values.Count, values.Count, Statistics.Variance(values));

    internal static Comparison Compare(MeasureDefinition def, Observation now, Observation then)
    {
        if (now.Value is not { } a || then.Value is not { } b) return Comparison.None with { Then = then };
        var z = def.Kind switch
        {
            MeasureKind.Count => Statistics.CountZ(a, b),
            MeasureKind.Percent => Statistics.ProportionZ(now.Numerator, now.Denominator, then.Numerator, then.Denominator),
            MeasureKind.Rate => Statistics.CountZ(now.Numerator, then.Numerator * ((double)now.Denominator / Math.Max(1, then.Denominator))),
            MeasureKind.WorkingDays => Statistics.MeanZ(a, now.Variance, (int)now.Denominator, b, then.Variance, (int)then.Denominator),
            _ => null,
        };
        var change = a - b;
        var direction = Math.Abs(change) < 1e-9 ? "flat" : change > 0 ? "up" : "down";
        bool? better = def.HigherIsBetter is null || direction == "flat" ? null : (change > 0) == def.HigherIsBetter.Value;
        return new Comparison(b, change, direction, z is { } zz && Math.Abs(zz) >= Statistics.Z95, better) { Then = then };
    }

    internal static string Rag(MeasureDefinition def, double? value, double? target)
    {
        if (value is not { } v || target is not { } t || def.HigherIsBetter is not { } higher) return "none";
        var meets = higher ? v >= t : v <= t;
        if (meets) return "green";
        var gap = Math.Abs(v - t) / Math.Max(Math.Abs(t), 1e-9);
        return gap <= 0.10 ? "amber" : "red";
    }

    /// <summary>
    /// Which cases a table may name to the reader: the facts already exclude restricted cases; oversight members may
    /// open finalised cases only, and nobody may open a case about themselves.
    /// </summary>
    private static Func<int, bool> Listable(PerformanceFacts facts, Probity.Kernel.CaseAccessScope? reader)
    {
        if (reader is null || reader.SeesEverything) return _ => true;
        var own = reader.OwnStaffId is { } staffId
            ? facts.Allegations.Where(a => a.StaffId == staffId).Select(a => a.Case).ToHashSet()
            : [];
        return i => !own.Contains(i) && (!reader.OnlyFinalised || facts.Cases[i].FinalisedOn is not null);
    }

    private List<BreakdownTable> Tables(PerformanceFacts facts, Scope scope, Period period, Func<int, bool> listable, Probity.Kernel.CaseAccessScope? reader)
    {
        var tables = new List<BreakdownTable>();
        var cases = facts.Cases;
        var inPeriod = Enumerable.Range(0, cases.Count).Where(i => scope.Cases[i] && period.Contains(cases[i].ReceivedOn)).ToList();
        var liveAtEnd = Enumerable.Range(0, cases.Count).Where(i => scope.Cases[i] && cases[i].ReceivedOn <= period.To && (cases[i].FinalisedOn is null || cases[i].FinalisedOn > period.To)).ToList();

        tables.Add(CountTable("by_case_type", "Cases received by type", "Type", inPeriod.Select(i => cases[i].CaseType)));
        tables.Add(CountTable("by_source", "Cases received by source", "Source", inPeriod.Select(i => cases[i].Source)));
        var recordedInPeriod = new HashSet<int>(Enumerable.Range(0, cases.Count).Where(i => scope.Cases[i] && period.Contains(cases[i].RecordedOn)));
        tables.Add(CountTable("by_category", "Allegations recorded by category", "Category",
            facts.Allegations.Where(a => recordedInPeriod.Contains(a.Case)).Select(a => a.Category)));

        // Distribution: where the work sits. The Customer Service Team is one row whatever its units; the dashboard opens its first.
        WorkGroupCell Group(string? unitId)
        {
            if (unitId is null || !facts.UnitsById.TryGetValue(unitId, out var u)) return new WorkGroupCell(WorkGroup.NotAllocated, null, null);
            return u.Kind switch
            {
                "cst" => new WorkGroupCell(WorkGroup.CustomerServiceTeam, facts.Units.First(x => x.Kind == "cst").Id, null),
                "bsu" => new WorkGroupCell(WorkGroup.BoroughSupportUnit, u.Id, u.Name),
                "borough" => new WorkGroupCell(WorkGroup.Borough, u.Id, u.Name),
                _ => new WorkGroupCell(WorkGroup.Other, null, null),
            };
        }
        var receivedBy = inPeriod.GroupBy(i => Group(cases[i].HandlingUnitId)).ToDictionary(g => g.Key, g => g.Count());
        var liveBy = liveAtEnd.GroupBy(i => Group(cases[i].HandlingUnitId)).ToDictionary(g => g.Key, g => g.Count());
        // The rows keep the order they have always had: the CST, BSUs named "Borough Support…" or "BSU…", the boroughs, then
        // the rest alphabetically as they read ("Business groups and other", BSUs named otherwise, "Not allocated").
        static int Rank(WorkGroupCell g) => g.Group switch
        {
            WorkGroup.CustomerServiceTeam => 0,
            WorkGroup.BoroughSupportUnit when g.UnitName!.StartsWith("Borough Support", StringComparison.Ordinal) || g.UnitName.StartsWith("BSU", StringComparison.Ordinal) => 1,
            WorkGroup.Borough => 2,
            _ => 3,
        };
        static string Alphabetical(WorkGroupCell g) => g.Group switch { WorkGroup.Other => "Business groups and other", WorkGroup.NotAllocated => "Not allocated", _ => g.UnitName ?? "" };
        var groups = receivedBy.Keys.Union(liveBy.Keys).OrderBy(Rank).ThenBy(Alphabetical, StringComparer.Ordinal);
        tables.Add(new BreakdownTable("distribution", "Where the work sits (handling unit)", ["Handling unit", "Received in period", "Share", "Live at period end", "Share"],
            groups.Select(g => (IReadOnlyList<Cell>)[g, Number(receivedBy.GetValueOrDefault(g)), new ShareCell(receivedBy.GetValueOrDefault(g), inPeriod.Count), Number(liveBy.GetValueOrDefault(g)), new ShareCell(liveBy.GetValueOrDefault(g), liveAtEnd.Count)]).ToList(),
            Counts: new([new CountColumn(1), new CountColumn(3)], [new Follower(2, [1]), new Follower(4, [3])])));

        // Timeliness by route group.
        var finalisedHandled = Enumerable.Range(0, cases.Count).Where(i => scope.Cases[i] && period.Contains(cases[i].FinalisedOn) && HandledTypes.Contains(cases[i].CaseType)).ToList();
        RouteGroupCell RouteGroupOf(string? r) => r is null ? new(RouteGroup.NoRoute) : LocalResolutionRoutes.Contains(r) ? new(RouteGroup.LocalResolution)
            : InvestigationRoutes.Contains(r) ? new(RouteGroup.Investigation) : new(RouteGroup.Other, r);
        var timelinessRows = new List<IReadOnlyList<Cell>>();
        var routeGroups = finalisedHandled.GroupBy(i => RouteGroupOf(cases[i].Route)).OrderBy(g => g.Key.Group).ThenBy(g => g.Key.Route, StringComparer.Ordinal).ToList();
        if (finalisedHandled.Count > 0) routeGroups.Add(finalisedHandled.GroupBy(_ => new RouteGroupCell(RouteGroup.AllCases)).Single());
        foreach (var g in routeGroups)
        {
            var days = g.Select(i => WorkingDays.Between(cases[i].ReceivedOn, cases[i].FinalisedOn!.Value)).ToList();
            var within = g.Count(i => WorkingDays.Between(cases[i].ReceivedOn, cases[i].FinalisedOn!.Value) <= targets.For(targets.RulebookCatalogue.For(cases[i].Regime, cases[i].ReceivedOn), cases[i].Route));
            timelinessRows.Add([g.Key, Number(days.Count), new WorkingDaysCell(Statistics.Mean(days)), new WorkingDaysCell(Statistics.Percentile(days, 0.5)), new WorkingDaysCell(Statistics.Percentile(days, 0.9)), new ShareCell(within, days.Count)]);
        }
        // The "All cases" row is the other rows' total, shown with them. "Within target" is a share of the row's cases, which
        // gives its count away: it is a count column too, part of the cases (so a share that says 1 was late is hidden).
        // The investigation, local resolution and all-cases rows are the timeliness measures' own cases (published with them).
        var all = timelinessRows.Count - 1;
        int Row(RouteGroup g) => routeGroups.FindIndex(r => r.Key.Group == g);
        tables.Add(new BreakdownTable("timeliness", "Receipt to finalisation by route (working days)", ["Route", "Cases", "Mean", "Median", "90th percentile", "Within target"], timelinessRows,
            Counts: new([new CountColumn(1, TotalRow: all), new CountColumn(5, TotalRow: all, PartOf: 1)],
                [new Follower(2, [1]), new Follower(3, [1]), new Follower(4, [1]), new Follower(5, [1])],
                [new(Row(RouteGroup.Investigation), 1, HeadlineCounts.FinalisedInvestigation), new(Row(RouteGroup.LocalResolution), 1, HeadlineCounts.FinalisedLocalResolution),
                 new(all, 1, HeadlineCounts.FinalisedHandled), new(all, 5, HeadlineCounts.FinalisedWithinTarget)])));

        // Each stage of the process, with the same population rules as the headline stage measures.
        var handledInScope = Enumerable.Range(0, cases.Count).Where(i => scope.Cases[i] && HandledTypes.Contains(cases[i].CaseType)).ToList();
        IReadOnlyList<Cell> Stage(string name, IEnumerable<int> days)
        {
            var list = days.ToList();
            return [new LabelCell(name), Number(list.Count), new WorkingDaysCell(Statistics.Mean(list)), new WorkingDaysCell(Statistics.Percentile(list, 0.5)), new WorkingDaysCell(Statistics.Percentile(list, 0.9))];
        }
        tables.Add(new BreakdownTable("stages", "Timeliness of each stage (working days)", ["Stage", "Cases", "Mean", "Median", "90th percentile"],
        [
            Stage("Receipt to recording", handledInScope.Where(i => period.Contains(cases[i].RecordedOn)).Select(i => WorkingDays.Between(cases[i].ReceivedOn, cases[i].RecordedOn!.Value))),
            Stage("Recording to handling decision", handledInScope.Where(i => period.Contains(cases[i].RouteDecidedOn) && cases[i].RecordedOn is not null).Select(i => WorkingDays.Between(cases[i].RecordedOn!.Value, cases[i].RouteDecidedOn!.Value))),
            Stage("Handling decision to finalisation", handledInScope.Where(i => period.Contains(cases[i].FinalisedOn) && cases[i].RouteDecidedOn is not null).Select(i => WorkingDays.Between(cases[i].RouteDecidedOn!.Value, cases[i].FinalisedOn!.Value))),
            Stage("Receipt to finalisation", handledInScope.Where(i => period.Contains(cases[i].FinalisedOn)).Select(i => WorkingDays.Between(cases[i].ReceivedOn, cases[i].FinalisedOn!.Value))),
        ], "Complaint, conduct and death or serious injury cases completing the stage in the period.",
            // Each stage counts its own cases: the rows add up to nothing. Each row's cases are a timeliness measure's (published with them).
            new([new CountColumn(1, Summed: false)], [new Follower(2, [1]), new Follower(3, [1]), new Follower(4, [1])],
                [new(0, 1, HeadlineCounts.StageReceiptToRecording), new(1, 1, HeadlineCounts.StageRecordingToDecision),
                 new(2, 1, HeadlineCounts.StageDecisionToFinalisation), new(3, 1, HeadlineCounts.FinalisedHandled)])));

        // Age of live cases.
        int[] bands = [20, 43, 64, 128, 250, int.MaxValue];
        var ages = liveAtEnd.Select(i => (Index: i, Age: WorkingDays.Between(cases[i].ReceivedOn, period.To))).ToList();
        tables.Add(new BreakdownTable("live_age", "Age of live cases at period end (working days)", ["Age band", "Cases", "Share"],
            bands.Select((max, k) =>
            {
                var lo = k == 0 ? int.MinValue : bands[k - 1];
                var n = ages.Count(a => a.Age > lo && a.Age <= max);
                return (IReadOnlyList<Cell>)[new AgeBandCell(k == 0 ? null : lo, max == int.MaxValue ? null : max), Number(n), new ShareCell(n, ages.Count)];
            }).ToList(), Counts: new([new CountColumn(1)], [new Follower(2, [1])])));
        var listed = ages.Where(a => listable(a.Index)).ToList();
        tables.Add(new BreakdownTable("oldest_live", "Oldest live cases", ["Case", "Received", "Age (working days)", "Handling unit", "Route"],
            listed.OrderByDescending(a => a.Age).ThenBy(a => cases[a.Index].Id, StringComparer.Ordinal).Take(10)
                .Select(a => (IReadOnlyList<Cell>)[new CaseCell(cases[a.Index].Id), new DateCell(cases[a.Index].ReceivedOn), Number(a.Age), Unit(facts, cases[a.Index].HandlingUnitId), new CodeCell(cases[a.Index].Route)]).ToList(),
            listed.Count < ages.Count ? "Only cases you may open are listed." : null));

        tables.Add(CountTable("sanctions", "Outcomes for officers decided in the period", "Outcome",
            facts.Sanctions.Where(s => scope.Cases[s.Case] && period.Contains(s.DecidedOn)).Select(s => s.Outcome)));

        var appeals = facts.Appeals.Where(a => scope.Cases[a.Case] && period.Contains(a.DecidedOn)).ToList();
        tables.Add(new BreakdownTable("appeals", "Appeals decided in the period, by type", ["Type", "Decided", "Upheld", "Share upheld"],
            appeals.GroupBy(a => a.AppealType).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<Cell>)[new CodeCell(g.Key), Number(g.Count()), Number(g.Count(a => a.Upheld == true)), new ShareCell(g.Count(a => a.Upheld == true), g.Count())]).ToList(),
            Counts: new([new CountColumn(1), new CountColumn(2, PartOf: 1)], [new Follower(3, [1, 2])])));

        tables.Add(Equality(facts, scope, period, inPeriod));
        tables.Add(SubjectProfile(facts, scope, period, recordedInPeriod));
        tables.Add(BoroughReturnsTable(facts, scope, period, reader));
        return tables;
    }

    /// <summary>Complainants per 1,000 residents by broad ethnic group, with 95% intervals and the ratio to the white rate.</summary>
    private static BreakdownTable Equality(PerformanceFacts facts, Scope scope, Period period, List<int> receivedInPeriod)
    {
        var caseSet = new HashSet<int>(receivedInPeriod);
        var boroughs = facts.Units.Where(u => u.Kind == "borough" && scope.Unit(u.Id)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var residents = facts.Population.Where(p => boroughs.Contains(p.UnitId)).GroupBy(p => Broad(p.Ethnicity)).ToDictionary(g => g.Key, g => (long)g.Sum(p => p.Residents));
        var complainants = facts.Complainants.Where(c => caseSet.Contains(c.Case) && c.HomeUnitId is not null && boroughs.Contains(c.HomeUnitId))
            .GroupBy(c => Broad(c.Ethnicity)).ToDictionary(g => g.Key, g => (long)g.Count());
        double? RatePer1000(string g) => residents.GetValueOrDefault(g) is > 0 and var r ? 1000.0 * complainants.GetValueOrDefault(g) / r : null;
        var white = RatePer1000("white");
        var rows = new List<IReadOnlyList<Cell>>();
        foreach (var g in new[] { "white", "black", "asian", "mixed", "other", "not_stated" })
        {
            var n = complainants.GetValueOrDefault(g);
            var r = residents.GetValueOrDefault(g);
            if (n == 0 && r == 0) continue;
            var rate = RatePer1000(g);
            var (lo, hi) = r > 0 ? Statistics.Wilson(n, r) : (0, 0);
            rows.Add([new CodeCell(g), Number(n), new CountCell(r > 0 ? r : null), new RatioCell(rate),
                r > 0 ? new IntervalCell(1000 * lo, 1000 * hi) : new IntervalCell(null, null), new RatioCell(rate is { } y && white is > 0 ? y / white.Value : null)]);
        }
        // A rate gives its count away (the residents are shown), and every ratio the white rate's: they are hidden with them.
        var whiteRow = rows.FindIndex(r => r[0] is CodeCell { Code: "white" });
        return new BreakdownTable("equality_complainants", "Complainants per 1,000 residents, by ethnic group",
            ["Group", "Complainants", "Residents", "Per 1,000", "95% interval", "Ratio to white"], rows,
            "Complainants living in the boroughs in scope, of cases received in the period; residents from population.csv.",
            new([new CountColumn(1)], [new Follower(3, [1]), new Follower(4, [1]), new Follower(5, [1], whiteRow < 0 ? null : whiteRow)]));
    }

    private static BreakdownTable SubjectProfile(PerformanceFacts facts, Scope scope, Period period, HashSet<int> recordedInPeriod)
    {
        var subjects = facts.Allegations.Where(a => a.StaffId is not null && recordedInPeriod.Contains(a.Case)).Select(a => a.StaffId!).ToHashSet(StringComparer.Ordinal);
        var staffById = facts.Staff.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var officers = facts.Staff.Where(s => s.StaffType == "officer" && s.ServingOn(period.To) && scope.Unit(s.UnitId)).ToList();
        var rows = new List<IReadOnlyList<Cell>>();
        void Add(string code, Func<StaffFact, bool> match)
        {
            var subj = subjects.Count(id => staffById.TryGetValue(id, out var s) && match(s));
            var all = officers.Count(match);
            rows.Add([new CodeCell(code), Number(subj), new ShareCell(subj, subjects.Count), Number(all), new ShareCell(all, officers.Count)]);
        }
        foreach (var g in new[] { "male", "female" }) Add(g, s => s.Gender == g);
        foreach (var e in new[] { "white", "black", "asian", "mixed", "other" }) Add(e, s => Broad(s.Ethnicity) == e);
        // Two breakdowns of the same people, each adding up to the shares' whole: by gender (rows 0-1) and by ethnic group (rows 2-6).
        IReadOnlyList<(int, int)> groups = [(0, 1), (2, 6)];
        return new BreakdownTable("equality_subjects", "Staff complained about, compared with serving officers", ["Group", "Staff complained about", "Share", "Serving officers", "Share"], rows,
            Counts: new([new CountColumn(1, groups), new CountColumn(3, groups)], [new Follower(2, [1]), new Follower(4, [3])]));
    }

    /// <summary>Maps a detailed census code (w1, b2 ...) or a broad group to the broad group.</summary>
    internal static string Broad(string? ethnicity) => ethnicity switch
    {
        null or "" or "not_stated" => "not_stated",
        "white" or "black" or "asian" or "mixed" or "other" => ethnicity,
        _ => ethnicity[0] switch { 'w' => "white", 'b' => "black", 'a' => "asian", 'm' => "mixed", 'o' => "other", _ => "not_stated" },
    };

    /// <summary>
    /// The boroughs' monthly returns (ADR 0026 addendum) summed over the period: written warnings, final written warnings and
    /// management advice as each borough in scope returned them, and how many of the period's months it returned. They are the
    /// boroughs' own data, not counted from cases, so the need-to-know that keeps a borough's returns to its champions and
    /// the Directorate holds here too: an account kept to a borough reads its own row only. Published, its counts of
    /// warnings and advice go through small-cell suppression like every count table (ADR 0032): two written warnings in
    /// one borough in a quarter point at officers the borough knows.
    /// </summary>
    private static BreakdownTable BoroughReturnsTable(PerformanceFacts facts, Scope scope, Period period, Probity.Kernel.CaseAccessScope? reader)
    {
        var kept = reader is { SeesEverything: false, Borough: { } b } ? b : null;
        var months = new List<(int Year, int Month)>();
        for (var m = new DateOnly(period.From.Year, period.From.Month, 1); m <= period.To; m = m.AddMonths(1))
            if (m >= period.From) months.Add((m.Year, m.Month));
        var rows = facts.Units.Where(u => u.Kind == "borough" && scope.Unit(u.Id) && (kept is null || u.Id == kept)).OrderBy(u => u.Name, StringComparer.Ordinal)
            .Select(u =>
            {
                var sent = facts.BoroughReturns.Where(r => r.BoroughUnitId == u.Id && months.Contains((r.Year, r.Month))).ToList();
                return (IReadOnlyList<Cell>)[new UnitCell(u.Id, u.Name), Number(sent.Sum(r => r.WrittenWarnings)), Number(sent.Sum(r => r.FinalWrittenWarnings)),
                    Number(sent.Sum(r => r.ManagementAdvice)), Number(sent.Count), Number(months.Count)];
            }).ToList();
        return new BreakdownTable("borough_returns", "Boroughs' monthly returns", ["Borough", "Written warnings", "Final written warnings", "Management advice", "Months returned", "Months in period"],
            rows, "As each borough returned them for the months beginning in the period (not counted from cases); an account kept to a borough reads its own borough's only.",
            new([new CountColumn(1), new CountColumn(2), new CountColumn(3)], []));
    }

    /// <summary>A count per vocabulary code, most first; codes that read the same are one row (as the reader sees them).</summary>
    private static BreakdownTable CountTable(string key, string title, string heading, IEnumerable<string?> codes)
    {
        var list = codes.ToList();
        return new BreakdownTable(key, title, [heading, "Number", "Share"],
            list.GroupBy(Vocabulary.Describe).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<Cell>)[new CodeCell(g.First()), Number(g.Count()), new ShareCell(g.Count(), list.Count)]).ToList(),
            Counts: new([new CountColumn(1)], [new Follower(2, [1])]));
    }

    private static UnitCell Unit(PerformanceFacts facts, string? id) => id is not null && facts.UnitsById.TryGetValue(id, out var u) ? new UnitCell(u.Id, u.Name) : new UnitCell(null, null);
    private static CountCell Number(long n) => new(n);
}
