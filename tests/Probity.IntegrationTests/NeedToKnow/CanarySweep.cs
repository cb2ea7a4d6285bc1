using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Probity.IntegrationTests.NeedToKnow;

/// <summary>The home page's counts: live cases, live cases past their target date, cases awaiting a handling decision.</summary>
/// <param name="Finalised">For oversight members, who read finalised cases only: the one count their home page shows.</param>
internal sealed record HomeCounts(int Live, int Overdue, int Awaiting, int? Finalised = null);

/// <summary>Something a reader was shown that they must not know.</summary>
internal sealed record Finding(string Reader, string Request, string What, string Where, string Excerpt);

/// <summary>One request and what came back, as the sweep saw it.</summary>
internal sealed record Exchange(string Reader, string Method, string Template, string Url, int Status, string? Location, IReadOnlyList<TextPart> Parts, IReadOnlyList<Finding> Findings)
{
    /// <summary>How long the answer took (for keeping the sweep's own run time in view, never asserted).</summary>
    public TimeSpan Took { get; init; }

    /// <summary>The body as text (empty when it was a download too large to keep).</summary>
    public string Body => Parts.FirstOrDefault(p => !p.Where.EndsWith(" header", StringComparison.Ordinal))?.Text ?? "";

    public string Request => Method == "GET" ? Url : $"{Method} {Url}";
}

internal sealed record SweepResult(IReadOnlyList<Exchange> Exchanges, IReadOnlyList<AppRoute> Routes, IReadOnlyList<string> Uncovered, IReadOnlyDictionary<string, string> ReportJobs,
    IReadOnlyDictionary<string, HomeCounts> ExpectedHome, TimeSpan Took)
{
    public Exchange Get(string reader, string request) =>
        Exchanges.FirstOrDefault(e => e.Reader == reader && e.Request == request)
        ?? throw new InvalidOperationException($"The sweep made no request '{request}' as {reader}");
}

/// <summary>
/// Every GET route as every reader, with every parameter and filter from <see cref="CanaryRoutes.Table"/>, plus the
/// POSTs that hand out files (the export's zip, the quarterly report's job and its PDF/HTML/CSV/zip downloads), and
/// each answer searched for the markers the reader must not see (<see cref="LeakRules"/>). A request that itself
/// names a hidden case (its id in the path, in q=, in a trail filter) is also asked with a "ghost" id that does not
/// exist: the two answers must be the same, or the difference tells the reader the case exists.
/// </summary>
internal static partial class CanarySweep
{
    private const int KeepBodiesUpTo = 2_000_000;
    private static readonly CancellationToken None = CancellationToken.None;

    public static async Task<SweepResult> RunAsync(CanaryForce force)
    {
        var clock = Stopwatch.StartNew();
        var exchanges = new ConcurrentBag<Exchange>();
        var clients = new Dictionary<string, SignedInClient>(StringComparer.Ordinal);
        foreach (var reader in CanaryForce.Readers) clients[reader] = await force.App.SignInAsync(reader);

        // The quarterly report for the latest quarter, asked for by everyone (only some may): its downloads are swept as GET routes.
        var today = force.Today;
        var year = today.Month >= 4 ? today.Year : today.Year - 1;
        var quarter = (today.Month + 8) % 12 / 3 + 1;
        var jobs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reader in CanaryForce.Readers)
        {
            var fields = new Dictionary<string, string> { ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["quarter"] = quarter.ToString(System.Globalization.CultureInfo.InvariantCulture), ["unit"] = "" };
            var posted = await clients[reader].PostFormAsync("/performance/report", fields, "/");
            exchanges.Add(await RecordAsync(force, reader, "POST", "/performance/report", $"/performance/report [year={year}, quarter={quarter}, unit=force]", posted, fullExport: false));
            if (posted.Headers.Location?.OriginalString is { } location && location.StartsWith("/performance/report/", StringComparison.Ordinal))
                jobs[reader] = location["/performance/report/".Length..];
        }
        foreach (var (reader, job) in jobs) await CanaryForce.FollowJobAsync(clients[reader], $"/performance/report/{job}", "report-progress");

        var routes = await AppRoutes.DiscoverAsync(force.App.Services);
        var uncovered = AppRoutes.Uncovered(routes, new SweepContext(force, CanaryForce.Grantee, jobs));

        // The administrator first and alone: the audit trail is read before the sweep's own searches are written to it.
        await SweepReaderAsync(force, "admin", clients["admin"], jobs, exchanges);
        using var gate = new SemaphoreSlim(2);
        await Task.WhenAll(CanaryForce.Readers.Where(r => r != "admin").Select(async reader =>
        {
            await gate.WaitAsync(None);
            try { await SweepReaderAsync(force, reader, clients[reader], jobs, exchanges); }
            finally { gate.Release(); }
        }));

