using System.Globalization;
using Probity.AccessMonitoring.Detection;

namespace Probity.AccessMonitoring.Simulation;

/// <summary>How big a simulated force is, how busy, and how much misuse to plant.</summary>
internal sealed record AccessSimulationOptions(int Seed, DateOnly FirstDay, int Days, int Users, double EventsPerUserPerDay)
{
    public int Persons { get; init; }
    /// <summary>Incidents of each kind planted per day (after the warm-up days).</summary>
    public int PlantedPerKindPerDay { get; init; } = 1;
    /// <summary>Days at the start with no planted misuse, so baselines can form.</summary>
    public int WarmUpDays { get; init; }
    /// <summary>Chance per access that legitimate work touches a flagged person without recording an assignment (the honest noise).</summary>
    public double UnassignedSensitiveNoise { get; init; } = 2e-6;
    /// <summary>Real staff to simulate (the demo force); otherwise synthetic staff in synthetic units.</summary>
    public IReadOnlyList<StaffReference>? Staff { get; init; }
    /// <summary>How many synthetic staff each role gets, as weights in the order of the roles (response, cid, custody, intel, neighbourhood, traffic, control_room).</summary>
    public IReadOnlyList<double>? RoleMix { get; init; }
    /// <summary>
    /// Per role, in the same order: the chance that one access of the role's routine work (no task, no reason) is about a
    /// flagged person. Custody and the control room meet flagged people as a matter of course; null gives every role
    /// <see cref="UnassignedSensitiveNoise"/>.
    /// </summary>
    public IReadOnlyList<double>? RoutineFlaggedByRole { get; init; }
    /// <summary>The share of all persons carrying a flag (the flags keep their proportions).</summary>
    public double FlaggedShare { get; init; } = 0.01;
    /// <summary>The share of tasked accesses that give no reason.</summary>
    public double BlankReasonShare { get; init; } = 0.5;
    /// <summary>
    /// The operational world (ADR 0028): custody suites with a daily population, incidents, stops, a front counter,
    /// units' long-running operations and misuse that returns to a person. Null (the default) leaves the generator as it was.
    /// </summary>
    public OperationalOptions? Operational { get; init; }

    public int PersonCount => Persons > 0 ? Persons : Math.Max(200_000, Users * 500);
}

/// <summary>One planted act of misuse: what the detector should find.</summary>
internal sealed record PlantedMisuse(string Kind, string StaffId, DateOnly Day, DateTimeOffset First, DateTimeOffset Last, string Detail)
{
    /// <summary>The one act of misuse this day's accesses belong to, when it returns to the person on other days (operational world); null otherwise.</summary>
    public string? Case { get; init; }
    /// <summary>What form of misuse it is in the operational world (private interest, on behalf of criminals, ...); null otherwise.</summary>
    public string? Form { get; init; }

    /// <summary>
    /// The London date detection reads its first access on, which scoring counts it by. A night shift's misuse after
    /// midnight is the next day's to find: a shift begun on the last scored day must not count misuse the scored days
    /// never read.
    /// </summary>
    public DateOnly DetectedOn => DateOnly.FromDateTime(LondonTime.ToLocal(First).DateTime);
}

/// <summary>
/// A generator of realistic audit-log streams for a force: staff in units whose roles use different systems, working
/// shifts (some at night), mostly on assigned tasks (with or without giving the reason), partly on their unit's routine
/// work, with a little honest noise; and misuse of every kind the detector knows, planted and labelled.
/// Deterministic: the same options give the same events, day by day and user by user, so it can be streamed in chunks.
/// </summary>
internal sealed partial class AccessSimulation
{
    private readonly AccessSimulationOptions _o;
    private readonly Role[] _roles;
    private readonly User[] _users;
    private readonly List<PlantedMisuse> _planted = [];
    private readonly Dictionary<(int User, int Day), List<Plant>> _plants = [];
    private readonly List<AssignmentReference> _assignments = [];
    private readonly List<AssociationReference> _associations = [];
    private readonly List<PersonReference> _flagged = [];
    private readonly List<LeakReference> _leaks = [];
    private readonly Dictionary<int, string> _flagOf = [];
    private readonly Dictionary<int, List<int>> _associates = [];

