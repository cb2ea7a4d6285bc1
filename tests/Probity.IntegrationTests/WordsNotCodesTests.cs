using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>
/// Issue 14: where a person reads a unit, a member of staff or a code they read its name or its words, not the stored
/// id or code ("Cst", "bor-brent", "s026580: written warning", "Ipcc", "18 24"), on the seeded demo force.
/// </summary>
public sealed partial class WordsNotCodesTests(Apps apps)
{
    /// <summary>Codes and ids as they used to leak into text: as the whole text of an element, never inside an attribute.</summary>
    private static readonly string[] RawAsText = [">Cst<", ">Bsu<", ">Ocu<", ">Ipcc<", ">Pcso<", ">18 24<", ">bor-brent<", "(Ipcc)", "(Pcso)", ">Ocn nominal<"];

    private static void AssertNoRawCodes(string url, string page)
    {
        foreach (var raw in RawAsText) Assert.False(page.Contains(raw, StringComparison.Ordinal), $"{url} shows the raw code {raw}");
    }

    [Fact]
    public async Task Unit_kinds_read_as_words_in_the_headings_of_the_units_page()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var senior = await app.SignInAsync("senior");
        var page = await senior.Http.GetStringAsync("/units", TestContext.Current.CancellationToken);
        AssertNoRawCodes("/units", page);
        Assert.Contains("<h2>Customer service team</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Operational command unit</h2>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_staff_list_names_each_persons_unit_rather_than_its_id()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var analyst = await app.SignInAsync("analyst");
        string unitId, unitName, someone;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var s = await db.Staff.Where(s => s.UnitId == "bor-brent").OrderBy(s => s.Id).FirstAsync(TestContext.Current.CancellationToken);
            (unitId, someone) = (s.UnitId!, s.Id);
            unitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(TestContext.Current.CancellationToken);
        }
        var page = await analyst.Http.GetStringAsync($"/officers?q={someone}", TestContext.Current.CancellationToken);
        AssertNoRawCodes("/officers", page);
        Assert.Contains($"<a href=\"/units/{unitId}\">{unitName}</a>", page, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_timeline_names_the_officer_an_outcome_is_for_and_a_2020_case_says_IOPC(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        string staffId, name;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var s = await db.Staff.Where(s => s.UnitId == "bor-brent" && s.StaffType == "officer").OrderBy(s => s.Id).Skip(3).FirstAsync(TestContext.Current.CancellationToken);
            (staffId, name) = (s.Id, s.DisplayName);
        }
        var created = await investigator.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "ipcc", ["Input.ReceivedOn"] = "2026-11-09", ["Input.RecordedOn"] = "2026-11-09",
            ["Input.LocationUnitId"] = "bor-brent", ["Input.Summary"] = "Rude at the front counter", ["Input.Allegations[0].Category"] = "incivility",
            ["Input.Allegations[0].StaffId"] = staffId, ["Input.ReferredToIpcc"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var caseUrl = created.Headers.Location!.ToString();
        async Task Perform(string operation, Dictionary<string, string> fields)
        {
            fields["Version"] = await CaseLifecycleTests.VersionAsync(app, caseUrl);
            var done = await investigator.PostFormAsync(caseUrl + "/" + operation, fields, caseUrl + "/" + operation);
            Assert.True(done.StatusCode == HttpStatusCode.Redirect, $"{operation}: {SignedInClient.Alert(await done.Content.ReadAsStringAsync())}");
        }
        await Perform("route", new() { ["Route"] = "local_investigation", ["Date"] = "2026-11-10" });
        string allegationId;
        await using (var scope = app.SystemScope())
            allegationId = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Allegations.Where(a => a.CaseId == caseUrl.Substring(7)).Select(a => a.Id).SingleAsync();
        await Perform("finding", new() { ["AllegationId"] = allegationId, ["Finding"] = "substantiated", ["Date"] = "2026-11-18" });
        var outcome = await investigator.PostFormAsync(caseUrl + "/outcome", new()
        {
            ["Version"] = await CaseLifecycleTests.VersionAsync(app, caseUrl), ["StaffId"] = staffId, ["Outcome"] = "written_warning", ["Date"] = "2026-11-20",
        }, caseUrl + "/outcome");
        Assert.Equal(HttpStatusCode.Redirect, outcome.StatusCode);

        var page = await investigator.Http.GetStringAsync(caseUrl, TestContext.Current.CancellationToken);
        var timeline = Section(page, "timeline", "</ol>");
        Assert.DoesNotContain($"{staffId}: written warning", timeline, StringComparison.Ordinal);
        Assert.Contains($"{name}", timeline, StringComparison.Ordinal);
        Assert.Contains("written warning", timeline, StringComparison.Ordinal);
        // Received in 2026, under the 2020 regime: the Independent Office for Police Conduct, not the IPCC it replaced in 2018.
        Assert.Contains("Referred to the IOPC", page, StringComparison.Ordinal);
        Assert.Contains("(IOPC)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("IPCC", page, StringComparison.Ordinal);
        AssertNoRawCodes(caseUrl, page);
    }

    [Fact]
    public async Task The_report_lists_financial_years_that_have_data_labelled_2010_11()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var senior = await app.SignInAsync("senior");
        var form = await senior.Http.GetStringAsync("/performance/report", TestContext.Current.CancellationToken);
        var years = YearOption().Matches(form).Select(m => m.Groups[1].Value).ToList();
        Assert.DoesNotContain("ToString", form, StringComparison.Ordinal);
        // The demo force holds one year to 31 Dec 2010 (financial years 2009/10 and 2010/11); other tests on this shared
        // host add cases of their own (received in 2026, or on a free day of 2000). Only years with cases, newest first,
        // none before the earliest case anyone may count.
        Assert.Contains("2010/11", years);
        Assert.Contains("2009/10", years);
        Assert.All(years, y => Assert.Matches("^\\d{4}/\\d{2}$", y));
        Assert.Equal(years.Distinct().OrderByDescending(y => y, StringComparer.Ordinal), years);
        DateOnly earliest;
        await using (var scope = app.SystemScope())
            earliest = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.Where(c => !c.Restricted).MinAsync(c => c.ReceivedOn, TestContext.Current.CancellationToken);
        var firstYear = earliest.Month >= 4 ? earliest.Year : earliest.Year - 1;
        var first = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{firstYear}/{(firstYear + 1) % 100:00}");
        Assert.DoesNotContain(years, y => string.CompareOrdinal(y, first) < 0);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_incomplete_quarter_is_compared_with_the_same_days_of_the_quarters_before_it(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var ct = TestContext.Current.CancellationToken;
        var page = await senior.Http.GetStringAsync("/performance?asOf=2010-11-15&period=q", ct);

        int received, previous, lastYear;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            Task<int> Received(DateOnly from, DateOnly to) => db.Cases.CountAsync(c => c.ReceivedOn >= from && c.ReceivedOn <= to, ct);
            received = await Received(new(2010, 10, 1), new(2010, 11, 15));
            previous = await Received(new(2010, 7, 1), new(2010, 8, 15));
            lastYear = await Received(new(2009, 10, 1), new(2009, 11, 15));
        }
        // The figures are for the quarter so far (to the as-of date), not for days that have not happened.
        Assert.Contains("1 Oct 2010 – 15 Nov 2010", page, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"value-cases_received\">{received:N0}</div>", page, StringComparison.Ordinal);
        var card = Section(page, "measure-cases_received", "</article>");
        Assert.Contains($"({previous:N0})", card, StringComparison.Ordinal);
        Assert.Contains($"Same period last year {lastYear:N0}", card, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"incomplete-period\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversight_members_get_tiles_for_what_they_can_read_not_three_zeros()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var oversight = await app.SignInAsync("oversight");
        var ct = TestContext.Current.CancellationToken;
        var home = await oversight.Http.GetStringAsync("/", ct);
        Assert.DoesNotContain("href=\"/cases?status=live", home, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/cases?status=recorded", home, StringComparison.Ordinal);
        var finalised = SignedInClient.TestId(home, "finalised");
        Assert.NotNull(finalised);
        Assert.True(int.Parse(finalised, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) > 0, "the demo force has finalised cases");
        Assert.Contains("href=\"/performance\"", home, StringComparison.Ordinal);
        var list = await oversight.Http.GetStringAsync("/cases?status=finalised", ct);
        Assert.Contains("href=\"/cases/", list, StringComparison.Ordinal);

        // Those who handle live cases keep their tiles.
        var handler = await app.SignInAsync("handler");
        Assert.Contains("href=\"/cases?status=live\"", await handler.Http.GetStringAsync("/", ct), StringComparison.Ordinal);
    }

    private static string Section(string html, string testId, string end)
    {
        var at = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no {testId} on the page");
        return html[at..html.IndexOf(end, at, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<option value=\"\\d{4}\"[^>]*>([^<]*)</option>")]
    private static partial Regex YearOption();
}
