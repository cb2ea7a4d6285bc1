using System.Net;
using Probity.Infrastructure.Time;

namespace Probity.IntegrationTests;

/// <summary>
/// The contact log with the complainant and the 28-day update (issue 13 item 5): an update falls due 28 days after the
/// last contact or letter (or receipt), shows on the case and in "my cases", and a logged contact resets it. Bad dates,
/// an unknown way, an empty summary, a case with no complainant and those who may not edit cases are refused with the reason.
/// </summary>
public sealed partial class CaseloadTests
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_complainant_not_updated_for_28_days_is_due_in_my_cases_until_a_logged_contact_resets_the_clock(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var received = today.AddDays(-40);
        var id = await RecordAsync(app, investigator, received, "local_investigation", "Contact log: the complainant waits");
        await DoAsync(app, investigator, id, "assign", new() { ["investigator"] = "Sam Okafor", ["supervisor"] = "" });
        // A public complaint has its complainant from intake: not updated since receipt, 40 days ago.
        var page = await investigator.Http.GetStringAsync($"/cases/{id}", Ct);
        Assert.Contains($"due by {received.AddDays(28):d MMM yyyy}", WebUtility.HtmlDecode(SignedInClient.TestId(page, "complainant-update-due")), StringComparison.Ordinal);
        Assert.Contains("overdue", SignedInClient.TestId(page, "complainant-update-due"), StringComparison.Ordinal);
        Assert.Contains(id, CasesIn(await investigator.Http.GetStringAsync("/caseload", Ct), "updates-due"));
        // The home page lists the most overdue first (the demo force's 2010 cases here), so this one may be past its first rows.
        Assert.NotEmpty(CasesIn(await investigator.Http.GetStringAsync("/", Ct), "my-updates-due"));

        // Refused, each with its reason, and nothing logged.
        foreach (var (fields, expected) in new (Dictionary<string, string>, string)[]
        {
            (new() { ["on"] = Iso(today.AddDays(1)), ["way"] = "call", ["summary"] = "s" }, "is in the future"),
            (new() { ["on"] = Iso(received.AddDays(-1)), ["way"] = "call", ["summary"] = "s" }, "cannot be before the date the case was received"),
            (new() { ["on"] = "1999-12-31", ["way"] = "call", ["summary"] = "s" }, "outside the dates Probity can count working days for"),
            (new() { ["on"] = "not a date", ["way"] = "call", ["summary"] = "s" }, "is not a valid date of the contact"),
            (new() { ["on"] = Iso(today), ["way"] = "carrier pigeon", ["summary"] = "s" }, "How: choose one of"),
            (new() { ["on"] = Iso(today), ["way"] = "call", ["summary"] = "  " }, "What was said: summarise the contact"),
            (new() { ["on"] = Iso(today), ["way"] = "call", ["summary"] = new string('x', 2001) }, "keep it to 2,000 characters"),
        })
        {
            var refused = await OperationAsync(app, investigator, id, "contacts", fields);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains(expected, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("data-testid=\"contacts\"", await investigator.Http.GetStringAsync($"/cases/{id}/contacts", Ct), StringComparison.Ordinal);

        await DoAsync(app, investigator, id, "contacts", new() { ["on"] = Iso(today.AddDays(-2)), ["way"] = "call", ["summary"] = "Told her the officer has been interviewed; next update in four weeks." });
        page = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains($"due by {today.AddDays(26):d MMM yyyy}", SignedInClient.TestId(page, "complainant-update-due"), StringComparison.Ordinal);
        Assert.DoesNotContain("overdue", SignedInClient.TestId(page, "complainant-update-due"), StringComparison.Ordinal);
        Assert.Contains("Telephone call with the complainant", page, StringComparison.Ordinal);
        Assert.Contains("Told her the officer has been interviewed; next update in four weeks.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(id, CasesIn(await investigator.Http.GetStringAsync("/caseload", Ct), "updates-due"));
        var log = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}/contacts", Ct));
        Assert.Contains("data-testid=\"contacts\"", log, StringComparison.Ordinal);
        Assert.Contains("<td>Telephone call with the complainant</td><td>Told her the officer has been interviewed", log, StringComparison.Ordinal);
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "investigator" && e.Action == "update" && e.Target == "case:" + id
            && e.Detail == "complainant_contact: Telephone call with the complainant");

        // Those who read but may not change cases get neither the log's form nor the change.
        foreach (var who in new[] { "analyst", "oversight" })
        {
            var client = await app.SignInAsync(who);
            var denied = await client.Http.GetAsync($"/cases/{id}/contacts", Ct);
            Assert.True(denied.StatusCode == HttpStatusCode.Redirect && denied.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal), $"{who} GET: {denied.StatusCode}");
            var posted = await client.PostFormAsync($"/cases/{id}/contacts",
                new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), ["on"] = Iso(today), ["way"] = "call", ["summary"] = "s" }, "/");
            Assert.True(posted.StatusCode == HttpStatusCode.Redirect && posted.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal), $"{who} POST: {posted.StatusCode}");
        }
    }

    [Fact]
    public async Task A_case_with_no_complainant_has_no_update_due_and_refuses_a_contact()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var created = await investigator.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "conduct_matter", ["Input.Source"] = "internal", ["Input.ReceivedOn"] = Iso(today), ["Input.RecordedOn"] = Iso(today),
            ["Input.LocationUnitId"] = "bor-camden", ["Input.Summary"] = "Contact log: conduct matter", ["Input.Allegations[0].Category"] = "incivility",
            ["Input.Allegations[0].StaffId"] = await OfficerAsync(app),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await created.Content.ReadAsStringAsync(Ct)));
        var id = created.Headers.Location!.ToString()["/cases/".Length..];
        Assert.DoesNotContain("complainant-update-due", await investigator.Http.GetStringAsync($"/cases/{id}", Ct), StringComparison.Ordinal);
        var refused = await OperationAsync(app, investigator, id, "contacts", new() { ["on"] = Iso(today), ["way"] = "call", ["summary"] = "s" });
        Assert.Contains("has no complainant to keep informed", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }
}
