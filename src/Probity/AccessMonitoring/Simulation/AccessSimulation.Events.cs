using System.Globalization;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring.Simulation;

internal sealed partial class AccessSimulation
{
    public static readonly IReadOnlyList<string> Kinds =
    [
        MisuseRuleIds.AssociatedPerson, MisuseRuleIds.SensitiveSubject, MisuseRuleIds.SensitivePrintExport, MisuseRuleIds.VolumeSpike,
        MisuseRuleIds.BreadthSpike, MisuseRuleIds.FirstTimeSystem, MisuseRuleIds.OutOfHoursSearch, MisuseRuleIds.PreLeakAccess,
    ];

    private sealed record Plant(string Kind, List<AccessEvent> Events, bool Misuse);

    /// <summary>Every access of one day, user by user (a user's accesses in time order), for users [from, to).</summary>
    public IEnumerable<AccessEvent> Events(int day, int fromUser = 0, int toUser = int.MaxValue)
    {
        for (var u = fromUser; u < Math.Min(toUser, _users.Length); u++)
        {
            var list = UserDay(u, day);
            if (_plants.TryGetValue((u, day), out var plants))
            {
                foreach (var plant in plants) list.AddRange(plant.Events);
                list.Sort((a, b) => a.Time.CompareTo(b.Time));
            }
            foreach (var e in list) yield return e;
        }
    }

