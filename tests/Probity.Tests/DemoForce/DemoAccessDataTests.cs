using Microsoft.Extensions.Configuration;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.Simulation;
using Probity.DemoForce;

namespace Probity.Tests.DemoForce;

/// <summary>
/// The demo's simulated audit logs are detected when the demo is generated: nothing in them may lie after that moment
/// (issue 14: alerts showed accesses later than their detection, leaks dated after today).
/// </summary>
public sealed class DemoAccessDataTests
{
    [Fact]
    public void Generated_on_the_afternoon_of_its_last_day_the_demo_has_no_access_or_leak_after_that_moment()
    {
        var until = new DateOnly(2010, 12, 31);
        var now = LondonTime.StartOfDay(until).AddHours(14);
        var bundle = DemoForceGenerator.Generate(new DemoForceOptions(Until: until, Years: 1));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Probity:Demo:AccessDays"] = "8", ["Probity:Demo:AccessUsers"] = "300",
        }).Build();

        var simulation = DemoAccessData.Plan(bundle, until, now, configuration, seed: 20081201)!;

        Assert.NotEmpty(simulation.Reference.Leaks);
        Assert.All(simulation.Reference.Leaks, l => Assert.True(l.LeakedAt <= now, $"leak {l.LeakId} dated {l.LeakedAt:u}, after {now:u}"));
        var events = Enumerable.Range(0, simulation.Options.Days).SelectMany(d => simulation.Events(d)).ToList();
        Assert.NotEmpty(events);
        var latest = events.Max(e => e.Time);
        Assert.True(latest <= now, $"an access at {latest:u}, after the demo was generated at {now:u}");
    }
}
