using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Probity.DemoForce;
using Probity.Identity;
using Probity.Database;
using Probity.Interchange.ImportBundle;

namespace Probity.Host;

/// <summary>
/// On an empty store: migrate, generate the demo force (deterministic, seeded) and import it through the normal
/// import path (with simulated audit logs for information-misuse monitoring), and create one demo account per role. Off with Probity:Demo:Enabled=false.
/// </summary>
internal sealed class FirstRun(
    ProbityDb db, ImportBundleHandler import, DemoAccounts accounts, IConfiguration configuration, TimeProvider time, ILogger<FirstRun> log,
    Probity.AccessMonitoring.EventStore.IAccessEventStore accessEvents, Probity.AccessMonitoring.Detection.DetectMisuse detect, AuditTrail.Contracts.Audit audit,
    DemoCaseloads caseloads)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await accounts.EnsureRolesAsync();
        if (!configuration.GetValue("Probity:Demo:Enabled", true)) return;
        var imported = false;
        if (!await db.Units.AnyAsync(ct))
        {
            imported = true;
            var options = new DemoForceOptions(
                Seed: configuration.GetValue("Probity:Demo:Seed", 20081201),
                Until: configuration.GetValue<DateOnly?>("Probity:Demo:Until") ?? time.Today(),
                Years: configuration.GetValue("Probity:Demo:Years", 4),
                Scale: 1);
            log.LogInformation("Empty store: generating the demo force ({Years} years to {Until}, seed {Seed})", options.Years, options.Until, options.Seed);
            var bundle = DemoForceGenerator.Generate(options);
            var access = Probity.AccessMonitoring.Simulation.DemoAccessData.Plan(bundle, options.Until ?? time.Today(), time.GetUtcNow(), configuration, options.Seed);
            var report = await import.FromBundleAsync(bundle, new Progress<ImportProgress>(p =>
            {
                if (p.Stage == "Done") log.LogInformation("Demo force imported");
            }), ct);
            log.LogInformation("Demo force: {Cases} cases, {Allegations} allegations, {Staff} staff written in {Seconds:F1}s",
                bundle.Cases.Count, bundle.Allegations.Count, bundle.Staff.Count, report.WriteTime.TotalSeconds);
            if (access is not null) await Probity.AccessMonitoring.Simulation.DemoAccessData.LoadAsync(access, accessEvents, db, audit, detect, log, ct);
            await DemoRightLine.LoadAsync(db, audit, options.Until ?? time.Today(), ct);
            await DemoIntelligence.LoadAsync(db, audit, options.Until ?? time.Today(), time.GetUtcNow(), ct);
            await DemoConcerns.LoadAsync(db, audit, options.Until ?? time.Today(), ct);
            await DemoControlStrategy.LoadAsync(db, audit, options.Until ?? time.Today(), time.GetUtcNow(), ct);
            await DemoTasking.LoadAsync(db, audit, options.Until ?? time.Today(), ct);
            await DemoConduct.LoadAsync(db, audit, options.Until ?? time.Today(), time.GetUtcNow(), ct);
            await DemoRegisters.LoadAsync(db, audit, options.Until ?? time.Today(), options.Seed, ct);
            await DemoLitigation.LoadAsync(db, audit, options.Until ?? time.Today(), options.Seed, ct);
            await DemoBoroughReturns.LoadAsync(db, audit, options.Until ?? time.Today(), ct);
        }
        var password = await accounts.EnsureAsync();
        // After the accounts: the caseloads name them (on the timeline too).
        if (imported)
        {
            string Demo(string role) => DemoAccounts.Accounts.First(a => a.Role == role).UserName;
            await caseloads.AssignAsync(Demo(Roles.Investigator), Demo(Roles.CaseHandler), Demo(Roles.SeniorManager), ct);
        }
        if (password is not null)
        {
            var names = string.Join(", ", DemoAccounts.Accounts.Select(a => $"{a.UserName} ({string.Join(" and ", new[] { a.Role }.Concat(a.AlsoHolds).Select(Roles.Describe))}{(a.Borough is { } b ? $", kept to {b}" : "")})"));
            // Shown once, on the console of the person who started the demo; never written to the repository.
            await Console.Out.WriteLineAsync($"""

                ================================================================
                 Demo accounts: {names}
                 Password for all of them: {password}
                ================================================================

                """);
        }
    }
}
