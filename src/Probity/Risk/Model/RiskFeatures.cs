using System.Globalization;
using Probity.Risk.Facts;

namespace Probity.Risk.Model;

/// <summary>
/// Turns <see cref="RiskFacts"/> into one feature vector per serving officer as at a date, using only what was known by
/// that date: an allegation from its case's received date, a finding from its finalised date, a sanction from its decision
/// date, a business-interest decision from its decision date, activity from the months before the date. Missing values
/// (no activity data) are NaN, which the gradient-boosted trees treat as "unknown".
/// Known limits: the staff record holds only the current rank and vetting expiry, so those two are as recorded today.
/// </summary>
internal sealed class RiskFeatures
{
    public const int Count = 49;

    /// <summary>Category groups used for the per-group counts and the themes page.</summary>
    public static readonly string[] GroupNames = ["assault/force", "oppressive/discriminatory", "corruption/dishonesty", "neglect/procedure", "incivility"];

    /// <summary>Short machine names, one per feature, in vector order.</summary>
    public static readonly string[] Names = new string[Count];
    /// <summary>Plain-English description of each feature, for explanations.</summary>
    public static readonly string[] Descriptions = new string[Count];

    // Feature indices.
    public const int Complaints3m = 0, Complaints12m = 1, Complaints36m = 2;
    public const int Group12m = 3;   // 5 groups, 3..7
    public const int Group36m = 8;   // 5 groups, 8..12
    public const int SubstantiatedKnown12m = 13, SubstantiatedKnownAll = 14, NotSubstantiatedKnown36m = 15, OpenAllegations = 16;
    public const int Sanctions36m = 17, SanctionsAll = 18;
    public const int CivilClaims36m = 19, Tribunals36m = 20, Grievances36m = 21;
    public const int InterestsRefused = 22, InterestsPending = 23, VettingLapsed = 24;
    public const int TenureYears = 25, RankOrdinal = 26, Moves36m = 27;
    public const int Hours12m = 28, Calls12m = 29, Arrests12m = 30, StopSearches12m = 31, UsesOfForce12m = 32;
    public const int ComplaintsPer100Arrests = 33, ComplaintsPer100Calls = 34, ComplaintsPer1000Hours = 35, ForcePer100Arrests = 36,
        AssaultPer100Arrests = 37, ComplaintsPer100StopSearches = 38;
    public const int PeerComplaintsRatio = 39, PeerComplaintsExcess = 40, PeerArrestsRatio = 41, DaysSinceLastComplaint = 42,
        CasesWithOthers12m = 43, Complaints24m = 44;
    public const int ComplaintsAll = 45, ComplaintRatePerYear = 46, OwnSubstantiationRate = 47, ExpectedSubstantiated24m = 48;

    /// <summary>Raw activity volumes: kept for normalising and for reading, never used by the model as reasons in themselves.</summary>
    public static readonly int[] ActivityVolumes = [Hours12m, Calls12m, Arrests12m, StopSearches12m, UsesOfForce12m, PeerArrestsRatio];

