using Probity.Workforce.Contracts;
using Probity.Registers.Contracts;
using static Probity.DemoForce.DemoForceReference;

namespace Probity.DemoForce;

internal sealed partial class DemoForceGenerator
{
    private const byte Officer = 0, PoliceStaff = 1, Pcso = 2;
    private static readonly string[] StaffTypeCodes = ["officer", "police_staff", "pcso"];
    private static readonly DateOnly PcsosIntroduced = new(2002, 9, 1);
    private static readonly DateOnly NationalVettingFrom = new(2014, 1, 1);

    // Staff by internal index (index i has id s{i+1}), kept as arrays for the hot loops.
    private int _staffCount;
    private string[] _staffIds = [];
    private byte[] _staffType = [];
    private sbyte[] _staffRank = [];
    private int[] _staffUnit = [];
    private int[] _joinedDay = [];
    private int[] _leftDay = [];        // int.MaxValue while serving
    private bool[] _attractor = [];

    // Who gets complained about: per borough, force-wide, and (for grievances and tribunals) anyone.
    private StaffPool[] _boroughPools = [];
    private StaffPool _forcePool = null!;
    private StaffPool _everyonePool = null!;

    /// <summary>A weighted choice among members of staff.</summary>
    private sealed class StaffPool(int[] members, double[] weights)
    {
        private readonly WeightedPicker _picker = new(weights);
        public int Next(Random rng) => members[_picker.Next(rng)];
    }

    private bool ServingOn(int staff, int day) => _joinedDay[staff] <= day && day <= _leftDay[staff];

    private void BuildStaff()
    {
        var rng = DemoRandom.Stream(_options.Seed, 2);
        var scale = _options.Scale;
        int officers = 33_000 * scale, policeStaff = 14_000 * scale, pcsos = 4_500 * scale;
        var n = officers + policeStaff + pcsos;
        _staffCount = n;
        _staffIds = new string[n];
        _staffType = new byte[n];
        _staffRank = new sbyte[n];
        _staffUnit = new int[n];
        _joinedDay = new int[n];
        _leftDay = new int[n];
        _attractor = new bool[n];
        var subjectWeight = new double[n];

        for (var i = 0; i < n; i++) _staffType[i] = i < officers ? Officer : i < officers + policeStaff ? PoliceStaff : Pcso;
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (_staffType[i], _staffType[j]) = (_staffType[j], _staffType[i]);
        }

        var idFormat = "D" + Math.Max(6, n.ToString().Length);
        var unitPickers = new[] { UnitPicker(Officer), UnitPicker(PoliceStaff), UnitPicker(Pcso) };
        var boroughOnly = new WeightedPicker(Boroughs.Select(b => b.Population * b.Busy).ToArray());
        var rankPicker = new WeightedPicker(RankWeights);
        var ethnicity = new[] { new Choice<string>(OfficerEthnicity), new Choice<string>(PoliceStaffEthnicity), new Choice<string>(PcsoEthnicity) };
        double[] femaleShare = [0.25, 0.58, 0.36];
        var leaverShare = new[] { Math.Min(0.4, 0.045 * _options.Years), Math.Min(0.5, 0.06 * _options.Years), Math.Min(0.6, 0.09 * _options.Years) };
        var headquarters = new Choice<int>(
            (UnitIndex("tp"), 3), (UnitIndex("scd"), 2), (UnitIndex("so"), 2), (UnitIndex("co"), 2),
            (UnitIndex("dps"), 1), (UnitIndex("hr"), 1), (UnitIndex("resources"), 1), (UnitIndex("doi"), 0.5));
        var interestTypes = new WeightedPicker(BusinessInterestTypeWeights);
        var windowDays = _untilDay - _windowStartDay + 1;
        var postingUnits = new int[3];
        var postingFrom = new int[3];

