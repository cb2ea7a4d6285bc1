using Probity.AuditTrail.Contracts;
using System.CommandLine;
using System.Globalization;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.AccessMonitoring.Simulation;
using Probity.Infrastructure;
using Probity.Infrastructure.Time;
using Probity.Interchange.Contracts;

namespace Probity.AccessMonitoring;

/// <summary>probity audit ingest | compact | detect | who-accessed | leak | simulate.</summary>
internal static class AccessMonitoringCli
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build(string[] args, Func<string[], Func<IServiceProvider, Task<int>>, Task<int>> withServices)
    {
        var paths = new Argument<string[]>("path") { Description = "access_events.csv files (.csv.gz too), or folders of them", Arity = ArgumentArity.OneOrMore };
        var ingest = new Command("ingest", "Load audit-log files into the event store: idempotent per file, bad lines quarantined with reasons") { paths };
        ingest.SetAction((p, ct) => withServices(args, async sp =>
        {
            var store = sp.GetRequiredService<IAccessEventStore>();
            var audit = sp.GetRequiredService<Audit>();
            var files = Expand(p.GetValue(paths)!);
            if (files.Count == 0)
            {
                await Console.Error.WriteLineAsync("No access_events files found.");
                return 1;
            }
            var total = 0L;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Files load side by side (one core each); each is committed on its own, so an interrupted run resumes
            // where it stopped: files already in the store are recognised by their content and skipped.
            var stage = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
            var results = await store.IngestFilesAsync(files, new Progress<IngestProgress>(x =>
            {
                stage[x.Source] = x.Stage;
                Console.Error.Write($"\r{stage.Values.Count(v => v == "indexing"),3} indexing, {stage.Values.Count(v => v == "loading"),3} loading of {files.Count} file(s)   ");
            }), ct);
            Console.Error.Write("\r" + new string(' ', 70) + "\r");
            var refused = 0;
            foreach (var result in results)
            {
                if (result.Refused is { } why)
                {
                    // Over a limit: nothing of the file was stored; said, audited, and the run ends non-zero.
                    refused++;
                    await Console.Error.WriteLineAsync($"{result.Source}: refused, nothing stored. {why}");
                    await audit.RecordAsync("import", "access_events", $"ingest {result.Source} refused: {why}", ct);
                    continue;
                }
                foreach (var w in result.Warnings) await Console.Error.WriteLineAsync(w);
                Console.WriteLine(result.Duplicate
                    ? $"{result.Source}: already ingested (segment {result.SegmentId}), skipped"
                    : $"{result.Source}: {result.Events:N0} events, {result.Quarantined:N0} quarantined, segment {result.SegmentId}, {result.Elapsed.TotalSeconds:F1}s");
                await audit.RecordAsync("import", "access_events", $"ingest {result.Source} events={result.Events} quarantined={result.Quarantined} duplicate={result.Duplicate}", ct);
                total += result.Duplicate ? 0 : result.Events;
            }
            Console.WriteLine($"Ingested {total:N0} events from {files.Count - refused} file(s) in {clock.Elapsed.TotalSeconds:F1}s ({total / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N0} events/s)"
                + (refused > 0 ? $"; {refused} file(s) refused" : ""));
            // Small files land as small segments; once enough have gathered they are merged here as in the web host.
            await CompactAsync(store, audit, force: false, ct);
            return refused > 0 ? 2 : 0;
        }));

        var compact = new Command("compact", "Merge the small segments that batches and small files landed as into one partitioned segment (ADR 0008)");
        compact.SetAction((p, ct) => withServices(args, async sp =>
        {
            var result = await CompactAsync(sp.GetRequiredService<IAccessEventStore>(), sp.GetRequiredService<Audit>(), force: true, ct);
            if (result.Segments == 0) Console.WriteLine("No small segments to compact.");
            return 0;
        }));

        var from = new Option<DateOnly>("--from") { Description = "First day (London time)", Required = true }.InCalendar();
        var to = new Option<DateOnly?>("--to") { Description = "Last day, inclusive (default: the first day)" }.InCalendar();
        var output = new Option<FileInfo?>("--out") { Description = "Write the alerts as CSV: alert_id,staff_id,rule,score,first_event_time,last_event_time,event_count,explanation" };
        var detect = new Command("detect", "Explain the day's accesses and raise alerts for the unexplained (rules: misuse-rules.json)") { from, to, output };
        detect.SetAction((p, ct) => withServices(args, async sp =>
        {
            var first = WorkingDays.RequireCovered(p.GetValue(from), "--from");
            var last = WorkingDays.RequireCovered(p.GetValue(to) ?? first, "--to");
            var report = await sp.GetRequiredService<DetectMisuse>().HandleAsync(first, last, new Progress<string>(s => Console.Error.WriteLine($"  {s}")), ct);
            var o = report.Output;
            var explained = o.Shares.Sum(s => s.Explained);
            Console.WriteLine($"{first:yyyy-MM-dd}..{last:yyyy-MM-dd}: {o.EventsExamined:N0} accesses by {o.UsersActive:N0} users; {(o.EventsExamined == 0 ? 0 : (double)explained / o.EventsExamined):P2} explained");
            foreach (var bySystem in o.Shares.GroupBy(s => s.System))
            {
                var t = bySystem.Sum(s => s.Total);
                Console.WriteLine($"  {bySystem.Key,-12} {t,14:N0} accesses  {(double)bySystem.Sum(s => s.Explained) / Math.Max(1, t),8:P2} explained");
            }
            Console.WriteLine($"{report.Alerts.Count:N0} alerts ({report.NewAlerts:N0} new{(report.ClosedAsMerged > 0 ? $"; {report.ClosedAsMerged:N0} earlier open alert(s) closed as held by these" : "")}) in {report.Elapsed.TotalSeconds:F1}s");
            foreach (var byRule in report.Alerts.GroupBy(a => a.Signal.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
                Console.WriteLine($"  {byRule.Key,-24} {byRule.Count(),6:N0}");
            if (p.GetValue(output) is { } file)
            {
                await using var writer = new StreamWriter(file.FullName, append: false, new System.Text.UTF8Encoding(false));
                await DetectMisuse.WriteCsvAsync(writer, report.Alerts, ct);
                await sp.GetRequiredService<Audit>().RecordAsync("export", "misuse_alerts", $"alerts {first:yyyy-MM-dd}..{last:yyyy-MM-dd} count={report.Alerts.Count} file={file.Name}", ct);
                Console.WriteLine($"Written to {file.FullName}");
            }
            return 0;
        }));

        var subject = new Option<string?>("--subject") { Description = "A person id (subject_person_id)" };
        var record = new Option<string?>("--record") { Description = "A record id" };
        var windowFrom = new Option<DateTimeOffset?>("--from") { Description = "Start of the window (default 30 days ago)" }.InCalendar();
        var windowTo = new Option<DateTimeOffset?>("--to") { Description = "End of the window (default now)" }.InCalendar();
        var who = new Command("who-accessed", "Everyone who touched a record or a person's records in a window") { subject, record, windowFrom, windowTo };
        who.SetAction((p, ct) => withServices(args, async sp =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            var query = new WhoAccessedQuery(p.GetValue(subject), p.GetValue(record), p.GetValue(windowFrom) ?? now.AddDays(-30), p.GetValue(windowTo) ?? now);
            try
            {
                WorkingDays.RequireCovered(DateOnly.FromDateTime(query.From.UtcDateTime), "--from");
                WorkingDays.RequireCovered(DateOnly.FromDateTime(query.To.UtcDateTime), "--to");
                query.Validate();
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var events = await sp.GetRequiredService<IAccessEventStore>().WhoAccessedAsync(query, ct);
            var elapsed = clock.Elapsed;
            // Reasons and records quote case ids: one the account may not see is withheld, as on the who-accessed page.
            var hidden = await sp.GetRequiredService<Cases.Contracts.CaseReferences>().HiddenAsync(events.SelectMany(e => new[] { e.ReasonRef, e.RecordId }), ct);
            if (hidden.Count > 0)
                events = [.. events.Select(e => e with
                {
                    ReasonRef = e.ReasonRef is { } r && hidden.Contains(r) ? Cases.Contracts.CaseReferences.Withheld : e.ReasonRef,
                    RecordId = e.RecordId is { } rec && hidden.Contains(rec) ? Cases.Contracts.CaseReferences.Withheld : e.RecordId,
                })];
            await sp.GetRequiredService<Audit>().RecordAsync("search", "access_events", $"who-accessed subject={query.SubjectPersonId} record={query.RecordId} {query.From:u}..{query.To:u} found={events.Count}", ct);
            Console.WriteLine("event_time,staff_id,system,action,record_type,record_id,subject_person_id,workstation_id,reason_ref");
            foreach (var e in events)
                Console.WriteLine(Infrastructure.Csv.Record([e.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv), e.StaffId, e.System, e.Action, e.RecordType, e.RecordId, e.SubjectPersonId, e.WorkstationId, e.ReasonRef]));
            await Console.Error.WriteLineAsync($"{events.Count:N0} accesses by {events.Select(e => e.StaffId).Distinct().Count():N0} staff, in {elapsed.TotalMilliseconds:F0} ms");
            return 0;
        }));

        var simOut = new Option<DirectoryInfo>("--out") { Description = "Folder for the PIF-1 bundle, one access_events file per day, planted.csv and leaks.csv", Required = true };
        var simUsers = new Option<int>("--users") { DefaultValueFactory = _ => 2_000 };
        var simDays = new Option<int>("--days") { DefaultValueFactory = _ => 14 };
        var simRate = new Option<double>("--events-per-user") { Description = "Average accesses per user per day", DefaultValueFactory = _ => 200 };
        var simSeed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var simFirst = new Option<DateOnly?>("--first-day") { Description = "Default: --days before today" };
        var simWarmUp = new Option<int>("--warm-up") { Description = "Days with no planted misuse, while baselines form", DefaultValueFactory = _ => 7 };
        var simulate = new Command("simulate", "Write a simulated force's audit logs with planted misuse of every kind (for trials and benchmarks)") { simOut, simUsers, simDays, simRate, simSeed, simFirst, simWarmUp };
        simulate.SetAction(p =>
        {
            var days = p.GetValue(simDays);
            var first = p.GetValue(simFirst) ?? TimeProvider.System.Today().AddDays(-days);
            if ((WorkingDays.OutsideRange(first, "--first-day") ?? WorkingDays.OutsideRange(first.AddDays(Math.Clamp(days - 1, 0, 3660)), "the last simulated day")) is { } outside)
            {
                Console.Error.WriteLine(outside);
                return 2;
            }
            var simulation = new AccessSimulation(new AccessSimulationOptions(p.GetValue(simSeed), first, days, p.GetValue(simUsers), p.GetValue(simRate)) { WarmUpDays = p.GetValue(simWarmUp) });
            var folder = p.GetValue(simOut)!;
            folder.Create();
            var bundle = new PifBundle();
            simulation.AddTo(bundle);
            PifFiles.Write(bundle, folder.FullName);
            long events = 0;
            for (var day = 0; day < days; day++)
            {
                using var writer = new StreamWriter(Path.Combine(folder.FullName, $"access_events-{first.AddDays(day):yyyy-MM-dd}.csv"));
                events += simulation.WriteCsv(writer, day);
            }
            using (var planted = new StreamWriter(Path.Combine(folder.FullName, "planted.csv")))
            {
                planted.WriteLine("kind,staff_id,day,first_event_time,last_event_time,detail");
                foreach (var m in simulation.Planted)
                    planted.WriteLine($"{m.Kind},{m.StaffId},{m.Day:yyyy-MM-dd},{m.First.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{m.Last.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{m.Detail}");
            }
            using (var leaks = new StreamWriter(Path.Combine(folder.FullName, "leaks.csv")))
            {
                leaks.WriteLine("leak_id,record_id,subject_person_id,leaked_at,window_days");
                foreach (var l in simulation.Reference.Leaks)
                    leaks.WriteLine($"{l.LeakId},{l.RecordId},{l.SubjectPersonId},{l.LeakedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{l.WindowDays}");
            }
            Console.WriteLine($"Wrote {events:N0} accesses by {simulation.UserCount:N0} users over {days} days, {simulation.Planted.Count} planted misuse, to {folder.FullName}");
            return 0;
        });

        var leakId = new Option<string?>("--id") { Description = "The leak's reference" };
        var leakRecord = new Option<string?>("--record") { Description = "The leaked record's id" };
        var leakSubject = new Option<string?>("--subject") { Description = "The person the leaked information was about" };
        var leakAt = new Option<DateTimeOffset?>("--at") { Description = "When it leaked (ISO 8601)" };
        var leakWindow = new Option<int>("--window-days") { Description = "How many days before the leak to examine", DefaultValueFactory = _ => 14 };
        var leakDescription = new Option<string?>("--description") { Description = "Where it appeared and how it was found" };
        var leakFile = new Option<FileInfo?>("--file") { Description = "Or a CSV of leaks: leak_id,record_id,subject_person_id,leaked_at,window_days[,description]" };
        var leak = new Command("leak", "Record a known leak so detection examines everyone who touched it before") { leakId, leakRecord, leakSubject, leakAt, leakWindow, leakDescription, leakFile };
        leak.SetAction((p, ct) => withServices(args, async sp =>
        {
            var handler = sp.GetRequiredService<Leaks.RecordLeak>();
            var commands = new List<Leaks.RecordLeak.Command>();
            if (p.GetValue(leakFile) is { } file)
            {
                foreach (var line in (await File.ReadAllLinesAsync(file.FullName, ct)).Skip(1).Where(l => l.Length > 0))
                {
                    var f = line.Split(',');
                    commands.Add(new(f[0], f[1], f[2], DateTimeOffset.Parse(f[3], Inv), int.Parse(f[4], Inv), f.Length > 5 ? f[5] : $"Loaded from {file.Name}", "system"));
                }
            }
            else
            {
                if (p.GetValue(leakId) is not { } id || p.GetValue(leakAt) is not { } at)
                {
                    await Console.Error.WriteLineAsync("Give --id and --at (and --record or --subject), or --file.");
                    return 2;
                }
                commands.Add(new(id, p.GetValue(leakRecord), p.GetValue(leakSubject), at, p.GetValue(leakWindow), p.GetValue(leakDescription) ?? "", "system"));
            }
            foreach (var c in commands) await handler.HandleAsync(c, ct);
            Console.WriteLine($"Recorded {commands.Count} leak(s).");
            return 0;
        }));

        return new Command("audit", "Information-misuse monitoring of policing systems' audit logs") { ingest, compact, detect, who, leak, simulate };
    }

    private static async Task<CompactionResult> CompactAsync(IAccessEventStore store, Audit audit, bool force, CancellationToken ct)
    {
        var result = await store.CompactAsync(force, ct);
        if (result.Segments == 0) return result;
        Console.WriteLine($"Compacted {result.Segments:N0} small segment(s), {result.Events:N0} events, into segment folder {result.Folder} in {result.Elapsed.TotalSeconds:F1}s");
        await audit.RecordAsync("compact", "access_events", SegmentCompaction.Describe(result), ct);
        return result;
    }

    private static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "access_events*.csv*").Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".csv.gz", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            else files.Add(path);
        }
        return files;
    }
}
