using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using static Probity.IntegrationTests.InvestigationReportTests;

namespace Probity.IntegrationTests;

/// <summary>
/// An adversarial review of issue 13's sign-off and recorded-in-error work: each test failed before its fix.
/// </summary>
public sealed partial class AdversarialIssue13ReviewTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<a href=\"/cases/([^\"/]+)\">")]
    private static partial Regex CaseLink();

    /// <summary>The inside of the table marked <paramref name="testId"/>, decoded, its whitespace folded.</summary>
    private static string Table(string html, string testId)
    {
        var table = Regex.Match(html, $"<table data-testid=\"{Regex.Escape(testId)}\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table {testId}");
        return Regex.Replace(WebUtility.HtmlDecode(table.Groups[1].Value), "\\s+", " ");
    }

    private static async Task<List<string>> ListedAsync(SignedInClient client, string query) =>
        CaseLink().Matches(Table(await client.Http.GetStringAsync("/cases?" + query, Ct), "case-list")).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The PIF-1 export a senior manager downloads (all of it, or the form's filter), as file name to text.</summary>
    private static async Task<Dictionary<string, string>> ExportAsync(SignedInClient client, Dictionary<string, string> filter)
    {
        var response = await client.PostFormAsync("/interchange/export", filter);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = await reader.ReadToEndAsync(Ct);
        }
        return files;
    }

    /// <summary>
    /// Defect (issue 13, known): a case withdrawn as recorded in error still counted in the case list and its counts, the
    /// risk figures, the board pack's complaint figures and the PIF-1 export. Now every count and figure leaves it out (the
    /// shared analytic view and the case list's filter), the list finds it only when asked for, marked, and the export never
    /// carries it (PIF-1 cannot mark it); reinstating brings it back everywhere. An app of its own: it withdraws a case.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_case_withdrawn_as_recorded_in_error_leaves_every_count_figure_and_export_and_is_found_only_by_asking(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var people = await PeopleAsync(app);
        var id = await InvestigatedCaseAsync(app, people, subjectSkip: 17);
        var senior = await app.SignInAsync("senior");
        var unit = "bor-camden";

        async Task<(bool Performance, bool Risk, int Complaints, int UnitLive)> FiguresAsync()
        {
            await using var scope = app.SystemScope();
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var performance = await Probity.Performance.Facts.PerformanceFacts.LoadAsync(db, app.Time, Ct);
            var risk = await Probity.Risk.Facts.RiskFacts.LoadAsync(db, Ct);
            var received = app.Time.Today().AddDays(-10);
            var complaints = await scope.ServiceProvider.GetRequiredService<IComplaintFigures>().ReceivedAsync(new HashSet<string> { unit }, received, received, Ct);
            var live = await scope.ServiceProvider.GetRequiredService<ICaseSearch>().CountAsync(new CaseFilter { Unit = unit, Status = "live" }, Ct);
            return (performance.Cases.Any(c => c.Id == id), risk.Allegations.Any(a => a.CaseId == id),
                complaints.Count, live);
        }
        async Task<bool> ExportedAsync()
        {
            var files = await ExportAsync(senior, []);
            Assert.Equal(files["cases.csv"].Contains($"\r\n{id},", StringComparison.Ordinal), files["allegations.csv"].Contains($",{id},", StringComparison.Ordinal));
            return files["cases.csv"].Contains($"\r\n{id},", StringComparison.Ordinal);
        }

        var subject = await OfficerAsync(app, 17);
        async Task<(int Cases, string History)> ProfileAsync()
        {
            var page = await senior.Http.GetStringAsync($"/officers/{subject}", Ct);
            return (int.Parse(SignedInClient.TestId(page, "profile-cases")!.Trim(), System.Globalization.CultureInfo.InvariantCulture), Table(page, "officer-history"));
        }
        var profile = await ProfileAsync();
        var before = await FiguresAsync();
        Assert.True(before.Performance && before.Risk && before.Complaints > 0, before.ToString());
        Assert.Contains(id, await ListedAsync(senior, "q=" + id));
        Assert.True(await ExportedAsync());

        await DoAsync(app, senior, id, "recorded-in-error", new() { ["action"] = "withdraw", ["reason"] = "Duplicate: the same complaint was recorded twice." });

        // Out of every figure and count ...
        var withdrawn = await FiguresAsync();
        Assert.False(withdrawn.Performance, "performance facts");
        Assert.False(withdrawn.Risk, "risk facts");
        Assert.Equal(before.Complaints - 1, withdrawn.Complaints);
        Assert.Equal(before.UnitLive - 1, withdrawn.UnitLive);
        Assert.DoesNotContain(id, await ListedAsync(senior, "q=" + id));
        Assert.DoesNotContain(id, await ListedAsync(senior, "q=" + id + "&status=live"));
        // ... and the officer's profile lists it, marked, but counts it against them no more.
        var profileWithdrawn = await ProfileAsync();
        Assert.Equal(profile.Cases - 1, profileWithdrawn.Cases);
        Assert.Matches($"/cases/{Regex.Escape(id)}\">{Regex.Escape(id)}</a>(?:(?!</tr>).)*Withdrawn: recorded in error", profileWithdrawn.History);
        // ... found in the list only by asking for it, and marked.
        var asked = await senior.Http.GetStringAsync($"/cases?q={id}&status={CaseStatus.RecordedInError}", Ct);
        Assert.Equal([id], CaseLink().Matches(Table(asked, "case-list")).Select(m => m.Groups[1].Value).ToList());
        Assert.Contains("Withdrawn: recorded in error", Table(asked, "case-list"), StringComparison.Ordinal);
        Assert.Contains("Withdrawn as recorded in error", WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/cases/{id}", Ct)), StringComparison.OrdinalIgnoreCase);
        // ... never exported: not in the full export, its allegations neither, and asking for it is refused with a reason.
        Assert.False(await ExportedAsync());
        var refused = await senior.PostFormAsync("/interchange/export", new() { ["Filter.Status"] = CaseStatus.RecordedInError });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("never exported", WebUtility.HtmlDecode(SignedInClient.TestId(await refused.Content.ReadAsStringAsync(Ct), "error") ?? ""), StringComparison.Ordinal);

        // Reinstated: back in every one.
        await DoAsync(app, senior, id, "recorded-in-error", new() { ["action"] = "reinstate", ["reason"] = "Not a duplicate after all: a second incident." });
        var reinstated = await FiguresAsync();
        Assert.True(reinstated.Performance && reinstated.Risk && reinstated.Complaints == before.Complaints, reinstated.ToString());
        Assert.Equal(before.UnitLive, reinstated.UnitLive);
        Assert.Equal(profile.Cases, (await ProfileAsync()).Cases);
        Assert.Contains(id, await ListedAsync(senior, "q=" + id));
        Assert.True(await ExportedAsync());
    }

    /// <summary>
    /// Defect (separation of duties): the investigating officer submits, the supervisor returns it, the case is reassigned
    /// so that the author is now its supervisor and a colleague resubmits the revised report; the author then approved the
    /// report they wrote. Nobody signs off a report of which they submitted any version.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_author_of_a_returned_report_cannot_approve_its_resubmission_after_becoming_the_supervisor(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var suffix = Guid.NewGuid().ToString("n")[..6];
        var author = "aauth-" + suffix;
        var colleague = "acol-" + suffix;
        var supervisor = "asup-" + suffix;
        await app.AddUserAsync(author, Roles.Investigator);
        await app.AddUserAsync(colleague, Roles.CaseHandler);
        await app.AddUserAsync(supervisor, Roles.SeniorManager);
        var id = await InvestigatedCaseAsync(app, new People(author, supervisor), subjectSkip: 19);
        var a = await app.SignInAsync(author);
        var s = await app.SignInAsync(supervisor);
        var b = await app.SignInAsync(colleague);

        await DoAsync(app, a, id, "report", new() { ["summary"] = "No force beyond what was necessary: the officer's account stands." });
        await DoAsync(app, s, id, "sign-off", new() { ["decision"] = "return", ["comments"] = "Take a statement from the second witness." });
        await DoAsync(app, await app.SignInAsync("investigator"), id, "assign", new() { ["investigator"] = colleague, ["supervisor"] = author, ["reason"] = "Supervisor on leave." });
        await DoAsync(app, b, id, "report", new() { ["summary"] = "No force beyond what was necessary: the officer's account stands; the second witness agrees." });

        foreach (var decision in new[] { "approve", "return" })
            Assert.StartsWith("You submitted this report", await RefusedAsync(app, a, id, "sign-off", new() { ["decision"] = decision, ["comments"] = "fine" }), StringComparison.Ordinal);
        await using var scope = app.SystemScope();
        Assert.Equal(CaseReportStates.Submitted, (await scope.ServiceProvider.GetRequiredService<ProbityDb>().CaseReports.AsNoTracking().SingleAsync(r => r.CaseId == id, Ct)).State);
    }

    /// <summary>
    /// Defect: the report form offers the case's statements and reports, but the handler also took a letter the case sent
    /// (a crafted post): the "full report" then pointed at the outcome letter. Offered and accepted are now one set.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_report_cannot_point_at_a_letter_the_case_sent(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var people = await PeopleAsync(app);
        var id = await InvestigatedCaseAsync(app, people, subjectSkip: 23);
        long letter;
        await using (var scope = app.SystemScope())
        {
            // Arrange: a letter on the case as the letters slice stores it (a document of kind "letter").
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var row = new CaseDocument
            {
                CaseId = id, Kind = DocumentKinds.Letter, Title = "Acknowledgement letter", FileName = "acknowledgement.pdf", MediaType = "application/pdf",
                Sha256 = new string('a', 64), Length = 10, AttachedBy = "handler", AttachedAt = app.Time.GetUtcNow(),
            };
            db.CaseDocuments.Add(row);
            scope.ServiceProvider.GetRequiredService<Probity.AuditTrail.Contracts.Audit>().Change("test_arrange", "case:" + id, "a letter on the case");
            await db.SaveChangesAsync(Ct);
            letter = row.Id;
        }
        var io = await app.SignInAsync(people.Io);
        var refusal = await RefusedAsync(app, io, id, "report", new() { ["summary"] = "The findings.", ["documentId"] = letter.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.StartsWith("Document:", refusal, StringComparison.Ordinal);
    }

    /// <summary>
    /// Defect: the ADR promises a withdrawn case takes no further step, but an officer's outcome (a written warning) could
    /// still be recorded on it: the sanction handler never asked. It stays on the officer's record whatever the figures do.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task No_officer_outcome_is_recorded_on_a_case_withdrawn_as_recorded_in_error(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("investigator");
        var senior = await app.SignInAsync("senior");
        var officer = await OfficerAsync(app, 29);
        var received = app.Time.Today().AddDays(-12);
        var created = await handler.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "conduct_matter", ["Input.Source"] = "internal", ["Input.ReceivedOn"] = Iso(received), ["Input.RecordedOn"] = Iso(received),
            ["Input.LocationUnitId"] = "bor-croydon", ["Input.Summary"] = "Review: outcome on a withdrawn case", ["Input.Allegations[0].Category"] = "incivility",
            ["Input.Allegations[0].StaffId"] = officer,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await created.Content.ReadAsStringAsync(Ct)));
        var id = created.Headers.Location!.ToString()["/cases/".Length..];
        await DoAsync(app, handler, id, "route", new() { ["route"] = "local_investigation", ["date"] = Iso(received) });
        await DoAsync(app, handler, id, "finding", new() { ["allegationId"] = id + "-A1", ["finding"] = "substantiated", ["date"] = Iso(app.Time.Today()) });
        await DoAsync(app, senior, id, "recorded-in-error", new() { ["action"] = "withdraw", ["reason"] = "Another force's officer and incident." });
        try
        {
            Assert.Contains("withdrawn as recorded in error", await RefusedAsync(app, handler, id, "outcome",
                new() { ["staffId"] = officer, ["outcome"] = "written_warning", ["date"] = Iso(app.Time.Today()) }), StringComparison.Ordinal);
            await using var scope = app.SystemScope();
            Assert.False(await scope.ServiceProvider.GetRequiredService<ProbityDb>().Sanctions.AnyAsync(s => s.CaseId == id, Ct));
        }
        finally
        {
            // The shared host's figures are left as they were.
            await DoAsync(app, senior, id, "recorded-in-error", new() { ["action"] = "reinstate", ["reason"] = "Test over." });
        }
    }
}
