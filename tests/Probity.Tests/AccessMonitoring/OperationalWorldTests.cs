using System.Security.Cryptography;
using System.Text;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.AccessMonitoring.Simulation;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// The operational world (ADR 0028): custody suites with a daily population, incidents handled by the control room and
/// attended by response officers, stops followed by a PNC check, and misuse that returns to a person. Every feature is
/// optional; with none of them the generator writes, byte for byte, what it wrote before they existed.
/// </summary>
public sealed class OperationalWorldTests
{
    /// <summary>SHA-256 of every event, reference row and planted label of two default worlds, taken before the operational features were written.</summary>
    private const string DefaultWorldsFingerprint =
        "244219752AA40F97E9E516F271A36125FC265CB03008A28D88CD5128D97DAA52441EAD66B1538616F9B2AF00497A621D62150F57572A4CCF043C9A31647695DEDCEFA892E6508622ED18E74D068721A9170252824DF9891D9783FB2CB758AA54";

    internal static string Fingerprint(AccessSimulation simulation)
    {
        var text = new StringBuilder();
        for (var day = 0; day < simulation.Options.Days; day++)
            foreach (var e in simulation.Events(day)) text.Append(e).Append('\n');
        var r = simulation.Reference;
        foreach (var s in r.Staff) text.Append(s).Append('\n');
        foreach (var p in r.FlaggedPersons) text.Append(p.PersonId).Append(string.Join(';', p.Flags)).Append('\n');
        foreach (var a in r.Associations) text.Append(a).Append('\n');
        foreach (var a in r.Assignments) text.Append(a).Append('\n');
        foreach (var l in r.Leaks) text.Append(l).Append('\n');
        foreach (var p in simulation.Planted) text.Append(p.Kind).Append(p.StaffId).Append(p.Day).Append(p.First).Append(p.Last).Append(p.Detail).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    internal static string DefaultWorlds()
    {
        var synthetic = new AccessSimulation(new AccessSimulationOptions(11, new DateOnly(2026, 3, 26), 4, 400, 80) { Persons = 60_000, WarmUpDays = 1 });
        // The demo force's shape: real staff in real units (roles by a hash of the unit), as DemoAccessData plans it.
        var staff = Enumerable.Range(0, 300).Select(i => new StaffReference($"D{i:D5}", $"UNIT{i % 23:D2}", null)).ToList();
        var demo = new AccessSimulation(new AccessSimulationOptions(7, new DateOnly(2026, 10, 20), 3, staff.Count, 60) { Staff = staff, WarmUpDays = 1, Persons = 200_000 });
        var tuned = new AccessSimulation(new AccessSimulationOptions(23, new DateOnly(2026, 3, 2), 2, 300, 100)
        {
            Persons = 50_000, RoleMix = [10, 10, 25, 5, 15, 5, 30], RoutineFlaggedByRole = [0.002, 0.002, 0.08, 0.01, 0.001, 0.0005, 0.05], FlaggedShare = 0.04, BlankReasonShare = 0.9,
        });
        return Fingerprint(synthetic) + Fingerprint(demo) + Fingerprint(tuned);
    }

    [Fact]
    public void Default_worlds_are_byte_identical_to_before_the_operational_features()
    {
        var now = DefaultWorlds();
        Assert.True(now == DefaultWorldsFingerprint, $"default worlds changed: {now}");
    }

    private static readonly AccessSimulationOptions World = new(31, new DateOnly(2026, 3, 2), 4, 500, 80)
    {
        Persons = 80_000, RoleMix = [22, 12, 7, 5, 22, 6, 18, 4], FlaggedShare = 0.02,
        // More celebrity arrests than a real week holds, so every form of misuse has its opportunity in four days.
        Operational = new OperationalOptions { HighProfileArrestsPerWeek = 14 },
    };

    private static readonly Lazy<(AccessSimulation Simulation, List<AccessEvent> Events)> Built = new(() =>
    {
        var simulation = new AccessSimulation(World);
        return (simulation, Enumerable.Range(0, World.Days).SelectMany(d => simulation.Events(d)).ToList());
    });

    [Fact]
    public void The_operational_world_is_deterministic_and_streams_a_users_day_independently()
    {
        var again = new AccessSimulation(World);
        Assert.Equal(Fingerprint(Built.Value.Simulation), Fingerprint(again));
        var whole = again.Events(2).ToList();
        var sliced = again.Events(2, 0, 123).Concat(again.Events(2, 123, 300)).Concat(again.Events(2, 300)).ToList();
        Assert.Equal(whole, sliced);
    }

    [Fact]
    public void A_detainee_is_touched_by_several_custody_colleagues_over_one_or_two_days_and_some_detainees_are_nominals()
    {
        var (simulation, events) = Built.Value;
        var custody = events.Where(e => e.System == "custody" && e.RecordId!.StartsWith("CUS", StringComparison.Ordinal)).GroupBy(e => e.RecordId!).ToList();
        Assert.True(custody.Count > 100, $"{custody.Count} custody records");
        var staff = custody.Select(g => g.Select(e => e.StaffId).Distinct().Count()).Order().ToList();
        Assert.True(staff[staff.Count / 2] >= 4, $"median staff touching a detainee {staff[staff.Count / 2]}");
        var span = custody.Select(g => (g.Max(e => e.Time) - g.Min(e => e.Time)).TotalHours).Order().ToList();
        Assert.True(span[span.Count * 9 / 10] <= 48, $"90th percentile span {span[span.Count * 9 / 10]:F1} h");
        var flags = simulation.Reference.FlaggedPersons.ToDictionary(p => p.PersonId, p => p.Flags[0], StringComparer.Ordinal);
        var detainees = custody.Select(g => g.First().SubjectPersonId!).Distinct().ToList();
        var nominals = detainees.Count(p => flags.GetValueOrDefault(p) == "ocn_nominal");
        Assert.InRange(nominals / (double)detainees.Count, 0.02, 0.15);
        // Handover prints of custody records happen as routine, with no misuse about them.
        Assert.Contains(events, e => e.System == "custody" && e.Action == "print");
    }

    [Fact]
    public void A_stop_is_followed_by_a_PNC_check_of_the_same_person_by_the_same_officer_within_minutes()
    {
        var events = Built.Value.Events;
        var searches = events.Where(e => e.System == "pnc" && e.Action == "search" && e.RecordType == "person").ToLookup(e => (e.StaffId, e.SubjectPersonId));
        // The street stops of the operational routine (a tasked stop of an assignment's subject is the older routine's).
        var stops = events.Where(e => e.System == "stops" && e.Action == "create" && e.RecordId!.StartsWith("ST", StringComparison.Ordinal)).ToList();
        Assert.True(stops.Count > 200, $"{stops.Count} stops");
        Assert.All(stops, s => Assert.Contains(searches[(s.StaffId, s.SubjectPersonId)], p => p.Time > s.Time && p.Time <= s.Time.AddMinutes(10)));
    }

    [Fact]
    public void An_incident_is_created_by_one_call_handler_and_viewed_by_several_and_its_people_are_checked()
    {
        var events = Built.Value.Events;
        var incidents = events.Where(e => e.System == "cad" && e.RecordId!.StartsWith("CAD", StringComparison.Ordinal)).GroupBy(e => e.RecordId!).ToList();
        Assert.True(incidents.Count > 500, $"{incidents.Count} incidents");
        Assert.All(incidents.Where(g => g.Any(e => e.Action == "create")), g => Assert.Single(g, e => e.Action == "create"));
        var users = incidents.Select(g => g.Select(e => e.StaffId).Distinct().Count()).Order().ToList();
        Assert.True(users[users.Count / 2] >= 3, $"median users on an incident {users[users.Count / 2]}");
    }

    [Fact]
    public void Planted_misuse_returns_to_the_same_person_on_later_days_and_every_label_is_its_users_accesses()
    {
        var (simulation, events) = Built.Value;
        var operational = simulation.Planted.Where(p => p.Form is not null).ToList();
        Assert.Equal(AccessSimulation.OperationalForms.Order(), operational.Select(p => p.Form!).Distinct().Order());
        var returning = operational.Where(p => p.Case is not null).GroupBy(p => p.Case!).Where(g => g.Select(p => p.Day).Distinct().Count() > 1).ToList();
        Assert.NotEmpty(returning);
        Assert.All(returning, g => Assert.Single(g.Select(p => (p.StaffId, p.Detail)).Distinct()));
        // The eight kinds the other worlds plant are planted here too, so the worlds stay comparable.
        Assert.Equal(AccessSimulation.Kinds.Order(), simulation.Planted.Where(p => p.Form is null).Select(p => p.Kind).Distinct().Order());
        var byStaff = events.ToLookup(e => e.StaffId);
        Assert.All(simulation.Planted, p => Assert.Contains(byStaff[p.StaffId], e => e.Time == p.First && (e.SubjectPersonId ?? e.RecordId) == p.Detail || e.Time == p.First));
        // A famous detainee browsed by an officer of their own suite is also touched, legitimately, by that suite's colleagues.
        foreach (var famous in operational.Where(p => p.Form == "famous_detainee"))
            Assert.True(events.Where(e => e.SubjectPersonId == famous.Detail && e.System == "custody").Select(e => e.StaffId).Distinct().Count() >= 3, famous.Detail);
    }

    [Fact]
    public void The_front_counter_is_a_role_of_the_operational_world_only()
    {
        Assert.Contains(Built.Value.Simulation.Reference.Staff, s => s.PeerGroup == "front_counter");
        Assert.DoesNotContain(new AccessSimulation(World with { Operational = null, RoleMix = [22, 12, 7, 5, 22, 6, 18] }).Reference.Staff, s => s.PeerGroup == "front_counter");
        var error = Assert.Throws<ArgumentException>(() => new AccessSimulation(World with { Operational = null }));
        Assert.Contains("RoleMix", error.Message, StringComparison.Ordinal);
    }
}
