namespace Probity.IntegrationTests.NeedToKnow;

/// <summary>
/// The command line is a way into the store too: its verbs that show protected data act as a named account, with that
/// account's policy and need-to-know, exactly as the web does. Each verb runs as a real process against the planted force.
/// </summary>
public sealed class CanaryCliTests(CanaryForces forces)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<Provider, string> Readers()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
            foreach (var reader in new[] { "analyst", "senior", "oversight", CanaryForce.SelfUser })
                data.Add(provider, reader);
        return data;
    }

    [Theory, MemberData(nameof(Readers))]
    public async Task No_command_line_verb_shows_a_reader_what_they_must_not_know(Provider provider, string reader)
    {
        var f = await forces.GetAsync(provider);
        await f.SweepAsync();
        var work = Directory.CreateTempSubdirectory("probity-canary-cli-").FullName;
        try
        {
            var answers = new List<(string Verb, string Text)>();
            async Task Run(string verb, bool allowed, params string[] args)
            {
                var (exit, output) = await f.App.RunCliAsync(reader, args);
                if (!allowed)
                {
                    Assert.True(exit == 5, $"{reader}: probity {verb} exited {exit}, not refused: {output}");
                    Assert.Contains("may not", output, StringComparison.Ordinal);
                }
                else Assert.True(exit == 0, $"{reader}: probity {verb} exited {exit}: {output}");
                answers.Add((verb, output));
            }

            var exports = reader is "analyst" or "senior" or CanaryForce.SelfUser;
            await Run("export", exports, "export", "--out", Path.Combine(work, "all"));
            await Run("export --officer", exports, "export", "--out", Path.Combine(work, "officer"), "--officer", f.Subject, "--status", "live");
            foreach (var file in Directory.Exists(work) ? Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories) : [])
                answers.Add(("export " + Path.GetFileName(file), await File.ReadAllTextAsync(file, Ct)));
            // Every reader here reads performance (oversight members too: figures, not cases).
            await Run("pmf", true, "pmf", "--json", "--as-of", CanaryForce.Iso(f.Today), "--period", "12m");
            // The senior manager supervised the restricted canary before it was restricted away: their digest must not name it.
            await Run("digest", true, "digest");
            var risk = reader is not "oversight";
            var scores = Path.Combine(work, "scores.csv");
            // Scored at the end of the demo force's history (the model needs outcomes to learn from).
            await Run("risk score", risk, "risk", "score", "--as-of", CanaryForce.Iso(ProbityApp.DemoUntil), "--out", scores);
            if (File.Exists(scores)) answers.Add(("risk score file", await File.ReadAllTextAsync(scores, Ct)));
            await Run("audit who-accessed", risk, "audit", "who-accessed", "--subject", f.Person, "--from", $"{CanaryForce.Iso(f.EventDay.AddDays(-3))}T00:00:00Z", "--to", $"{CanaryForce.Iso(f.Today)}T00:00:00Z");

            var leaks = new List<string>();
            foreach (var (verb, text) in answers)
                foreach (var marker in LeakRules.Forbidden(f, reader, "cli:" + verb, fullExport: verb.StartsWith("export", StringComparison.Ordinal)))
                    if (text.Contains(marker.Text, StringComparison.Ordinal)) leaks.Add($"{reader}: probity {verb} gave away {marker.What} ({marker.Text})");
            if (reader == "oversight")
                foreach (var (verb, text) in answers)
                    if (f.LiveCaseIds.FirstOrDefault(id => text.Contains(id, StringComparison.Ordinal)) is { } live)
                        leaks.Add($"oversight: probity {verb} named live case {live}");
            Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_verb_that_shows_protected_data_needs_a_named_account_and_its_second_factor(Provider provider)
    {
        var f = await forces.GetAsync(provider);
        // The accounts have set up their authenticators (the sweep signs every reader in through the real pages).
        await f.SweepAsync();
        var work = Directory.CreateTempSubdirectory("probity-canary-cli-").FullName;
        try
        {
            var (anonymous, said) = await f.App.RunCliAsync(null, "export", "--out", work);
            Assert.Equal(2, anonymous);
            Assert.Contains("--as USER", said, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(work));

            // A right password without the current code is refused, and so is a wrong password.
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "probity.dll"));
            foreach (var a in new[] { "export", "--out", work, "--as", "analyst" }) start.ArgumentList.Add(a);
            foreach (var (key, value) in f.App.CliSettings) start.ArgumentList.Add($"--{key}={value}");
            start.Environment["PROBITY_PASSWORD"] = ProbityApp.Password;
            start.Environment["PROBITY_TOTP"] = "000000";
            using (var process = System.Diagnostics.Process.Start(start)!)
            {
                process.StandardInput.Close();
                var error = await process.StandardError.ReadToEndAsync(Ct);
                await process.WaitForExitAsync(Ct);
                Assert.Equal(5, process.ExitCode);
                Assert.Contains("two-factor code", error, StringComparison.Ordinal);
            }
            Assert.Empty(Directory.EnumerateFiles(work));

            // A handler may not export, on the command line as on the web.
            var (handler, refusal) = await f.App.RunCliAsync("handler", "export", "--out", work);
            Assert.Equal(5, handler);
            Assert.Contains("may not", refusal, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(work));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