        return new SweepResult(exchanges.OrderBy(e => e.Reader, StringComparer.Ordinal).ThenBy(e => e.Request, StringComparer.Ordinal).ToList(),
            routes, uncovered, jobs, await ExpectedHomeAsync(force), clock.Elapsed);
    }

    /// <summary>
    /// What the home page's three counts should be for each reader, counted as the platform (which sees every case) with
    /// the same filters, less the planted cases hidden from that reader; oversight members see finalised cases only,
    /// so every count of live cases is 0 for them. Counted when the sweep ends, before any test changes the store.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, HomeCounts>> ExpectedHomeAsync(CanaryForce force)
    {
        await using var scope = force.App.SystemScope();
        var search = scope.ServiceProvider.GetRequiredService<Probity.Cases.SearchCases.SearchCasesHandler>();
        async Task<int> VisibleAsync(string reader, string status, bool overdue)
        {
            var all = await search.CountAsync(new() { Status = status, Overdue = overdue }, None);
            foreach (var hidden in force.HiddenFrom(reader)) all -= await search.CountAsync(new() { Status = status, Overdue = overdue, Q = hidden }, None);
            return all;
        }
        var expected = new Dictionary<string, HomeCounts>(StringComparer.Ordinal);
        // The champion's borough's cases are counted as the case list counts them for the champion's own scope: the home
        // page must agree with the list (the leak rules show that neither names a case outside the borough).
        using (scope.ServiceProvider.GetRequiredService<Probity.Identity.Contracts.CaseAccessScopeSource>().Use(new(CanaryForce.Champion, false, false, [CanaryForce.Champion], Borough: force.DemoBorough)))
            expected[CanaryForce.Champion] = new HomeCounts(await search.CountAsync(new() { Status = "live" }, None), await search.CountAsync(new() { Status = "live", Overdue = true }, None),
                await search.CountAsync(new() { Status = Probity.Cases.Contracts.CaseStatus.Recorded }, None));
        foreach (var reader in CanaryForce.Readers.Where(r => r != CanaryForce.Champion))
            expected[reader] = reader == "oversight" ? new HomeCounts(0, 0, 0, await VisibleAsync(reader, Probity.Cases.Contracts.CaseStatus.Finalised, false))
                : new HomeCounts(await VisibleAsync(reader, "live", false), await VisibleAsync(reader, "live", true), await VisibleAsync(reader, Probity.Cases.Contracts.CaseStatus.Recorded, false));
        return expected;
    }

    private static async Task SweepReaderAsync(CanaryForce force, string reader, SignedInClient client, IReadOnlyDictionary<string, string> jobs, ConcurrentBag<Exchange> exchanges)
    {
        var context = new SweepContext(force, reader, jobs);
        foreach (var route in CanaryRoutes.Table)
            foreach (var url in route.Urls(context))
            {
                var took = Stopwatch.StartNew();
                var response = await client.Http.GetAsync(url, None);
                var exchange = await RecordAsync(force, reader, "GET", route.Template, url, response, fullExport: false) with { Took = took.Elapsed };
                var ghost = await GhostDifferenceAsync(force, reader, client, route.Template, url, response.StatusCode, exchange);
                exchanges.Add(ghost is null ? exchange : exchange with { Findings = [.. exchange.Findings, ghost] });
            }

        // The export answers a POST with a zip of PIF-1 files: one per filter, the empty one being "everything I may see".
        foreach (var filter in CanaryRoutes.ExportFilters(force))
        {
            var took = Stopwatch.StartNew();
            var response = await client.PostFormAsync("/interchange/export", new Dictionary<string, string>(filter), "/");
            var shown = filter.Count == 0 ? "(no filter: everything)" : string.Join(", ", filter.Select(f => $"{f.Key}={f.Value}"));
            exchanges.Add(await RecordAsync(force, reader, "POST", "/interchange/export", $"/interchange/export [{shown}]", response, fullExport: filter.Count == 0) with { Took = took.Elapsed });
        }
    }

    private static async Task<Exchange> RecordAsync(CanaryForce force, string reader, string method, string template, string url, HttpResponseMessage response, bool fullExport)
    {
        var body = await response.Content.ReadAsByteArrayAsync(None);
        var parts = ResponseText.Of(response, body);
        var exchange = new Exchange(reader, method, template, url, (int)response.StatusCode, response.Headers.Location?.OriginalString, parts, []);
        Dump(force, exchange);
        var findings = LeakRules.Check(force, exchange, fullExport).ToList();
        if ((int)response.StatusCode >= 500)
            findings.Add(new Finding(reader, exchange.Request, $"answered {(int)response.StatusCode}", "status", Excerpt(exchange.Body, 0)));
        // Large downloads are searched, then let go; pages and API answers are kept for the count checks.
        var kept = parts.Sum(p => p.Text.Length) <= KeepBodiesUpTo ? parts : [];
        return exchange with { Parts = kept, Findings = findings };
    }

    /// <summary>
    /// With PROBITY_CANARY_DUMP set to a folder, every answer's text is written there (one file per reader and request),
    /// for reading what a leak looks like in context.
    /// </summary>
    private static void Dump(CanaryForce force, Exchange e)
    {
        if (Environment.GetEnvironmentVariable("PROBITY_CANARY_DUMP") is not { Length: > 0 } folder) return;
        var name = Unsafe().Replace($"{force.Provider}-{e.Reader}-{e.Method}-{e.Url}", "_");
        if (name.Length > 180) name = name[..150] + "-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..16];
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".txt"), $"{e.Request} -> {e.Status} {e.Location}\n" + string.Join("\n", e.Parts.Select(p => $"===== {p.Where}\n{p.Text}")));
    }

    /// <summary>Asks again with every hidden marker in the URL replaced by a ghost of the same shape; a different answer is a finding.</summary>
    private static async Task<Finding?> GhostDifferenceAsync(CanaryForce force, string reader, SignedInClient client, string template, string url, HttpStatusCode status, Exchange exchange)
    {
        var named = LeakRules.Forbidden(force, reader, template, fullExport: false).Where(m => Uri.UnescapeDataString(url).Contains(m.Text, StringComparison.Ordinal)).ToList();
        if (named.Count == 0) return null;
        var ghostUrl = named.Aggregate(Uri.UnescapeDataString(url), (u, m) => u.Replace(m.Text, Ghost(force, m.Text), StringComparison.Ordinal));
        var ghost = await client.Http.GetAsync(ghostUrl, None);
        var ghostBody = named.Aggregate(await ghost.Content.ReadAsStringAsync(None), (b, m) => b.Replace(Ghost(force, m.Text), m.Text, StringComparison.Ordinal));
        var ghostLocation = named.Aggregate(Uri.UnescapeDataString(ghost.Headers.Location?.OriginalString ?? ""), (b, m) => b.Replace(Ghost(force, m.Text), m.Text, StringComparison.Ordinal));
        var what = string.Join(", ", named.Select(m => m.What).Distinct());
        if (ghost.StatusCode != status)
            return new Finding(reader, exchange.Request, $"answers {(int)status} for the hidden case but {(int)ghost.StatusCode} for one that does not exist ({what})", "status", "");
        if (ghostLocation != Uri.UnescapeDataString(exchange.Location ?? ""))
            return new Finding(reader, exchange.Request, $"redirects elsewhere for the hidden case than for one that does not exist ({what})", "Location header", exchange.Location ?? "");
        var mine = Normalise(exchange.Body);
        var theirs = Normalise(ghostBody);
        if (mine == theirs) return null;
        var at = Enumerable.Range(0, Math.Min(mine.Length, theirs.Length)).FirstOrDefault(i => mine[i] != theirs[i], Math.Min(mine.Length, theirs.Length));
        return new Finding(reader, exchange.Request, $"answers differently for the hidden case than for one that does not exist ({what})", "body",
            $"hidden: …{Excerpt(mine, at)}… / non-existent: …{Excerpt(theirs, at)}…");
    }

    /// <summary>A value of the same shape that names nothing: PRB-2026-00012 → PRB-1990-00012, CNRY… → GHST….</summary>
    internal static string Ghost(CanaryForce force, string text) =>
        text.StartsWith("PRB-", StringComparison.Ordinal) && text.Length > 9 ? "PRB-1990-" + text[9..]
        : text.StartsWith(force.Marker, StringComparison.Ordinal) ? "GHST" + text[4..]
        : "ghost-" + text;

    /// <summary>What legitimately differs between two identical answers: antiforgery tokens and trace ids.</summary>
    private static string Normalise(string body) => TraceId().Replace(AntiforgeryValue().Replace(body, "$1"), "");

    internal static string Excerpt(string text, int at)
    {
        var from = Math.Max(0, at - 90);
        var excerpt = text.Substring(from, Math.Min(text.Length - from, 180));
        return Whitespace().Replace(excerpt, " ").Trim();
    }

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]*")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex Unsafe();
}