    public AccessSimulation(AccessSimulationOptions options)
    {
        _o = options;
        // The front counter is appended only to the operational world: the other worlds keep seven roles, so their units
        // and the demo force's hash of a unit to a role are unchanged.
        _roles = options.Operational is null ? Role.All : [.. Role.All, Role.FrontCounter];
        if (options.RoleMix is { } mix && mix.Count > _roles.Length)
            throw new ArgumentException($"RoleMix has {mix.Count} weights but the world has {_roles.Length} roles (the front counter, the eighth, is the operational world's).", nameof(options));
        var rng = new Rng(options.Seed, 1, 0);
        _users = BuildUsers(rng);
        BuildPersons(rng);
        BuildAssociations(rng);
        for (var day = 0; day < options.Days; day++)
            for (var u = 0; u < _users.Length; u++)
                foreach (var task in Tasks(u, day))
                    _assignments.Add(new AssignmentReference(_users[u].Id, task.Reason, task.RecordType, task.RecordId, task.Subject is int s ? PersonId(s) : null, task.From, task.To));
        PlantMisuse();
        if (options.Operational is not null) BuildOperations(options.Operational);
    }

    public ReferenceData Reference => new(
        _users.Select(u => new StaffReference(u.Id, u.Unit, u.PeerGroup)).ToList(), _flagged, _associations, _assignments, _leaks);

    public IReadOnlyList<PlantedMisuse> Planted => _planted;
    public int UserCount => _users.Length;
    public AccessSimulationOptions Options => _o;

    // ---------------------------------------------------------------- the force

    private sealed record Role(string Name, (string System, string RecordType, string Action, double Weight)[] Work, double NightShare)
    {
        public static readonly Role[] All =
        [
            new("response", [("cad", "incident", "view", 35), ("pnc", "person", "search", 20), ("pnc", "vehicle", "search", 15), ("cris", "crime", "view", 20), ("stops", "person", "create", 10)], 0.3),
            new("cid", [("cris", "crime", "view", 45), ("cris", "crime", "update", 10), ("pnc", "person", "search", 20), ("custody", "custody", "view", 15), ("crimint", "intelligence", "view", 10)], 0.1),
            new("custody", [("custody", "custody", "view", 55), ("custody", "custody", "update", 20), ("pnc", "person", "search", 25)], 0.35),
            new("intel", [("crimint", "intelligence", "view", 50), ("crimint", "intelligence", "search", 20), ("pnc", "person", "search", 15), ("cris", "crime", "view", 15)], 0.05),
            new("neighbourhood", [("cad", "incident", "view", 30), ("cris", "crime", "view", 30), ("stops", "person", "view", 15), ("pnc", "person", "search", 25)], 0.05),
            new("traffic", [("pnc", "vehicle", "search", 55), ("cad", "incident", "view", 35), ("pnc", "person", "search", 10)], 0.2),
            new("control_room", [("cad", "incident", "view", 70), ("cad", "incident", "update", 20), ("pnc", "person", "search", 10)], 0.3),
        ];

        /// <summary>The front counter (operational world only, index 7): walk-in reports, bail signing, lost property; days only.</summary>
        public static readonly Role FrontCounter =
            new("front_counter", [("cad", "incident", "create", 25), ("cad", "incident", "view", 20), ("pnc", "person", "search", 35), ("cris", "crime", "view", 20)], 0.0);
    }

    private sealed record User(int Index, string Id, string Unit, int Role, string PeerGroup, double Rate, int ShiftStartHour);

