using Probity.AccessMonitoring.Simulation;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// The simulation's independent worlds really differ in what they claim to: the role mix, how often each role's routine
/// work meets flagged people, the flagged share and the share of tasked work giving no reason.
/// </summary>
public sealed class SimulationWorldsTests
{
    private static readonly AccessSimulationOptions Base = new(5, new DateOnly(2026, 3, 2), 1, 700, 200) { Persons = 100_000 };

    [Fact]
    public void Routine_rates_per_role_make_custody_meet_flagged_people_far_more_often_than_neighbourhood_officers()
    {
        var simulation = new AccessSimulation(Base with { RoutineFlaggedByRole = [0.002, 0.002, 0.08, 0.01, 0.001, 0.0005, 0.05] });
        var flagged = simulation.Reference.FlaggedPersons.Select(p => p.PersonId).ToHashSet(StringComparer.Ordinal);
        var role = simulation.Reference.Staff.ToDictionary(s => s.StaffId, s => s.PeerGroup, StringComparer.Ordinal);
        // Routine work: accesses about someone none of the user's assignments names (tasked work is alike in every role).
        var assigned = simulation.Reference.Assignments.Where(a => a.SubjectPersonId is not null).Select(a => (a.StaffId, a.SubjectPersonId!)).ToHashSet();
        var rate = simulation.Events(0).Where(e => e.SubjectPersonId is not null && !assigned.Contains((e.StaffId, e.SubjectPersonId)))
            .GroupBy(e => role[e.StaffId]).ToDictionary(g => g.Key!, g => (double)g.Count(e => flagged.Contains(e.SubjectPersonId!)) / g.Count());

        Assert.True(rate["custody"] > 10 * rate["neighbourhood"], $"custody {rate["custody"]:P2}, neighbourhood {rate["neighbourhood"]:P2}");
    }

    [Fact]
    public void The_role_mix_flagged_share_and_blank_reasons_follow_the_options()
    {
        var usual = new AccessSimulation(Base);
        var other = new AccessSimulation(Base with { RoleMix = [0, 0, 1, 0, 0, 0, 1], FlaggedShare = 0.04, BlankReasonShare = 0.9 });

        Assert.All(other.Reference.Staff, s => Assert.Contains(s.PeerGroup, new[] { "custody", "control_room" }));
        Assert.InRange(other.Reference.FlaggedPersons.Count, 3.5 * usual.Reference.FlaggedPersons.Count, 4.1 * usual.Reference.FlaggedPersons.Count);
        double Blank(AccessSimulation s)
        {
            var tasked = s.Reference.Assignments.Select(a => a.ReasonRef).ToHashSet(StringComparer.Ordinal);
            var events = s.Events(0).ToList();
            var withReason = events.Count(e => e.ReasonRef is not null && tasked.Contains(e.ReasonRef));
            return withReason / (double)events.Count;
        }
        Assert.True(Blank(other) < Blank(usual) / 2, "far fewer accesses give a reason when 90% of tasked work leaves it blank");
    }
}
