using Probity.Identity.Contracts;
using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Probity.AccessMonitoring;
using Probity.AuditTrail;
using Probity.Cases;
using Probity.Database;
using Probity.DemoForce;
using Probity.Identity;
using Probity.Interchange;
using Probity.Performance;
using Probity.Risk;

namespace Probity.Host;

/// <summary>
/// The command line's root: each module builds its own verbs (<c>&lt;Module&gt;Cli</c>), given <see cref="WithServices"/>;
/// only <c>migrate</c>, the store's own verb, is built here. Each verb runs inside the same services as the web host: verbs that show protected data as the
/// account named by --as (its policy and need-to-know apply, as on the web), operator verbs as the platform
/// (<see cref="CliSignIn"/>).
/// </summary>
internal static class ProbityCli
{
    private static readonly string[] HelpWords = ["--help", "-h", "-?"];

    /// <summary>
    /// Whether the arguments name a verb. Read from the verbs themselves, not a list kept beside them: a verb missing
    /// from such a list silently started the web host (and, under a test, generated the demo force into its store).
    /// </summary>
    public static bool Handles(string[] args) =>
        args.Length > 0 && (HelpWords.Contains(args[0]) || Build(args).Subcommands.Any(c => c.Name == args[0] || c.Aliases.Contains(args[0])));

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build(args);
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

    private static RootCommand Build(string[] args)
    {
        var root = new RootCommand("Probity: the professional standards platform. Without a verb it serves the web application.");
        root.Options.Add(new Option<string?>("--as")
        {
            Description = "Act as this account (password from PROBITY_PASSWORD or standard input; two-factor code from PROBITY_TOTP). Required by verbs that show case, performance, risk or monitoring data",
            Recursive = true,
        });

        var migrate = new Command("migrate", "Create or upgrade the database schema");
        migrate.SetAction((_, _) => WithServices(args, _ =>
        {
            Console.WriteLine("Schema is up to date.");
            return Task.FromResult(0);
        }));

        root.Subcommands.Add(InterchangeCli.BuildImport(args, WithServices));
        root.Subcommands.Add(AccessMonitoringCli.Build(args, WithServices));
        root.Subcommands.Add(RiskCli.Build(args, WithServices));
        root.Subcommands.Add(Registers.RegistersCli.Build(args, WithServices));
        root.Subcommands.Add(Intelligence.IntelligenceCli.Build(args, WithServices));
        root.Subcommands.Add(PerformanceCli.Build(args, WithServices));
        root.Subcommands.Add(CasesCli.BuildDigest(args, WithServices));
        root.Subcommands.Add(InterchangeCli.BuildExport(args, WithServices));
        root.Subcommands.Add(DemoForceCli.Build());
        root.Subcommands.Add(AuditTrailCli.Build(args, WithServices));
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(IdentityCli.Build(args, WithServices));
        return root;
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
        // Caseloads and digests name people as the web does.
        builder.Services.AddScoped<DirectoratePeople>();
        var verb = VerbOf(args);
        var asUser = ValueOf(args, "--as");
        var policy = CliSignIn.PolicyFor(verb);
        using var host = builder.Build();
        await DatabaseSetup.MigrateAsync(host.Services);
        await host.StartAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            // A verb that shows protected data, run without --as, is refused as a verb's refused action is: said with exit 2 and
            // on the trail under the operating-system account that ran it (ADR 0027), since an insider with a shell on the
            // server trying to read case data without signing in is as much worth knowing as one trying a case id.
            if (asUser is null && !CliSignIn.OperatorMayRun(verb))
                throw new Kernel.ActionRefusedException($"probity {string.Join(' ', verb.Take(2))} shows protected data: say who you are with --as USER (password from PROBITY_PASSWORD or standard input).");
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
        catch (Exception ex) when (ex is Kernel.ActionRefusedException or InvalidDataException or Kernel.RecordNotFoundException)
        {
            // A refused action, a record that is not there (or not there for this account), or a wrong setting or file
            // (ADR 0012): the message names the rule, record, setting, file or line; a stack trace would bury it.
            await Console.Error.WriteLineAsync(ex.Message);
            // On the trail as a page's or the API's refusal is (ADR 0027): who was refused which verb, and why. A refused
            // sign-in or policy (exit 5) is recorded by CliSignIn.
            await host.Services.GetRequiredService<AuditTrailWriter>().RecordAsync(new AuditRecord(asUser ?? CliSignIn.OperatorName,
                ex is Kernel.RecordNotFoundException ? AuditTrail.Contracts.Audit.NotFound : "refused", "cli:" + string.Join(' ', verb), ex.Message,
                "cli:" + Environment.UserName), CancellationToken.None);
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
}
