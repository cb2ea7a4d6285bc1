using System.Globalization;
using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring.Detection;

/// <summary>
/// Puts every rule's findings on one scale: how seldom routine work in the same role gives a finding at least this strong
/// on a user-day (<c>routine_p</c>), counted over the role group's user-days in the same detection window, so it works
/// from the first day with no history. A custody officer touching a flagged detainee with no tasking is routine for
/// custody (many custody user-days give it) and scores low; the same from a neighbourhood officer scores high. When
/// another rule fires for the same person on the same day, the two rarities join (a print, a link, a leak, out of hours):
/// that is how a routine touch becomes worth reading.
/// </summary>
internal static class RoutineRarity
{
    /// <summary>No finding is rarer than once in this many user-days: the window's own size limits what it can tell.</summary>
    private const double Floor = 1e-6;

    /// <summary>A person this many others of the user's unit at least had recorded work on in the window is the unit's shared work.</summary>
    internal const int SharedByColleagues = 2;

    /// <param name="outOfHours">The rules' night hours (a look made in them is joined by the night's bulk searching).</param>
    public static IReadOnlyList<MisuseSignal> Rate(IReadOnlyList<MisuseSignal> signals, IReadOnlyList<DetectionSignals.UserDay> userDays, OutOfHours? outOfHours = null)
    {
        var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in userDays) groupOf.TryAdd(d.StaffId, d.PeerGroup);
        var groupDays = userDays.GroupBy(d => d.PeerGroup, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var forceDays = userDays.Count;
        string Group(string staff) => groupOf.GetValueOrDefault(staff) ?? "";

        // Browsing flagged people: how many different flagged people the user met without explanation that day.
        var flaggedThatDay = signals.Where(s => s.Rule == MisuseRuleIds.SensitiveSubject)
            .GroupBy(s => (s.StaffId, Day(s))).ToDictionary(g => g.Key, g => g.Count());
        double Strength(MisuseSignal s) => s.Rule switch
        {
            MisuseRuleIds.VolumeSpike or MisuseRuleIds.BreadthSpike or MisuseRuleIds.OutOfHoursSearch => s.Measures.GetValueOrDefault("peer_z"),
            MisuseRuleIds.SensitiveSubject => flaggedThatDay[(s.StaffId, Day(s))] + s.EventCount / 1000.0,
            _ => s.EventCount,
        };

        // Per rule and role group: the strongest finding of each user-day, to rank a finding among them.
        var strongestDays = signals.GroupBy(s => (s.Rule, Group(s.StaffId), s.StaffId, Day(s)))
            .Select(g => (g.Key.Rule, Group: g.Key.Item2, g.Key.StaffId, Strength: g.Max(Strength))).ToList();
        var strongest = strongestDays.ToLookup(x => (x.Rule, x.Group));
        var strongestInForce = strongestDays.ToLookup(x => x.Rule);

        // A leak's pool: everyone who touched the leaked record or person in its window with nothing covering it. When a
        // famous detainee's arrest leaks, a whole custody suite and the arresting team are in it; at most one of them is
        // the leaker, so each one's finding is worth the pool's share of it (the rank, taken once for each of them).
        var leakPool = signals.Where(s => s.Rule == MisuseRuleIds.PreLeakAccess).GroupBy(s => s.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => s.StaffId).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var routine = new FlaggedRoutine(signals, userDays, Group);
        var spikes = new PeerTail(userDays);
        var firstUses = new FirstUseRate(signals, Group);
        var rated = signals.Select(s =>
        {
            var group = Group(s.StaffId);
            var days = groupDays.GetValueOrDefault(group);
            double p;
            if (FlaggedRoutine.Applies(s)) p = routine.Rarity(s);
            else if (PeerTail.Applies(s)) p = spikes.Rarity(s, group, days);
            else if (FirstUseRate.Applies(s)) p = firstUses.Rarity(s, group, days);
            else
            {
                var strength = Strength(s);
                // Other people's user-days in the role with a finding at least as strong, over the role's user-days (+1 each
                // side: this finding's own day is one of them, and a finding nobody else gave is not taken as impossible).
                var asStrong = strongest[(s.Rule, group)].Count(x => x.StaffId != s.StaffId && x.Strength >= strength);
                p = (asStrong + 1.0) / (days + 1.0);
                // Nobody else in the role gave it: the role's days can only say "rarer than once in them", which caps a
                // small role (twenty people over a week) at one in a hundred and ranks a look at one's own partner below
                // busy days of routine flagged contact. The whole force's user-days say how much rarer (never less rare
                // than the role's bound): one level up, as a role with nobody in it would be read.
                if (asStrong == 0 && forceDays > days)
                {
                    var inForce = strongestInForce[s.Rule].Count(x => x.StaffId != s.StaffId && x.Strength >= strength);
                    p = Math.Min(p, (inForce + 1.0) / (forceDays + 1.0));
                }
                if (s.Rule == MisuseRuleIds.PreLeakAccess) p = Math.Min(1, p * leakPool.GetValueOrDefault(s.Key, 1));
            }
            p = Math.Clamp(p, Floor, 1);
            var measures = new Dictionary<string, double>(s.Measures) { ["routine_p"] = p, ["role_user_days"] = days };
            if (s.Rule == MisuseRuleIds.SensitiveSubject) measures["flagged_that_day"] = flaggedThatDay[(s.StaffId, Day(s))];
            if (s.Rule == MisuseRuleIds.PreLeakAccess) measures["leak_pool"] = leakPool.GetValueOrDefault(s.Key, 1);
            var facts = new Dictionary<string, string>(s.Facts) { ["role"] = group };
            return s with { Measures = measures, Facts = facts };
        }).ToList();

        // Another finding joins a look at a person only when it is about that look: the same person printed, exported,
        // linked to the user or leaked, or the look itself made out of hours among a night's bulk searching (the signals
        // issue 12 names). A spike elsewhere in the user's day is its own alert at its own rarity; lending it to each of the
        // day's routine contacts made one night's spree into a dozen false alerts about custody detainees. The rarer of the
        // joining findings multiplies in, counted once for each other rule that joined (so two weak findings do not pass for
        // a strong one); a rule that gave several joining findings offers its rarest as the least of that many draws
        // (Šidák), not as if it were the only one.
        var night = outOfHours ?? new OutOfHours(23, 6);
        var byDay = rated.ToLookup(s => (s.StaffId, Day(s)));
        // The nights each night's bulk searching was made in, worked out once, not once for every look of the user's day.
        var sprees = rated.Where(s => s.Rule == MisuseRuleIds.OutOfHoursSearch)
            .ToDictionary<MisuseSignal, MisuseSignal, HashSet<DateOnly>>(s => s, s => Nights(s.Evidence, night), ReferenceEqualityComparer.Instance);
        var joined = rated.Select(s =>
        {
            if (!AboutAPerson(s)) return s;
            var people = People(s);
            var nights = Nights(s.Evidence, night);
            // Two findings the flagged-contact model rated (a print of a flagged person's record, a contact with a flagged
            // person) say the same of the same access: the record's flags and whether the person was the unit's work. One
            // joins the other only through accesses of its own. A leak, a link or a night's spree says something that model
            // does not know, and joins from the same access; so does the flagged contact a rank-rated look before a leak is
            // blind to (an outsider's look, not the suite's detainee).
            var own = FlaggedRoutine.Applies(s) ? s.Evidence.ToHashSet() : null;
            var others = byDay[(s.StaffId, Day(s))]
                .Where(o => o.Rule != s.Rule && (o.Rule == MisuseRuleIds.OutOfHoursSearch ? sprees[o].Overlaps(nights) : AboutAPerson(o) && People(o).Any(people.Contains))
                            && (own is null || !FlaggedRoutine.Applies(o) || o.Evidence.Any(e => !own.Contains(e))))
                .GroupBy(o => o.Rule).Select(g =>
                {
                    var least = g.MinBy(o => o.Measures["routine_p"])!;
                    return (Signal: least, P: LeastOf(least.Measures["routine_p"], g.Count()));
                }).ToList();
            if (others.Count == 0) return s;
            var (rarest, rarestP) = others.MinBy(o => o.P);
            var joined = s.Measures["routine_p"] * Math.Min(1, others.Count * rarestP);
            var measures = new Dictionary<string, double>(s.Measures) { ["routine_p"] = Math.Max(Floor, joined), ["alone_p"] = s.Measures["routine_p"] };
            var facts = new Dictionary<string, string>(s.Facts) { ["joined_by"] = rarest.Rule };
            return s with { Measures = measures, Facts = facts };
        }).ToList();
        return ReachedByOthers(joined, Group);
    }

