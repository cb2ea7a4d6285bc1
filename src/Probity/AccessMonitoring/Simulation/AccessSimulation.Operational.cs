using System.Globalization;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring.Simulation;

/// <summary>
/// The operational world's shape (ADR 0028): how busy the custody suites, the control room, the streets and the front
/// counter are, how often the people they meet carry a flag, and how much misuse of the forms professional standards
/// cases show is planted. Written from what force audit logs and misconduct cases look like, without the detector in view.
/// </summary>
internal sealed record OperationalOptions
{
    /// <summary>Bookings into a custody suite a day per member of the suite's staff (30 staff on three shifts book in about 24 a day).</summary>
    public double ArrestsPerCustodyStaffPerDay { get; init; } = 0.8;
    /// <summary>The share of detainees who are organised-crime nominals (arrested far more often than the public).</summary>
    public double DetaineeNominalShare { get; init; } = 0.06;
    /// <summary>Arrests of high-profile people a week, force-wide (the celebrity in the cells).</summary>
    public double HighProfileArrestsPerWeek { get; init; } = 3;
    /// <summary>Incidents (CAD) a day per control room user.</summary>
    public double IncidentsPerControlRoomUserPerDay { get; init; } = 2.5;
    /// <summary>The share of people named in an incident (beyond the caller) who carry a flag (nominals, protected victims).</summary>
    public double IncidentSubjectFlaggedShare { get; init; } = 0.03;
    /// <summary>The share of stopped people who are organised-crime nominals.</summary>
    public double StopFlaggedShare { get; init; } = 0.04;
    /// <summary>The share of CID and intelligence routine work about the unit's long-running operation (the same nominals and their associates, day after day).</summary>
    public double OperationWorkShare { get; init; } = 0.25;
    /// <summary>Nominals in each CID or intelligence unit's operation (each with two unflagged associates).</summary>
    public int OperationNominals { get; init; } = 12;
    /// <summary>Custody records printed at a custody officer's handover, on average, a shift.</summary>
    public double HandoverPrintsPerShift { get; init; } = 1.0;
    /// <summary>The share of the front counter's PNC checks that are people answering bail (earlier detainees).</summary>
    public double FrontCounterBailShare { get; init; } = 0.3;
    /// <summary>Acts of operational misuse planted a day (on top of the eight kinds the other worlds plant).</summary>
    public int MisusePerDay { get; init; } = 6;
    /// <summary>Weights of the forms: private interest, on behalf of criminals, famous detainee in one's own suite, colleague under investigation, look before a leak.</summary>
    public IReadOnlyList<double> MisuseMix { get; init; } = [55, 15, 10, 10, 10];
    /// <summary>The chance that a private interest is returned to on later days (a third of that for a nominal checked on behalf of criminals).</summary>
    public double ReturnChance { get; init; } = 0.6;
}

internal sealed partial class AccessSimulation
{
    /// <summary>The forms of operational misuse, as <see cref="PlantedMisuse.Form"/> names them.</summary>
    public static readonly IReadOnlyList<string> OperationalForms = ["private_interest", "on_behalf_of_criminals", "famous_detainee", "colleague_under_investigation", "before_a_leak"];

    private const int Response = 0, Cid = 1, Custody = 2, Intel = 3, Neighbourhood = 4, ControlRoom = 6, FrontCounterRole = 7;
    private static readonly int[] ShiftStarts = [7, 14, 22];

    private sealed record Detainee(int Suite, int Person, string CustodyRecord, string CrimeRecord, DateTimeOffset In, DateTimeOffset Out, bool HighProfile);
    private sealed record Incident(string Id, DateTimeOffset Time, string ControlUnit, string ResponseUnit, int Caller, int[] Subjects);

    private readonly Dictionary<string, int> _suiteOf = new(StringComparer.Ordinal);
    private readonly List<List<Detainee>> _detainees = [];
    private readonly List<Detainee> _released = [];
    private readonly Dictionary<string, List<Incident>> _incidentsByUnit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _operationOf = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<Detainee>> _cidCases = [];
    private readonly List<int> _nominals = [];
    private readonly List<int> _highProfile = [];
    private readonly List<int> _sensitiveNamed = [];

    /// <summary>What one user's day in the operational world can draw on: the detainees in their suite and the incidents of their unit around their shift.</summary>
    private sealed record OperationsDay(DateTimeOffset ShiftStart, List<Detainee> Detainees, List<Detainee> Cases, List<Incident> Incidents, int[]? Operation);

    // ---------------------------------------------------------------- building the operations (constructor)

