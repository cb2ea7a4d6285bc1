using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Identity;
using Probity.Identity.Contracts;
using Probity.Intelligence.Contracts;
using Probity.IntegrationTests.RightLine;
using Probity.Workforce.Contracts;

namespace Probity.IntegrationTests.Intelligence;

/// <summary>The intelligence log end to end through HTTP and the command line: grading by era, review, handling codes, need-to-know, conversions.</summary>
public sealed partial class IntelligenceLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<Provider> Providers => Apps.Providers;

    private const string Subject = "IW0001";
    private const string Colleague = "IW0002";

    /// <summary>An empty force with two members of staff and the directorate's roles, the Bureau twice (a review is by another member).</summary>
    private static async Task<ProbityApp> ForceAsync(Provider provider)
    {
        var app = await Apps.CreateAsync(provider, demo: false);
        Directory.CreateDirectory(app.UploadFolder);
        foreach (var (user, role) in new[] { ("b1", Roles.IntelligenceBureau), ("b2", Roles.IntelligenceBureau), ("i", Roles.Investigator), ("h", Roles.CaseHandler), ("a", Roles.Analyst), ("o", Roles.Oversight), ("s", Roles.SeniorManager), ("ad", Roles.Administrator) })
            await app.AddUserAsync(user, role);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        db.Staff.Add(new StaffMember { Id = Subject, DisplayName = "PC Wren Ashdown", StaffType = "officer" });
        db.Staff.Add(new StaffMember { Id = Colleague, DisplayName = "PS Ivo Marchetti", StaffType = "officer" });
        scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "staff", "two officers");
        await db.SaveChangesAsync(Ct);
        return app;
    }

    /// <summary>An investigator who is also the member of staff <paramref name="staffId"/>.</summary>
    private static async Task AddSubjectAccountAsync(ProbityApp app, string userName, string staffId)
    {
        await using var scope = app.SystemScope();
        var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(userName, "Investigator who is a subject", Roles.Investigator, null, ProbityApp.Password);
        user.StaffId = staffId;
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
    }

    private static Dictionary<string, string> Item(string on, string source, string intel, string handling, string text, string? conditions = null, string staff = "", string readers = "") => new()
    {
        ["on"] = on, ["SourceType"] = "covert_human_source", ["SourceGrade"] = source, ["IntelligenceGrade"] = intel, ["HandlingCode"] = handling,
        ["HandlingConditions"] = conditions ?? "", ["Text"] = text, ["Staff"] = staff, ["Priorities"] = "information_misuse", ["Readers"] = readers,
    };

    private static async Task<string> RecordAsync(SignedInClient client, Dictionary<string, string> fields)
    {
        var response = await client.PostFormAsync("/intelligence/items/new", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct)));
        return response.Headers.Location!.OriginalString["/intelligence/items/".Length..];
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_item_is_graded_under_the_scheme_of_its_day_reviewed_by_another_and_disseminated_only_as_its_handling_code_allows(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var b1 = await app.SignInAsync("b1");

        // The form offers the scheme in force on the day chosen.
        var before = await b1.Http.GetStringAsync("/intelligence/items/new?on=2014-05-01", Ct);
        Assert.Contains("5x5x5", SignedInClient.TestId(before, "scheme"), StringComparison.Ordinal);
        Assert.Contains("E: Untested source", before, StringComparison.Ordinal);
        var after = await b1.Http.GetStringAsync("/intelligence/items/new?on=2020-05-01", Ct);
        Assert.Contains("3x5x2", SignedInClient.TestId(after, "scheme"), StringComparison.Ordinal);
        Assert.DoesNotContain("E: Untested source", after, StringComparison.Ordinal);

        // A grade from the other scheme is refused, naming the field, and the text typed is kept.
        var wrong = await b1.PostFormAsync("/intelligence/items/new", Item("2020-05-01", "D", "2", "P", "Words worth keeping"), "/intelligence/items/new?on=2020-05-01");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var wrongPage = await wrong.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("Source evaluation: 'D' is not a grade under 3x5x2", SignedInClient.Alert(wrongPage), StringComparison.Ordinal);
        Assert.Contains("Words worth keeping", wrongPage, StringComparison.Ordinal);
        var handlingC = await b1.PostFormAsync("/intelligence/items/new", Item("2014-05-01", "B", "2", "C", "C is 3x5x2's"));
        Assert.StartsWith("Handling code: 'C' is not a grade under 5x5x5", SignedInClient.Alert(await handlingC.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        // A code that needs conditions is refused without them.
        var noConditions = await b1.PostFormAsync("/intelligence/items/new", Item("2014-05-01", "B", "2", "5", "Handling 5 needs its conditions"));
        Assert.StartsWith("Handling conditions:", SignedInClient.Alert(await noConditions.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        // Staff are chosen by name (or warrant number), never by a typed id only.
        var id = await RecordAsync(b1, Item("2020-05-01", "b", "2", "c", "PC Ashdown sells PNC checks to a private investigator.", "Not to the subject's line management.", staff: "pc wren ashdown"));
        Assert.Matches("^IN-[0-9A-Z]{10}$", id);
        var page = await b1.Http.GetStringAsync($"/intelligence/items/{id}", Ct);
        Assert.Equal("3x5x2 B2C", SignedInClient.TestId(page, "grading"));
        Assert.Contains($"/officers/{Subject}", page, StringComparison.Ordinal);
        Assert.Contains("Information misuse", page, StringComparison.Ordinal);
        Assert.Contains(id, await b1.Http.GetStringAsync("/intelligence/review", Ct), StringComparison.Ordinal);

        // The review is by someone else, and dissemination waits for it.
        Assert.StartsWith($"You recorded item {id}", await ErrorAfterAsync(b1, id, "Review", new()), StringComparison.Ordinal);
        var b2 = await app.SignInAsync("b2");
        Assert.Contains("has not been reviewed", await ErrorAfterAsync(b2, id, "Disseminate", new() { ["which"] = "original", ["recipient"] = "NCA", ["reason"] = "x", ["conditions"] = "y" }), StringComparison.Ordinal);
        Assert.Null(await ErrorAfterAsync(b2, id, "Review", new() { ["note"] = "Graded right." }));
        Assert.DoesNotContain(id, await b2.Http.GetStringAsync("/intelligence/review", Ct), StringComparison.Ordinal);

        // Handling code C: the original never leaves, and conditions go with every dissemination.
        Assert.Contains("does not let the original leave the Bureau", await ErrorAfterAsync(b2, id, "Disseminate", new() { ["which"] = "original", ["recipient"] = "Information Commissioner's Office", ["reason"] = "Their investigation", ["conditions"] = "Not to line management" }), StringComparison.Ordinal);
        Assert.Contains("word for word", await ErrorAfterAsync(b2, id, "Sanitise", new() { ["text"] = "PC Ashdown sells PNC checks to a private investigator." }), StringComparison.Ordinal);
        Assert.Null(await ErrorAfterAsync(b2, id, "Sanitise", new() { ["text"] = "A member of staff may be disclosing police information." }));
        Assert.StartsWith("Conditions: handling code C", await ErrorAfterAsync(b2, id, "Disseminate", new() { ["which"] = "1", ["recipient"] = "Information Commissioner's Office", ["reason"] = "Their investigation", ["conditions"] = "" }), StringComparison.Ordinal);
        Assert.Null(await ErrorAfterAsync(b2, id, "Disseminate", new() { ["which"] = "1", ["recipient"] = "Information Commissioner's Office", ["reason"] = "Their investigation", ["conditions"] = "Not to line management" }));
        page = WebUtility.HtmlDecode(await b2.Http.GetStringAsync($"/intelligence/items/{id}", Ct));
        Assert.Contains("Information Commissioner's Office", page, StringComparison.Ordinal);
        Assert.Contains("sanitised 1", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">original<", page, StringComparison.Ordinal);

        // Every read and every change is on the trail, by name.
        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "b1" && e.Action == "view" && e.Target == "intelligence:" + id);
        Assert.Contains(trail, e => e.Actor == "b1" && e.Action == "intelligence_record" && e.Target == "intelligence:" + id);
        Assert.Contains(trail, e => e.Actor == "b2" && e.Action == "intelligence_review" && e.Target == "intelligence:" + id);
        Assert.Contains(trail, e => e.Actor == "b2" && e.Action == "intelligence_disseminate" && e.Detail == "sanitised version 1 to Information Commissioner's Office");
        Assert.Contains(trail, e => e.Actor == "b1" && e.Action == "search" && e.Target == "intelligence");
    }

    [Fact]
    public async Task Only_the_Bureau_and_the_Anti_Corruption_Unit_read_the_log_and_only_the_Bureau_reviews_and_disseminates()
    {
        await using var app = await ForceAsync(Provider.Sqlite);
        var id = await RecordAsync(await app.SignInAsync("b1"), Item("2021-03-01", "A", "1", "P", "Operation Hollyhock: words only the Bureau may read."));
        string[] routes = ["/intelligence/items", "/intelligence/items/new", "/intelligence/review", $"/intelligence/items/{id}"];
        foreach (var user in new[] { "h", "a", "o", "s", "ad" })
        {
            var client = await app.SignInAsync(user);
            foreach (var route in routes)
            {
                var response = await client.Http.GetAsync(route, Ct);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
            var post = await client.PostFormAsync("/intelligence/items/new", Item("2021-03-01", "A", "1", "P", "From someone with no business here"), "/account/password");
            Assert.StartsWith("/account/denied", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        var stranger = app.NewClient();
        foreach (var route in routes)
            Assert.StartsWith("/account/sign-in", (await stranger.Http.GetAsync(route, Ct)).Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // The Anti-Corruption Unit's investigators read and record, but do not review or disseminate.
        var investigator = await app.SignInAsync("i");
        var page = await investigator.Http.GetStringAsync($"/intelligence/items/{id}", Ct);
        Assert.Contains("Operation Hollyhock", page, StringComparison.Ordinal);
        Assert.Null(SignedInClient.TestId(page, "review-form"));
        Assert.Null(SignedInClient.TestId(page, "disseminate-form"));
        var review = await investigator.Http.PostAsync($"/intelligence/items/{id}?handler=Review", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = Version(page), ["__RequestVerificationToken"] = await investigator.GetFormTokenAsync("/account/password"),
        }), Ct);
        Assert.StartsWith("/account/denied", review.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Null(await ItemAsync(app, id, i => i.ReviewedAt));
        await RecordAsync(investigator, Item("2021-03-02", "B", "3", "P", "The unit's own item"));

        // The command line holds the same line: an analyst may not export the log.
        await app.SignInAsync("a");
        var (code, output) = await app.RunCliAsync("a", "intelligence", "export", "--out", Path.Combine(app.UploadFolder, "refused.csv"));
        Assert.NotEqual(0, code);
        Assert.Contains("may not do this (ReadIntelligence)", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(app.UploadFolder, "refused.csv")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_item_about_a_member_of_staff_is_never_shown_to_them_and_a_restricted_item_only_to_its_readers(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        await AddSubjectAccountAsync(app, "subject", Subject);
        var b1 = await app.SignInAsync("b1");
        var about = await RecordAsync(b1, Item("2022-01-10", "B", "2", "P", "Wren Ashdown meets a stolen-car dealer weekly.", staff: Subject));
        var restricted = await RecordAsync(b1, Item("2022-01-11", "A", "1", "P", "Only b1 and b2 read this.", readers: "b2"));
        var open = await RecordAsync(b1, Item("2022-01-12", "A", "1", "P", "Anyone in the log reads this."));

        // The officer under investigation, an investigator with a friend in the directorate's accounts: neither item exists for them.
        var subject = await app.SignInAsync("subject");
        var list = await subject.Http.GetStringAsync("/intelligence/items", Ct);
        Assert.Contains(open, list, StringComparison.Ordinal);
        Assert.DoesNotContain(about, list, StringComparison.Ordinal);
        Assert.DoesNotContain(restricted, list, StringComparison.Ordinal);
        Assert.DoesNotContain(about, await subject.Http.GetStringAsync("/intelligence/review", Ct), StringComparison.Ordinal);
        // A direct walk of ids: an item they may not see answers exactly as one that does not exist.
        var missing = await subject.Http.GetAsync("/intelligence/items/IN-0000000000", Ct);
        foreach (var id in new[] { about, restricted })
        {
            var walked = await subject.Http.GetAsync($"/intelligence/items/{id}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, walked.StatusCode);
            Assert.Equal(missing.StatusCode, walked.StatusCode);
            Assert.DoesNotContain("stolen-car", await walked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        // Nor can they name themselves a reader, or read it through the command line.
        var path = Path.Combine(app.UploadFolder, "subject.csv");
        var (code, output) = await app.RunCliAsync("subject", "intelligence", "export", "--out", path);
        Assert.True(code == 0, output);
        var exported = await File.ReadAllTextAsync(path, Ct);
        Assert.Contains(open, exported, StringComparison.Ordinal);
        Assert.DoesNotContain(about, exported, StringComparison.Ordinal);
        Assert.DoesNotContain("Only b1 and b2", exported, StringComparison.Ordinal);

        // The other investigator reads the item about the subject, not the restricted one; b2 reads the restricted one.
        var investigator = await app.SignInAsync("i");
        Assert.Equal(HttpStatusCode.OK, (await investigator.Http.GetAsync($"/intelligence/items/{about}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.Http.GetAsync($"/intelligence/items/{restricted}", Ct)).StatusCode);
        var b2 = await app.SignInAsync("b2");
        Assert.Contains("Only b1 and b2 read this.", await b2.Http.GetStringAsync($"/intelligence/items/{restricted}", Ct), StringComparison.Ordinal);
        // The subject is never offered as a reader of an item about them.
        var refused = await b1.PostFormAsync("/intelligence/items/new", Item("2022-01-13", "A", "1", "P", "About the subject, opened to the subject", staff: Subject, readers: "subject"));
        Assert.StartsWith("Restricted to: no one called 'subject'", SignedInClient.Alert(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_Right_Line_report_becomes_an_item_keeping_its_words_and_reference_and_no_time_finer_than_the_day(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var (reference, _) = await RightLineClient.ReportAsync(app.NewClient(), "The duty inspector at Lambeth tips off a cannabis farm before raids.");
        var b1 = await app.SignInAsync("b1");
        var report = await b1.Http.GetStringAsync($"/intelligence/right-line/{reference}", Ct);
        var assessed = await b1.PostFormAsync($"/intelligence/right-line/{reference}?handler=Assess",
            new() { ["version"] = Version(report), ["assessment"] = RightLineAssessments.Intelligence, ["note"] = "Corroborate first." }, $"/intelligence/right-line/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, assessed.StatusCode);
        report = await b1.Http.GetStringAsync($"/intelligence/right-line/{reference}", Ct);
        var id = ItemLink().Match(report).Groups[1].Value;
        Assert.NotEmpty(id);

        var page = await b1.Http.GetStringAsync($"/intelligence/items/{id}", Ct);
        Assert.Contains("tips off a cannabis farm before raids.", SignedInClient.TestId(page, "text"), StringComparison.Ordinal);
        Assert.Contains(reference, SignedInClient.TestId(page, "from-right-line"), StringComparison.Ordinal);
        // Graded from the data as an untested anonymous source whose words must not leave the Bureau.
        Assert.Equal("3x5x2 B4C", SignedInClient.TestId(page, "grading"));
        await using (var scope = app.SystemScope())
        {
            var item = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Set<IntelligenceItem>().AsNoTracking().SingleAsync(i => i.Id == id, Ct);
            Assert.Equal(TimeSpan.Zero, item.RecordedAt.TimeOfDay);
        }
        var b2 = await app.SignInAsync("b2");
        Assert.Null(await ErrorAfterAsync(b2, id, "Review", new()));
        Assert.Contains("does not let the original leave", await ErrorAfterAsync(b2, id, "Disseminate", new() { ["which"] = "original", ["recipient"] = "Borough commander", ["reason"] = "Raids", ["conditions"] = "Sanitised only" }), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_misuse_alert_becomes_one_item_about_its_member_of_staff_with_its_evidence(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var detected = app.Time.GetUtcNow().AddDays(-3);
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            db.MisuseAlerts.Add(new Probity.AccessMonitoring.Alerts.MisuseAlert
            {
                Id = "AL-INTEL-1", StaffId = Colleague, Rule = "associated_person", Key = "P-77", Score = 0.9, FirstEventTime = detected.AddDays(-1), LastEventTime = detected,
                EventCount = 3, Explanation = "Searched the record of a person he is linked to three times without a reason.", EvidenceJson = "[]", DetectedAt = detected,
            });
            scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "alert:AL-INTEL-1", "an alert");
            await db.SaveChangesAsync(Ct);
        }
        var investigator = await app.SignInAsync("i");
        var first = await investigator.PostFormAsync("/monitoring/alerts/AL-INTEL-1?handler=RecordIntelligence", [], "/monitoring/alerts/AL-INTEL-1");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var notice = await investigator.Http.GetStringAsync("/monitoring/alerts/AL-INTEL-1", Ct);
        var id = Regex.Match(notice, "intelligence log as item (IN-[0-9A-Z]{10})").Groups[1].Value;
        Assert.NotEmpty(id);
        await investigator.PostFormAsync("/monitoring/alerts/AL-INTEL-1?handler=RecordIntelligence", [], "/monitoring/alerts/AL-INTEL-1");
        Assert.Contains($"Already in the intelligence log as item {id}", await investigator.Http.GetStringAsync("/monitoring/alerts/AL-INTEL-1", Ct), StringComparison.Ordinal);

        var page = await investigator.Http.GetStringAsync($"/intelligence/items/{id}", Ct);
        Assert.Contains("Searched the record of a person he is linked to", SignedInClient.TestId(page, "text"), StringComparison.Ordinal);
        Assert.Contains("AL-INTEL-1", SignedInClient.TestId(page, "from-alert"), StringComparison.Ordinal);
        Assert.Contains($"/officers/{Colleague}", page, StringComparison.Ordinal);
        // A senior manager decides alerts but does not record intelligence: refused, nothing made.
        var senior = await app.SignInAsync("s");
        var refused = await senior.PostFormAsync("/monitoring/alerts/AL-INTEL-1?handler=RecordIntelligence", [], "/monitoring/alerts/AL-INTEL-1");
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var check = app.SystemScope();
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<ProbityDb>().Set<IntelligenceItem>().CountAsync(i => i.FromAlert == "AL-INTEL-1", Ct));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Items_go_out_and_come_back_as_a_file_and_a_bad_row_stops_the_whole_import(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var b1 = await app.SignInAsync("b1");
        var id = await RecordAsync(b1, Item("2015-06-01", "B", "2", "5", "An old item, with a comma, and \"quotes\".", "Refer to the originator", staff: Colleague));
        var file = Path.Combine(app.UploadFolder, "intelligence_items.csv");
        var (code, output) = await app.RunCliAsync("b1", "intelligence", "export", "--out", file);
        Assert.True(code == 0, output);
        var text = await File.ReadAllTextAsync(file, Ct);
        Assert.Contains(id, text, StringComparison.Ordinal);
        Assert.Contains("5x5x5", text, StringComparison.Ordinal);

        // Back into the log under new ids: the header, and one good row and one graded 5x5x5 though dated after the change.
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var good = lines[1].Replace(id, "IN-IMPORTED01", StringComparison.Ordinal);
        var bad = lines[1].Replace(id, "IN-IMPORTED02", StringComparison.Ordinal).Replace("2015-06-01", "2019-06-01", StringComparison.Ordinal);
        var mixed = Path.Combine(app.UploadFolder, "mixed.csv");
        await File.WriteAllTextAsync(mixed, string.Join("\r\n", lines[0], good, bad) + "\r\n", Ct);
        await app.SignInAsync("i");
        (code, output) = await app.RunCliAsync("i", "intelligence", "import", mixed);
        Assert.Equal(2, code);
        Assert.Contains("mixed.csv:3 (scheme): '5x5x5' was not in force on 2019-06-01", output, StringComparison.Ordinal);
        Assert.Null(await ItemAsync(app, "IN-IMPORTED01", i => i.Id));

        // A grade the scheme of the row's day does not have is named by its column.
        var wrongGrade = Path.Combine(app.UploadFolder, "grade.csv");
        await File.WriteAllTextAsync(wrongGrade, string.Join("\r\n", lines[0], good.Replace(",5x5x5,B,2,5,", ",5x5x5,B,2,P,", StringComparison.Ordinal)) + "\r\n", Ct);
        (code, output) = await app.RunCliAsync("i", "intelligence", "import", wrongGrade);
        Assert.Equal(2, code);
        Assert.Contains("grade.csv:2 (handling_code): 'P' is not a grade under 5x5x5", output, StringComparison.Ordinal);

        var only = Path.Combine(app.UploadFolder, "good.csv");
        await File.WriteAllTextAsync(only, string.Join("\r\n", lines[0], good) + "\r\n", Ct);
        (code, output) = await app.RunCliAsync("i", "intelligence", "import", only);
        Assert.True(code == 0, output);
        Assert.Equal("An old item, with a comma, and \"quotes\".", await ItemAsync(app, "IN-IMPORTED01", i => i.Text));
        // Importing it again changes nothing: refused as already there.
        (code, output) = await app.RunCliAsync("i", "intelligence", "import", only);
        Assert.Equal(2, code);
        Assert.Contains("'IN-IMPORTED01' is already in the log", output, StringComparison.Ordinal);
        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "b1" && e.Action == "export" && e.Target == "intelligence");
        Assert.Contains(trail, e => e.Actor == "i" && e.Action == "intelligence_import" && e.Target == "intelligence:IN-IMPORTED01");
    }

    /// <summary>Posts an item's form (with its current version) and returns the error shown after the redirect, or null if none.</summary>
    private static async Task<string?> ErrorAfterAsync(SignedInClient client, string id, string handler, Dictionary<string, string> fields)
    {
        var page = await client.Http.GetStringAsync($"/intelligence/items/{id}", Ct);
        fields["version"] = Version(page);
        var response = await client.PostFormAsync($"/intelligence/items/{id}?handler={handler}", fields, $"/intelligence/items/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return SignedInClient.TestId(await client.Http.GetStringAsync(response.Headers.Location!.OriginalString, Ct), "error");
    }

    private static async Task<T?> ItemAsync<T>(ProbityApp app, string id, System.Linq.Expressions.Expression<Func<IntelligenceItem, T>> select)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Set<IntelligenceItem>().AsNoTracking().Where(i => i.Id == id).Select(select).FirstOrDefaultAsync(Ct);
    }

    private static string Version(string page) => VersionField().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("href=\"/intelligence/items/(IN-[0-9A-Z]{10})\"")]
    private static partial Regex ItemLink();
}