    /// <summary>
    /// Joined findings multiply their rarities as if independent, which a print and the look at the same detainee are
    /// not; so a joined rarity is checked against what the role's other user-days reached: when k other people's days in
    /// the role came out at least as rare under the same rule, joined or not, this one is no rarer than their share,
    /// (k + 1) / (role user-days + 1). A custody officer's handover print joined by the same detainee's look comes out one
    /// in a few thousand, but so do other custody days that day; a response officer's intelligence print is the only one.
    /// A join never makes a finding less rare than it was alone (printing what one looked at never lowers the look). A
    /// finding alone is already rated against the others (<see cref="FlaggedRoutine"/>, ranks).
    /// </summary>
    private static List<MisuseSignal> ReachedByOthers(List<MisuseSignal> signals, Func<string, string> group)
    {
        static bool Modelled(MisuseSignal s) => s.Measures.ContainsKey("alone_p");
        var reached = signals
            .GroupBy(s => (s.Rule, Group: group(s.StaffId), s.StaffId, Day: Day(s)))
            .Select(g => (g.Key.Rule, g.Key.Group, g.Key.StaffId, P: g.Min(x => x.Measures["routine_p"])))
            .GroupBy(x => (x.Rule, x.Group))
            .ToDictionary(g => g.Key, g => new OthersReached(g.Select(x => (x.StaffId, x.P))));
        return signals.Select(s =>
        {
            if (!Modelled(s)) return s;
            var p = s.Measures["routine_p"];
            var others = reached[(s.Rule, group(s.StaffId))].AtMost(s.StaffId, p);
            if (others == 0) return s;
            var share = (others + 1.0) / (s.Measures.GetValueOrDefault("role_user_days") + 1.0);
            var checkedP = Math.Min(s.Measures["alone_p"], Math.Max(p, share));
            if (checkedP <= p) return s;
            var measures = new Dictionary<string, double>(s.Measures) { ["routine_p"] = checkedP, ["reached_by_others"] = others };
            return s with { Measures = measures };
        }).ToList();
    }