        for (var i = 0; i < n; i++)
        {
            var type = _staffType[i];
            var id = "s" + (i + 1).ToString(idFormat);
            _staffIds[i] = id;
            var female = rng.Chance(femaleShare[type]);
            var eth = ethnicity[type].Next(rng);
            var name = DisplayName(rng, eth, female);
            var unit = unitPickers[type].Next(rng);
            sbyte rank = -1;
            var minYears = 0.0;
            if (type == Officer)
            {
                rank = (sbyte)rankPicker.Next(rng);
                if (rank >= FirstChiefOfficerRank) unit = headquarters.Next(rng);
                minYears = RankMinYears[rank];
            }
            _staffRank[i] = rank;
            _staffUnit[i] = unit;

            // Service: join date measured back from the leaving date (leavers leave inside the window) or from Until.
            var leaver = rng.Chance(leaverShare[type]);
            var endDay = leaver ? _windowStartDay + rng.Next(windowDays) : _untilDay;
            var maxYears = type == Pcso
                ? Math.Max(0.5, (endDay - PcsosIntroduced.DayNumber) / 365.25)
                : Math.Max(minYears + 2, 30);
            var years = minYears + (maxYears - minYears) * Math.Pow(rng.NextDouble(), 1.3);
            var joined = endDay - Math.Max(28, (int)(years * 365.25));
            joined -= ((int)DateOnly.FromDayNumber(joined).DayOfWeek + 6) % 7; // intakes start on a Monday
            _joinedDay[i] = joined;
            _leftDay[i] = leaver ? endDay : int.MaxValue;
            var joinedOn = DateOnly.FromDayNumber(joined);
            DateOnly? leftOn = leaver ? DateOnly.FromDayNumber(endDay) : null;

            var (vetting, vettingExpires) = Vetting(rng, type, rank, unit, joined, endDay);

            _bundle.Staff.Add(new StaffMember
            {
                Id = id,
                DisplayName = name,
                StaffType = StaffTypeCodes[type],
                Rank = rank >= 0 ? Ranks[rank] : null,
                UnitId = _unitIds[unit],
                JoinedOn = joinedOn,
                LeftOn = leftOn,
                Gender = female ? "female" : "male",
                Ethnicity = eth,
                VettingLevel = vetting,
                VettingExpiresOn = vettingExpires,
            });

            // Postings: one to three, the last in the current unit, each ending the day before the next begins.
            var span = endDay - joined;
            var count = 1;
            if (span > 3 * 365 && rng.Chance(0.45)) count = span > 8 * 365 && rng.Chance(0.35) ? 3 : 2;
            postingUnits[0] = unit; // built backwards: [0] is the current posting
            var actual = 1;
            for (var k = 1; k < count; k++)
            {
                var first = k == count - 1;
                var earlier = type == Pcso || (type == Officer && first && rng.Chance(0.8)) ? boroughOnly.Next(rng) : unitPickers[type].Next(rng);
                if (earlier == postingUnits[actual - 1]) earlier = boroughOnly.Next(rng);
                if (earlier == postingUnits[actual - 1]) continue;
                postingUnits[actual++] = earlier;
            }
            postingFrom[0] = joined;
            var piece = span / actual;
            for (var k = 1; k < actual; k++) postingFrom[k] = joined + piece * k + rng.Next(-piece / 4, piece / 4 + 1);
            for (var k = 0; k < actual; k++)
            {
                DateOnly? to = k + 1 < actual ? DateOnly.FromDayNumber(postingFrom[k + 1] - 1) : leftOn;
                _bundle.Postings.Add(new Posting { StaffId = id, UnitId = _unitIds[postingUnits[actual - 1 - k]], FromDate = DateOnly.FromDayNumber(postingFrom[k]), ToDate = to });
            }

            // How likely this person is to be the subject of a complaint; about 3% of officers attract far more than their peers.
            var weight = type switch { Officer => RankSubjectFactor[rank], Pcso => 0.35, _ => 0.04 };
            weight *= IsBorough(unit) ? 1.0 : OtherUnits[unit - Boroughs.Length].SubjectFactor;
            if (type == Officer && rank <= 1 && (IsBorough(unit) || _unitIds[unit] is "co-tsg" or "tp-transport" or "co-traffic") && rng.Chance(0.04))
            {
                _attractor[i] = true;
                weight *= 10;
            }
            subjectWeight[i] = weight;

            if (rng.Chance(0.03)) AddBusinessInterest(rng, i, joined, endDay, interestTypes, idFormat);
        }

