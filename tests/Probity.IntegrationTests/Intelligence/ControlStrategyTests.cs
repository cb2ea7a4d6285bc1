using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AccessMonitoring.Alerts;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Contracts;
using Probity.IntegrationTests.NeedToKnow;
using Probity.Workforce.Contracts;

namespace Probity.IntegrationTests.Intelligence;

/// <summary>
/// The control strategy and the Strategic Intelligence Assessment end to end through HTTP: evidence counted by priority and
/// year (a restricted case never), activities changed by senior managers under optimistic concurrency, the review cycle,
/// the PDF (never an item's words), and who may see any of it.
/// </summary>
public sealed partial class ControlStrategyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<Provider> Providers => Apps.Providers;

    private const string Owner = "CS0001";
    private const string SecretText = "Operation Larkspur: the source sits beside PC Hale in the control room.";
    private const string Pages = "/intelligence/control-strategy";
    private static readonly string[] Routes = [Pages, $"{Pages}/priorities/information_misuse", $"{Pages}/assessment", $"{Pages}/assessment/pdf"];

    /// <summary>
    /// An empty force with the directorate's roles, and "sm", a senior manager of the Anti-Corruption Command who also holds the
    /// investigator's role: the one who changes the strategy. Two officers, one an activity owner.
    /// </summary>
    private static async Task<ProbityApp> ForceAsync(Provider provider)
    {
        var app = await Apps.CreateAsync(provider, demo: false);
        foreach (var (user, role) in new[] { ("b1", Roles.IntelligenceBureau), ("i", Roles.Investigator), ("h", Roles.CaseHandler), ("a", Roles.Analyst), ("o", Roles.Oversight), ("s", Roles.SeniorManager), ("ad", Roles.Administrator), ("sm", Roles.SeniorManager) })
            await app.AddUserAsync(user, role);
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
        Assert.True((await users.AddToRoleAsync((await users.FindByNameAsync("sm"))!, Roles.Investigator)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        db.Staff.Add(new StaffMember { Id = Owner, DisplayName = "Insp Maya Corrigan", StaffType = "officer" });
        db.Staff.Add(new StaffMember { Id = "CS0002", DisplayName = "PC Tom Hale", StaffType = "officer" });
        scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "staff", "two officers");
        await db.SaveChangesAsync(Ct);
        return app;
    }

    private static int ThisYear(ProbityApp app) => app.Time.Today().Year;

    /// <summary>Cases with allegations in the information-misuse categories: two open cases this year, one last year, one restricted this year.</summary>
    private static async Task ArrangeEvidenceAsync(ProbityApp app)
    {
        var year = ThisYear(app);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Case Misuse(string id, DateOnly on, bool restricted, params string[] categories) => new()
        {
            Id = id, CaseType = "conduct_matter", ReceivedOn = on, RecordedOn = on, Restricted = restricted,
            Allegations = [.. categories.Select((c, i) => new Allegation { Id = $"{id}-A{i + 1}", CaseId = id, StaffId = "CS0002", Category = c })],
        };
        db.Cases.Add(Misuse("CS-OPEN-1", new DateOnly(year, 1, 10), false, "improper_disclosure_of_information", "improper_use_of_it_systems"));
        db.Cases.Add(Misuse("CS-OPEN-2", new DateOnly(year, 1, 11), false, "improper_use_of_it_systems"));
        db.Cases.Add(Misuse("CS-LAST-1", new DateOnly(year - 1, 6, 1), false, "improper_use_of_it_systems", "theft"));
        db.Cases.Add(Misuse("CS-SECRET", new DateOnly(year, 1, 12), true, "improper_disclosure_of_information", "improper_disclosure_of_information", "improper_disclosure_of_information"));
        db.Set<IntelligenceItem>().Add(Item("IN-CSTEST0001", new DateOnly(year, 1, 5), "B", "2", "P", restricted: false, "Open words about misuse."));
        db.Set<IntelligenceItem>().Add(Item("IN-CSTEST0002", new DateOnly(year, 1, 6), "A", "1", "C", restricted: true, SecretText));
        db.MisuseAlerts.Add(new MisuseAlert
        {
            Id = "AL-CSTEST", StaffId = "CS0002", Rule = "celebrity", Key = "k", Explanation = "e", EvidenceJson = "[]",
            DetectedAt = new DateTimeOffset(year, 1, 3, 9, 0, 0, TimeSpan.Zero), FirstEventTime = DateTimeOffset.UnixEpoch, LastEventTime = DateTimeOffset.UnixEpoch,
        });
        scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "control_strategy", "evidence for information misuse");
        await db.SaveChangesAsync(Ct);
    }

    private static IntelligenceItem Item(string id, DateOnly on, string source, string intel, string handling, bool restricted, string text)
    {
        var item = new IntelligenceItem
        {
            Id = id, ReceivedOn = on, SourceType = "covert_human_source", Scheme = "3x5x2", SourceGrade = source, IntelligenceGrade = intel, HandlingCode = handling,
            HandlingConditions = handling == "C" ? "Within the Bureau." : null, Text = text, RecordedBy = "b1", RecordedAt = new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Restricted = restricted,
        };
        item.Links.Add(new IntelligenceLink { ItemId = id, Kind = IntelligenceLinkKinds.Priority, Value = "information_misuse" });
        if (restricted) item.Readers.Add(new IntelligenceReader { ItemId = id, Principal = "b1" });
        return item;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Evidence_is_counted_by_priority_and_year_and_a_restricted_case_never_counts(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        await ArrangeEvidenceAsync(app);
        var year = ThisYear(app);

        var b1 = await app.SignInAsync("b1");
        var list = await b1.Http.GetStringAsync(Pages, Ct);
        var row = Regex.Match(list, "data-code=\"information_misuse\".*?</tr>", RegexOptions.Singleline).Value;
        // Two open cases, three allegations this year; the restricted case's three allegations are nowhere.
        Assert.Equal("2", SignedInClient.TestId(row, "cases"));
        Assert.Equal("3", SignedInClient.TestId(row, "allegations"));
        // b1 reads both items (one restricted to them); the alert counts for information misuse.
        Assert.Equal("2", SignedInClient.TestId(row, "intelligence"));
        Assert.Equal("1", SignedInClient.TestId(row, "registers"));
        var theft = Regex.Match(list, "data-code=\"theft_from_police_premises\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Equal("0", SignedInClient.TestId(theft, "cases"));
        Assert.DoesNotContain("CS-SECRET", list, StringComparison.Ordinal);

        // Per year, so the trend shows: last year's case is in last year's row, not this year's.
        var page = await b1.Http.GetStringAsync($"{Pages}/priorities/information_misuse", Ct);
        Assert.Equal($"{year} 2 3 2 1 0 0", Cells(page, $"year-{year}"));
        Assert.Equal($"{year - 1} 1 1 0 0 0 0", Cells(page, $"year-{year - 1}"));
        Assert.Contains($"{year - 1} 1", SignedInClient.TestId(page, "trend"), StringComparison.Ordinal);
        // The intelligence picture is counts by grading, never the words of an item.
        Assert.StartsWith("2 items linked, 1 of them restricted to named readers.", SignedInClient.TestId(page, "picture-summary"), StringComparison.Ordinal);
        Assert.DoesNotContain("Larkspur", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Open words", page, StringComparison.Ordinal);

        // An investigator not named on the restricted item counts only the item they may see.
        var investigator = await app.SignInAsync("i");
        var theirs = await investigator.Http.GetStringAsync($"{Pages}/priorities/information_misuse", Ct);
        Assert.Equal($"{year} 2 3 1 1 0 0", Cells(theirs, $"year-{year}"));

        // Even the case's own team counts as the shared view does: a grant on the restricted case adds nothing here.
        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "b1" && e.Action == "view" && e.Target == "control_strategy");
        Assert.Contains(trail, e => e.Actor == "b1" && e.Action == "view" && e.Target == "control_strategy:information_misuse");
        Assert.Contains(trail, e => e.Actor == "i" && e.Action == "view" && e.Target == "control_strategy:information_misuse");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_senior_manager_with_an_intelligence_role_keeps_the_activities_and_a_stale_edit_is_refused(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var sm = await app.SignInAsync("sm");
        var url = $"{Pages}/priorities/information_misuse";
        var page = await sm.Http.GetStringAsync(url, Ct);
        Assert.NotNull(SignedInClient.TestId(page, "add-form"));

        // The owner is chosen by name; a name nobody has is refused, naming the field.
        Assert.StartsWith("Owner: no member of staff", await ErrorAfterAsync(sm, url, "Add", new() { ["kind"] = "prevention", ["description"] = "Brief the teams", ["owner"] = "Nobody Atall", ["dueOn"] = "2027-03-31" }), StringComparison.Ordinal);
        Assert.StartsWith("Due on:", await ErrorAfterAsync(sm, url, "Add", new() { ["kind"] = "prevention", ["description"] = "Brief the teams", ["owner"] = "Maya Corrigan", ["dueOn"] = "31/03/2027" }), StringComparison.Ordinal);
        Assert.Null(await ErrorAfterAsync(sm, url, "Add", new() { ["kind"] = "prevention", ["description"] = "Brief the teams on lawful system use", ["owner"] = "insp maya corrigan", ["dueOn"] = "2027-03-31" }));
        page = await sm.Http.GetStringAsync(url, Ct);
        Assert.Equal("Insp Maya Corrigan", SignedInClient.TestId(page, "owner"));
        Assert.Equal("planned", SignedInClient.TestId(page, "state"));
        var (activity, version) = Activity(page);

        // Progress, then a change of state made on the page as it now is.
        Assert.Null(await PostAsync(sm, url, "Progress", new() { ["activity"] = activity, ["version"] = version, ["text"] = "Six of twelve teams briefed." }));
        page = await sm.Http.GetStringAsync(url, Ct);
        Assert.Contains("Six of twelve teams briefed.", SignedInClient.TestId(page, "progress"), StringComparison.Ordinal);
        var (_, fresh) = Activity(page);
        Assert.Null(await PostAsync(sm, url, "Edit", Edit(activity, fresh, "in_progress")));
        Assert.Equal("in progress", SignedInClient.TestId(await sm.Http.GetStringAsync(url, Ct), "state"));

        // A second manager working from the page before those changes is refused, and does not overwrite them.
        Assert.Contains("changed this activity", await PostAsync(sm, url, "Edit", Edit(activity, version, "stopped")), StringComparison.Ordinal);
        Assert.Contains("changed this activity", await PostAsync(sm, url, "Progress", new() { ["activity"] = activity, ["version"] = version, ["text"] = "From a stale page" }), StringComparison.Ordinal);
        page = await sm.Http.GetStringAsync(url, Ct);
        Assert.Equal("in progress", SignedInClient.TestId(page, "state"));
        Assert.DoesNotContain("From a stale page", page, StringComparison.Ordinal);
        // Nor can an activity be reached through another priority's page.
        Assert.Equal(HttpStatusCode.NotFound, (await PostRawAsync(sm, $"{Pages}/priorities/vetting", "Edit", Edit(activity, Activity(page).Version, "stopped"), url)).StatusCode);

        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "sm" && e.Action == "control_activity_add" && e.Target == "control_strategy:information_misuse" && e.Detail!.Contains("owner " + Owner, StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Actor == "sm" && e.Action == "control_activity_progress");
        Assert.Single(trail, e => e.Action == "control_activity_edit");

        // A senior manager without an intelligence role never sees the page, and an investigator without seniority may not change it.
        var current = Activity(page).Version;
        var investigator = await app.SignInAsync("i");
        page = await investigator.Http.GetStringAsync(url, Ct);
        Assert.Null(SignedInClient.TestId(page, "add-form"));
        Assert.Null(SignedInClient.TestId(page, "edit-form"));
        var refused = await PostRawAsync(investigator, url, "Edit", Edit(activity, current, "stopped"), url);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("in progress", SignedInClient.TestId(await investigator.Http.GetStringAsync(url, Ct), "state"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_assessment_keeps_its_three_yearly_cycle_and_its_PDF_carries_counts_never_an_items_words(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        await ArrangeEvidenceAsync(app);
        var today = app.Time.Today();
        var sm = await app.SignInAsync("sm");
        var url = $"{Pages}/assessment";

        // Nothing recorded: due now, and shown so.
        var page = await sm.Http.GetStringAsync(url, Ct);
        Assert.NotNull(SignedInClient.TestId(page, "full-overdue"));
        Assert.NotNull(SignedInClient.TestId(await sm.Http.GetStringAsync(Pages, Ct), "assessment-overdue"));

        // A full assessment three years and a month ago, an interim update a year later: the full one and the next review are overdue.
        var full = today.AddYears(-3).AddMonths(-1);
        Assert.StartsWith("Assessed on:", await PostAsync(sm, url, null, new() { ["kind"] = "full", ["assessedOn"] = today.AddDays(1).ToString("yyyy-MM-dd") }), StringComparison.Ordinal);
        Assert.StartsWith("Kind:", await PostAsync(sm, url, null, new() { ["kind"] = "partial", ["assessedOn"] = full.ToString("yyyy-MM-dd") }), StringComparison.Ordinal);
        Assert.Null(await PostAsync(sm, url, null, new() { ["kind"] = "full", ["assessedOn"] = full.ToString("yyyy-MM-dd"), ["note"] = "Seven priorities" }));
        Assert.Null(await PostAsync(sm, url, null, new() { ["kind"] = "interim", ["assessedOn"] = full.AddYears(1).ToString("yyyy-MM-dd") }));
        page = await sm.Http.GetStringAsync(url, Ct);
        Assert.Equal(full.AddYears(3).ToString("d MMMM yyyy"), SignedInClient.TestId(page, "next-full"));
        Assert.Equal("overdue", SignedInClient.TestId(page, "full-overdue"));
        Assert.Equal(full.AddYears(2).ToString("d MMMM yyyy"), SignedInClient.TestId(page, "next-due"));
        Assert.Equal("overdue", SignedInClient.TestId(page, "assessment-overdue"));

        // A new full assessment today: the next review is due in three years' time, nothing overdue.
        Assert.Null(await PostAsync(sm, url, null, new() { ["kind"] = "full", ["assessedOn"] = today.ToString("yyyy-MM-dd") }));
        page = await sm.Http.GetStringAsync(url, Ct);
        Assert.Equal(today.AddYears(3).ToString("d MMMM yyyy"), SignedInClient.TestId(page, "next-due"));
        Assert.Null(SignedInClient.TestId(page, "assessment-overdue"));

        // The document for the committee: every priority, its counts and its intelligence picture, never an item's words,
        // even for the reader the restricted item is open to.
        var b1 = await app.SignInAsync("b1");
        var response = await b1.Http.GetAsync($"{url}/pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = PdfText.Extract(await response.Content.ReadAsByteArrayAsync(Ct));
        foreach (var priority in new[] { "Support for the Taylor reforms", "Information misuse", "Business interests", "Theft from police premises", "Substance misuse", "Vetting", "Internal fraud" })
            Assert.Contains(priority, text, StringComparison.Ordinal);
        Assert.Contains("2 items linked, 1 of them restricted", text, StringComparison.Ordinal);
        Assert.Contains("Trend: evidence by year", text, StringComparison.Ordinal);
        Assert.Contains($"Next review due {today.AddYears(3):d MMMM yyyy}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Larkspur", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Open words", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CS-SECRET", text, StringComparison.Ordinal);

        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "b1" && e.Action == "export" && e.Target == "control_strategy");
        Assert.Contains(trail, e => e.Actor == "sm" && e.Action == "view" && e.Target == "control_strategy");
        Assert.Equal(3, trail.Count(e => e.Actor == "sm" && e.Action == "strategic_assessment_record"));
    }

    [Fact]
    public async Task Only_the_Bureau_and_the_Anti_Corruption_Unit_see_the_strategy_and_only_the_Bureau_and_their_senior_managers_change_it()
    {
        await using var app = await ForceAsync(Provider.Sqlite);
        await ArrangeEvidenceAsync(app);
        // Case handlers, analysts, oversight members, senior managers without an intelligence role and administrators: refused everywhere, the PDF included.
        foreach (var user in new[] { "h", "a", "o", "s", "ad" })
        {
            var client = await app.SignInAsync(user);
            foreach (var route in Routes)
            {
                var response = await client.Http.GetAsync(route, Ct);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
            var post = await PostRawAsync(client, $"{Pages}/assessment", null, new() { ["kind"] = "full", ["assessedOn"] = "2024-01-01" }, "/account/password");
            Assert.StartsWith("/account/denied", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        var stranger = app.NewClient();
        foreach (var route in Routes)
            Assert.StartsWith("/account/sign-in", (await stranger.Http.GetAsync(route, Ct)).Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // The Bureau and the investigators read every page and the PDF; an investigator who is not a senior manager may not change the strategy.
        foreach (var user in new[] { "b1", "i", "sm" })
        {
            var client = await app.SignInAsync(user);
            foreach (var route in Routes)
                Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(route, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"{Pages}/priorities/no_such_priority", Ct)).StatusCode);
        }
        var investigator = await app.SignInAsync("i");
        var denied = await PostRawAsync(investigator, $"{Pages}/assessment", null, new() { ["kind"] = "full", ["assessedOn"] = "2024-01-01" }, $"{Pages}/assessment");
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var scope = app.SystemScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ProbityDb>().Set<StrategicAssessment>().CountAsync(Ct));
    }

    private static Dictionary<string, string> Edit(string activity, string version, string state) => new()
    {
        ["activity"] = activity, ["version"] = version, ["kind"] = "prevention", ["description"] = "Brief the teams on lawful system use",
        ["owner"] = Owner, ["dueOn"] = "2027-03-31", ["state"] = state,
    };

    private static (string Id, string Version) Activity(string page)
    {
        var m = ActivityFields().Match(page);
        Assert.True(m.Success, "no activity form on the page");
        return (m.Groups[1].Value, m.Groups[2].Value);
    }

    /// <summary>The text of a table row's cells, joined by spaces.</summary>
    private static string Cells(string html, string testId)
    {
        var row = Regex.Match(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        return string.Join(' ', Regex.Matches(row, "<td>(.*?)</td>").Select(c => c.Groups[1].Value.Trim()));
    }

    private static async Task<string?> ErrorAfterAsync(SignedInClient client, string url, string handler, Dictionary<string, string> fields) =>
        await PostAsync(client, url, handler, fields);

    /// <summary>Posts a form on the page and follows the redirect: the error shown, or null when it was done.</summary>
    private static async Task<string?> PostAsync(SignedInClient client, string url, string? handler, Dictionary<string, string> fields)
    {
        var response = await PostRawAsync(client, url, handler, fields, url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return SignedInClient.TestId(await client.Http.GetStringAsync(response.Headers.Location!.OriginalString, Ct), "error");
    }

    private static Task<HttpResponseMessage> PostRawAsync(SignedInClient client, string url, string? handler, Dictionary<string, string> fields, string tokenFrom) =>
        client.PostFormAsync(handler is null ? url : $"{url}?handler={handler}", fields, tokenFrom);

    [GeneratedRegex("name=\"activity\" value=\"([0-9a-f-]+)\"><input type=\"hidden\" name=\"version\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex ActivityFields();
}