    /// <summary>
    /// What other people's days (or findings) in the role reached, the question every "no rarer than the others" here
    /// asks: the values sorted, all and per person, so each question is two binary searches, never a pass over the role.
    /// </summary>
    private sealed class OthersReached
    {
        private readonly double[] _all;
        private readonly Dictionary<string, double[]> _byStaff;

        public OthersReached(IEnumerable<(string Staff, double Value)> values)
        {
            var list = values.ToList();
            _all = [.. list.Select(v => v.Value).Order()];
            _byStaff = list.GroupBy(v => v.Staff, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(v => v.Value).Order().ToArray(), StringComparer.Ordinal);
        }

        private double[] Own(string staff) => _byStaff.GetValueOrDefault(staff) ?? [];

        /// <summary>Other people's values, however many.</summary>
        public int Others(string staff) => _all.Length - Own(staff).Length;

        /// <summary>Other people's values at most <paramref name="value"/> (as rare as a rarity, or rarer).</summary>
        public int AtMost(string staff, double value) => Below(_all, value, inclusive: true) - Below(Own(staff), value, inclusive: true);

        /// <summary>Other people's values at least <paramref name="value"/> (as many as a count, or more).</summary>
        public int AtLeast(string staff, double value) => Others(staff) - (Below(_all, value, inclusive: false) - Below(Own(staff), value, inclusive: false));