        BuildPools(subjectWeight);
    }

    private WeightedPicker UnitPicker(byte type)
    {
        var weights = new double[_unitCount];
        var boroughShare = type switch { Officer => BoroughOfficerShare, PoliceStaff => BoroughStaffShare, _ => BoroughPcsoShare };
        var boroughTotal = Boroughs.Sum(b => b.Population * b.Busy);
        for (var i = 0; i < Boroughs.Length; i++) weights[i] = boroughShare * Boroughs[i].Population * Boroughs[i].Busy / boroughTotal;
        for (var i = 0; i < OtherUnits.Length; i++)
        {
            var u = OtherUnits[i];
            weights[Boroughs.Length + i] = type switch { Officer => u.Officers, PoliceStaff => u.Staff, _ => u.Pcsos };
        }
        return new WeightedPicker(weights);
    }

    /// <summary>Vetting level and expiry: granted around joining or renewed since; about 6% of long-serving staff have let it lapse.
    /// Levels granted from 2014 use the national NPPV levels.</summary>
    private static (string Level, DateOnly Expires) Vetting(Random rng, byte type, sbyte rank, int unit, int joined, int endDay)
    {
        var sensitive = !IsBorough(unit) && OtherUnits[unit - Boroughs.Length].Id is var id
            && (id.StartsWith("so", StringComparison.Ordinal) || id.StartsWith("dps", StringComparison.Ordinal) || id.StartsWith("bsu", StringComparison.Ordinal) || id == "cst" || id == "co-firearms");
        string level;
        if (sensitive) level = rng.Chance(0.7) ? "sc" : "dv";
        else if (type == Officer && rank >= 2) level = rng.Chance(0.6) ? "mv" : "sc";
        else if (type == Officer) level = rng.NextDouble() switch { < 0.7 => "rv", < 0.9 => "mv", _ => "sc" };
        else if (type == PoliceStaff) level = rng.NextDouble() switch { < 0.5 => "rv", < 0.7 => "ctc", < 0.9 => "mv", _ => "sc" };
        else level = rng.Chance(0.9) ? "rv" : "mv";

        var validityDays = level is "mv" or "dv" ? 7 * 365 : 10 * 365;
        var earliestGrant = joined - 120;
        int granted;
        if (endDay - validityDays - 540 > earliestGrant && rng.Chance(0.06))
            granted = endDay - 1 - rng.Next(540) - validityDays;
        else
        {
            var from = Math.Max(earliestGrant, endDay - validityDays + 1);
            granted = from + rng.Next(endDay - from + 1);
        }
        var expires = granted + validityDays;
        if (granted >= NationalVettingFrom.DayNumber)
        {
            level = level switch
            {
                "rv" => type == PoliceStaff && rng.Chance(0.3) ? "npp1" : "npp2",
                "mv" => "npp3",
                _ => level,
            };
        }
        return (level, DateOnly.FromDayNumber(expires));
    }

    private void AddBusinessInterest(Random rng, int staff, int joined, int endDay, WeightedPicker types, string idFormat)
    {
        var from = Math.Max(joined + 30, _windowStartDay - 3 * 365);
        if (from >= endDay) return;
        var applied = from + rng.Next(endDay - from);
        var (type, descriptions) = BusinessInterests[types.Next(rng)];
        var decision = rng.NextDouble() switch
        {
            < 0.72 => "approved",
            < 0.84 => "approved_with_conditions",
            < 0.93 => "refused",
            _ => "withdrawn",
        };
        var decided = applied + 7 + rng.Next(60);
        string? finalDecision = decided <= _untilDay ? decision : null;
        DateOnly? reviewOn = finalDecision is "approved" or "approved_with_conditions" ? DateOnly.FromDayNumber(decided + 365) : null;
        _bundle.BusinessInterests.Add(new BusinessInterest
        {
            Id = "bi-" + (_bundle.BusinessInterests.Count + 1).ToString(idFormat),
            StaffId = _staffIds[staff],
            InterestType = type,
            Description = rng.Pick(descriptions),
            AppliedOn = DateOnly.FromDayNumber(applied),
            Decision = finalDecision,
            DecidedOn = finalDecision is null ? null : DateOnly.FromDayNumber(decided),
            ReviewOn = reviewOn,
        });
    }

    private void BuildPools(double[] subjectWeight)
    {
        var perBorough = new int[Boroughs.Length];
        for (var i = 0; i < _staffCount; i++)
            if (IsBorough(_staffUnit[i])) perBorough[_staffUnit[i]]++;
        var members = perBorough.Select(c => new int[c]).ToArray();
        var weights = perBorough.Select(c => new double[c]).ToArray();
        Array.Clear(perBorough);
        for (var i = 0; i < _staffCount; i++)
        {
            var u = _staffUnit[i];
            if (!IsBorough(u)) continue;
            members[u][perBorough[u]] = i;
            weights[u][perBorough[u]++] = subjectWeight[i];
        }
        _boroughPools = new StaffPool[Boroughs.Length];
        for (var b = 0; b < Boroughs.Length; b++) _boroughPools[b] = new StaffPool(members[b], weights[b]);

        var everyone = new int[_staffCount];
        var forceWeights = new double[_staffCount];
        var everyoneWeights = new double[_staffCount];
        for (var i = 0; i < _staffCount; i++)
        {
            everyone[i] = i;
            var busy = IsBorough(_staffUnit[i]) ? Boroughs[_staffUnit[i]].Busy : 1.0;
            forceWeights[i] = subjectWeight[i] * busy;
            everyoneWeights[i] = _staffType[i] == Officer && _staffRank[i] >= 1 ? 2.0 : 1.0;
        }
        _forcePool = new StaffPool(everyone, forceWeights);
        _everyonePool = new StaffPool(everyone, everyoneWeights);
    }

    /// <summary>Monthly activity per officer while serving inside the window; busy boroughs and public-facing units work harder.</summary>
    private void BuildExposure()
    {
        var rng = DemoRandom.Stream(_options.Seed, 4);
        var firstMonth = new DateOnly(_windowStart.Year, _windowStart.Month, 1);
        var months = new List<(string Code, int First, int Last)>();
        for (var m = firstMonth; m <= _until; m = m.AddMonths(1))
            months.Add((m.ToString("yyyy-MM"), m.DayNumber, Math.Min(m.AddMonths(1).DayNumber - 1, _untilDay)));
        double[] rankActivity = [1, 0.6, 0.25, 0.08, 0.05, 0.05, 0.02, 0.02, 0.02];

        for (var i = 0; i < _staffCount; i++)
        {
            if (_staffType[i] != Officer) continue;
            var unit = _staffUnit[i];
            var activity = IsBorough(unit) ? Activity.Borough : OtherUnits[unit - Boroughs.Length].Activity;
            var busy = IsBorough(unit) ? Boroughs[unit].Busy : 1.0;
            var (calls, arrests, stops, force) = activity switch
            {
                Activity.Borough => (45 * busy, 3.0 * busy, 6 * busy, 0.0),
                Activity.Tsg => (10, 5, 25, 0.5),
                Activity.Traffic => (35, 2, 4, 0.0),
                Activity.Transport => (20, 1.5, 5, 0.0),
                Activity.Firearms => (8, 1, 1, 1.5),
                Activity.Investigation => (2, 1.2, 0.2, 0.0),
                Activity.Protection => (1, 0.05, 0.2, 0.0),
                _ => (0.3, 0.05, 0.05, 0.0),
            };
            var personal = rng.LogNormal(1, 0.35) * (_attractor[i] ? 1.5 : 1.0) * rankActivity[_staffRank[i]];
            foreach (var (code, first, last) in months)
            {
                var from = Math.Max(first, _joinedDay[i]);
                var to = Math.Min(last, _leftDay[i]);
                if (to < from) continue;
                var share = (to - from + 1) / (double)(last - first + 1);
                var hours = Math.Max(0, share * (152 + 12 * rng.Gaussian()));
                var made = rng.Poisson(arrests * share * personal);
                var stopped = rng.Poisson(stops * share * personal);
                _bundle.Exposure.Add(new ExposureMonth
                {
                    StaffId = _staffIds[i],
                    Month = code,
                    HoursOnDuty = Math.Round((decimal)hours, 2),
                    CallsAttended = rng.Poisson(calls * share * personal),
                    Arrests = made,
                    StopSearches = stopped,
                    UsesOfForce = rng.Poisson(0.3 * made + 0.04 * stopped + force * share),
                });
            }
        }
    }
}