    static RiskFeatures()
    {
        void Set(int i, string name, string description) { Names[i] = name; Descriptions[i] = description; }
        Set(Complaints3m, "complaints_3m", "complaint allegations in the last 3 months");
        Set(Complaints12m, "complaints_12m", "complaint allegations in the last 12 months");
        Set(Complaints36m, "complaints_36m", "complaint allegations in the last 3 years");
        string[] groupShort = ["assault", "oppressive", "corruption", "neglect", "incivility"];
        string[] groupWords = ["assault or use-of-force", "oppressive or discriminatory behaviour", "corruption or dishonesty", "neglect or procedure", "incivility"];
        for (var g = 0; g < 5; g++)
        {
            Set(Group12m + g, $"{groupShort[g]}_12m", $"{groupWords[g]} allegations in the last 12 months");
            Set(Group36m + g, $"{groupShort[g]}_36m", $"{groupWords[g]} allegations in the last 3 years");
        }
        Set(SubstantiatedKnown12m, "substantiated_12m", "substantiated findings in the last 12 months");
        Set(SubstantiatedKnownAll, "substantiated_all", "substantiated findings on record");
        Set(NotSubstantiatedKnown36m, "not_substantiated_36m", "allegations found not substantiated in the last 3 years");
        Set(OpenAllegations, "open_allegations", "allegations still open");
        Set(Sanctions36m, "sanctions_36m", "sanctions in the last 3 years");
        Set(SanctionsAll, "sanctions_all", "sanctions on record");
        Set(CivilClaims36m, "civil_claims_36m", "civil claims naming the officer in the last 3 years");
        Set(Tribunals36m, "tribunals_36m", "employment tribunals naming the officer in the last 3 years");
        Set(Grievances36m, "grievances_36m", "grievances naming the officer in the last 3 years");
        Set(InterestsRefused, "interests_refused", "business interests refused");
        Set(InterestsPending, "interests_pending", "business interests awaiting a decision");
        Set(VettingLapsed, "vetting_lapsed", "vetting lapsed (1 = yes)");
        Set(TenureYears, "tenure_years", "years of service");
        Set(RankOrdinal, "rank", "rank (0 = PC, 1 = PS, 2 = Insp ...)");
        Set(Moves36m, "moves_36m", "postings (moves) in the last 3 years");
        Set(Hours12m, "hours_12m", "hours on duty in the last 12 months");
        Set(Calls12m, "calls_12m", "calls attended in the last 12 months");
        Set(Arrests12m, "arrests_12m", "arrests in the last 12 months");
        Set(StopSearches12m, "stop_searches_12m", "stop and searches in the last 12 months");
        Set(UsesOfForce12m, "uses_of_force_12m", "uses of force in the last 12 months");
        Set(ComplaintsPer100Arrests, "complaints_per_100_arrests", "complaints per 100 arrests, last 12 months");
        Set(ComplaintsPer100Calls, "complaints_per_100_calls", "complaints per 100 calls attended, last 12 months");
        Set(ComplaintsPer1000Hours, "complaints_per_1000_hours", "complaints per 1,000 hours on duty, last 12 months");
        Set(ForcePer100Arrests, "force_per_100_arrests", "uses of force per 100 arrests, last 12 months");
        Set(AssaultPer100Arrests, "assault_per_100_arrests", "assault or use-of-force allegations per 100 arrests, last 12 months");
        Set(ComplaintsPer100StopSearches, "complaints_per_100_stop_searches", "complaints per 100 stop and searches, last 12 months");
        Set(PeerComplaintsRatio, "peer_complaints_ratio", "complaints in the last 12 months relative to peers (1 = typical)");
        Set(PeerComplaintsExcess, "peer_complaints_excess", "complaints in the last 12 months above the peer median");
        Set(PeerArrestsRatio, "peer_arrests_ratio", "arrests in the last 12 months relative to peers (1 = typical)");
        Set(DaysSinceLastComplaint, "days_since_last_complaint", "days since the last complaint");
        Set(CasesWithOthers12m, "cases_12m", "separate complaint cases in the last 12 months");
        Set(Complaints24m, "complaints_24m", "complaint allegations in the last 24 months");
        Set(ComplaintsAll, "complaints_all", "complaint allegations on record");
        Set(ComplaintRatePerYear, "complaints_per_year", "complaint allegations a year over the whole record");
        Set(OwnSubstantiationRate, "own_substantiation_rate", "share of the officer's decided allegations substantiated (shrunk towards the force's rate)");
        Set(ExpectedSubstantiated24m, "expected_substantiated_24m", "allegations in the last 24 months weighted by how often each kind is substantiated force-wide");
    }

    /// <summary>The group (0..4) of an allegation category, or -1 for "other".</summary>
    public static int GroupOf(string category) => category switch
    {
        "serious_non_sexual_assault" or "sexual_assault" or "other_assault" => 0,
        "oppressive_conduct_or_harassment" or "unlawful_arrest_or_detention" or "discriminatory_behaviour" => 1,
        "corrupt_practice" or "theft" or "fraud" or "irregularity_in_evidence" or "improper_disclosure_of_information"
            or "improper_use_of_it_systems" or "inappropriate_relationship" or "business_interest" or "mishandling_of_property" => 2,
        "breach_pace_a" or "breach_pace_b" or "breach_pace_c" or "breach_pace_d" or "breach_pace_e" or "other_neglect_or_failure_in_duty"
            or "other_irregularity_in_procedure" or "traffic_irregularity" => 3,
        "incivility" => 4,
        _ => -1,
    };