        /// <summary>How many of the sorted values are below <paramref name="value"/> (or equal to it too, when inclusive).</summary>
        private static int Below(double[] sorted, double value, bool inclusive)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (sorted[mid] < value || (inclusive && sorted[mid] == value)) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }

    /// <summary>
    /// How seldom the role's user-days reach a spike this far above peers (volume, breadth, searches out of hours), counted
    /// over every user-day of the role, not only those that fired. Within what the role's other user-days reached, that is
    /// their share at least as strong. Beyond the strongest of them a rank has nothing left to say ("once in the role's
    /// user-days"), while the flagged-person rules' rate model goes on to say how far beyond; so the spike rules go on too,
    /// along the role's own upper tail: exponential from the strongest, at the mean excess of the role's top twentieth over
    /// its lowest member (peaks over a threshold). Without that, a day eleven times the user's own volume scored as one
    /// in a few hundred and sat below a busy day of routine flagged contact.
    /// </summary>
    internal sealed class PeerTail
    {
        /// <summary>The tail's scale never comes out below one robust-z unit (a role whose other days all sit at zero).</summary>
        private const double MinScale = 1.0;

        private readonly Dictionary<(string Rule, string Group), List<(string Staff, double Z)>> _days = [];

        public PeerTail(IReadOnlyList<DetectionSignals.UserDay> userDays)
        {
            foreach (var d in userDays)
            {
                Add(MisuseRuleIds.VolumeSpike, d, DetectionSignals.RobustZ(d.Events, d.PeerMedianEvents, d.PeerMadEvents));
                Add(MisuseRuleIds.BreadthSpike, d, DetectionSignals.RobustZ(d.Subjects, d.PeerMedianSubjects, d.PeerMadSubjects));
                // Night workers' nights are their shift; the role's routine out of hours is its day workers' nights.
                if (d.OutOfHoursEvents < 0.5 * d.Events)
                    Add(MisuseRuleIds.OutOfHoursSearch, d, DetectionSignals.RobustZ(d.OutOfHoursSearches, d.PeerMedianOutOfHours, d.PeerMadOutOfHours));
            }
            foreach (var list in _days.Values) list.Sort((a, b) => b.Z.CompareTo(a.Z));
        }

        private void Add(string rule, DetectionSignals.UserDay d, double z)
        {
            if (!_days.TryGetValue((rule, d.PeerGroup), out var list)) _days[(rule, d.PeerGroup)] = list = [];
            list.Add((d.StaffId, z));
        }

        public static bool Applies(MisuseSignal s) => s.Rule is MisuseRuleIds.VolumeSpike or MisuseRuleIds.BreadthSpike or MisuseRuleIds.OutOfHoursSearch;

        public double Rarity(MisuseSignal s, string group, int days)
        {
            var z = s.Measures.GetValueOrDefault("peer_z");
            var others = (_days.GetValueOrDefault((s.Rule, group)) ?? []).Where(d => d.Staff != s.StaffId).Select(d => d.Z).ToList();
            return Tail(z, others, days);
        }

        /// <param name="othersDescending">The other user-days' strengths, strongest first.</param>
        /// <param name="days">The role's user-days, this one included.</param>
        internal static double Tail(double z, IReadOnlyList<double> othersDescending, int days)
        {
            var n = Math.Max(days, othersDescending.Count + 1);
            var asStrong = othersDescending.TakeWhile(o => o >= z).Count();
            if (asStrong > 0 || othersDescending.Count == 0) return (asStrong + 1.0) / (n + 1.0);
            var top = Math.Clamp(othersDescending.Count / 20, Math.Min(5, othersDescending.Count), othersDescending.Count);
            var threshold = othersDescending[top - 1];
            var scale = Math.Max(MinScale, othersDescending.Take(top).Average(o => o - threshold));
            return 1.0 / (n + 1.0) * Math.Exp(-(z - othersDescending[0]) / scale);
        }
    }

