using System.Security.Cryptography;
using System.Text;
using Probity.AccessMonitoring.Detection;
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
}