    /// <summary>Complaints and conduct matters (the cases the counts are about); claims, tribunals and grievances are counted apart.</summary>
    public static bool IsComplaint(string caseType) => caseType is "public_complaint" or "conduct_matter" or "death_or_serious_injury";

    private static readonly string[] RankOrder = ["PC", "PS", "Insp", "ChInsp", "Supt", "ChSupt", "Cdr", "DAC", "AC", "DC", "Commissioner"];

    public static int RankIndex(string? rank)
    {
        if (rank is null) return -1;
        for (var i = 0; i < RankOrder.Length; i++) if (string.Equals(RankOrder[i], rank, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Months since year 0 of a YYYY-MM code (or -1 if unreadable).</summary>
    public static int MonthNumber(string month) =>
        month.Length >= 7 && int.TryParse(month.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && int.TryParse(month.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? y * 12 + m - 1 : -1;

    public static int MonthNumber(DateOnly d) => d.Year * 12 + d.Month - 1;

    private readonly RiskFacts _facts;
    private readonly DateOnly _dataStart;
    private readonly RiskAllegation[][] _allegations;
    private readonly RiskSanction[][] _sanctions;
    private readonly RiskInterest[][] _interests;
    private readonly RiskPosting[][] _postings;
    private readonly (int Month, float Hours, float Calls, float Arrests, float Stops, float Force)[][] _exposure;

    /// <summary>Indexes the facts per member of staff once; build as many snapshots as needed afterwards.</summary>
    public RiskFeatures(RiskFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        _facts = facts;
        _dataStart = facts.Allegations.Count == 0 ? DateOnly.MinValue : facts.Allegations.Min(a => a.ReceivedOn);
        var index = facts.StaffIndex;
        var n = facts.Staff.Count;
        _allegations = Group(n, facts.Allegations, a => a.StaffId, index, (x, y) => x.ReceivedOn.CompareTo(y.ReceivedOn));
        _sanctions = Group(n, facts.Sanctions, s => s.StaffId, index, null);
        _interests = Group(n, facts.BusinessInterests, b => b.StaffId, index, null);
        _postings = Group(n, facts.Postings, p => p.StaffId, index, (x, y) => x.FromDate.CompareTo(y.FromDate));
        var lists = new List<(int, float, float, float, float, float)>?[n];
        foreach (var e in facts.Exposure)
        {
            if (!index.TryGetValue(e.StaffId, out var i)) continue;
            var m = MonthNumber(e.Month);
            if (m < 0) continue;
            (lists[i] ??= []).Add((m, (float)(e.HoursOnDuty ?? 0), e.CallsAttended ?? 0, e.Arrests ?? 0, e.StopSearches ?? 0, e.UsesOfForce ?? 0));
        }
        _exposure = new (int, float, float, float, float, float)[n][];
        for (var i = 0; i < n; i++)
        {
            var l = lists[i];
            if (l is null) { _exposure[i] = []; continue; }
            l.Sort((x, y) => x.Item1.CompareTo(y.Item1));
            _exposure[i] = [.. l];
        }
    }

    public RiskFacts Facts => _facts;

    private static T[][] Group<T>(int n, IReadOnlyList<T> items, Func<T, string> staff, IReadOnlyDictionary<string, int> index, Comparison<T>? order)
    {
        var lists = new List<T>?[n];
        foreach (var x in items)
            if (index.TryGetValue(staff(x), out var i)) (lists[i] ??= []).Add(x);
        var result = new T[n][];
        for (var i = 0; i < n; i++)
        {
            if (lists[i] is not { } l) { result[i] = []; continue; }
            if (order is not null) l.Sort(order);
            result[i] = [.. l];
        }
        return result;
    }

    /// <summary>
    /// Indices (into <see cref="RiskFacts.Staff"/>) of the officers serving on a date. An officer with no joining date
    /// counts from the first record naming them (an export that lists only officers who were complained about would
    /// otherwise put officers in the population because they will be complained about later); with no record at all,
    /// throughout.
    /// </summary>
    public int[] ServingOfficers(DateOnly asOf)
    {
        var result = new List<int>();
        for (var i = 0; i < _facts.Staff.Count; i++)
        {
            var s = _facts.Staff[i];
            if (s.StaffType != "officer" || !s.ServingOn(asOf)) continue;
            if (s.JoinedOn is null && _allegations[i].Length > 0 && _allegations[i][0].ReceivedOn > asOf) continue;
            result.Add(i);
        }
        return [.. result];
    }

    /// <summary>The unit an officer was posted to on a date (from the postings; the staff record's unit if none covers it).</summary>
    public string? UnitOn(int staff, DateOnly d)
    {
        foreach (var p in _postings[staff])
            if (p.FromDate <= d && (p.ToDate is null || p.ToDate >= d)) return p.UnitId;
        return _facts.Staff[staff].UnitId;
    }

    /// <summary>Features of every officer serving on <paramref name="asOf"/>, using only facts known by then.</summary>
    public RiskSnapshot Build(DateOnly asOf)
    {
        var officers = ServingOfficers(asOf);
        var rows = new float[officers.Length][];
        var peerKeys = new string[officers.Length];
        var (categoryRates, forceRate) = SubstantiationRates(asOf);
        Parallel.For(0, officers.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            rows[k] = BuildRow(officers[k], asOf, categoryRates, forceRate);
            var s = _facts.Staff[officers[k]];
            peerKeys[k] = (s.Rank ?? "-") + "|" + (UnitOn(officers[k], asOf) ?? "-");
        });

        // Peer context: the median of officers with the same rank in the same unit.
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var k = 0; k < officers.Length; k++)
        {
            if (!groups.TryGetValue(peerKeys[k], out var l)) groups[peerKeys[k]] = l = [];
            l.Add(k);
        }
        var peerMedians = new float[officers.Length][];
        var peerSizes = new int[officers.Length];
        var buffer = new List<float>();
        foreach (var members in groups.Values)
        {
            var medians = new float[Count];
            for (var f = 0; f < Count; f++)
            {
                buffer.Clear();
                foreach (var k in members) if (!float.IsNaN(rows[k][f])) buffer.Add(rows[k][f]);
                medians[f] = Median(buffer);
            }
            foreach (var k in members) { peerMedians[k] = medians; peerSizes[k] = members.Count; }
        }
        for (var k = 0; k < officers.Length; k++)
        {
            var r = rows[k];
            var m = peerMedians[k];
            r[PeerComplaintsRatio] = (r[Complaints12m] + 0.5f) / (m[Complaints12m] + 0.5f);
            r[PeerComplaintsExcess] = r[Complaints12m] - m[Complaints12m];
            r[PeerArrestsRatio] = float.IsNaN(r[Arrests12m]) || float.IsNaN(m[Arrests12m]) ? float.NaN : (r[Arrests12m] + 1) / (m[Arrests12m] + 1);
        }
        return new RiskSnapshot(asOf, officers, rows, peerMedians, peerSizes, peerKeys);
    }

    private static float Median(List<float> values)
    {
        if (values.Count == 0) return float.NaN;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /// <summary>How often each kind of allegation had been found substantiated, force-wide, among findings known by <paramref name="t"/> (shrunk towards the overall rate).</summary>
    private (Dictionary<string, float> ByCategory, float Overall) SubstantiationRates(DateOnly t)
    {
        var decided = new Dictionary<string, (int Decided, int Substantiated)>(StringComparer.Ordinal);
        int all = 0, substantiated = 0;
        foreach (var a in _facts.Allegations)
        {
            if (a.ReceivedOn > t || !IsComplaint(a.CaseType) || a.FindingOn(t) is not { } finding) continue;
            var hit = finding == "substantiated" ? 1 : 0;
            var (d, s) = decided.GetValueOrDefault(a.Category);
            decided[a.Category] = (d + 1, s + hit);
            all++;
            substantiated += hit;
        }
        var overall = all == 0 ? float.NaN : (float)substantiated / all;
        var rates = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (category, (d, s)) in decided) rates[category] = (s + 5 * overall) / (d + 5);
        return (rates, overall);
    }

    private float[] BuildRow(int staff, DateOnly t, Dictionary<string, float> categoryRates, float forceRate)
    {
        var r = new float[Count];
        var d3 = t.AddMonths(-3);
        var d12 = t.AddMonths(-12);
        var d24 = t.AddMonths(-24);
        var d36 = t.AddMonths(-36);
        var lastComplaint = (DateOnly?)null;
        var cases12 = new HashSet<string>(StringComparer.Ordinal);
        int decidedKnown = 0, substantiatedKnown = 0;
        float expected24 = 0;
        foreach (var a in _allegations[staff])
        {
            if (a.ReceivedOn > t) break; // sorted by received date: the rest is in the future
            var recent12 = a.ReceivedOn > d12;
            var recent36 = a.ReceivedOn > d36;
            if (IsComplaint(a.CaseType))
            {
                lastComplaint = a.ReceivedOn;
                if (a.ReceivedOn > d3) r[Complaints3m]++;
                if (recent12) { r[Complaints12m]++; cases12.Add(a.CaseId); }
                if (a.ReceivedOn > d24)
                {
                    r[Complaints24m]++;
                    expected24 += categoryRates.TryGetValue(a.Category, out var rate) ? rate : forceRate;
                }
                r[ComplaintsAll]++;
                if (recent36) r[Complaints36m]++;
                var g = GroupOf(a.Category);
                if (g >= 0)
                {
                    if (recent12) r[Group12m + g]++;
                    if (recent36) r[Group36m + g]++;
                }
            }
            else if (recent36)
            {
                switch (a.CaseType)
                {
                    case "civil_claim": r[CivilClaims36m]++; break;
                    case "employment_tribunal": r[Tribunals36m]++; break;
                    case "grievance": r[Grievances36m]++; break;
                }
            }
            var finding = a.FindingOn(t);
            if (finding is not null && IsComplaint(a.CaseType))
            {
                decidedKnown++;
                if (finding == "substantiated") substantiatedKnown++;
            }
            if (finding is null) r[OpenAllegations]++;
            else if (finding == "substantiated")
            {
                r[SubstantiatedKnownAll]++;
                if (a.FindingKnownOn > d12) r[SubstantiatedKnown12m]++;
            }
            else if (finding == "not_substantiated" && a.FindingKnownOn > d36) r[NotSubstantiatedKnown36m]++;
        }
        r[CasesWithOthers12m] = cases12.Count;
        r[ExpectedSubstantiated24m] = float.IsNaN(forceRate) ? float.NaN : expected24;
        r[OwnSubstantiationRate] = float.IsNaN(forceRate) ? float.NaN : (substantiatedKnown + 5 * forceRate) / (decidedKnown + 5);
        // Over the years the record covers for this officer (from joining, or from the start of the data), with a year's prior.
        var from = _facts.Staff[staff].JoinedOn is { } j && j > _dataStart ? j : _dataStart;
        var years = Math.Max(0, (t.DayNumber - from.DayNumber) / 365.25f);
        r[ComplaintRatePerYear] = (r[ComplaintsAll] + 0.5f) / (years + 1);
        r[DaysSinceLastComplaint] = lastComplaint is { } lc ? t.DayNumber - lc.DayNumber : float.NaN;

        foreach (var s in _sanctions[staff])
        {
            if (s.DecidedOn is not { } decided || decided > t || s.Outcome == "no_action") continue;
            r[SanctionsAll]++;
            if (decided > d36) r[Sanctions36m]++;
        }
        foreach (var b in _interests[staff])
        {
            if (b.AppliedOn is not { } applied || applied > t) continue;
            var decidedByT = b.DecidedOn is { } dd && dd <= t;
            if (!decidedByT || b.Decision is null) r[InterestsPending]++;
            else if (b.Decision == "refused") r[InterestsRefused]++;
        }

        var person = _facts.Staff[staff];
        r[VettingLapsed] = person.VettingExpiresOn is { } exp ? (exp < t ? 1 : 0) : float.NaN;
        r[TenureYears] = person.JoinedOn is { } joined ? (t.DayNumber - joined.DayNumber) / 365.25f : float.NaN;
        var rank = RankIndex(person.Rank);
        r[RankOrdinal] = rank >= 0 ? rank : float.NaN;
        foreach (var p in _postings[staff])
            if (p.FromDate <= t && p.FromDate > d36) r[Moves36m]++;

        // Activity in the 12 complete months before the as-of month plus the as-of month itself only when it has ended.
        var lastMonth = MonthNumber(t) - (t.AddDays(1).Month == t.Month ? 1 : 0);
        var firstMonth = lastMonth - 11;
        float hours = 0, calls = 0, arrests = 0, stops = 0, force = 0;
        var months = 0;
        foreach (var e in _exposure[staff])
        {
            if (e.Month < firstMonth) continue;
            if (e.Month > lastMonth) break;
            months++;
            hours += e.Hours; calls += e.Calls; arrests += e.Arrests; stops += e.Stops; force += e.Force;
        }
        if (months == 0)
        {
            for (var f = Hours12m; f <= ComplaintsPer100StopSearches; f++) r[f] = float.NaN;
        }
        else
        {
            r[Hours12m] = hours; r[Calls12m] = calls; r[Arrests12m] = arrests; r[StopSearches12m] = stops; r[UsesOfForce12m] = force;
            var c = r[Complaints12m];
            // Rates with a small prior denominator so a single complaint with almost no activity does not look extreme.
            r[ComplaintsPer100Arrests] = 100 * c / (arrests + 5);
            r[ComplaintsPer100Calls] = 100 * c / (calls + 20);
            r[ComplaintsPer1000Hours] = 1000 * c / (hours + 200);
            r[ForcePer100Arrests] = 100 * force / (arrests + 5);
            r[AssaultPer100Arrests] = 100 * r[Group12m] / (arrests + 5);
            r[ComplaintsPer100StopSearches] = 100 * c / (stops + 10);
        }
        return r;
    }

    /// <summary>
    /// Each officer's outcome (<see cref="RiskOutcome"/>) for the window after <paramref name="t"/>: a new allegation received in
    /// (t, t + window] that is substantiated or leads to a sanction. With <paramref name="knownBy"/>, only what was known by
    /// that date counts (a training cut): a finding from the day it became known, a sanction from its decision date (an
    /// undated one from when its allegation's finding is taken as known), and an allegation not yet resolved then makes the
    /// officer <see cref="OutcomeState.Unresolved"/> unless another was already adverse. Without it, the eventual outcome as
    /// the data stand (an allegation still open at the end of the data is Unresolved).
    /// </summary>
    public OutcomeState[] Outcomes(RiskOutcome outcome, DateOnly t, IReadOnlyList<int> officers, DateOnly? knownBy = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(officers);
        var end = t.AddMonths(outcome.WindowMonths);
        var states = new OutcomeState[officers.Count];
        for (var k = 0; k < officers.Count; k++)
        {
            var staff = officers[k];
            var state = OutcomeState.None;
            foreach (var a in _allegations[staff])
            {
                if (a.ReceivedOn <= t) continue;
                if (a.ReceivedOn > end) break;
                if (!outcome.CaseTypes.Contains(a.CaseType)) continue;
                var finding = knownBy is { } cut ? a.FindingOn(cut) : a.Finding;
                var adverse = finding is not null && outcome.Findings.Contains(finding);
                if (!adverse && outcome.Sanctions)
                    foreach (var s in _sanctions[staff])
                    {
                        if (!string.Equals(s.CaseId, a.CaseId, StringComparison.Ordinal) || outcome.SanctionsIgnored.Contains(s.Outcome)) continue;
                        var knownOn = s.DecidedOn ?? a.ReceivedOn.AddMonths(a.UndatedFindingMonths);
                        if (knownBy is null || knownOn <= knownBy) { adverse = true; break; }
                    }
                if (adverse) { state = OutcomeState.Adverse; break; }
                if (finding is null) state = OutcomeState.Unresolved;
            }
            states[k] = state;
        }
        return states;
    }
}

/// <summary>Features of the serving officers at one date, with the median of each feature among their peers (same rank, same unit).</summary>
internal sealed record RiskSnapshot(DateOnly AsOf, int[] Officers, float[][] Rows, float[][] PeerMedians, int[] PeerSizes, string[] PeerKeys);