    /// <summary>
    /// The nights (<see cref="OutOfHours.NightOf"/>) a finding's accesses fall in, out of hours only. A look joins a night's
    /// bulk searching when it was made in that same night: a calendar day holds the end of one night and the start of the
    /// next, and a night worker's routine look late on the 10th is not part of a spree in the small hours of the 10th.
    /// </summary>
    private static HashSet<DateOnly> Nights(IEnumerable<AccessEvent> evidence, OutOfHours night) =>
        evidence.Select(e => LondonTime.ToLocal(e.Time).DateTime).Where(t => night.Contains(t.Hour)).Select(night.NightOf).ToHashSet();

    /// <summary>
    /// How seldom the role's routine work gives a first use this broad: a system that is not the unit's work, used without
    /// explanation for this many different people or records. A rank among the role's findings cannot say more than "once in
    /// the role's user-days" (about 1 in 600 for a role of 90 people over a week), while the flagged-person rules' rate model
    /// goes on down to one in a million; so eight intelligence records opened by a control-room officer who has never used the
    /// system scored 38 and sat below a neighbourhood officer's three routine looks at flagged people (custody-heavy and
    /// flag-dense, 2026-12-03: five and six planted first uses below the budget). As for the flagged-person rules, the role's
    /// rate sets what a day should hold: other people's unexplained first-use subjects per role user-day (+1 each side), the
    /// chance of at least this many under that rate (Poisson); and where other people's first uses in the role reached as
    /// many, it is no rarer than their share (a team's new system taken up by several of them at once).
    /// </summary>
    internal sealed class FirstUseRate
    {
        private readonly Dictionary<string, OthersReached> _reached;
        private readonly Dictionary<string, int> _total;
        private readonly Dictionary<(string Group, string Staff), int> _own;

        public FirstUseRate(IEnumerable<MisuseSignal> signals, Func<string, string> group)
        {
            var uses = signals.Where(Applies).Select(s => (Group: group(s.StaffId), s.StaffId, Subjects: Subjects(s))).ToList();
            _reached = uses.GroupBy(u => u.Group, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new OthersReached(g.Select(u => (u.StaffId, (double)u.Subjects))), StringComparer.Ordinal);
            _total = uses.GroupBy(u => u.Group, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(u => u.Subjects), StringComparer.Ordinal);
            _own = uses.GroupBy(u => (u.Group, u.StaffId)).ToDictionary(g => g.Key, g => g.Sum(u => u.Subjects));
        }

        public static bool Applies(MisuseSignal s) => s.Rule == MisuseRuleIds.FirstTimeSystem;

        /// <summary>The different people (or records, where an access names no person) among the unexplained accesses.</summary>
        internal static int Subjects(MisuseSignal s) =>
            Math.Max(1, s.Evidence.Select(e => e.SubjectPersonId ?? e.RecordId).Where(x => !string.IsNullOrEmpty(x)).Distinct(StringComparer.Ordinal).Count());

        public double Rarity(MisuseSignal s, string group, int days)
        {
            var k = Subjects(s);
            var perDay = (_total.GetValueOrDefault(group) - _own.GetValueOrDefault((group, s.StaffId)) + 1.0) / (days + 1.0);
            var reached = _reached.TryGetValue(group, out var others) ? others.AtLeast(s.StaffId, k) : 0;
            return RateOrOthersShare(k, perDay, reached, days);
        }
    }

    /// <summary>
    /// The chance of at least <paramref name="count"/> under the role's rate (Poisson), but no rarer than the share of the
    /// role's user-days that <paramref name="reached"/> other people's reached as many (+1 each side), where any did.
    /// </summary>
    private static double RateOrOthersShare(int count, double rate, int reached, int days) =>
        Math.Max(FlaggedRoutine.AtLeast(count, rate), reached == 0 ? 0 : (reached + 1.0) / (days + 1.0));