/// <summary>
/// Which markers each reader must not see, and where. Everyone but the grantee: the restricted canaries' ids,
/// summaries and complainant details everywhere; the subject officer's name everywhere except the staff directory
/// (their staff record is not secret, and a full export lists every member of staff), because the officer has no
/// history but the restricted cases; the canary borough's id on the risk pages (the borough has no other cases).
/// Oversight members: the live canary, and any id of a case not finalised. The self-subject user: the case about
/// them, and their own name outside the directory (a risk flag about them is the case about them).
/// </summary>
internal static partial class LeakRules
{
    private static readonly string[] Directory = ["/officers", "/officers/{id}"];

    // The vetting register lists everyone serving in a unit with their clearance, whatever their history: a name there
    // says nothing about a case. It is not the directory for the self-subject: their own row is never shown to them.
    private static readonly string[] StaffLists = ["/registers/vetting"];

    public static IEnumerable<Marker> Forbidden(CanaryForce f, string reader, string template, bool fullExport)
    {
        // The cost of litigation is the shared view's for every reader, the grantee too (ADR 0024): the restricted claim's
        // money, and its borough (no other claim), are in no year's or unit's figure.
        if (template == "/performance/litigation")
        {
            yield return new(CanaryForce.SettledPounds, "the restricted claim's settlement in the cost of litigation");
            yield return new("Canary Vale", "the restricted claim's borough in the cost of litigation");
            yield return new(CanaryForce.DirectorateUnitName, "the restricted claim's handling unit in the cost of litigation");
        }
        if (reader == CanaryForce.Grantee) yield break;
        var directory = Directory.Contains(template, StringComparer.Ordinal) || fullExport;
        foreach (var m in f.RestrictedMarkers) yield return m;
        if (!directory && !StaffLists.Contains(template, StringComparer.Ordinal)) yield return new(f.SubjectName, "name of the restricted canaries' subject officer (no history but the restricted cases)");
        if (template.StartsWith("/risk", StringComparison.Ordinal))
        {
            yield return new(f.Unit, "the restricted canaries' borough (no other cases) as a risk location or theme");
            yield return new(f.DirectorateUnit, "the restricted canaries' Directorate unit (no other cases) as a risk location or theme");
        }
        if (reader is "oversight" or CanaryForce.Champion)
            foreach (var m in f.LiveMarkers) yield return m;
        if (reader == CanaryForce.Champion)
            foreach (var m in f.SelfMarkers.Take(2)) yield return m;
        if (reader == CanaryForce.SelfUser)
        {
            foreach (var m in f.SelfMarkers) yield return m;
            if (!directory) yield return new(f.SelfStaffName, "the reader's own name, shown because of the case about them");
        }
    }