    /// <summary>Writes one day (or a slice of its users) as access_events.csv.</summary>
    public long WriteCsv(TextWriter writer, int day, int fromUser = 0, int toUser = int.MaxValue)
    {
        writer.Write("event_time,staff_id,system,action,record_type,record_id,subject_person_id,workstation_id,reason_ref\n");
        long count = 0;
        Span<char> time = stackalloc char[20];
        foreach (var e in Events(day, fromUser, toUser))
        {
            e.Time.UtcDateTime.TryFormat(time, out var written, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            writer.Write(time[..written]);
            writer.Write(',');
            writer.Write(e.StaffId);
            writer.Write(',');
            writer.Write(e.System);
            writer.Write(',');
            writer.Write(e.Action);
            writer.Write(',');
            writer.Write(e.RecordType);
            writer.Write(',');
            writer.Write(e.RecordId);
            writer.Write(',');
            writer.Write(e.SubjectPersonId);
            writer.Write(',');
            writer.Write(e.WorkstationId);
            writer.Write(',');
            writer.Write(e.ReasonRef);
            writer.Write('\n');
            count++;
        }
        return count;
    }

    private List<AccessEvent> UserDay(int u, int day)
    {
        var user = _users[u];
        var role = _roles[user.Role];
        var rng = new Rng(_o.Seed, 3, ((ulong)(uint)u << 20) | (uint)day);
        var n = Math.Max(0, (int)Math.Round(user.Rate + Math.Sqrt(user.Rate) * rng.NextGaussian()));
        var tasks = Tasks(u, day);
        if (day > 0) tasks.AddRange(Tasks(u, day - 1));
        var shiftStart = DayStart(day).AddHours(user.ShiftStartHour);
        var workstation = "WS" + (u % 5000).ToString("D4", CultureInfo.InvariantCulture);
        var list = new List<AccessEvent>(n + 8);
        var weights = role.Work.Select(w => w.Weight).ToArray();
        var ops = _o.Operational is null ? null : OperationalDay(u, day, shiftStart);
        for (var i = 0; i < n; i++)
        {
            var time = shiftStart.AddSeconds(rng.Next(8 * 3600));
            var work = role.Work[rng.Weighted(weights)];
            var roll = rng.NextDouble();
            if (roll < 0.6)
            {
                // Tasked work, giving the reason about half the time the system asks.
                var task = tasks[rng.Next(tasks.Count)];
                var reason = rng.NextDouble() >= _o.BlankReasonShare ? task.Reason : null;
                if (task.Subject is int subject)
                {
                    var action = work.Action == "view" && rng.NextDouble() < 0.02 ? "print" : work.Action;
                    list.Add(Access(time, user, work.System, action, work.RecordType, subject, rng.Next(3), workstation, reason));
                }
                else
                    list.Add(new AccessEvent(time, user.Id, "cad", "view", task.RecordType, task.RecordId, null, workstation, reason));
            }
            else if (roll < 0.995)
            {
                if (ops is not null && OperationalRoutine(ops, user, work, time, rng, list, workstation)) continue;
                // The unit's routine work on whoever comes up; a flagged person only as rare, honest noise.
                int person;
                if (_o.RoutineFlaggedByRole is { } byRole)
                    // The role's own rate: custody meets flagged detainees far more often than a flagged share of the population.
                    person = rng.NextDouble() < (user.Role < byRole.Count ? byRole[user.Role] : 0) && _flagged.Count > 0 ? ParsePerson(_flagged[rng.Next(_flagged.Count)].PersonId) : NonFlagged(rng);
                else
                {
                    person = rng.Next(_o.PersonCount);
                    var keepFlagged = _o.UnassignedSensitiveNoise * _o.PersonCount / Math.Max(1, _flagged.Count);
                    while (_flagOf.ContainsKey(person) && rng.NextDouble() >= keepFlagged) person = rng.Next(_o.PersonCount);
                }
                var action = work.Action == "view" && work.RecordType != "intelligence" && rng.NextDouble() < 0.005 ? "print" : work.Action;
                list.Add(Access(time, user, work.System, action, work.RecordType, person, rng.Next(3), workstation, null));
            }
            else
            {
                // Now and then, something outside the role's usual systems (a colleague's request, a one-off check);
                // never intelligence or custody records, which are access-controlled.
                var other = OneOffWork[rng.Next(OneOffWork.Length)];
                list.Add(Access(time, user, other.System, other.Action == "search" ? "search" : "view", other.RecordType, NonFlagged(rng), rng.Next(3), workstation, null));
            }
        }
        if (ops is not null) OperationalShiftEnds(ops, user, rng, list, workstation);
        list.Sort((a, b) => a.Time.CompareTo(b.Time));
        return list;
    }

    private static readonly (string System, string RecordType, string Action, double Weight)[] OneOffWork =
        Role.All.SelectMany(r => r.Work).Where(w => w.RecordType is not ("intelligence" or "custody")).DistinctBy(w => (w.System, w.RecordType)).ToArray();

    private int NonFlagged(Rng rng)
    {
        var person = rng.Next(_o.PersonCount);
        while (_flagOf.ContainsKey(person)) person = rng.Next(_o.PersonCount);
        return person;
    }

    private static AccessEvent Access(DateTimeOffset time, User user, string system, string action, string recordType, int person, int k, string workstation, string? reason) =>
        action == "search"
            ? new AccessEvent(time, user.Id, system, action, recordType, null, PersonId(person), workstation, reason)
            : new AccessEvent(time, user.Id, system, action, recordType, RecordId(recordType, person, k), recordType == "incident" ? null : PersonId(person), workstation, reason);

    // ---------------------------------------------------------------- planted misuse

    private void PlantMisuse()
    {
        var rng = new Rng(_o.Seed, 4, 0);
        for (var day = _o.WarmUpDays; day < _o.Days; day++)
        {
            var used = new HashSet<int>();
            foreach (var kind in Kinds)
                for (var k = 0; k < _o.PlantedPerKindPerDay; k++)
                {
                    for (var attempt = 0; attempt < 50; attempt++)
                    {
                        var u = rng.Next(_users.Length);
                        if (used.Contains(u)) continue;
                        var plant = MakePlant(kind, u, day, rng);
                        if (plant is null) continue;
                        used.Add(u);
                        AddPlant(u, day, plant);
                        break;
                    }
                }
        }
    }

    private void AddPlant(int u, int day, Plant plant, string? form = null, string? incident = null)
    {
        if (!_plants.TryGetValue((u, day), out var list)) _plants[(u, day)] = list = [];
        list.Add(plant);
        if (plant.Misuse && plant.Events.Count > 0)
            _planted.Add(new PlantedMisuse(plant.Kind, _users[u].Id, _o.FirstDay.AddDays(day), plant.Events.Min(e => e.Time), plant.Events.Max(e => e.Time),
                plant.Events[0].SubjectPersonId ?? plant.Events[0].RecordId ?? "") { Form = form, Case = incident });
    }

    private Plant? MakePlant(string kind, int u, int day, Rng rng)
    {
        var user = _users[u];
        var role = _roles[user.Role];
        var shiftStart = DayStart(day).AddHours(user.ShiftStartHour);
        DateTimeOffset During() => shiftStart.AddSeconds(rng.Next(8 * 3600));
        var ws = "WS" + (u % 5000).ToString("D4", CultureInfo.InvariantCulture);
        var events = new List<AccessEvent>();
        switch (kind)
        {
            case MisuseRuleIds.AssociatedPerson:
            {
                if (_associates[u].Count == 0) return null;
                var person = _associates[u][rng.Next(_associates[u].Count)];
                for (var i = 0; i < 1 + rng.Next(4); i++)
                    events.Add(Access(During(), user, i % 2 == 0 ? "pnc" : "cris", i % 2 == 0 ? "search" : "view", i % 2 == 0 ? "person" : "crime", person, 0, ws, null));
                break;
            }
            case MisuseRuleIds.SensitiveSubject:
            {
                var person = ParsePerson(_flagged[rng.Next(_flagged.Count)].PersonId);
                for (var i = 0; i < 1 + rng.Next(3); i++) events.Add(Access(During(), user, "pnc", "search", "person", person, 0, ws, null));
                break;
            }
            case MisuseRuleIds.SensitivePrintExport:
            {
                var person = ParsePerson(_flagged[rng.Next(_flagged.Count)].PersonId);
                var t = During();
                events.Add(Access(t, user, "crimint", "view", "intelligence", person, 1, ws, null));
                events.Add(Access(t.AddMinutes(2), user, "crimint", rng.NextDouble() < 0.5 ? "print" : "export", "intelligence", person, 1, ws, null));
                break;
            }
            case MisuseRuleIds.VolumeSpike:
            {
                var extra = (int)(user.Rate * (7 + rng.Next(5)));
                var weights = role.Work.Select(w => w.Weight).ToArray();
                var few = Enumerable.Range(0, 12).Select(_ => NonFlagged(rng)).ToArray();
                for (var i = 0; i < extra; i++)
                {
                    var work = role.Work[rng.Weighted(weights)];
                    // The same handful of records over and over: volume, not breadth.
                    events.Add(Access(During(), user, work.System, work.Action, work.RecordType, few[rng.Next(few.Length)], rng.Next(3), ws, null));
                }
                break;
            }
            case MisuseRuleIds.BreadthSpike:
            {
                var extra = (int)(user.Rate * 0.45 * (7 + rng.Next(5))) + 60;
                for (var i = 0; i < extra; i++) events.Add(Access(During(), user, "pnc", "search", "person", NonFlagged(rng), 0, ws, null));
                break;
            }
            case MisuseRuleIds.FirstTimeSystem:
            {
                var (system, recordType) = user.Role == 3 ? ("custody", "custody") : ("crimint", "intelligence");
                if (role.Work.Any(w => w.System == system && w.RecordType == recordType)) return null;
                for (var i = 0; i < 5 + rng.Next(10); i++) events.Add(Access(During(), user, system, "view", recordType, NonFlagged(rng), 0, ws, null));
                break;
            }
            case MisuseRuleIds.OutOfHoursSearch:
            {
                if (user.ShiftStartHour == 22) return null;
                var night = DayStart(day).AddHours(rng.Next(4));
                for (var i = 0; i < 40 + rng.Next(80); i++) events.Add(Access(night.AddSeconds(rng.Next(3 * 3600)), user, "pnc", "search", "person", NonFlagged(rng), 0, ws, null));
                break;
            }
            case MisuseRuleIds.PreLeakAccess:
            {
                // A record several colleagues work on legitimately; one more, with no task, looks at it and it leaks the next day.
                var person = NonFlagged(rng);
                var record = RecordId("crime", person, 0);
                for (var c = 0; c < 3; c++)
                {
                    var colleague = rng.Next(_users.Length);
                    if (colleague == u) continue;
                    var reason = $"L{day:X3}{u:X5}{c}";
                    var start = DayStart(day);
                    _assignments.Add(new AssignmentReference(_users[colleague].Id, reason, "crime", record, PersonId(person), start.AddDays(-3), start.AddDays(5)));
                    var cws = "WS" + (colleague % 5000).ToString("D4", CultureInfo.InvariantCulture);
                    AddPlant(colleague, day, new Plant("legitimate", [new AccessEvent(start.AddHours(_users[colleague].ShiftStartHour + 1), _users[colleague].Id, "cris", "view", "crime", record, PersonId(person), cws, reason)], Misuse: false));
                }
                var when = During();
                events.Add(new AccessEvent(when, user.Id, "cris", "view", "crime", record, PersonId(person), ws, null));
                _leaks.Add(new LeakReference($"LEAK-{day:D3}-{u:D6}", record, null, DayStart(day + 1).AddHours(10), 14));
                break;
            }
            default:
                return null;
        }
        return new Plant(kind, events, Misuse: true);
    }

    // ---------------------------------------------------------------- scoring against the plants

    private static List<PlantedMisuse> Matching(IEnumerable<PlantedMisuse> planted, string staffId, DateTimeOffset first, DateTimeOffset last) =>
        planted.Where(p => p.StaffId == staffId && p.First <= last.AddHours(1) && first <= p.Last.AddHours(1)).ToList();

    /// <summary>The planted misuse on days [fromDay, toDay] an alert about this person and time matches.</summary>
    public List<PlantedMisuse> Matches(string staffId, DateTimeOffset first, DateTimeOffset last, int fromDay, int toDay) =>
        Matching(PlantedByStaff[staffId].Where(p => DayOf(p) >= fromDay && DayOf(p) <= toDay), staffId, first, last);

    /// <summary>The day of the window a planted misuse is counted on (0 is the first): the day detection reads it.</summary>
    public int DayOf(PlantedMisuse p) => p.DetectedOn.DayNumber - _o.FirstDay.DayNumber;

    private ILookup<string, PlantedMisuse> PlantedByStaff => _plantedLookup ??= _planted.ToLookup(p => p.StaffId, StringComparer.Ordinal);
    private ILookup<string, PlantedMisuse>? _plantedLookup;

    /// <summary>How well a set of alerts finds the planted misuse: recall per kind and false alerts per 1,000 users per day.</summary>
    public DetectionQuality Score(IEnumerable<(string StaffId, string Rule, DateTimeOffset First, DateTimeOffset Last)> alerts, int fromDay, int toDay)
    {
        var planted = _planted.Where(p => DayOf(p) >= fromDay && DayOf(p) <= toDay).ToList();
        var found = new HashSet<PlantedMisuse>();
        var falseAlerts = 0;
        var falseByRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var alert in alerts)
        {
            total++;
            var matches = Matching(planted, alert.StaffId, alert.First, alert.Last);
            if (matches.Count == 0)
            {
                falseAlerts++;
                falseByRule[alert.Rule] = falseByRule.GetValueOrDefault(alert.Rule) + 1;
            }
            foreach (var m in matches) found.Add(m);
        }
        var days = toDay - fromDay + 1;
        var perKind = Kinds.ToDictionary(k => k, k => (Planted: planted.Count(p => p.Kind == k), Found: found.Count(p => p.Kind == k)));
        return new DetectionQuality(planted.Count, found.Count, total, falseAlerts, _users.Length, days, perKind) { FalseAlertsByRule = falseByRule };
    }
}

