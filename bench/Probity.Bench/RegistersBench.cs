using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.DemoForce;
using Probity.Host;
using Probity.Identity.Contracts;
using Probity.Kernel;
using Probity.Registers.DipSampling;
using Probity.Registers.GoldGroups;
using Probity.Registers.Interests;
using Probity.Registers.Learning;
using Probity.Registers.RiskRegisters;
using Probity.Registers.ServiceConfidence;
using Probity.Registers.SupportProgramme;
using Probity.Registers.Vetting;

/// <summary>
/// The registers' lists (business interests, vetting, organisational learning, risk registers, dip samples, Service
/// Confidence, the support programme and a borough's pack, gold groups) at Met scale, on an existing store (e.g. the one `import`
/// filled: 51,500 staff): the handler each page runs (query, count, unit names, the audit record), as a senior manager
/// with a staff record of their own (so the need-to-know filter is in every query). Adds a year of each register first
/// (DemoRegisters) if the store has none.
/// Usage: dotnet run -c Release --project bench/Probity.Bench -- registers --store "Data Source=/tmp/probity-bench/bench.db" [--as-of 2025-03-31] [--runs 200]
/// </summary>
internal static class RegistersBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
        var store = Arg("--store") ?? throw new ArgumentException("--store CONNECTION is required");
        var asOf = DateOnly.ParseExact(Arg("--as-of") ?? "2025-03-31", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var runs = int.Parse(Arg("--runs") ?? "200", CultureInfo.InvariantCulture);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Probity"] = store, ["Probity:Demo:Enabled"] = "false" });
        builder.Services.AddProbityCore(builder.Configuration);
        // The registers read "today" (what is overdue, a pack's last twelve months): make it the store's as-of date, so
        // the figures are those of a force on that day, not of an empty year after the data end.
        builder.Services.AddSingleton<TimeProvider>(new AsOfTime(asOf));
        using var host = builder.Build();
        await DatabaseSetup.MigrateAsync(host.Services);

        string reader, borough, boroughName;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            if (!await db.VettingPosts.AnyAsync())
            {
                var clock = Stopwatch.StartNew();
                await DemoRegisters.LoadAsync(db, scope.ServiceProvider.GetRequiredService<Audit>(), asOf, 20081201, CancellationToken.None);
                Console.WriteLine($"Added a year of the registers in {clock.Elapsed.TotalSeconds:0.0} s");
            }
            else if (!await db.LearningRecommendations.AnyAsync())
            {
                var clock = Stopwatch.StartNew();
                await DemoRegisters.LoadLearningAndRisksAsync(db, scope.ServiceProvider.GetRequiredService<Audit>(), asOf, 20081201, CancellationToken.None);
                Console.WriteLine($"Added the learning and risk registers in {clock.Elapsed.TotalSeconds:0.0} s");
            }
            if (!await db.DipSamples.AnyAsync())
            {
                var clock = Stopwatch.StartNew();
                var audit = scope.ServiceProvider.GetRequiredService<Audit>();
                await DemoRegisters.LoadOversightAsync(db, audit, asOf, 20081201, CancellationToken.None);
                await DemoRegisters.LoadSupportAndGoldGroupsAsync(db, audit, asOf, 20081201, CancellationToken.None);
                Console.WriteLine($"Added the dip samples, Service Confidence, support programme and gold groups in {clock.Elapsed.TotalSeconds:0.0} s");
            }
            reader = await db.Staff.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            // The borough with the most staff: the biggest unit register a borough commander reads.
            borough = await db.Staff.Where(s => s.UnitId != null && db.Units.Any(u => u.Id == s.UnitId && u.Kind == "borough"))
                .GroupBy(s => s.UnitId).OrderByDescending(g => g.Count()).Select(g => g.Key!).FirstAsync();
            Console.WriteLine($"Store: {await db.Staff.CountAsync():N0} staff, {await db.BusinessInterests.CountAsync():N0} business interests, " +
                $"{await db.VettingPosts.CountAsync():N0} posts, {await db.VettingClearances.CountAsync():N0} clearances, {await db.PoliceFamily.CountAsync():N0} extended family, " +
                $"{await db.LearningRecommendations.CountAsync():N0} recommendations, {await db.RegisterRisks.CountAsync():N0} risks, {await db.RegisterRiskEvents.CountAsync():N0} risk history entries, " +
                $"{await db.DipSampleCases.CountAsync():N0} sampled cases, {await db.ServiceConfidence.CountAsync():N0} Service Confidence records, " +
                $"{await db.SupportDeliveries.CountAsync():N0} support deliveries, {await db.GoldGroups.CountAsync():N0} gold groups");
            boroughName = await db.Units.Where(u => u.Id == borough).Select(u => u.Name).FirstAsync();
        }
        var asker = new CaseAccessScope("senior", false, false, ["user:senior", "team:dps-smt"], reader);
        var lists = new (string Name, Func<IServiceProvider, Task<int>> Run)[]
        {
            ("Interests, whole force, needing attention", sp => Count(sp.GetRequiredService<BusinessInterestsRegisterHandler>().HandleAsync(null, "attention", default))),
            ("Interests, whole force, all", sp => Count(sp.GetRequiredService<BusinessInterestsRegisterHandler>().HandleAsync(null, "all", default))),
            ($"Interests, largest borough ({borough}), all", sp => Count(sp.GetRequiredService<BusinessInterestsRegisterHandler>().HandleAsync(borough, "all", default))),
            ("Vetting, whole force, needing attention", sp => Count(sp.GetRequiredService<VettingRegisterHandler>().HandleAsync(null, "attention", default))),
            ("Vetting, whole force, everyone", sp => Count(sp.GetRequiredService<VettingRegisterHandler>().HandleAsync(null, "all", default))),
            ($"Vetting, largest borough ({borough}), everyone", sp => Count(sp.GetRequiredService<VettingRegisterHandler>().HandleAsync(borough, "all", default))),
            ("Learning, whole force, open (overdue first)", sp => Count(sp.GetRequiredService<LearningRegisterHandler>().HandleAsync(null, "open", null, default))),
            ("Learning, whole force, all", sp => Count(sp.GetRequiredService<LearningRegisterHandler>().HandleAsync(null, "all", null, default))),
            ($"Learning, largest borough ({borough}), all", sp => Count(sp.GetRequiredService<LearningRegisterHandler>().HandleAsync(boroughName, "all", null, default))),
            ("Learning themes, whole force", async sp => (await sp.GetRequiredService<LearningRegisterHandler>().ThemesAsync(null, default)).Counts.Count),
            ("Risks, every register, open (with heat map)", sp => Count(sp.GetRequiredService<RiskRegisterHandler>().HandleAsync(null, null, "open", default))),
            ("Risks, every register, all", sp => Count(sp.GetRequiredService<RiskRegisterHandler>().HandleAsync(null, null, "all", default))),
            ($"Risks, largest borough ({borough}), open", sp => Count(sp.GetRequiredService<RiskRegisterHandler>().HandleAsync(boroughName, null, "open", default))),
            ("Dip samples, with results by quarter", async sp => (await sp.GetRequiredService<DipSamplesHandler>().HandleAsync(default)).Rows.Count),
            ("Service Confidence, whole force, restrictions in force", async sp => (await sp.GetRequiredService<ServiceConfidenceRegisterHandler>().HandleAsync(null, "open", default)).Rows.Count),
            ("Service Confidence, whole force, all", async sp => (await sp.GetRequiredService<ServiceConfidenceRegisterHandler>().HandleAsync(null, "all", default)).Rows.Count),
            ("Support programme, every borough", async sp => (await sp.GetRequiredService<SupportProgrammeHandler>().HandleAsync(default)).Boroughs.Count),
            ($"Support pack, largest borough ({borough})", async sp => (await sp.GetRequiredService<BoroughPackHandler>().ReadAsync(borough, "view", default)).Complaints),
            ("Gold groups, all", async sp => (await sp.GetRequiredService<GoldGroupsHandler>().HandleAsync("all", default)).Rows.Count),
        };
        Console.WriteLine();
        Console.WriteLine($"| Register list ({runs} runs after 5 warm-up) | rows | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|--:|--:|--:|--:|");
        foreach (var (name, run) in lists)
        {
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < runs + 5; i++)
            {
                await using var scope = host.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ScopeOverride>().Scope = asker;
                var clock = Stopwatch.StartNew();
                rows = await run(scope.ServiceProvider);
                if (i >= 5) times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"| {name} | {rows:N0} | {Pct(times, 0.50):0.0} | {Pct(times, 0.99):0.0} | {times[^1]:0.0} |");
        }
        return 0;
    }

    private static async Task<int> Count(Task<BusinessInterestsRegisterHandler.View> view) => (await view).Rows.Count;

    private static async Task<int> Count(Task<LearningRegisterHandler.View> view) => (await view).Rows.Count;

    private static async Task<int> Count(Task<RiskRegisterHandler.View> view) => (await view).Rows.Count;

    private static async Task<int> Count(Task<VettingRegisterHandler.View> view) => (await view).People.Count + (await view).Posts.Count;

    /// <summary>The system clock moved back (or on) to the store's as-of date, keeping the time of day and its passing.</summary>
    private sealed class AsOfTime(DateOnly asOf) : TimeProvider
    {
        private readonly TimeSpan _offset = Offset(asOf, System.GetUtcNow());

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

        private static TimeSpan Offset(DateOnly asOf, DateTimeOffset now) =>
            new DateTimeOffset(asOf.ToDateTime(TimeOnly.FromTimeSpan(now.UtcDateTime.TimeOfDay)), TimeSpan.Zero) - now;
    }

    private static double Pct(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