    /// <summary>Findings about one person's records, which another finding about the same person can join.</summary>
    private static bool AboutAPerson(MisuseSignal s) =>
        s.Rule is MisuseRuleIds.SensitiveSubject or MisuseRuleIds.SensitivePrintExport or MisuseRuleIds.AssociatedPerson or MisuseRuleIds.PreLeakAccess;

    /// <summary>The people a finding is about (a leak story's subjects, the finding's person, or its evidence's first subject).</summary>
    private static IReadOnlyList<string> People(MisuseSignal s) =>
        s.Persons.Count > 0 ? s.Persons : s.Evidence.Select(e => e.SubjectPersonId).FirstOrDefault(p => p is not null) is { } p ? [p] : [];

    /// <summary>The chance that the least of <paramref name="draws"/> independent findings is at most <paramref name="p"/>: 1 − (1 − p)^n.</summary>
    internal static double LeastOf(double p, int draws) => draws <= 1 ? p : -double.ExpM1(draws * double.LogP1(-Math.Min(p, 1 - 1e-15)));

    /// <summary>The London day a finding belongs to.</summary>
    public static string Day(MisuseSignal s) => LondonTime.ToLocal(s.First).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// How routine a look at a flagged person is for the role, as a rate rather than a rank. Ranking each user-day among
    /// the role's user-days saturates: every role's busiest day of flagged contacts comes out "1 in the role's days" and
    /// ranks with planted misuse, although custody meets flagged detainees on most days (the custody-heavy world's 30,898
    /// false "sensitive subject" alerts). So for the two flagged-person rules the role's own rate sets what a day should
    /// hold: findings of the same rule through the same system and record type, per role user-day, from other people in
    /// the role, scaled by how busy this user was; the finding's rarity is the chance of at least the day's count under
    /// that rate (Poisson). A custody officer's custody-record contacts are expected; the same officer's PNC search of a
    /// flagged person, or an intelligence print, is not. Looking at the same flagged person again that day joins in as
    /// the share of the role's findings that repeat as often (routine contacts are with whoever comes up).
    /// </summary>
    private sealed class FlaggedRoutine
    {
        private readonly Func<string, string> _group;
        private readonly Dictionary<(string Rule, string Group, string Context), Dictionary<string, int>> _byStaff = [];
        private readonly Dictionary<(string Rule, string Group, string Context, string Staff, string Day), int> _onDay = [];
        private readonly Dictionary<(string Rule, string Group, string Context), int> _total = [];
        private readonly Dictionary<(string Rule, string Group, string Context), OthersReached> _counts;
        private readonly Dictionary<string, OthersReached> _repeats;
        private readonly Dictionary<string, int> _groupDays;
        private readonly Dictionary<string, double> _meanEvents;
        private readonly Dictionary<(string Staff, string Day), double> _events;

        public FlaggedRoutine(IReadOnlyList<MisuseSignal> signals, IReadOnlyList<DetectionSignals.UserDay> userDays, Func<string, string> group)
        {
            _group = group;
            _groupDays = userDays.GroupBy(d => d.PeerGroup, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            _meanEvents = userDays.GroupBy(d => d.PeerGroup, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Average(d => d.Events), StringComparer.Ordinal);
            _events = [];
            foreach (var d in userDays) _events[(d.StaffId, d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))] = d.Events;
            foreach (var s in signals.Where(Applies))
            {
                var key = (s.Rule, group(s.StaffId), Context(s));
                if (!_byStaff.TryGetValue(key, out var staff)) _byStaff[key] = staff = new(StringComparer.Ordinal);
                staff[s.StaffId] = staff.GetValueOrDefault(s.StaffId) + 1;
                _total[key] = _total.GetValueOrDefault(key) + 1;
                var day = (s.Rule, key.Item2, key.Item3, s.StaffId, Day(s));
                _onDay[day] = _onDay.GetValueOrDefault(day) + 1;
            }
            // Each person's count of contacts a day, per context; and how often each of the role's findings looked at its person.
            _counts = _onDay.GroupBy(d => (d.Key.Rule, d.Key.Group, d.Key.Context))
                .ToDictionary(g => g.Key, g => new OthersReached(g.Select(d => (d.Key.Staff, (double)d.Value))));
            _repeats = signals.Where(s => s.Rule == MisuseRuleIds.SensitiveSubject).GroupBy(s => group(s.StaffId), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new OthersReached(g.Select(s => (s.StaffId, (double)s.EventCount))), StringComparer.Ordinal);
        }