    private User[] BuildUsers(Rng rng)
    {
        var users = new User[_o.Staff?.Count ?? _o.Users];
        var unitsPerRole = Math.Max(1, users.Length / (_roles.Length * 60));
        var unitRoles = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < users.Length; i++)
        {
            string id, unit;
            int role;
            if (_o.Staff is { } staff)
            {
                id = staff[i].StaffId;
                unit = staff[i].UnitId ?? "none";
                if (!unitRoles.TryGetValue(unit, out role)) unitRoles[unit] = role = (int)(Hash(unit) % (ulong)_roles.Length);
            }
            else
            {
                role = rng.Weighted(_o.RoleMix is { } mix ? [.. mix] : [22, 14, 6, 6, 26, 8, 18]);
                unit = $"U{role:D1}{rng.Next(unitsPerRole):D3}";
                id = $"S{i + 1:D6}";
            }
            var night = rng.NextDouble() < _roles[role].NightShare;
            var shift = night ? 22 : rng.NextDouble() < 0.55 ? 7 : 14;
            // Individual busyness varies (lognormal): some people are on the systems all day.
            var rate = _o.EventsPerUserPerDay * Math.Exp(0.45 * rng.NextGaussian() - 0.1);
            users[i] = new User(i, id, unit, role, _o.Staff?[i].PeerGroup ?? _roles[role].Name, rate, shift);
        }
        return users;
    }

    private void BuildPersons(Rng rng)
    {
        var n = _o.PersonCount;
        var flags = new (string Flag, double Share)[] { ("ocn_nominal", 0.006), ("protected", 0.002), ("high_profile", 0.001), ("journalist", 0.0005), ("vip", 0.0005) };
        var count = (int)(n * _o.FlaggedShare);
        for (var k = 0; k < count; k++)
        {
            var person = rng.Next(n);
            if (_flagOf.ContainsKey(person)) continue;
            var roll = rng.NextDouble() * flags.Sum(f => f.Share);
            var flag = flags[^1].Flag;
            foreach (var (f, share) in flags)
            {
                if (roll < share) { flag = f; break; }
                roll -= share;
            }
            _flagOf[person] = flag;
            _flagged.Add(new PersonReference(PersonId(person), [flag]));
        }
    }

    private void BuildAssociations(Rng rng)
    {
        var relations = new[] { "family", "partner", "former_partner", "friend", "neighbour", "business", "same_address" };
        var sources = new[] { "declared", "vetting", "vetting", "declared", "intelligence" };
        foreach (var user in _users)
        {
            var count = rng.Next(4);
            var list = new List<int>();
            for (var k = 0; k < count; k++)
            {
                var person = rng.Next(_o.PersonCount);
                if (_flagOf.ContainsKey(person)) continue;
                list.Add(person);
                _associations.Add(new AssociationReference(user.Id, PersonId(person), relations[rng.Next(relations.Length)], sources[rng.Next(sources.Length)], null, null));
            }
            _associates[user.Index] = list;
        }
    }

    // ---------------------------------------------------------------- tasks (the legitimate business reasons)

    private sealed record Task_(string Reason, string? RecordType, string? RecordId, int? Subject, DateTimeOffset From, DateTimeOffset To);

    /// <summary>The tasks a user is working on a day: allocated that day, open for a week. Deterministic per (user, day).</summary>
    private List<Task_> Tasks(int user, int day)
    {
        var rng = new Rng(_o.Seed, 2, ((ulong)(uint)user << 20) | (uint)day);
        var start = DayStart(day);
        var list = new List<Task_>();
        var count = 1 + rng.Next(4);
        for (var k = 0; k < count; k++)
        {
            var reason = $"T{user:X5}{day:X3}{k}";
            var person = rng.Next(_o.PersonCount);
            // Some work on flagged people is tasked (intelligence, organised crime): that is why flags alone do not alert.
            if (_users[user].Role is 1 or 3 && rng.NextDouble() < 0.15 && _flagged.Count > 0) person = ParsePerson(_flagged[rng.Next(_flagged.Count)].PersonId);
            var incident = rng.NextDouble() < 0.25;
            list.Add(incident
                ? new Task_(reason, "incident", $"INC{person:D8}", null, start.AddHours(-rng.Next(48)), start.AddDays(7))
                : new Task_(reason, null, null, person, start.AddHours(-rng.Next(48)), start.AddDays(7)));
        }
        return list;
    }

    private DateTimeOffset DayStart(int day) => LondonTime.StartOfDay(_o.FirstDay.AddDays(day));

    public static string PersonId(int person) => "P" + person.ToString("D8", CultureInfo.InvariantCulture);
    private static int ParsePerson(string id) => int.Parse(id.AsSpan(1), CultureInfo.InvariantCulture);

    private static string RecordId(string recordType, int person, int k) => recordType switch
    {
        "crime" => $"CR{person:D8}{k}",
        "intelligence" => $"IN{person:D8}{k}",
        "custody" => $"CU{person:D8}{k}",
        "vehicle" => $"VE{person:D8}{k}",
        "incident" => $"INC{person:D8}",
        _ => $"PE{person:D8}",
    };

    private static ulong Hash(string s)
    {
        ulong h = 14695981039346656037;
        foreach (var c in s) h = (h ^ c) * 1099511628211;
        return h;
    }
}