    private void BuildOperations(OperationalOptions ops)
    {
        foreach (var p in _flagged)
        {
            var person = ParsePerson(p.PersonId);
            if (p.Flags[0] == "ocn_nominal") _nominals.Add(person);
            if (p.Flags[0] is "high_profile" or "journalist" or "vip") _highProfile.Add(person);
            if (p.Flags[0] is "ocn_nominal" or "protected") _sensitiveNamed.Add(person);
        }
        if (_nominals.Count == 0 || _highProfile.Count == 0) return;
        var byShift = ShiftPools();
        BuildCustody(ops, new Rng(_o.Seed, 5, 0), byShift);
        BuildIncidents(ops, new Rng(_o.Seed, 6, 0), byShift);
        BuildOperationSets(ops, new Rng(_o.Seed, 7, 0));
        PlantOperationalMisuse(ops, new Rng(_o.Seed, 8, 0));
    }

    /// <summary>Users by (unit, shift start) and by (role, shift start), to find who was on duty at a moment.</summary>
    private (Dictionary<(string, int), List<int>> ByUnit, Dictionary<(int, int), List<int>> ByRole) ShiftPools()
    {
        var byUnit = new Dictionary<(string, int), List<int>>();
        var byRole = new Dictionary<(int, int), List<int>>();
        foreach (var user in _users)
        {
            if (!byUnit.TryGetValue((user.Unit, user.ShiftStartHour), out var a)) byUnit[(user.Unit, user.ShiftStartHour)] = a = [];
            a.Add(user.Index);
            if (!byRole.TryGetValue((user.Role, user.ShiftStartHour), out var b)) byRole[(user.Role, user.ShiftStartHour)] = b = [];
            b.Add(user.Index);
        }
        return (byUnit, byRole);
    }

    /// <summary>Someone from the pool on duty at <paramref name="time"/>, and the day whose shift it is; null when nobody is.</summary>
    private (int User, int Day)? OnDuty(DateTimeOffset time, Func<int, List<int>?> pool, Rng rng)
    {
        var options = new List<(int Day, List<int> Users)>();
        for (var day = 0; day < _o.Days; day++)
            foreach (var start in ShiftStarts)
            {
                var from = DayStart(day).AddHours(start);
                if (time >= from && time < from.AddHours(8) && pool(start) is { Count: > 0 } users) options.Add((day, users));
            }
        if (options.Count == 0) return null;
        var (d, list) = options[rng.Next(options.Count)];
        return (list[rng.Next(list.Count)], d);
    }

    private static readonly double[] ArrestHours = [5, 4, 3, 2, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 6];
    private static readonly double[] CallHours = [3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 6, 6, 5, 4];

    private DateTimeOffset AtHour(int day, double[] hours, Rng rng) => DayStart(day).AddHours(rng.Weighted(hours)).AddSeconds(rng.Next(3600));