internal static class QueueQuality
{
    /// <summary>
    /// The queue worked in score order, as an audit team works it: the share of the planted misuse found before the false
    /// alerts passed <paramref name="falsePerThousandUserDays"/> per 1,000 user-days (ties in score are taken together,
    /// so an order within a tie cannot flatter the figure).
    /// </summary>
    public static (double Recall, int Found, int Planted, int FalseAllowed, double ScoreReached) RecallAt(
        this AccessSimulation simulation, IReadOnlyList<(string StaffId, string Rule, DateTimeOffset First, DateTimeOffset Last, double Score)> alerts,
        int fromDay, int toDay, double falsePerThousandUserDays)
    {
        var allowed = (int)Math.Floor(falsePerThousandUserDays * simulation.UserCount * (toDay - fromDay + 1) / 1000.0);
        var found = new HashSet<PlantedMisuse>();
        var falseSoFar = 0;
        var reached = 100.0;
        foreach (var tie in alerts.GroupBy(a => a.Score).OrderByDescending(g => g.Key))
        {
            var matched = tie.Select(a => simulation.Matches(a.StaffId, a.First, a.Last, fromDay, toDay)).ToList();
            var falseHere = matched.Count(m => m.Count == 0);
            if (falseSoFar + falseHere > allowed) break;
            falseSoFar += falseHere;
            foreach (var m in matched.SelectMany(x => x)) found.Add(m);
            reached = tie.Key;
        }
        var planted = simulation.Planted.Count(p => simulation.DayOf(p) >= fromDay && simulation.DayOf(p) <= toDay);
        return (planted == 0 ? 1 : (double)found.Count / planted, found.Count, planted, allowed, reached);
    }
}

internal sealed record DetectionQuality(int Planted, int Found, int Alerts, int FalseAlerts, int Users, int Days, IReadOnlyDictionary<string, (int Planted, int Found)> PerKind)
{
    /// <summary>Alerts matching no planted misuse, by the rule that raised them.</summary>
    public IReadOnlyDictionary<string, int> FalseAlertsByRule { get; init; } = new Dictionary<string, int>();

    public double Recall => Planted == 0 ? 1 : (double)Found / Planted;
    public double FalseAlertsPerThousandUsersPerDay => Users == 0 || Days == 0 ? 0 : FalseAlerts * 1000.0 / Users / Days;
}

/// <summary>SplitMix64: fast, deterministic per stream, good enough for simulation.</summary>
internal sealed class Rng(int seed, int stream, ulong key)
{
    private ulong _state = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)stream << 56) ^ (key * 0xBF58476D1CE4E5B9UL) ^ 0x94D049BB133111EBUL;

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public int Next(int max) => (int)(NextULong() % (ulong)max);
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public int Weighted(double[] weights)
    {
        var roll = NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }
}