    public static IEnumerable<Finding> Check(CanaryForce f, Exchange e, bool fullExport)
    {
        // What the request itself names is not evidence (a search box echoes it); the ghost comparison covers those.
        var asked = Uri.UnescapeDataString(e.Url);
        foreach (var marker in Forbidden(f, e.Reader, e.Template, fullExport).Where(m => !asked.Contains(m.Text, StringComparison.Ordinal)))
            foreach (var part in e.Parts)
            {
                var at = part.Text.IndexOf(marker.Text, StringComparison.Ordinal);
                if (at < 0) continue;
                yield return new Finding(e.Reader, e.Request, marker.What + $" ({marker.Text})", part.Where, CanarySweep.Excerpt(part.Text, at));
                break;
            }
        // Oversight members read finalised cases only; a borough champion only the cases their borough handles (ADR 0026).
        var (outside, what) = e.Reader switch
        {
            "oversight" => (f.LiveCaseIds, "cases not finalised"),
            CanaryForce.Champion => (f.OutsideBoroughCaseIds, "cases another unit handles"),
            _ => ((IReadOnlySet<string>?)null, ""),
        };
        if (outside is null) yield break;
        foreach (var part in e.Parts)
        {
            var live = CaseId().Matches(part.Text).Select(m => m.Value).Where(id => outside.Contains(id) && !asked.Contains(id, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal).ToList();
            if (live.Count == 0) continue;
            yield return new Finding(e.Reader, e.Request, $"{live.Count} id(s) of {what}: {string.Join(", ", live.Take(5))}{(live.Count > 5 ? " …" : "")}", part.Where,
                CanarySweep.Excerpt(part.Text, part.Text.IndexOf(live[0], StringComparison.Ordinal)));
            break;
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:C\d{4}-\d{4,7}|PRB-\d{4}-\d{5})(?!\d)")]
    private static partial Regex CaseId();
}