    private void BuildCustody(OperationalOptions ops, Rng rng, (Dictionary<(string, int), List<int>> ByUnit, Dictionary<(int, int), List<int>> ByRole) pools)
    {
        foreach (var unit in _users.Where(u => u.Role == Custody).Select(u => u.Unit).Distinct().Order(StringComparer.Ordinal))
        {
            _suiteOf[unit] = _detainees.Count;
            _detainees.Add([]);
        }
        if (_detainees.Count == 0) return;
        var staff = _users.Where(u => u.Role == Custody).GroupBy(u => _suiteOf[u.Unit]).ToDictionary(g => g.Key, g => g.Count());
        var highProfileDays = Enumerable.Range(0, (int)Math.Round(ops.HighProfileArrestsPerWeek * _o.Days / 7.0)).Select(_ => (Day: rng.Next(_o.Days), Suite: rng.Next(_detainees.Count))).ToList();
        // From the day before the window, so the suites are not empty at its first midnight.
        for (var day = -1; day < _o.Days; day++)
            for (var suite = 0; suite < _detainees.Count; suite++)
            {
                var mean = staff[suite] * ops.ArrestsPerCustodyStaffPerDay;
                var count = Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * rng.NextGaussian()));
                var famous = highProfileDays.Count(h => h.Day == day && h.Suite == suite);
                for (var n = 0; n < count + famous; n++)
                {
                    var highProfile = n >= count;
                    var person = highProfile ? _highProfile[rng.Next(_highProfile.Count)] : rng.NextDouble() < ops.DetaineeNominalShare ? _nominals[rng.Next(_nominals.Count)] : NonFlagged(rng);
                    var booked = AtHour(day, ArrestHours, rng);
                    // Held 6 to 36 hours (PACE: 24 h, extended to 36 for indictable offences); most go within a day.
                    var held = Math.Clamp(Math.Exp(Math.Log(12) + 0.55 * rng.NextGaussian()), 6, 36);
                    var detainee = new Detainee(suite, person, $"CUS{suite:D2}{day + 1:D3}{n:D3}", $"CR{person:D8}7", booked, booked.AddHours(held), highProfile);
                    _detainees[suite].Add(detainee);
                    _released.Add(detainee);
                    ArrestedBy(detainee, rng, pools);
                }
            }
        foreach (var suite in _detainees) suite.Sort((a, b) => a.In.CompareTo(b.In));
        _released.Sort((a, b) => a.Out.CompareTo(b.Out));
    }

    /// <summary>The arresting officer (response or neighbourhood, on duty at the arrest) and the investigating officer (CID, during the detention).</summary>
    private void ArrestedBy(Detainee d, Rng rng, (Dictionary<(string, int), List<int>> ByUnit, Dictionary<(int, int), List<int>> ByRole) pools)
    {
        var arrestRole = rng.NextDouble() < 0.75 ? Response : Neighbourhood;
        var arrest = d.In.AddMinutes(-20 - rng.Next(60));
        if (OnDuty(arrest, s => pools.ByRole.GetValueOrDefault((arrestRole, s)), rng) is (int officer, int day))
        {
            var u = _users[officer];
            var ws = Workstation(officer);
            var events = new List<AccessEvent>
            {
                // A PNC check of the person at the scene, the booking-in, the crime report written up afterwards.
                new(arrest, u.Id, "pnc", "search", "person", null, PersonId(d.Person), ws, null),
                new(d.In.AddMinutes(10 + rng.Next(50)), u.Id, "custody", "view", "custody", d.CustodyRecord, PersonId(d.Person), ws, null),
                new(d.In.AddMinutes(60 + rng.Next(120)), u.Id, "cris", "create", "crime", d.CrimeRecord, PersonId(d.Person), ws, null),
            };
            AddPlant(officer, day, new Plant("legitimate", events, Misuse: false));
        }
        if (rng.NextDouble() >= 0.7) return;
        var during = d.In.AddSeconds(rng.Next((int)Math.Max(60, (d.Out - d.In).TotalSeconds - 3600)));
        if (OnDuty(during, s => pools.ByRole.GetValueOrDefault((Cid, s)), rng) is (int cid, int cidDay))
        {
            var u = _users[cid];
            var ws = Workstation(cid);
            string? reason = null;
            // Three investigations in four are allocated in the crime system; the rest are picked up from the custody queue.
            if (rng.NextDouble() < 0.75)
            {
                reason = $"A{d.CustodyRecord}";
                _assignments.Add(new AssignmentReference(u.Id, reason, "crime", d.CrimeRecord, PersonId(d.Person), d.In, d.In.AddDays(14)));
            }
            string? Given() => reason is not null && rng.NextDouble() >= _o.BlankReasonShare ? reason : null;
            var events = new List<AccessEvent>();
            for (var i = 0; i < 2 + rng.Next(4); i++) events.Add(new(during.AddMinutes(rng.Next(240)), u.Id, "custody", "view", "custody", d.CustodyRecord, PersonId(d.Person), ws, Given()));
            for (var i = 0; i < 1 + rng.Next(3); i++) events.Add(new(during.AddMinutes(rng.Next(240)), u.Id, "cris", i == 0 ? "update" : "view", "crime", d.CrimeRecord, PersonId(d.Person), ws, Given()));
            events.Add(new(during.AddMinutes(rng.Next(60)), u.Id, "pnc", "search", "person", null, PersonId(d.Person), ws, Given()));
            if (rng.NextDouble() < 0.3) events.Add(new(during.AddMinutes(rng.Next(240)), u.Id, "crimint", "view", "intelligence", $"IN{d.Person:D8}1", PersonId(d.Person), ws, Given()));
            AddPlant(cid, cidDay, new Plant("legitimate", events, Misuse: false));
            // The investigator, and now and then a colleague of their team helping with the interview, look the custody record up as the detention goes on.
            var helpers = new List<int> { cid };
            if (rng.NextDouble() < 0.5 && pools.ByUnit.GetValueOrDefault((u.Unit, u.ShiftStartHour)) is { Count: > 1 } team) helpers.Add(team[rng.Next(team.Count)]);
            foreach (var h in helpers)
            {
                if (!_cidCases.TryGetValue(h, out var cases)) _cidCases[h] = cases = [];
                cases.Add(d);
            }
        }
    }

    private void BuildIncidents(OperationalOptions ops, Rng rng, (Dictionary<(string, int), List<int>> ByUnit, Dictionary<(int, int), List<int>> ByRole) pools)
    {
        var controlUnits = _users.Where(u => u.Role == ControlRoom).Select(u => u.Unit).Distinct().Order(StringComparer.Ordinal).ToArray();
        var responseUnits = _users.Where(u => u.Role == Response).Select(u => u.Unit).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (controlUnits.Length == 0 || responseUnits.Length == 0) return;
        var perDay = _users.Count(u => u.Role == ControlRoom) * ops.IncidentsPerControlRoomUserPerDay;
        for (var day = -1; day < _o.Days; day++)
        {
            var count = Math.Max(0, (int)Math.Round(perDay + Math.Sqrt(perDay) * rng.NextGaussian()));
            for (var n = 0; n < count; n++)
            {
                var subjects = new int[rng.Weighted([30, 50, 20])];
                for (var k = 0; k < subjects.Length; k++)
                    subjects[k] = rng.NextDouble() < ops.IncidentSubjectFlaggedShare ? _sensitiveNamed[rng.Next(_sensitiveNamed.Count)] : NonFlagged(rng);
                var incident = new Incident($"CAD{day + 1:D3}{n:D5}", AtHour(day, CallHours, rng), controlUnits[rng.Next(controlUnits.Length)], responseUnits[rng.Next(responseUnits.Length)], NonFlagged(rng), subjects);
                foreach (var unit in new[] { incident.ControlUnit, incident.ResponseUnit })
                {
                    if (!_incidentsByUnit.TryGetValue(unit, out var list)) _incidentsByUnit[unit] = list = [];
                    list.Add(incident);
                }
                Handled(incident, rng, pools);
            }
        }
        foreach (var list in _incidentsByUnit.Values) list.Sort((a, b) => a.Time.CompareTo(b.Time));
    }

    /// <summary>The call handler creates the incident and checks the people in it; one to three officers of the response unit attend.</summary>
    private void Handled(Incident incident, Rng rng, (Dictionary<(string, int), List<int>> ByUnit, Dictionary<(int, int), List<int>> ByRole) pools)
    {
        if (OnDuty(incident.Time, s => pools.ByUnit.GetValueOrDefault((incident.ControlUnit, s)), rng) is (int handler, int day))
        {
            var u = _users[handler];
            var ws = Workstation(handler);
            var events = new List<AccessEvent> { new(incident.Time, u.Id, "cad", "create", "incident", incident.Id, null, ws, null) };
            for (var i = 0; i < 1 + rng.Next(3); i++) events.Add(new(incident.Time.AddMinutes(2 + rng.Next(90)), u.Id, "cad", "update", "incident", incident.Id, null, ws, null));
            if (rng.NextDouble() < 0.5) events.Add(new(incident.Time.AddMinutes(1 + rng.Next(5)), u.Id, "pnc", "search", "person", null, PersonId(incident.Caller), ws, null));
            foreach (var s in incident.Subjects)
                if (rng.NextDouble() < 0.8) events.Add(new(incident.Time.AddMinutes(1 + rng.Next(10)), u.Id, "pnc", "search", "person", null, PersonId(s), ws, null));
            AddPlant(handler, day, new Plant("legitimate", events, Misuse: false));
        }
        var attend = 1 + rng.Weighted([50, 35, 15]);
        for (var a = 0; a < attend; a++)
        {
            var arrive = incident.Time.AddMinutes(5 + rng.Next(55));
            if (OnDuty(arrive, s => pools.ByUnit.GetValueOrDefault((incident.ResponseUnit, s)), rng) is not (int officer, int oDay)) continue;
            var u = _users[officer];
            var ws = Workstation(officer);
            var events = new List<AccessEvent>();
            for (var i = 0; i < 1 + rng.Next(3); i++) events.Add(new(arrive.AddMinutes(-rng.Next(10) + i * 15), u.Id, "cad", "view", "incident", incident.Id, null, ws, null));
            foreach (var s in incident.Subjects)
            {
                if (rng.NextDouble() < 0.7) events.Add(new(arrive.AddMinutes(rng.Next(20)), u.Id, "pnc", "search", "person", null, PersonId(s), ws, null));
                if (rng.NextDouble() < 0.2) events.Add(new(arrive.AddMinutes(30 + rng.Next(120)), u.Id, "cris", "create", "crime", $"CR{s:D8}8", PersonId(s), ws, null));
            }
            AddPlant(officer, oDay, new Plant("legitimate", events, Misuse: false));
        }
    }

    /// <summary>Each CID and intelligence unit runs a long operation against a handful of nominals and their associates; its principal is tasked to the whole unit.</summary>
    private void BuildOperationSets(OperationalOptions ops, Rng rng)
    {
        foreach (var unit in _users.Where(u => u.Role is Cid or Intel).Select(u => u.Unit).Distinct().Order(StringComparer.Ordinal))
        {
            var set = new List<int>();
            for (var k = 0; k < ops.OperationNominals; k++)
            {
                set.Add(_nominals[rng.Next(_nominals.Count)]);
                set.Add(NonFlagged(rng));
                set.Add(NonFlagged(rng));
            }
            _operationOf[unit] = [.. set];
            var start = DayStart(0).AddDays(-60 - rng.Next(120));
            foreach (var user in _users.Where(u => u.Unit == unit))
                _assignments.Add(new AssignmentReference(user.Id, $"OP{unit}", null, null, PersonId(set[0]), start, DayStart(_o.Days).AddDays(90)));
        }
    }

    // ---------------------------------------------------------------- a user's day (streamed)

    private OperationsDay OperationalDay(int u, int day, DateTimeOffset shiftStart)
    {
        var user = _users[u];
        var end = shiftStart.AddHours(8);
        var suite = _suiteOf.TryGetValue(user.Unit, out var s) ? _detainees[s].Where(d => d.In < end && d.Out > shiftStart).ToList() : [];
        var cidCases = user.Role == Cid && _cidCases.TryGetValue(u, out var cases) ? cases.Where(d => d.In < end && d.Out > shiftStart).ToList() : [];
        var incidents = _incidentsByUnit.TryGetValue(user.Unit, out var inc) ? inc.Where(i => i.Time < end && i.Time > shiftStart.AddHours(-3)).ToList() : [];
        return new OperationsDay(shiftStart, suite, cidCases, incidents, _operationOf.GetValueOrDefault(user.Unit));
    }

    /// <summary>
    /// One access of the role's routine work in the operational world: custody on the detainees in the suite, the control
    /// room and response on their unit's incidents, stops followed by a PNC check, CID and intelligence on their operation,
    /// the front counter on people answering bail. False when the world has nothing of the kind at that moment (the usual routine).
    /// </summary>
    private bool OperationalRoutine(OperationsDay ops, User user, (string System, string RecordType, string Action, double Weight) work, DateTimeOffset time, Rng rng, List<AccessEvent> list, string ws)
    {
        var o = _o.Operational!;
        switch (user.Role)
        {
            case Custody or Cid when work.RecordType == "custody" || (user.Role == Custody && work.System == "pnc"):
            {
                var present = (user.Role == Custody ? ops.Detainees : ops.Cases).Where(d => d.In <= time && d.Out > time).ToList();
                if (present.Count == 0) return false;
                var d = present[rng.Next(present.Count)];
                list.Add(work.System == "pnc"
                    ? new AccessEvent(time, user.Id, "pnc", "search", "person", null, PersonId(d.Person), ws, null)
                    : new AccessEvent(time, user.Id, "custody", work.Action, "custody", d.CustodyRecord, PersonId(d.Person), ws, null));
                return true;
            }
            case ControlRoom or Response when work.System == "cad":
            {
                var recent = ops.Incidents.Where(i => i.Time <= time && i.Time > time.AddHours(user.Role == ControlRoom ? -3 : -2)).ToList();
                if (recent.Count == 0) return false;
                list.Add(new AccessEvent(time, user.Id, "cad", work.Action, "incident", recent[rng.Next(recent.Count)].Id, null, ws, null));
                return true;
            }
            case Response when work.System == "stops":
            {
                // A stop record, and the PNC check of the same person by the same officer within minutes.
                var person = rng.NextDouble() < o.StopFlaggedShare ? _nominals[rng.Next(_nominals.Count)] : NonFlagged(rng);
                list.Add(new AccessEvent(time, user.Id, "stops", "create", "person", $"ST{person:D8}{rng.Next(10)}", PersonId(person), ws, null));
                list.Add(new AccessEvent(time.AddSeconds(60 + rng.Next(540)), user.Id, "pnc", "search", "person", null, PersonId(person), ws, null));
                return true;
            }
            case Cid or Intel when ops.Operation is { } set && work.RecordType is "person" or "intelligence" or "crime" && rng.NextDouble() < o.OperationWorkShare:
            {
                var person = set[rng.Next(set.Length)];
                list.Add(Access(time, user, work.System, work.Action, work.RecordType, person, rng.Next(3), ws, null));
                return true;
            }
            case FrontCounterRole when work.System == "pnc" && rng.NextDouble() < o.FrontCounterBailShare:
            {
                var released = CountReleasedBy(time);
                if (released == 0) return false;
                list.Add(new AccessEvent(time, user.Id, "pnc", "search", "person", null, PersonId(_released[rng.Next(released)].Person), ws, null));
                return true;
            }
            default:
                return false;
        }
    }

    private int CountReleasedBy(DateTimeOffset time)
    {
        int lo = 0, hi = _released.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_released[mid].Out <= time) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>At a custody officer's handover, the records of some detainees in the suite are printed for the incoming shift.</summary>
    private void OperationalShiftEnds(OperationsDay ops, User user, Rng rng, List<AccessEvent> list, string ws)
    {
        if (user.Role != Custody) return;
        var handover = ops.ShiftStart.AddMinutes(5 + rng.Next(30));
        var present = ops.Detainees.Where(d => d.In <= handover && d.Out > handover).ToList();
        var mean = _o.Operational!.HandoverPrintsPerShift;
        var prints = Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * rng.NextGaussian()));
        for (var i = 0; i < prints && present.Count > 0; i++)
        {
            var d = present[rng.Next(present.Count)];
            list.Add(new AccessEvent(handover.AddMinutes(i), user.Id, "custody", "print", "custody", d.CustodyRecord, PersonId(d.Person), ws, null));
        }
    }

    private static string Workstation(int u) => "WS" + (u % 5000).ToString("D4", CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- planted operational misuse

    private void PlantOperationalMisuse(OperationalOptions ops, Rng rng)
    {
        var weights = ops.MisuseMix.ToArray();
        var celebrities = _detainees.SelectMany(x => x).Where(d => d.HighProfile).OrderBy(d => d.In).ToList();
        var browsed = new HashSet<(string, int)>();
        for (var day = _o.WarmUpDays; day < _o.Days; day++)
            for (var k = 0; k < ops.MisusePerDay; k++)
            {
                var form = rng.Weighted(weights);
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    var planted = form switch
                    {
                        0 => PrivateInterest(ops, day, rng),
                        1 => OnBehalfOfCriminals(ops, day, rng),
                        2 => FamousDetainee(celebrities, browsed, rng),
                        3 => ColleagueUnderInvestigation(day, rng),
                        _ => BeforeALeak(celebrities, day, rng),
                    };
                    if (planted) break;
                }
            }
    }

    private bool Free(int u, int day) => !_plants.TryGetValue((u, day), out var plants) || plants.All(p => !p.Misuse);

    private DateTimeOffset InShift(int u, int day, Rng rng) => DayStart(day).AddHours(_users[u].ShiftStartHour).AddSeconds(rng.Next(8 * 3600));

    /// <summary>
    /// An ex-partner, a neighbour, a new partner's ex, someone met through work (a caller or victim: abuse of position for
    /// a sexual purpose), a celebrity or a journalist looked up with no work about them, and
    /// often returned to on later days. Declared associates and undeclared private interests are labelled associated
    /// person (the relationship is the misuse); a flagged public figure, sensitive subject.
    /// </summary>
    private bool PrivateInterest(OperationalOptions ops, int day, Rng rng)
    {
        var u = rng.Next(_users.Length);
        if (!Free(u, day)) return false;
        var roll = rng.NextDouble();
        int person;
        string kind, detail;
        var metAtWork = _incidentsByUnit.TryGetValue(_users[u].Unit, out var incidents) ? incidents.Where(i => i.Time < DayStart(day)).ToList() : [];
        if (roll < 0.30 && _associates[u].Count > 0) (person, kind, detail) = (_associates[u][rng.Next(_associates[u].Count)], MisuseRuleIds.AssociatedPerson, "declared");
        else if (roll < 0.60) (person, kind, detail) = (NonFlagged(rng), MisuseRuleIds.AssociatedPerson, "undeclared");
        // Abuse of position for a sexual purpose: someone met through work (a caller, a victim) looked up again with no work about them.
        else if (roll < 0.80 && metAtWork.Count > 0) (person, kind, detail) = (metAtWork[rng.Next(metAtWork.Count)].Caller, MisuseRuleIds.AssociatedPerson, "met at work");
        else if (roll < 0.80) return false;
        else (person, kind, detail) = (_highProfile[rng.Next(_highProfile.Count)], MisuseRuleIds.SensitiveSubject, "public figure");
        var incident = $"PI-{day:D3}-{u:D6}-{detail}";
        var days = new List<int> { day };
        if (rng.NextDouble() < ops.ReturnChance)
            for (var r = 0; r < 1 + rng.Next(3); r++)
            {
                var later = day + 1 + rng.Next(6);
                if (later < _o.Days && !days.Contains(later) && Free(u, later)) days.Add(later);
            }
        foreach (var d in days)
        {
            var events = new List<AccessEvent>();
            var t = InShift(u, d, rng);
            events.Add(Access(t, _users[u], "pnc", "search", "person", person, 0, Workstation(u), null));
            // A look at the domestic history or the address on the crime system, sometimes a second search later.
            if (rng.NextDouble() < 0.4) events.Add(Access(t.AddMinutes(1 + rng.Next(10)), _users[u], "cris", "view", "crime", person, 0, Workstation(u), null));
            if (rng.NextDouble() < 0.3) events.Add(Access(InShift(u, d, rng), _users[u], "pnc", "search", "person", person, 0, Workstation(u), null));
            events.Sort((a, b) => a.Time.CompareTo(b.Time));
            AddPlant(u, d, new Plant(kind, events, Misuse: true), OperationalForms[0], incident);
        }
        return true;
    }

    /// <summary>
    /// A nominal checked for the criminals around them (is he wanted, is there an operation): a PNC search, the
    /// intelligence record where the role has the system, a vehicle check where it has not, sometimes a print; now and
    /// then checked again later. With a print it is labelled print or export, otherwise sensitive subject.
    /// </summary>
    private bool OnBehalfOfCriminals(OperationalOptions ops, int day, Rng rng)
    {
        var u = rng.Next(_users.Length);
        if (!Free(u, day) || _users[u].Role == FrontCounterRole) return false;
        var user = _users[u];
        var operations = _operationOf.Values.ToArray();
        // Half the time a nominal the force has an operation against (the criminals' real question: are they onto us?).
        int person;
        if (rng.NextDouble() < 0.5 && operations.Length > 0)
        {
            var set = operations[rng.Next(operations.Length)];
            person = set[3 * rng.Next(set.Length / 3)];
        }
        else person = _nominals[rng.Next(_nominals.Count)];
        var intelligence = _roles[user.Role].Work.Any(w => w.System == "crimint");
        var incident = $"OB-{day:D3}-{u:D6}";
        var days = new List<int> { day };
        if (rng.NextDouble() < ops.ReturnChance / 3)
        {
            var later = day + 1 + rng.Next(6);
            if (later < _o.Days && Free(u, later)) days.Add(later);
        }
        foreach (var d in days)
        {
            var t = InShift(u, d, rng);
            var ws = Workstation(u);
            var events = new List<AccessEvent> { Access(t, user, "pnc", "search", "person", person, 0, ws, null) };
            if (intelligence)
                for (var i = 0; i < 1 + rng.Next(2); i++) events.Add(Access(t.AddMinutes(2 + rng.Next(20)), user, "crimint", "view", "intelligence", person, 1, ws, null));
            else
                events.Add(Access(t.AddMinutes(1 + rng.Next(5)), user, "pnc", "search", "vehicle", person, 0, ws, null));
            var print = rng.NextDouble() < 0.25;
            if (print) events.Add(Access(t.AddMinutes(25), user, intelligence ? "crimint" : "pnc", "print", intelligence ? "intelligence" : "person", person, 1, ws, null));
            AddPlant(u, d, new Plant(print ? MisuseRuleIds.SensitivePrintExport : MisuseRuleIds.SensitiveSubject, events, Misuse: true), OperationalForms[1], incident);
        }
        return true;
    }

    /// <summary>
    /// A custody officer browsing the famous detainee in their own suite beyond what the detention needs: more views of
    /// the custody record, the PNC record, the crime report, sometimes a print. Real, legitimate contact surrounds it.
    /// </summary>
    private bool FamousDetainee(List<Detainee> celebrities, HashSet<(string, int)> browsed, Rng rng)
    {
        if (celebrities.Count == 0) return false;
        var d = celebrities[rng.Next(celebrities.Count)];
        var unit = _suiteOf.First(s => s.Value == d.Suite).Key;
        var staff = _users.Where(x => x.Role == Custody && x.Unit == unit).ToList();
        // The officer's own shift that overlaps the detention (or the next after it: "did you see who we had in?").
        var candidates = new List<(int User, int Day, DateTimeOffset From, DateTimeOffset To)>();
        foreach (var s in staff)
            for (var day = _o.WarmUpDays; day < _o.Days; day++)
            {
                var from = DayStart(day).AddHours(s.ShiftStartHour);
                if (from < d.Out.AddHours(12) && from.AddHours(8) > d.In && Free(s.Index, day)) candidates.Add((s.Index, day, from, from.AddHours(8)));
            }
        if (candidates.Count == 0) return false;
        var (u, dd, start, _) = candidates[rng.Next(candidates.Count)];
        if (!browsed.Add((d.CustodyRecord, u))) return false;
        var user = _users[u];
        var ws = Workstation(u);
        var events = new List<AccessEvent>();
        for (var i = 0; i < 3 + rng.Next(6); i++) events.Add(new(start.AddSeconds(rng.Next(8 * 3600)), user.Id, "custody", "view", "custody", d.CustodyRecord, PersonId(d.Person), ws, null));
        events.Add(new(start.AddSeconds(rng.Next(8 * 3600)), user.Id, "pnc", "search", "person", null, PersonId(d.Person), ws, null));
        if (rng.NextDouble() < 0.5) events.Add(new(start.AddSeconds(rng.Next(8 * 3600)), user.Id, "cris", "view", "crime", d.CrimeRecord, PersonId(d.Person), ws, null));
        var print = rng.NextDouble() < 0.3;
        if (print) events.Add(new(start.AddSeconds(rng.Next(8 * 3600)), user.Id, "custody", "print", "custody", d.CustodyRecord, PersonId(d.Person), ws, null));
        events.Sort((a, b) => a.Time.CompareTo(b.Time));
        AddPlant(u, dd, new Plant(print ? MisuseRuleIds.SensitivePrintExport : MisuseRuleIds.SensitiveSubject, events, Misuse: true), OperationalForms[2], $"FD-{d.CustodyRecord}-{u:D6}");
        return true;
    }

    /// <summary>
    /// A colleague arrested or investigated: the investigating officer works on it (tasked); one to three of the
    /// colleague's own team look at the crime report and the PNC record out of curiosity (associated person: the
    /// relationship, not the record, is what makes it misuse).
    /// </summary>
    private bool ColleagueUnderInvestigation(int day, Rng rng)
    {
        var unit = _users[rng.Next(_users.Length)].Unit;
        var team = _users.Where(x => x.Unit == unit).Select(x => x.Index).Where(x => Free(x, day)).ToList();
        var cids = _users.Where(x => x.Role == Cid && x.Unit != unit).ToList();
        if (team.Count < 4 || cids.Count == 0) return false;
        var colleague = NonFlagged(rng);
        var record = $"CR{colleague:D8}9";
        var investigator = cids[rng.Next(cids.Count)];
        var reason = $"PS{day:D3}{colleague:D8}";
        _assignments.Add(new AssignmentReference(investigator.Id, reason, "crime", record, PersonId(colleague), DayStart(day).AddDays(-1), DayStart(day).AddDays(30)));
        AddPlant(investigator.Index, day, new Plant("legitimate",
        [
            new(InShift(investigator.Index, day, rng), investigator.Id, "cris", "update", "crime", record, PersonId(colleague), Workstation(investigator.Index), reason),
            new(InShift(investigator.Index, day, rng), investigator.Id, "pnc", "search", "person", null, PersonId(colleague), Workstation(investigator.Index), null),
        ], Misuse: false));
        var lookers = 1 + rng.Next(3);
        for (var k = 0; k < lookers; k++)
        {
            var u = team[rng.Next(team.Count)];
            team.Remove(u);
            var user = _users[u];
            var t = InShift(u, day, rng);
            var events = new List<AccessEvent> { new(t, user.Id, "cris", "view", "crime", record, PersonId(colleague), Workstation(u), null) };
            if (rng.NextDouble() < 0.5) events.Add(new(t.AddMinutes(1 + rng.Next(15)), user.Id, "pnc", "search", "person", null, PersonId(colleague), Workstation(u), null));
            AddPlant(u, day, new Plant(MisuseRuleIds.AssociatedPerson, events, Misuse: true), OperationalForms[3], $"CI-{day:D3}-{colleague:D8}");
        }
        return true;
    }

    /// <summary>
    /// Someone outside the suite looks at a high-profile arrest, and the arrest is in the papers the next morning
    /// (the Elveden pattern). Everyone in the suite touched the detainee legitimately in the same window.
    /// </summary>
    private bool BeforeALeak(List<Detainee> celebrities, int day, Rng rng)
    {
        var present = celebrities.Where(d => d.In < DayStart(day + 1) && d.Out > DayStart(day)).ToList();
        if (present.Count == 0) return false;
        var d = present[rng.Next(present.Count)];
        var u = rng.Next(_users.Length);
        var user = _users[u];
        if (!Free(u, day) || _suiteOf.TryGetValue(user.Unit, out var s) && s == d.Suite) return false;
        var t = InShift(u, day, rng);
        var ws = Workstation(u);
        var events = new List<AccessEvent> { new(t, user.Id, "pnc", "search", "person", null, PersonId(d.Person), ws, null) };
        events.Add(_roles[user.Role].Work.Any(w => w.System == "custody")
            ? new(t.AddMinutes(1 + rng.Next(10)), user.Id, "custody", "view", "custody", d.CustodyRecord, PersonId(d.Person), ws, null)
            : new(t.AddMinutes(1 + rng.Next(10)), user.Id, "cris", "view", "crime", d.CrimeRecord, PersonId(d.Person), ws, null));
        _leaks.Add(new LeakReference($"LEAK-OP-{day:D3}-{u:D6}", d.CrimeRecord, PersonId(d.Person), DayStart(day + 1).AddHours(7), 14));
        AddPlant(u, day, new Plant(MisuseRuleIds.PreLeakAccess, events, Misuse: true), OperationalForms[4], $"BL-{day:D3}-{u:D6}");
        return true;
    }
}
