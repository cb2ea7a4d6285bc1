using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// The organisational learning and risk registers through real HTTP: who may read and record, the journeys the
/// Prevention and Reduction Team and a borough's risk owner follow, and what a stale form, an out-of-range score,
/// closing without evidence or a recommendation from a restricted case cannot do.
/// </summary>
public sealed partial class LearningAndRiskRegistersTests(Apps apps, CanaryForces forces)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Readers = ["investigator", "senior"];
    private static readonly string[] Refused = ["handler", "analyst", "oversight", "admin", "intelligence"];

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_investigators_and_senior_managers_read_learning_and_risks_and_only_senior_managers_record(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var item = await RecordLearningAsync(senior, "Role check " + Guid.NewGuid().ToString("n")[..6]);
        var risk = await RaiseRiskAsync(senior, "borough", await ABoroughAsync(app), "Role check risk", 3, 3);
        string[] routes = ["/registers/learning", $"/registers/learning/{item}", "/registers/learning/themes", "/registers/risks", $"/registers/risks/{risk}"];
        foreach (var user in Readers)
        {
            var client = await app.SignInAsync(user);
            foreach (var route in routes)
                Assert.True((await client.Http.GetAsync(route, Ct)).StatusCode == HttpStatusCode.OK, $"{user} should read {route}");
        }
        foreach (var user in Refused)
        {
            var client = await app.SignInAsync(user);
            foreach (var route in routes)
            {
                var answer = await client.Http.GetAsync(route, Ct);
                Assert.True(answer.StatusCode == HttpStatusCode.Redirect && answer.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal),
                    $"{user} must not read {route}: {answer.StatusCode} {answer.Headers.Location}");
            }
            Assert.DoesNotContain("href=\"/registers/learning", await client.Http.GetStringAsync("/", Ct), StringComparison.Ordinal);
        }

        // An investigator reads but changes nothing: no forms, and every post refused.
        var investigator = await app.SignInAsync("investigator");
        var page = await investigator.Http.GetStringAsync($"/registers/learning/{item}", Ct);
        Assert.DoesNotContain("data-testid=\"learning-close\"", page, StringComparison.Ordinal);
        var token = await investigator.GetFormTokenAsync("/registers/learning");
        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
        {
            ("/registers/learning?handler=Record", new() { ["source"] = "iopc_report", ["recommendation"] = "x", ["theme"] = "custody", ["ownerUnit"] = "Camden", ["action"] = "y", ["dueInWorkingDays"] = "5" }),
            ($"/registers/learning/{item}?handler=Close", new() { ["version"] = Version(page), ["evidence"] = "Done" }),
            ("/registers/risks?handler=Raise", new() { ["register"] = "corporate", ["title"] = "x", ["owner"] = "y", ["cause"] = "c", ["effect"] = "e", ["likelihood"] = "1", ["impact"] = "1" }),
            ($"/registers/risks/{risk}?handler=Escalate", new() { ["version"] = Guid.Empty.ToString(), ["reason"] = "Because" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var posted = await investigator.Http.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
            Assert.True(posted.StatusCode is HttpStatusCode.Forbidden || posted.Headers.Location?.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal) == true,
                $"investigator posting {url}: {posted.StatusCode} {posted.Headers.Location}");
        }
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Null(await db.LearningRecommendations.Where(r => r.Id == item).Select(r => r.ClosedOn).SingleAsync(Ct));
        Assert.Equal("borough", await db.RegisterRisks.Where(r => r.Id == risk).Select(r => r.Level).SingleAsync(Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "investigator" && e.Action == "view" && e.Target == "learning_recommendation:" + item, Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "investigator" && e.Action == "view" && e.Target == "register_risk:" + risk, Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_recommendation_is_passed_to_units_closed_only_on_evidence_and_overdue_actions_head_the_register(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var (caseId, unitName) = await ACaseAsync(app);
        var today = app.Time.Today();
        var marker = Guid.NewGuid().ToString("n")[..8];
        var item = await RecordLearningAsync(senior, $"Custody handovers to be recorded on camera {marker}", caseId, unitName, dueInWorkingDays: 10);
        var page = await senior.Http.GetStringAsync($"/registers/learning/{item}", Ct);
        Assert.Contains(caseId, SignedInClient.TestId(page, "learning-source"), StringComparison.Ordinal);
        Assert.Equal($"Due {WorkingDays.AddWorkingDays(today, 10).ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", SignedInClient.TestId(page, "learning-state"));

        foreach (var unit in new[] { unitName, await ABoroughAsync(app) })
        {
            var passed = await senior.PostFormAsync($"/registers/learning/{item}?handler=Disseminate", new()
            {
                ["version"] = Version(page), ["toUnit"] = unit, ["how"] = "Briefed at the borough's professional standards meeting",
            }, $"/registers/learning/{item}");
            Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
            page = await senior.Http.GetStringAsync($"/registers/learning/{item}", Ct);
        }
        Assert.Contains($"<tr><td>{WebUtility.HtmlEncode(unitName)}</td><td class=\"nowrap\">{today.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}</td>", page, StringComparison.Ordinal);

        // Closing without evidence is refused, and the recommendation stays open.
        var bare = await senior.PostFormAsync($"/registers/learning/{item}?handler=Close", new() { ["version"] = Version(page), ["evidence"] = "  " }, $"/registers/learning/{item}");
        page = await senior.Http.GetStringAsync(bare.Headers.Location!.OriginalString, Ct);
        Assert.Contains("Evidence of closure: required", SignedInClient.Alert(page), StringComparison.Ordinal);
        Assert.StartsWith("Due ", SignedInClient.TestId(page, "learning-state"), StringComparison.Ordinal);

        var closed = await senior.PostFormAsync($"/registers/learning/{item}?handler=Close", new()
        {
            ["version"] = Version(page), ["evidence"] = "Custody policy 14 revised; camera log audited for a month",
        }, $"/registers/learning/{item}");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        page = await senior.Http.GetStringAsync($"/registers/learning/{item}", Ct);
        Assert.StartsWith("Closed", SignedInClient.TestId(page, "learning-state"), StringComparison.Ordinal);
        Assert.Contains("Custody policy 14 revised", SignedInClient.TestId(page, "learning-closed"), StringComparison.Ordinal);

        // An action past its due date heads the unit's open register, above one due later.
        var late = await RecordLearningAsync(senior, $"Late action {marker}", null, unitName, madeOn: today.AddDays(-90), dueOn: today.AddDays(-30));
        await RecordLearningAsync(senior, $"Later action {marker}", null, unitName, dueOn: today.AddDays(5));
        var register = await senior.Http.GetStringAsync($"/registers/learning?unit={Uri.EscapeDataString(unitName)}", Ct);
        var first = Regex.Match(register, "<tbody>\\s*<tr>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Overdue since", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"Custody handovers to be recorded on camera {marker}", register, StringComparison.Ordinal); // closed: not on the open list
        Assert.Contains($"/registers/learning/{late}", register, StringComparison.Ordinal);

        var themes = await senior.Http.GetStringAsync($"/registers/learning/themes?unit={Uri.EscapeDataString(unitName)}", Ct);
        Assert.Contains("<th scope=\"row\">Custody and detention</th>", themes, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"spark\"", themes, StringComparison.Ordinal);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var trail = await db.AuditEntries.Where(e => e.Target == "learning_recommendation:" + item && e.Action != "view").OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(new[] { "create", "disseminate", "disseminate", "close" }, trail);
        Assert.Equal(2, await db.LearningDisseminations.CountAsync(d => d.RecommendationId == item, Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_stale_form_is_refused_with_the_conflict_shown_and_nothing_recorded_is_lost(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var item = await RecordLearningAsync(senior, "Stale form " + Guid.NewGuid().ToString("n")[..6]);
        var opened = await senior.Http.GetStringAsync($"/registers/learning/{item}", Ct);
        await senior.PostFormAsync($"/registers/learning/{item}?handler=Progress", new() { ["version"] = Version(opened), ["note"] = "Draft policy with the borough commander" }, $"/registers/learning/{item}");

        // The second manager still holds the form opened before the progress note.
        var stale = await senior.PostFormAsync($"/registers/learning/{item}?handler=Close", new() { ["version"] = Version(opened), ["evidence"] = "Policy issued" }, $"/registers/learning/{item}");
        var after = await senior.Http.GetStringAsync(stale.Headers.Location!.OriginalString, Ct);
        Assert.Contains("changed by someone else", SignedInClient.Alert(after), StringComparison.Ordinal);
        Assert.StartsWith("Due ", SignedInClient.TestId(after, "learning-state"), StringComparison.Ordinal);
        Assert.Contains("</span> Draft policy with the borough commander</li>", after, StringComparison.Ordinal);

        var risk = await RaiseRiskAsync(senior, "corporate", null, "Stale risk " + Guid.NewGuid().ToString("n")[..6], 2, 4);
        var riskPage = await senior.Http.GetStringAsync($"/registers/risks/{risk}", Ct);
        await senior.PostFormAsync($"/registers/risks/{risk}?handler=Review", new() { ["version"] = Version(riskPage), ["likelihood"] = "4", ["impact"] = "4", ["note"] = "Two new incidents" }, $"/registers/risks/{risk}");
        var staleReview = await senior.PostFormAsync($"/registers/risks/{risk}?handler=Review", new() { ["version"] = Version(riskPage), ["likelihood"] = "1", ["impact"] = "1", ["note"] = "All quiet" }, $"/registers/risks/{risk}");
        riskPage = await senior.Http.GetStringAsync(staleReview.Headers.Location!.OriginalString, Ct);
        Assert.Contains("changed by someone else", SignedInClient.Alert(riskPage), StringComparison.Ordinal);
        Assert.Equal("4 Likely", SignedInClient.TestId(riskPage, "risk-likelihood"));
        Assert.DoesNotContain("All quiet", riskPage, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_borough_risk_is_reviewed_monthly_escalated_to_its_business_group_then_corporate_and_counted_on_the_heat_map(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var borough = await ABoroughAsync(app);
        var title = "Links to licensed premises " + Guid.NewGuid().ToString("n")[..6];
        var risk = await RaiseRiskAsync(senior, "borough", borough, title, 2, 3);
        var page = await senior.Http.GetStringAsync($"/registers/risks/{risk}", Ct);
        var today = app.Time.Today();

        var reviewed = await senior.PostFormAsync($"/registers/risks/{risk}?handler=Review", new()
        {
            ["version"] = Version(page), ["likelihood"] = "4", ["impact"] = "4", ["note"] = "Two licensing complaints this month",
        }, $"/registers/risks/{risk}");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        page = await senior.Http.GetStringAsync($"/registers/risks/{risk}", Ct);
        Assert.Equal("16 Very high", SignedInClient.TestId(page, "risk-rating"));
        Assert.Contains(today.AddMonths(1).ToString("d MMM yyyy", CultureInfo.InvariantCulture), page, StringComparison.Ordinal);

        // The borough's heat map counts it in the Likely x Major cell, in words as well as colour.
        var register = await senior.Http.GetStringAsync($"/registers/risks?unit={Uri.EscapeDataString(borough)}&level=borough", Ct);
        Assert.Contains(title, register, StringComparison.Ordinal);
        Assert.Matches(new Regex("data-testid=\"heat-4-4\"><strong>[1-9][0-9]*</strong> <span class=\"tag overdue\">Very high</span>"), register);
        Assert.Contains("<th scope=\"row\">4 Major</th>", register, StringComparison.Ordinal);

        await senior.PostFormAsync($"/registers/risks/{risk}?handler=Escalate", new() { ["version"] = Version(page), ["reason"] = "Across three boroughs now" }, $"/registers/risks/{risk}");
        page = await senior.Http.GetStringAsync($"/registers/risks/{risk}", Ct);
        Assert.Equal("Business group: Territorial Policing", SignedInClient.TestId(page, "risk-register"));
        await senior.PostFormAsync($"/registers/risks/{risk}?handler=Escalate", new() { ["version"] = Version(page), ["reason"] = "Reputational risk to the force" }, $"/registers/risks/{risk}");
        page = await senior.Http.GetStringAsync($"/registers/risks/{risk}", Ct);
        Assert.Equal("Corporate", SignedInClient.TestId(page, "risk-register"));
        var history = WebUtility.HtmlDecode(page);
        Assert.Contains($"Escalated from the Borough register of {borough} to the Business group register of Territorial Policing", history, StringComparison.Ordinal);
        Assert.Contains("Escalated from the Business group register of Territorial Policing to the Corporate register", history, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"escalate-risk\"", page, StringComparison.Ordinal);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var steps = await db.RegisterRiskEvents.Where(e => e.RiskId == risk).OrderBy(e => e.On).ThenBy(e => e.Kind == "raised" ? 0 : e.Kind == "review" ? 1 : 2).ThenBy(e => e.To)
            .Select(e => new { e.Kind, e.Likelihood, e.Impact, e.By }).ToListAsync(Ct);
        Assert.Equal(["raised", "review", "escalated", "escalated"], steps.Select(s => s.Kind));
        Assert.Equal((2, 3), (steps[0].Likelihood, steps[0].Impact));
        Assert.Equal((4, 4), (steps[1].Likelihood, steps[1].Impact));
        Assert.All(steps, s => Assert.Equal("senior", s.By));
        var trail = await db.AuditEntries.Where(e => e.Target == "register_risk:" + risk && e.Action != "view").OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(["raise", "review", "escalate", "escalate"], trail);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Out_of_range_scores_and_bad_dates_are_refused_naming_the_field_and_never_answer_500(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var borough = await ABoroughAsync(app);
        var before = await CountAsync(app);
        foreach (var (fields, expected) in new (Dictionary<string, string>, string)[]
        {
            (Risk("borough", borough, "7", "3"), "Likelihood: a score from 1 to 5 (7 given)."),
            (Risk("borough", borough, "3", "0"), "Impact: a score from 1 to 5 (0 given)."),
            (Risk("borough", borough, "3", "-2"), "Impact: a score from 1 to 5 (-2 given)."),
            (Risk("corporate", borough, "3", "3"), "Unit: the corporate register belongs to no unit"),
            (Risk("business_group", borough, "3", "3"), "Unit: a business group register belongs to a business group"),
            (Risk("divisional", null, "3", "3"), "Register: choose one of"),
        })
        {
            var posted = await senior.PostFormAsync("/registers/risks?handler=Raise", fields, "/registers/risks");
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Contains(expected, SignedInClient.Alert(await senior.Http.GetStringAsync(posted.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        }
        var risk = await RaiseRiskAsync(senior, "borough", borough, "Range check " + Guid.NewGuid().ToString("n")[..6], 1, 1);
        var page = await senior.Http.GetStringAsync($"/registers/risks/{risk}", Ct);
        var review = await senior.PostFormAsync($"/registers/risks/{risk}?handler=Review", new() { ["version"] = Version(page), ["likelihood"] = "6", ["impact"] = "2", ["note"] = "x" }, $"/registers/risks/{risk}");
        Assert.Contains("Likelihood: a score from 1 to 5 (6 given).", SignedInClient.Alert(await senior.Http.GetStringAsync(review.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);

        foreach (var (fields, expected) in new (Dictionary<string, string>, string)[]
        {
            (Learning(("dueOn", "2036-01-05")), "The due date (5 Jan 2036) is outside the dates Probity can count working days for"),
            (Learning(("dueInWorkingDays", "0")), "Due in working days: between 1 and 1000."),
            (Learning(("madeOn", "1999-12-31"), ("dueOn", "2000-02-01")), "The day it was made (31 Dec 1999) is outside"),
            (Learning(("caseReference", "NO-SUCH-CASE"), ("dueInWorkingDays", "5")), "Case reference: no case you may open has the reference 'NO-SUCH-CASE'."),
            (Learning(("theme", "weather"), ("dueInWorkingDays", "5")), "Theme: choose one of"),
            (Learning(("ownerUnit", "Atlantis"), ("dueInWorkingDays", "5")), "Owner unit: no unit is called 'Atlantis'"),
        })
        {
            var posted = await senior.PostFormAsync("/registers/learning?handler=Record", fields, "/registers/learning");
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Contains(expected, SignedInClient.Alert(await senior.Http.GetStringAsync(posted.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        }
        Assert.Contains("Show:", SignedInClient.Alert(await senior.Http.GetStringAsync("/registers/risks?show=everything", Ct)), StringComparison.Ordinal);
        Assert.Contains("Where it came from:", SignedInClient.Alert(await senior.Http.GetStringAsync("/registers/learning?source=gossip", Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await senior.Http.GetAsync("/registers/learning/LR-nosuchitem", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await senior.Http.GetAsync("/registers/risks/RR-nosuchrisk", Ct)).StatusCode);
        Assert.Equal(before.Learning, (await CountAsync(app)).Learning);
        Assert.Equal(before.Risks + 1, (await CountAsync(app)).Risks);

        Dictionary<string, string> Risk(string level, string? unit, string likelihood, string impact) => new()
        {
            ["register"] = level, ["riskUnit"] = unit ?? "", ["title"] = "Bad risk", ["owner"] = "Owner", ["cause"] = "Cause", ["effect"] = "Effect", ["likelihood"] = likelihood, ["impact"] = impact,
        };
        Dictionary<string, string> Learning(params (string Key, string Value)[] overrides)
        {
            var fields = new Dictionary<string, string> { ["source"] = "coroner_report", ["recommendation"] = "Bad recommendation", ["theme"] = "custody", ["ownerUnit"] = borough, ["action"] = "Action" };
            foreach (var (k, v) in overrides) fields[k] = v;
            return fields;
        }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_recommendation_from_a_restricted_case_withholds_the_case_from_readers_outside_it_and_cannot_be_quoted_by_them(Provider provider)
    {
        var f = await forces.GetAsync(provider);
        var grantee = await f.App.SignInAsync(CanaryForce.Grantee);
        var inside = await grantee.Http.GetStringAsync($"/registers/learning/{f.LearningItem}", Ct);
        Assert.Contains(f.OldCase, SignedInClient.TestId(inside, "learning-source"), StringComparison.Ordinal);
        Assert.Contains(f.NewCase, SignedInClient.TestId(inside, "learning-text"), StringComparison.Ordinal);

        foreach (var reader in new[] { "senior", "investigator" })
        {
            var client = await f.App.SignInAsync(reader);
            foreach (var url in new[] { $"/registers/learning/{f.LearningItem}", "/registers/learning?show=all", $"/registers/risks/{f.RiskItem}", "/registers/risks?show=all" })
            {
                var html = await client.Http.GetStringAsync(url, Ct);
                foreach (var hidden in new[] { f.OldCase, f.NewCase, f.MonitoringCase })
                    Assert.DoesNotContain(hidden, html, StringComparison.Ordinal);
            }
            var item = await client.Http.GetStringAsync($"/registers/learning/{f.LearningItem}", Ct);
            Assert.Contains("(withheld)", SignedInClient.TestId(item, "learning-source"), StringComparison.Ordinal);
            Assert.Contains("Supervisors to check intelligence searches, as (withheld) showed", SignedInClient.TestId(item, "learning-text"), StringComparison.Ordinal);
        }

        // A senior manager outside the grant cannot link the restricted case, and is told exactly what a missing case gets.
        var senior = await f.App.SignInAsync("senior");
        var quoted = await senior.PostFormAsync("/registers/learning?handler=Record", new()
        {
            ["source"] = "investigation", ["caseReference"] = f.OldCase, ["recommendation"] = "Probe", ["theme"] = "other", ["ownerUnit"] = "Canary Vale", ["action"] = "x", ["dueInWorkingDays"] = "5",
        }, "/registers/learning");
        Assert.Equal($"Case reference: no case you may open has the reference '{f.OldCase}'.", SignedInClient.Alert(await senior.Http.GetStringAsync(quoted.Headers.Location!.OriginalString, Ct)));
        // Nor overwrite, through the edit form, a risk whose text quotes a case they may not open.
        var riskPage = await senior.Http.GetStringAsync($"/registers/risks/{f.RiskItem}", Ct);
        Assert.Contains("data-testid=\"update-withheld\"", riskPage, StringComparison.Ordinal);
        var overwrite = await senior.PostFormAsync($"/registers/risks/{f.RiskItem}?handler=Update", new()
        {
            ["version"] = Version(riskPage), ["owner"] = "Me", ["cause"] = "Nothing", ["effect"] = "Nothing",
        }, $"/registers/risks/{f.RiskItem}");
        Assert.Contains("quotes a case you may not open", SignedInClient.Alert(await senior.Http.GetStringAsync(overwrite.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        // The export withholds them too.
        var work = Directory.CreateTempSubdirectory("probity-canary-learning-").FullName;
        try
        {
            var (exit, output) = await f.App.RunCliAsync("senior", "registers", "export", "learning", "--out", work);
            Assert.True(exit == 0, output);
            var (riskExit, riskOutput) = await f.App.RunCliAsync("senior", "registers", "export", "risks", "--out", work);
            Assert.True(riskExit == 0, riskOutput);
            var files = string.Concat(Directory.GetFiles(work).Select(File.ReadAllText));
            foreach (var hidden in new[] { f.OldCase, f.NewCase, f.MonitoringCase })
                Assert.DoesNotContain(hidden, files, StringComparison.Ordinal);
            Assert.Contains($"{f.LearningItem},investigation,,(withheld),", files, StringComparison.Ordinal);
        }
        finally { Directory.Delete(work, recursive: true); }

        await using var scope = f.App.SystemScope();
        Assert.Equal($"Borough Commander (Op Lantern, {f.OldCase})", await scope.ServiceProvider.GetRequiredService<ProbityDb>().RegisterRisks.Where(r => r.Id == f.RiskItem).Select(r => r.Owner).SingleAsync(Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_registers_go_out_and_back_through_the_interchange_files_and_a_bad_row_is_refused_naming_file_line_and_field(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        // Signing in on the web first enrols each account's authenticator, whose codes the command line is then given.
        await app.SignInAsync("senior");
        await app.SignInAsync("investigator");
        var work = Directory.CreateTempSubdirectory("probity-learning-risks-").FullName;
        try
        {
            var before = await CountAsync(app);
            var (exit, output) = await app.RunCliAsync("senior", "registers", "export", "learning", "--out", Path.Combine(work, "learning"));
            Assert.True(exit == 0, output);
            (exit, output) = await app.RunCliAsync("senior", "registers", "export", "risks", "--out", Path.Combine(work, "risks"));
            Assert.True(exit == 0, output);
            var learningLines = await File.ReadAllLinesAsync(Path.Combine(work, "learning", "register_learning.csv"), Ct);
            Assert.Equal(before.Learning + 1, learningLines.Length);
            Assert.StartsWith("recommendation_id,source,source_reference,case_id,", learningLines[0], StringComparison.Ordinal);

            // The same files back in: nothing changes, and each import is one entry on the trail.
            (exit, output) = await app.RunCliAsync("senior", "registers", "import", "learning", Path.Combine(work, "learning"));
            Assert.True(exit == 0, output);
            (exit, output) = await app.RunCliAsync("senior", "registers", "import", "risks", Path.Combine(work, "risks"));
            Assert.True(exit == 0, output);
            Assert.Equal(before, await CountAsync(app));

            // A file with a score off the scale, a risk on a unit of the wrong kind and a closed recommendation without evidence:
            // every problem named, nothing written.
            var bad = Directory.CreateDirectory(Path.Combine(work, "bad")).FullName;
            await File.WriteAllTextAsync(Path.Combine(bad, "register_risks.csv"),
                "risk_id,level,unit_id,title,owner,cause,effect,likelihood,impact,controls,actions,review_on,closed_on,recorded_by,recorded_at\r\n" +
                "RR-IMPORT-1,corporate,,Fine risk,Director,Cause,Effect,3,3,,,2026-12-01,,senior,\r\n" +
                "RR-IMPORT-2,borough,tp,Wrong unit,Owner,Cause,Effect,7,3,,,2026-12-01,,senior,\r\n", Ct);
            (exit, output) = await app.RunCliAsync("senior", "registers", "import", "risks", bad);
            Assert.Equal(2, exit);
            Assert.Contains("register_risks.csv:3 (likelihood): '7' is not a score from 1 to 5", output, StringComparison.Ordinal);
            Assert.Contains("register_risks.csv:3 (unit_id): 'tp' is a business_group, not a borough", output, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(bad, "register_learning.csv"), learningLines[0] + "\r\n" +
                "LR-IMPORT-1,coroner_report,,,Rouse detainees,custody,tp,Revise policy,2026-01-05,2026-02-05,2026-02-01,,senior,senior,\r\n", Ct);
            (exit, output) = await app.RunCliAsync("senior", "registers", "import", "learning", bad);
            Assert.Equal(2, exit);
            Assert.Contains("register_learning.csv:2 (closure_evidence): a closed recommendation needs its evidence of closure", output, StringComparison.Ordinal);
            Assert.Equal(before, await CountAsync(app));

            // Importing is the senior managers': an investigator is refused before anything is read.
            (exit, output) = await app.RunCliAsync("investigator", "registers", "import", "risks", Path.Combine(work, "risks"));
            Assert.Equal(5, exit);
            Assert.Contains("may not", output, StringComparison.Ordinal);
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    private static async Task<string> RecordLearningAsync(SignedInClient senior, string text, string? caseId = null, string? unit = null, int? dueInWorkingDays = null,
        DateOnly? madeOn = null, DateOnly? dueOn = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["source"] = caseId is null ? "iopc_report" : "investigation", ["recommendation"] = text, ["theme"] = "custody", ["ownerUnit"] = unit ?? "Camden",
            ["action"] = "Revise the custody handover policy and brief custody sergeants",
        };
        if (caseId is not null) fields["caseReference"] = caseId;
        if (madeOn is { } m) fields["madeOn"] = CanaryForce.Iso(m);
        if (dueOn is { } d) fields["dueOn"] = CanaryForce.Iso(d);
        else fields["dueInWorkingDays"] = (dueInWorkingDays ?? 20).ToString(CultureInfo.InvariantCulture);
        var posted = await senior.PostFormAsync("/registers/learning?handler=Record", fields, "/registers/learning");
        var location = posted.Headers.Location?.OriginalString ?? "";
        Assert.True(location.StartsWith("/registers/learning/", StringComparison.Ordinal),
            $"recording a recommendation went to '{location}': {SignedInClient.Alert(await senior.Http.GetStringAsync(location == "" ? "/registers/learning" : location, Ct))}");
        return Uri.UnescapeDataString(location["/registers/learning/".Length..]);
    }

    private static async Task<string> RaiseRiskAsync(SignedInClient senior, string level, string? unit, string title, int likelihood, int impact)
    {
        var posted = await senior.PostFormAsync("/registers/risks?handler=Raise", new()
        {
            ["register"] = level, ["riskUnit"] = unit ?? "", ["title"] = title, ["owner"] = "Borough Commander", ["cause"] = "Officers drinking in premises they license",
            ["effect"] = "Licensing decisions compromised", ["likelihood"] = likelihood.ToString(CultureInfo.InvariantCulture), ["impact"] = impact.ToString(CultureInfo.InvariantCulture),
            ["controls"] = "Declarable associations policy", ["actions"] = "Dip sample licensing files",
        }, "/registers/risks");
        var location = posted.Headers.Location?.OriginalString ?? "";
        Assert.True(location.StartsWith("/registers/risks/", StringComparison.Ordinal),
            $"raising a risk went to '{location}': {SignedInClient.Alert(await senior.Http.GetStringAsync(location == "" ? "/registers/risks" : location, Ct))}");
        return Uri.UnescapeDataString(location["/registers/risks/".Length..]);
    }

    /// <summary>A borough of the demo force under Territorial Policing, by name.</summary>
    private static async Task<string> ABoroughAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        return await db.Units.Where(u => u.Kind == "borough" && u.ParentUnitId == "tp").OrderBy(u => u.Id).Select(u => u.Name).FirstAsync(Ct);
    }

    /// <summary>An unrestricted case everyone with the registers may open, and the name of the unit handling it.</summary>
    private static async Task<(string Case, string UnitName)> ACaseAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var c = await db.Cases.Where(c => !c.Restricted && c.FinalisedOn != null && c.HandlingUnitId != null && db.Units.Any(u => u.Id == c.HandlingUnitId && u.Kind == "borough"))
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.HandlingUnitId }).FirstAsync(Ct);
        return (c.Id, await db.Units.Where(u => u.Id == c.HandlingUnitId).Select(u => u.Name).SingleAsync(Ct));
    }

    private static async Task<(int Learning, int Risks)> CountAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        return (await db.LearningRecommendations.CountAsync(Ct), await db.RegisterRisks.CountAsync(Ct));
    }

    private static string Version(string html) => VersionField().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
