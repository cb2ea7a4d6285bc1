using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.Database;
using Probity.Interchange.Contracts;

namespace Probity.AccessMonitoring.Simulation;

/// <summary>
/// The demo's audit logs: a few weeks of simulated system use by part of the demo force, with planted misuse,
/// ingested and run through detection so the monitoring pages have something to show on first run.
/// Probity:Demo:AccessDays (default 14; 0 = none) and Probity:Demo:AccessUsers (default 1,500).
/// </summary>
internal static class DemoAccessData
{
    /// <param name="until">The demo force's last day.</param>
    /// <param name="now">When the logs are detected (the demo is generated): nothing simulated may lie after it.</param>
    public static AccessSimulation? Plan(PifBundle bundle, DateOnly until, DateTimeOffset now, IConfiguration configuration, int seed)
    {
        var days = configuration.GetValue("Probity:Demo:AccessDays", 14);
        if (days <= 0) return null;
        // A simulated day's night shift runs into the next morning, and a leak is reported the morning after the access:
        // the logs end the day before the force's last day, and at least twelve hours before now, so no access is later
        // than its detection and no leak is dated after today.
        var lastWholeDay = DateOnly.FromDateTime(LondonTime.ToLocal(now.AddHours(-12)).DateTime).AddDays(-1);
        var lastDay = until.AddDays(-1) < lastWholeDay ? until.AddDays(-1) : lastWholeDay;
        var users = configuration.GetValue("Probity:Demo:AccessUsers", 1500);
        var staff = bundle.Staff.Where(s => s.LeftOn is null || s.LeftOn > until).OrderBy(s => s.Id, StringComparer.Ordinal).Take(users)
            .Select(s => new StaffReference(s.Id, s.UnitId, null)).ToList();
        if (staff.Count == 0) return null;
        var simulation = new AccessSimulation(new AccessSimulationOptions(seed, lastDay.AddDays(-days + 1), days, staff.Count, 60)
        {
            Staff = staff, WarmUpDays = Math.Min(7, days / 2), PlantedPerKindPerDay = 1, Persons = 200_000,
        });
        simulation.AddTo(bundle);
        return simulation;
    }

    public static async Task LoadAsync(AccessSimulation simulation, IAccessEventStore store, ProbityDb db, AuditTrail.Contracts.Audit audit, DetectMisuse detect, ILogger log, CancellationToken ct)
    {
        var o = simulation.Options;
        var folder = Directory.CreateTempSubdirectory("probity-demo-access-");
        try
        {
            foreach (var leak in simulation.Reference.Leaks)
                db.LeakReports.Add(new LeakReport
                {
                    Id = leak.LeakId, RecordId = leak.RecordId, SubjectPersonId = leak.SubjectPersonId, LeakedAt = leak.LeakedAt, WindowDays = leak.WindowDays,
                    Description = "Demo: the record's contents appeared in the press the next day", RecordedBy = "demo", RecordedAt = leak.LeakedAt.AddHours(4),
                });
            audit.Change("create", "leaks", $"demo force: {simulation.Reference.Leaks.Count} simulated leak(s)");
            await db.SaveChangesAsync(ct);
            long events = 0;
            for (var day = 0; day < o.Days; day++)
            {
                var path = Path.Combine(folder.FullName, $"access_events-{o.FirstDay.AddDays(day):yyyy-MM-dd}.csv");
                await using (var writer = new StreamWriter(path)) simulation.WriteCsv(writer, day);
                events += (await store.IngestFileAsync(path, null, ct)).Events;
                File.Delete(path);
            }
            var alerts = 0;
            for (var day = 0; day < o.Days; day++)
            {
                var date = o.FirstDay.AddDays(day);
                alerts += (await detect.HandleAsync(date, date, null, ct)).NewAlerts;
            }
            log.LogInformation("Demo audit logs: {Events:N0} accesses by {Users:N0} staff over {Days} days, {Alerts} alerts", events, simulation.UserCount, o.Days, alerts);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
