using System.CommandLine;
using Probity.Infrastructure.Time;
using Probity.Interchange.Contracts;

namespace Probity.DemoForce;

/// <summary>probity demo-bundle: a generated force written as a PIF-1 bundle (needs no store, so no services).</summary>
internal static class DemoForceCli
{
    public static Command Build()
    {
        var demoOut = new Option<DirectoryInfo>("--out") { Description = "Folder to write the bundle to", Required = true };
        var demoScale = new Option<int>("--scale") { Description = "Multiply the force's size (10 for benchmarks)", DefaultValueFactory = _ => 1 };
        var demoYears = new Option<int>("--years") { Description = "Years of history", DefaultValueFactory = _ => 4 };
        var demoSeed = new Option<int>("--seed") { Description = "Random seed (same seed, same force)", DefaultValueFactory = _ => 20081201 };
        var demoUntil = new Option<DateOnly?>("--until") { Description = "Last day of history (default today)" };
        var demoExposure = new Option<bool>("--exposure") { Description = "Include monthly activity (exposure.csv)" };
        var demo = new Command("demo-bundle", "Write a generated demo force as a PIF-1 bundle") { demoOut, demoScale, demoYears, demoSeed, demoUntil, demoExposure };
        demo.SetAction(p =>
        {
            var until = p.GetValue(demoUntil) ?? TimeProvider.System.Today();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Interchange.Contracts.PifBundle bundle;
            try
            {
                bundle = DemoForceGenerator.Generate(new DemoForceOptions(p.GetValue(demoSeed), until, p.GetValue(demoYears), p.GetValue(demoScale)) { IncludeExposure = p.GetValue(demoExposure) });
            }
            catch (Kernel.ActionRefusedException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
            PifFiles.Write(bundle, p.GetValue(demoOut)!.FullName);
            Console.WriteLine($"Wrote {bundle.Cases.Count:N0} cases, {bundle.Allegations.Count:N0} allegations, {bundle.Staff.Count:N0} staff in {clock.Elapsed.TotalSeconds:F1}s to {p.GetValue(demoOut)!.FullName}");
            return 0;
        });
        return demo;
    }
}
