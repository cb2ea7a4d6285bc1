using Probity.Identity.Contracts;
using Probity.Infrastructure;
using Probity.Infrastructure.Time;
using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Probity.AuditTrail;
using Probity.DemoForce;
using Probity.Identity;
using Probity.Database;
using Probity.Interchange.ExportBundle;
using Probity.Interchange.ImportBundle;
using Probity.Interchange.Pif;

namespace Probity.Host;

/// <summary>
/// The command-line verbs. Each runs inside the same services as the web host: verbs that show protected data as the
/// account named by --as (its policy and need-to-know apply, as on the web), operator verbs as the platform
/// (<see cref="CliSignIn"/>).
/// </summary>
public static class ProbityCli
{
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal) { "import", "export", "demo-bundle", "trail", "migrate", "users", "pmf", "risk", "audit", "--help", "-h", "-?" };

    public static bool Handles(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Probity: the professional standards platform. Without a verb it serves the web application.");
        root.Options.Add(new Option<string?>("--as")
        {
            Description = "Act as this account (password from PROBITY_PASSWORD or standard input; two-factor code from PROBITY_TOTP). Required by verbs that show case, performance, risk or monitoring data",
            Recursive = true,
        });

        var importPath = new Argument<DirectoryInfo>("bundle") { Description = "Folder holding a PIF-1 bundle (units.csv, staff.csv, cases.csv ...; .csv.gz accepted), or with --mapping the other system's export" };
        var importMapping = new Option<FileInfo?>("--mapping") { Description = "A mapping file (probity-mapping/1, docs/mapping.md): the folder holds another system's export, mapped to PIF-1 as it is read" };
        var importLenient = new Option<bool>("--lenient") { Description = "With --mapping: import what is valid and keep the rest in quarantine (default: all-or-nothing)" };
        var importQuarantine = new Option<FileInfo?>("--quarantine") { Description = "With --mapping: write the quarantined cells here as CSV (file,line,column,value,reason,target)" };
        var import = new Command("import", "Import a PIF-1 bundle, or another system's export through a mapping: validated first, all-or-nothing (unless --lenient), idempotent") { importPath, importMapping, importLenient, importQuarantine };
        import.SetAction((p, ct) => WithServices(args, async sp =>
        {
            var folder = p.GetValue(importPath)!.FullName;
            ImportReport report;
            if (p.GetValue(importMapping) is { } mappingFile)
            {
                var mapping = Interchange.Mapping.MappingFile.Load(mappingFile.FullName);
                (report, var quality) = await sp.GetRequiredService<ImportBundleHandler>().FromMappedFolderAsync(mapping, folder, p.GetValue(importLenient), new ConsoleProgress(), ct);
                Console.Error.WriteLine();
                Console.Error.Write(quality.ToText());
                if (p.GetValue(importQuarantine) is { } q) await File.WriteAllTextAsync(q.FullName, quality.QuarantineCsv(), Csv.Utf8, ct);
            }
            else if (p.GetValue(importLenient) || p.GetValue(importQuarantine) is not null)
                throw new Kernel.ActionRefusedException("--lenient and --quarantine go with --mapping: a PIF-1 bundle is always imported all-or-nothing.");
            else report = await sp.GetRequiredService<ImportBundleHandler>().FromFolderAsync(folder, new ConsoleProgress(), ct);
            Console.Error.WriteLine();
            foreach (var w in report.Warnings) Console.Error.WriteLine(w);
            foreach (var e in report.Errors) Console.Error.WriteLine(e);
            if (!report.Succeeded)
            {
                Console.Error.WriteLine($"Import rejected: {report.Errors.Count} error(s). Nothing was written.");
                return 1;
            }
            foreach (var (file, (rows, isNew)) in report.Files) Console.WriteLine($"{file,-24} {rows,9:N0} rows  {(isNew is int n ? n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "—"),9} new");
            Console.WriteLine($"Imported in {(report.ReadTime + report.WriteTime).TotalSeconds:F1}s (read {report.ReadTime.TotalSeconds:F1}s, write {report.WriteTime.TotalSeconds:F1}s)");
            return 0;
        }));

        var exportOut = new Option<DirectoryInfo>("--out") { Description = "Folder to write the PIF-1 files to", Required = true };
        var exportGzip = new Option<bool>("--gzip") { Description = "Write name.csv.gz files" };
        var exportUnit = new Option<string?>("--unit") { Description = "Only cases handled by or arising in this unit" };
        var exportOfficer = new Option<string?>("--officer") { Description = "Only cases naming this staff id" };
        var exportStatus = new Option<string?>("--status") { Description = "received | recorded | in_hand | finalised | live" };
        var export = new Command("export", "Export everything, or a selection of cases, as a PIF-1 bundle") { exportOut, exportGzip, exportUnit, exportOfficer, exportStatus };
        export.SetAction((p, ct) => WithServices(args, async sp =>
        {
            Cases.Contracts.CaseFilter? filter = null;
            if (p.GetValue(exportUnit) is not null || p.GetValue(exportOfficer) is not null || p.GetValue(exportStatus) is not null)
                filter = new() { Unit = p.GetValue(exportUnit), Officer = p.GetValue(exportOfficer), Status = p.GetValue(exportStatus) };
            var bundle = await sp.GetRequiredService<ExportBundleHandler>().HandleAsync(filter, ct);
            PifWriter.Write(bundle, p.GetValue(exportOut)!.FullName, p.GetValue(exportGzip));
            Console.WriteLine($"Exported {bundle.Cases.Count:N0} cases, {bundle.Allegations.Count:N0} allegations, {bundle.Staff.Count:N0} staff to {p.GetValue(exportOut)!.FullName}");
            return 0;
        }));

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
            PifWriter.Write(bundle, p.GetValue(demoOut)!.FullName);
            Console.WriteLine($"Wrote {bundle.Cases.Count:N0} cases, {bundle.Allegations.Count:N0} allegations, {bundle.Staff.Count:N0} staff in {clock.Elapsed.TotalSeconds:F1}s to {p.GetValue(demoOut)!.FullName}");
            return 0;
        });

        var verifyCheckpoints = new Option<DirectoryInfo?>("--checkpoints") { Description = "Folder of signed checkpoints to verify against (default Probity:Audit:Checkpoints; point it at the write-once copy)" };
        var verify = new Command("verify", "Check every entry's keyed seal and link, and the trail against its signed checkpoints; names what was altered, re-chained, deleted, reordered or truncated (exit 3)") { verifyCheckpoints };
        verify.SetAction((p, ct) => WithServices(args, async sp =>
        {
            var checkpoints = sp.GetRequiredService<TrailCheckpoints>();
            if (p.GetValue(verifyCheckpoints) is { } folder) checkpoints = checkpoints.In(folder.FullName);
            var result = await VerifyTrail.RunAsync(sp.GetRequiredService<ProbityDb>(), sp.GetRequiredService<AuditSealing>().ExistingChain(), checkpoints, ct);
            if (result.Intact)
            {
                Console.WriteLine($"Audit trail intact: {result.EntriesChecked:N0} entries checked against their keyed seals, {result.CheckpointsChecked:N0} signed checkpoint(s) in {checkpoints.Folder}.");
                if (result.CheckpointsChecked == 0) Console.WriteLine("No checkpoints: deletion of the newest entries cannot be detected until one is taken (probity trail checkpoint).");
                return 0;
            }
            Console.Error.WriteLine($"Audit trail BROKEN ({result.Findings.Count} finding(s); {result.EntriesChecked:N0} entries and {result.CheckpointsChecked:N0} checkpoint(s) checked):");
            foreach (var f in result.Findings) Console.Error.WriteLine($"  {f.Message}");
            return 3;
        }));
        var checkpoint = new Command("checkpoint", "Verify the entries since the last checkpoint and sign a new one (ship the folder to write-once storage)");
        checkpoint.SetAction((_, ct) => WithServices(args, async sp =>
        {
            var outcome = await sp.GetRequiredService<TrailCheckpointer>().WriteAsync(ct);
            if (outcome.Refused)
            {
                Console.Error.WriteLine("No checkpoint signed: the trail does not verify.");
                foreach (var f in outcome.Findings) Console.Error.WriteLine($"  {f.Message}");
                return 3;
            }
            Console.WriteLine(outcome.File is null ? $"Nothing new since the checkpoint at entry {outcome.Sequence:N0}." : $"Checkpoint at entry {outcome.Sequence:N0}: {outcome.File}");
            return 0;
        }));
        var trail = new Command("trail", "The tamper-evident audit trail of every read and change") { verify, checkpoint };

        var migrate = new Command("migrate", "Create or upgrade the database schema");
        migrate.SetAction((_, _) => WithServices(args, _ =>
        {
            Console.WriteLine("Schema is up to date.");
            return Task.FromResult(0);
        }));

        var userName = new Argument<string>("user-name");
        var userRole = new Option<string>("--role") { Description = string.Join(" | ", Roles.All), Required = true };
        var userDisplay = new Option<string?>("--name") { Description = "Display name" };
        var userTeam = new Option<string?>("--team") { Description = "Team, for need-to-know grants" };
        var addUser = new Command("add", "Add a local account; the password is read from PROBITY_PASSWORD or standard input") { userName, userRole, userDisplay, userTeam };
        addUser.SetAction((p, ct) => WithServices(args, async sp =>
        {
            var password = Environment.GetEnvironmentVariable("PROBITY_PASSWORD") ?? await Console.In.ReadLineAsync(ct) ?? "";
            var name = p.GetValue(userName)!;
            await sp.GetRequiredService<DemoAccounts>().CreateAsync(name, p.GetValue(userDisplay) ?? name, p.GetValue(userRole)!, p.GetValue(userTeam), password);
            Console.WriteLine($"Added {name} as {Roles.Describe(p.GetValue(userRole)!)}.");
            return 0;
        }));
        var resetName = new Argument<string>("user-name");
        var resetTwoFactor = new Command("reset-two-factor", "The account sets up its authenticator again at its next sign-in (lost phone, last administrator, lost key folder)") { resetName };
        resetTwoFactor.SetAction((p, ct) => WithServices(args, async sp =>
        {
            var name = p.GetValue(resetName)!;
            var manager = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ProbityUser>>();
            var user = await manager.FindByNameAsync(name);
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"No account is called '{name}'.");
                return 1;
            }
            await Identity.TwoFactor.TwoFactorReset.ApplyAsync(manager, sp.GetRequiredService<ProbityDb>(), user, ct);
            await sp.GetRequiredService<AuditTrail.Contracts.Audit>().RecordAsync("user_two_factor_reset", "user:" + user.UserName, "from the command line; enrols again at next sign-in", ct);
            Console.WriteLine($"{name} sets up an authenticator again at the next sign-in.");
            return 0;
        }));
        var users = new Command("users", "Manage local accounts") { addUser, resetTwoFactor };

        var pmfAsOf = new Option<DateOnly?>("--as-of") { Description = "The date the figures are for (default today)" }.InCalendar();
        var pmfPeriod = new Option<string>("--period") { Description = "12m | 3m | q | 2010-Q3 | 2010-01-01..2010-03-31", DefaultValueFactory = _ => "12m" }
            .Refusing((value, r) => Performance.Measures.Period.Parse(value, r.Parent?.GetValue(pmfAsOf) is { } d && WorkingDays.Covers(d) ? d : TimeProvider.System.Today()).RequireCovered());
        var pmfUnit = new Option<string?>("--unit") { Description = "A unit id (the unit and everything below it); default the whole force" };
        var pmfJson = new Option<bool>("--json") { Description = "Print the measures as JSON (schema: README)" };
        var pmf = new Command("pmf", "The Performance Management Framework's measures for a period") { pmfAsOf, pmfPeriod, pmfUnit, pmfJson };
        pmf.SetAction((p, ct) => WithServices(args, async sp =>
        {
            var asOf = WorkingDays.RequireCovered(p.GetValue(pmfAsOf) ?? TimeProvider.System.Today(), "--as-of");
            var period = Performance.Measures.Period.Parse(p.GetValue(pmfPeriod)!, asOf);
            var facts = await sp.GetRequiredService<Performance.Facts.FactsCache>().GetAsync(ct, fresh: true);
            var result = sp.GetRequiredService<Performance.Measures.PmfCalculator>().Compute(facts, period, p.GetValue(pmfUnit), reader: sp.GetRequiredService<ProbityDb>().Scope);
            result = result with { Excluded = await sp.GetRequiredService<Cases.Contracts.CaseReferences>().VisibleAsync(result.Excluded, e => e.Warning.CaseId, ct) };
            await sp.GetRequiredService<AuditTrail.Contracts.Audit>().RecordAsync("export", "performance", $"pmf {period.Label} scope={result.Scope}", ct);
            var comparators = sp.GetRequiredService<Performance.Comparators.ComparatorSet>();
            if (p.GetValue(pmfJson))
            {
                Console.WriteLine(Performance.Measures.PmfJson.Serialize(result, asOf, comparators.Source));
                return 0;
            }
            Console.WriteLine($"{result.ScopeName}, {period.Label}");
            foreach (var m in result.Measures)
                Console.WriteLine($"  {m.Definition.Title,-58} {m.Current.Value,10:N1} {m.LastPeriod.Arrow}{(m.LastPeriod.Significant ? "*" : " ")}  target {m.Target?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "-",5}  {m.Rag}");
            Console.WriteLine("  * change from the previous period is statistically significant (95%)");
            return 0;
        }));

        var riskAsOf = new Option<DateOnly>("--as-of") { Description = "Score the officers serving on this date, from what was known by then", Required = true }.InCalendar();
        var riskOut = new Option<FileInfo>("--out") { Description = "The scores file to write (staff_id,score,rank,top_factors)", Required = true };
        var riskTrainUntil = new Option<DateOnly?>("--train-until") { Description = "Train on history known by this date (default the as-of date)" }.InCalendar();
        var riskScore = new Command("score", "Score every serving officer with the learned model: chance of an adverse outcome (a new allegation later substantiated or sanctioned) in the outcome window, with the top factors") { riskAsOf, riskOut, riskTrainUntil };
        riskScore.SetAction((p, ct) => WithServices(args, async sp =>
        {
            var asOf = WorkingDays.RequireCovered(p.GetValue(riskAsOf), "--as-of");
            if (p.GetValue(riskTrainUntil) is { } trainUntil) WorkingDays.RequireCovered(trainUntil, "--train-until");
            var output = p.GetValue(riskOut)!;
            var facts = await Risk.Facts.RiskFacts.LoadAsync(sp.GetRequiredService<ProbityDb>(), ct);
            // Never a reader's own score (need-to-know protects the member of staff who is asking about themselves).
            var reader = sp.GetRequiredService<ProbityDb>().Scope;
            var options = new Risk.Model.RiskEvaluationOptions { Outcome = sp.GetRequiredService<Risk.Model.RiskOutcome>() };
            IReadOnlyList<Risk.Model.RiskScore> scored;
            var byCount = false;
            try
            {
                scored = Risk.Model.RiskScoring.Score(facts, asOf, p.GetValue(riskTrainUntil), options);
            }
            catch (InvalidOperationException ex)
            {
                // Nothing to learn from before the date: the fallback the model page uses (ADR 0011), said plainly, and
                // only officers the count names (a zero count is not a prompt to look at anyone).
                Console.Error.WriteLine($"The model cannot be trained on what was known by {asOf:d MMM yyyy}: {ex.Message}. " +
                    $"Ranked instead by {Risk.Model.RiskBaselines.RankingTitle(Risk.Model.RiskBaselines.Count12Months)} (the ranking behind the \"3 or more in 12 months\" rule); the score column is that count.");
                scored = [.. Risk.Model.RiskScoring.RankByBaseline(facts, asOf, Risk.Model.RiskBaselines.Count12Months, sp.GetRequiredService<Risk.Thresholds.ThresholdEngine>()).Where(r => r.Probability >= 1)];
                byCount = true;
            }
            var ranked = scored.Where(r => reader.MayReadAbout(facts.Staff[r.Staff].Id)).ToList();
            await using (var writer = new StreamWriter(output.FullName, append: false, new System.Text.UTF8Encoding(false)))
                await Risk.Model.RiskScoring.WriteCsvAsync(writer, facts, ranked, ct);
            await sp.GetRequiredService<AuditTrail.Contracts.Audit>().RecordAsync("export", "risk_scores", $"risk score as-of {asOf:yyyy-MM-dd} officers={ranked.Count} ranking={(byCount ? Risk.Model.RiskBaselines.Count12Months : "model")} file={output.Name}", ct);
            Console.WriteLine(byCount ? $"Ranked {ranked.Count:N0} serving officers with allegations in the 12 months to {asOf:yyyy-MM-dd} by their count (not the model); written to {output.FullName}"
                : $"Scored {ranked.Count:N0} serving officers at {asOf:yyyy-MM-dd}; written to {output.FullName}");
            return 0;
        }));
        var riskFolds = new Option<int>("--folds") { Description = "How many yearly test dates (temporal cross-validation folds)", DefaultValueFactory = _ => 3 };
        var riskBootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the 95% intervals", DefaultValueFactory = _ => 1000 };
        var riskSeed = new Option<int>("--seed") { Description = "Seed of the bootstrap (same seed, same intervals)", DefaultValueFactory = _ => new Risk.Model.RiskEvaluationOptions().Seed };
        var riskJson = new Option<FileInfo?>("--json") { Description = "Also write the evaluation as JSON (schema probity-risk-evaluation/1) to this file; - for standard output instead of the text" };
        var riskEvaluate = new Command("evaluate", "Temporal cross-validation of the risk model against the simple baselines (3 or more in 12 months, top 2% by 12- and 24-month counts, the configured triggers): precision, recall and their ratio at equal alert volume with bootstrap intervals, per test date and pooled; fairness by group; which ranking is in use") { riskFolds, riskBootstrap, riskSeed, riskJson };
        riskEvaluate.SetAction((p, ct) => WithServices(args, async sp =>
        {
            if (p.GetValue(riskFolds) is < 1 or > 20) throw new Kernel.ActionRefusedException("--folds must be 1 to 20.");
            if (p.GetValue(riskBootstrap) is < 0 or > 100_000) throw new Kernel.ActionRefusedException("--bootstrap must be 0 to 100000.");
            var facts = await Risk.Facts.RiskFacts.LoadAsync(sp.GetRequiredService<ProbityDb>(), ct);
            var engine = sp.GetRequiredService<Risk.Thresholds.ThresholdEngine>();
            var options = new Risk.Model.RiskEvaluationOptions
            {
                Folds = p.GetValue(riskFolds), BootstrapReplicates = p.GetValue(riskBootstrap), Seed = p.GetValue(riskSeed),
                Outcome = sp.GetRequiredService<Risk.Model.RiskOutcome>(),
            };
            var result = Risk.Model.RiskEvaluation.Evaluate(facts, engine, options);
            await sp.GetRequiredService<AuditTrail.Contracts.Audit>().RecordAsync("export", "risk_scores", $"risk evaluate folds={result.Folds.Count} in use={result.Choice.InUse}", ct);
            var json = p.GetValue(riskJson);
            if (json?.Name == "-")
            {
                Console.WriteLine(Risk.Model.RiskEvaluationReport.ToJson(result));
                return 0;
            }
            Console.WriteLine(Risk.Model.RiskEvaluationReport.ToMarkdown(result));
            if (json is not null) await File.WriteAllTextAsync(json.FullName, Risk.Model.RiskEvaluationReport.ToJson(result), ct);
            return 0;
        }));
        var risk = new Command("risk", "The Risk Identification Unit's learned risk model") { riskScore, riskEvaluate };

        root.Subcommands.Add(import);
        root.Subcommands.Add(AccessMonitoring.AccessMonitoringCli.Build(args, WithServices));
        root.Subcommands.Add(risk);
        root.Subcommands.Add(pmf);
        root.Subcommands.Add(export);
        root.Subcommands.Add(demo);
        root.Subcommands.Add(trail);
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(users);
        // Configuration overrides (--ConnectionStrings:Probity=..., --Probity:...) go to the host, not the parser.
        var parsed = root.Parse(args.Where(a => !IsConfiguration(a)).ToArray());
        // Refused input (an unknown option, a date outside the calendar) is said before anything runs, with exit 2.
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await Console.Error.WriteLineAsync(error.Message);
            return 2;
        }
        return await parsed.InvokeAsync();
    }

    /// <summary>Builds the services (no web server), migrates, runs the verb, then stops so the audit trail is flushed.</summary>
    internal static async Task<int> WithServices(string[] args, Func<IServiceProvider, Task<int>> run)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args.Where(IsConfiguration).ToArray());
        // The verbs print their own results; only warnings and errors from the framework, on stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.Services.AddProbityCore(builder.Configuration);
        builder.Services.AddIdentityCore<ProbityUser>().ConfigureIdentityOptions().AddDefaultTokenProviders();
        builder.Services.AddAuthorization(Policies.Add);
        var verb = VerbOf(args);
        var asUser = ValueOf(args, "--as");
        var policy = CliSignIn.PolicyFor(verb);
        if (asUser is null && !CliSignIn.OperatorMayRun(verb))
        {
            await Console.Error.WriteLineAsync($"probity {string.Join(' ', verb.Take(2))} shows protected data: say who you are with --as USER (password from PROBITY_PASSWORD or standard input).");
            return 2;
        }
        using var host = builder.Build();
        await DatabaseSetup.MigrateAsync(host.Services);
        await host.StartAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var who = scope.ServiceProvider.GetRequiredService<Identity.Contracts.ScopeOverride>();
            who.Scope = asUser is null
                ? Probity.Kernel.CaseAccessScope.System with { Actor = CliSignIn.OperatorName }
                : await CliSignIn.AuthenticateAsync(scope.ServiceProvider, asUser, policy, CancellationToken.None);
            return await run(scope.ServiceProvider);
        }
        catch (CliSignIn.RefusedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 5;
        }
        catch (Kernel.ActionRefusedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (Kernel.StoreBusyException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 4;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>The verb and sub-verb ("risk score"): the leading words, after configuration overrides and --as.</summary>
    private static string[] VerbOf(string[] args)
    {
        var words = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (IsConfiguration(args[i]) || args[i].StartsWith("--as=", StringComparison.Ordinal)) continue;
            if (args[i] == "--as") { i++; continue; }
            if (args[i].StartsWith('-')) break;
            words.Add(args[i]);
        }
        return [.. words];
    }

    private static string? ValueOf(string[] args, string option)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == option && i + 1 < args.Length) return args[i + 1];
            if (args[i].StartsWith(option + "=", StringComparison.Ordinal)) return args[i][(option.Length + 1)..];
        }
        return null;
    }

    private static bool IsConfiguration(string arg) =>
        arg.StartsWith("--ConnectionStrings", StringComparison.Ordinal) || arg.StartsWith("--Probity", StringComparison.Ordinal);

    private sealed class ConsoleProgress : IProgress<ImportProgress>
    {
        private string _last = "";

        public void Report(ImportProgress value)
        {
            var line = $"\r{value.Stage,-8} {value.File,-24} {value.Fraction,6:P0}";
            if (line == _last) return;
            _last = line;
            Console.Error.Write(line);
        }
    }
}