        public static bool Applies(MisuseSignal s) => s.Rule is MisuseRuleIds.SensitiveSubject or MisuseRuleIds.SensitivePrintExport;

        /// <summary>
        /// The system and record type the finding came through (its evidence's most common), and whether the person was
        /// the unit's recorded work in the window (others of the unit made, updated or were tasked with records about them,
        /// <see cref="IDetectionPass.UnitColleaguesTouching"/>): a suite's detainee is rated against the role's contacts
        /// with such people, a look at someone the unit has no work on against the role's lone looks.
        /// </summary>
        private static string Context(MisuseSignal s) =>
            (s.Evidence.Count == 0 ? "" : s.Evidence.GroupBy(e => $"{e.System}/{e.RecordType}", StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key)
            + (s.Measures.GetValueOrDefault("unit_colleagues") >= SharedByColleagues ? "|shared" : "");

        public double Rarity(MisuseSignal s)
        {
            var group = _group(s.StaffId);
            var context = Context(s);
            var day = Day(s);
            var days = Math.Max(1, _groupDays.GetValueOrDefault(group));
            var others = _total.GetValueOrDefault((s.Rule, group, context))
                         - (_byStaff.TryGetValue((s.Rule, group, context), out var staff) ? staff.GetValueOrDefault(s.StaffId) : 0);
            // Other people's findings per role user-day (+1 finding, +1 day: a context nobody else gave is rare, not impossible).
            var perDay = (others + 1.0) / (days + 1.0);
            var busy = _meanEvents.GetValueOrDefault(group) is > 0 and var mean ? _events.GetValueOrDefault((s.StaffId, day), mean) / mean : 1;
            var expected = perDay * Math.Clamp(busy, 0.25, 4);
            var count = _onDay.GetValueOrDefault((s.Rule, group, context, s.StaffId, day), 1);
            // Routine contacts come in clusters (an incident with three nominals in it, a suite's busy night), which a
            // Poisson rate does not know: where other people's days in the role reached this count, the rate model cannot
            // call it rarer than their share; beyond what they reached, the model goes on.
            // One contact is no cluster: a quiet day's single look keeps the rate model's word (busy-scaled).
            var reached = count < 2 ? 0 : _counts.TryGetValue((s.Rule, group, context), out var counts) ? counts.AtLeast(s.StaffId, count) : 0;
            var p = RateOrOthersShare(count, expected, reached, days);
            if (s.Rule == MisuseRuleIds.SensitiveSubject && s.EventCount >= 2)
            {
                // Other people's findings in the role that looked at their person as often (+1 each side, as above).
                var repeats = _repeats.GetValueOrDefault(group);
                p *= ((repeats?.AtLeast(s.StaffId, s.EventCount) ?? 0) + 1.0) / ((repeats?.Others(s.StaffId) ?? 0) + 1.0);
            }
            return p;
        }

        /// <summary>P(X ≥ k) for X ~ Poisson(λ).</summary>
        internal static double AtLeast(int k, double lambda)
        {
            if (k <= 0) return 1;
            double term = Math.Exp(-lambda), below = 0;
            for (var i = 0; i < k; i++)
            {
                below += term;
                term *= lambda / (i + 1);
            }
            // For tiny λ the subtraction loses everything: the first term of the tail is the answer to many digits.
            return below > 0.999999 ? Math.Max(term, 1 - below) : 1 - below;
        }
    }
}
