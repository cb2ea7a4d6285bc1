using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Probity.AuditTrail.Contracts;
using Probity.Identity.Contracts;

namespace Probity.IntegrationTests.RightLine;

/// <summary>
/// Right Line's promise to the reporter: nothing Probity stores or logs can identify them. A reporter at a distinctive
/// address with a distinctive browser reports, comes back, answers the Bureau and mistypes a passphrase; then every store
/// (the SQLite file and its journal, the access-event store, the key and checkpoint folders), every log line (at Debug,
/// the framework's included) and the audit trail are searched for the address, the browser and the moments they acted.
/// </summary>
public sealed class RightLineAnonymityTests
{
    private const string Address = "10.213.47.91";
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) RightLineWitness/7.3";
    private static readonly DateTimeOffset Morning = new(2026, 3, 17, 9, 0, 0, TimeSpan.Zero);
    // The two moments the reporter acts: distinctive minutes nobody else acts in.
    private static readonly DateTimeOffset Reports = new(2026, 3, 17, 13, 47, 29, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset ComesBack = new(2026, 3, 17, 17, 13, 41, 517, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reporter_leaves_no_address_browser_or_time_of_day_in_any_store_log_or_the_trail()
    {
        var clock = new FakeTimeProvider(Morning);
        var logs = new CapturedLogs();
        await using var app = new ProbityApp(Provider.Sqlite, demo: false, logs: logs, services: s => s.AddSingleton<TimeProvider>(clock), settings: new Dictionary<string, string?>
        {
            // The trail's checkpoint ticks every 15 minutes of its own; a fake clock jumping to the reporter's moment would
            // fire an overdue tick at that moment, which a real clock never does. (What a checkpoint reveals: ADR 0014.)
            ["Probity:Audit:CheckpointMinutes"] = "1440",
            ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug", ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
        });
        await app.InitialiseAsync();
        await app.AddUserAsync("bureau", Roles.IntelligenceBureau);

        var reporter = app.NewClient(Address);
        reporter.Http.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        var cookies = new List<string>();
        clock.SetUtcNow(Reports);
        var form = await reporter.Http.GetAsync("/right-line", Ct);
        cookies.AddRange(form.Headers.TryGetValues("Set-Cookie", out var set) ? set : []);
        var (reference, passphrase) = await RightLineClient.ReportAsync(reporter, "The custody sergeant on nights sells PNC checks to a local car dealer.");

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 17, 15, 5, 0, TimeSpan.Zero));
        var bureau = await app.SignInAsync("bureau");
        var page = await bureau.Http.GetStringAsync($"/intelligence/right-line/{reference}", Ct);
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"version\" value=\"([^\"]+)\"").Groups[1].Value;
        var reply = await bureau.PostFormAsync($"/intelligence/right-line/{reference}?handler=Reply", new() { ["version"] = version, ["text"] = "Which dealer, and since when?" },
            $"/intelligence/right-line/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);

        clock.SetUtcNow(ComesBack);
        var (_, refused) = await RightLineClient.OpenAsync(reporter, reference, "not-the-passphrase");
        Assert.Equal(Probity.Intelligence.RightLineReporting.NotRecognised, SignedInClient.Alert(refused));
        var (status, conversation) = await RightLineClient.OpenAsync(reporter, reference, passphrase);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Which dealer, and since when?", RightLineClient.Messages(conversation));
        var (_, answered) = await RightLineClient.AnswerAsync(reporter, reference, passphrase, "Mendoza Motors on the high street, since last summer.");
        Assert.Contains("Mendoza Motors on the high street, since last summer.", RightLineClient.Messages(answered));
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 17, 18, 30, 0, TimeSpan.Zero));

        // The only cookie a reporter is given is the antiforgery token's: random, kept by no server (ADR 0014). (The layout
        // reading TempData makes MVC send an empty, expired TempData cookie: a deletion, carrying nothing.)
        Assert.Contains(cookies, c => c.StartsWith("probity.csrf=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.True(c.StartsWith("probity.csrf=", StringComparison.Ordinal) || c.Contains("=; expires=Thu, 01 Jan 1970", StringComparison.Ordinal), c));

        // The trail shows every act of the reporter, as nobody, on the day, from nowhere.
        var reporterActs = (await app.TrailAsync()).Where(e => e.Target == "right-line:" + reference && e.Actor == Audit.AnonymousReporter).ToList();
        Assert.Equal(["right_line_report", "right_line_refused", "view", "right_line_message"], reporterActs.Select(e => e.Action).Take(4).ToList());
        Assert.All(reporterActs, e =>
        {
            Assert.Null(e.Client);
            Assert.Equal(new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.Zero), e.At);
        });
        // The Bureau's own acts are recorded as usual: who, when, from where.
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "bureau" && e.Target == "right-line:" + reference && e.Action == "view" && e.Client is not null);

        // Everything at rest, searched byte for byte, in UTF-8 and UTF-16, and the address as its four bytes.
        var database = app.CliSettings.Single(s => s.Key == "ConnectionStrings:Probity").Value["Data Source=".Length..];
        var files = new[] { database, database + "-wal", database + "-shm", database + "-journal" }.Where(File.Exists)
            .Concat(new[] { "Probity:AccessMonitoring:Store", "Probity:Keys:Folder", "Probity:Audit:Checkpoints" }
                .Select(k => app.CliSettings.Single(s => s.Key == k).Value).Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories)))
            .ToList();
        Assert.Contains(database, files);
        string[] needles = [Address, "RightLineWitness", .. Moments(Reports), .. Moments(ComesBack)];
        foreach (var file in files)
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes, Ct);
            }
            foreach (var needle in needles)
            {
                Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0, $"{file} holds '{needle}' (UTF-8)");
                Assert.False(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0, $"{file} holds '{needle}' (UTF-16)");
            }
            Assert.False(bytes.AsSpan().IndexOf(IPAddress.Parse(Address).GetAddressBytes()) >= 0, $"{file} holds the reporter's address as bytes");
        }
        // And what was written is really there to be found: the report's text is in the file (so the search reads the store).
        Assert.Contains(files, f => ReadShared(f).AsSpan().IndexOf(Encoding.UTF8.GetBytes("Mendoza Motors")) >= 0);

        var lines = logs.Entries.Select(e => $"{e.Category} {e.Message} {e.Exception}").ToList();
        Assert.Contains(lines, l => l.Contains("/right-line", StringComparison.Ordinal)); // the framework's Debug lines were captured
        foreach (var needle in needles)
            Assert.DoesNotContain(lines, l => l.Contains(needle, StringComparison.Ordinal));
    }

    /// <summary>A moment as the stores could spell it: ISO with a space or a T, the time alone, to the minute and to the second.</summary>
    private static IEnumerable<string> Moments(DateTimeOffset at) =>
    [
        at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        at.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)[..8],
    ];

    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
