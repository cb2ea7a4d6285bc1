using Probity.Identity.Contracts;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Infrastructure.Time;

namespace Probity.IntegrationTests;

/// <summary>
/// Local handling (ADR 0026): after severity assessment a matter short of gross misconduct goes to the borough where it
/// arose, whose champion then sees and handles it; gross misconduct is refused (422, naming the officer and why), and a
/// reassessment to gross misconduct takes the case back to the Directorate unit it came from. On the timeline and the
/// trail. An app of its own: it moves cases between units.
/// </summary>
public sealed class LocalHandlingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> ApiAsync(SignedInClient client, string path, object body) => client.PostApiAsync(path, body, Ct);

    private static async Task<JsonElement> CaseAsync(SignedInClient client, string id) => await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);

    private static async Task<Guid> VersionAsync(SignedInClient client, string id) => (await CaseAsync(client, id)).GetProperty("version").GetGuid();

    private static async Task<string> RefusalAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_matter_short_of_gross_misconduct_goes_to_its_borough_and_gross_misconduct_comes_back(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var today = app.Time.Today();
        string borough, boroughName, directorate, first, second, secondName;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var first0 = await db.Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).FirstAsync(Ct);
            (borough, boroughName) = (first0.Id, first0.Name);
            directorate = await db.Units.Where(u => u.Id == "dps-investigations").Select(u => u.Id).SingleAsync(Ct);
            var officers = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Skip(40).Take(2).Select(s => new { s.Id, s.DisplayName }).ToListAsync(Ct);
            (first, second, secondName) = (officers[0].Id, officers[1].Id, officers[1].DisplayName);
        }
        await app.AddUserAsync("champion", Roles.BoroughChampion);
        await using (var scope = app.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ProbityUser>>();
            var user = (await users.FindByNameAsync("champion"))!;
            user.BoroughUnitId = borough;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }
        var investigator = await app.SignInAsync("investigator");
        var champion = await app.SignInFreshAsync("champion");

        // A conduct matter arising in the borough, with the Directorate, against two officers.
        var id = await NeedToKnow.CanaryForce.RecordByApiAsync(investigator, new
        {
            caseType = "conduct_matter", receivedOn = Iso(today.AddDays(-30)), recordedOn = Iso(today.AddDays(-29)), source = "internal",
            locationUnitId = borough, handlingUnitId = directorate, summary = "Two officers said to have ignored a call for help",
            complainantName = "Ann Example", complainantContact = "01632 960001",
            allegations = new[] { new { category = "other_neglect_or_failure_in_duty", staffId = first }, new { category = "other_neglect_or_failure_in_duty", staffId = second } },
        });
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/api/cases/{id}", Ct)).StatusCode);

        // Before any assessment: refused, naming why.
        var early = await ApiAsync(investigator, $"/api/cases/{id}/local-handling", new { version = await VersionAsync(investigator, id), on = Iso(today) });
        Assert.Contains("is not assessed yet", await RefusalAsync(early, HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);

        // One officer's matter is gross misconduct: the Directorate keeps the case (422 naming the officer and why).
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = first, severity = "misconduct", assessedOn = Iso(today.AddDays(-10)), rationale = "A lapse, not a pattern." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = second, severity = "gross_misconduct", assessedOn = Iso(today.AddDays(-10)), rationale = "Left a person in danger." })).StatusCode);
        var gross = await ApiAsync(investigator, $"/api/cases/{id}/local-handling", new { version = await VersionAsync(investigator, id), on = Iso(today) });
        var why = await RefusalAsync(gross, HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"The matter against {secondName} ({second}) is assessed as gross misconduct", why, StringComparison.Ordinal);
        Assert.Contains("gross misconduct stays with the Directorate", why, StringComparison.Ordinal);
        // The page says the same before anyone presses a button.
        var page = System.Net.WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}/local-handling", Ct));
        Assert.Contains("gross misconduct stays with the Directorate", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"local-handling\"", page, StringComparison.Ordinal);

        // Reassessed short of gross misconduct: the borough takes it, through the page, with a stale version refused first.
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = second, severity = "misconduct", assessedOn = Iso(today.AddDays(-5)), rationale = "The person was not in danger after all." })).StatusCode);
        var stale = await ApiAsync(investigator, $"/api/cases/{id}/local-handling", new { version = Guid.NewGuid(), on = Iso(today) });
        Assert.Contains("changed by someone else", await RefusalAsync(stale, HttpStatusCode.Conflict), StringComparison.Ordinal);
        page = await investigator.Http.GetStringAsync($"/cases/{id}/local-handling", Ct);
        Assert.Equal(boroughName, System.Net.WebUtility.HtmlDecode(SignedInClient.TestId(page, "local-borough")));
        var handed = await investigator.PostFormAsync($"/cases/{id}/local-handling", new()
        {
            ["version"] = (await VersionAsync(investigator, id)).ToString(), ["On"] = Iso(today), ["Reason"] = "Both matters are misconduct: the borough's to handle",
        }, $"/cases/{id}/local-handling");
        Assert.True(handed.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await handed.Content.ReadAsStringAsync(Ct)));
        var local = await CaseAsync(investigator, id);
        Assert.Equal(borough, local.GetProperty("handlingUnitId").GetString());
        var entry = local.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "handled_locally");
        Assert.Contains($"Handled locally by {boroughName}", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "investigator" && e.Action == "update" && e.Target == "case:" + id && (e.Detail ?? "").StartsWith("handled_locally:", StringComparison.Ordinal));
        var again = await ApiAsync(investigator, $"/api/cases/{id}/local-handling", new { version = await VersionAsync(investigator, id), on = Iso(today) });
        Assert.Contains("already handled locally", await RefusalAsync(again, HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);

        // The borough's champion now sees it and handles it.
        Assert.Equal(HttpStatusCode.OK, (await champion.Http.GetAsync($"/cases/{id}", Ct)).StatusCode);
        var logged = await champion.PostFormAsync($"/cases/{id}/contacts", new()
        {
            ["version"] = (await VersionAsync(champion, id)).ToString(), ["On"] = Iso(today), ["Way"] = "call", ["Summary"] = "Told the complainant the borough now handles it",
        }, $"/cases/{id}/contacts");
        Assert.True(logged.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await logged.Content.ReadAsStringAsync(Ct)));

        // The champion finds it is gross misconduct after all: the case goes back to the Directorate, and out of their sight.
        var back = await ApiAsync(champion, $"/api/cases/{id}/severity", new { version = await VersionAsync(champion, id), staffId = first, severity = "gross_misconduct", assessedOn = Iso(today), rationale = "New evidence: the officer lied about it." });
        Assert.Equal(HttpStatusCode.NoContent, back.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/api/cases/{id}", Ct)).StatusCode);
        var returned = await CaseAsync(investigator, id);
        Assert.Equal(directorate, returned.GetProperty("handlingUnitId").GetString());
        var reassessed = returned.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "severity_reassessed");
        Assert.Contains($"the case goes back from {boroughName}", reassessed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "champion" && e.Target == "case:" + id && (e.Detail ?? "").Contains("goes back from", StringComparison.Ordinal));

        // A matter that arose outside any borough has no borough to go to.
        var elsewhere = await NeedToKnow.CanaryForce.RecordByApiAsync(investigator, new
        {
            caseType = "conduct_matter", receivedOn = Iso(today.AddDays(-30)), recordedOn = Iso(today.AddDays(-29)), source = "internal",
            locationUnitId = directorate, handlingUnitId = directorate, summary = "Matter inside the Directorate",
            allegations = new[] { new { category = "other_neglect_or_failure_in_duty", staffId = first } },
        });
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{elsewhere}/severity", new { version = await VersionAsync(investigator, elsewhere), staffId = first, severity = "misconduct", assessedOn = Iso(today), rationale = "A lapse." })).StatusCode);
        var nowhere = await ApiAsync(investigator, $"/api/cases/{elsewhere}/local-handling", new { version = await VersionAsync(investigator, elsewhere), on = Iso(today) });
        Assert.Contains("not in a borough", await RefusalAsync(nowhere, HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);

        // Nobody outside EditCases hands a case over; the champion cannot reach a case that is not theirs to hand anywhere.
        var analyst = await app.SignInAsync("analyst");
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiAsync(analyst, $"/api/cases/{elsewhere}/local-handling", new { version = Guid.NewGuid(), on = Iso(today) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiAsync(champion, $"/api/cases/{elsewhere}/local-handling", new { version = Guid.NewGuid(), on = Iso(today) })).StatusCode);
    }
}
