using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Probity.IntegrationTests;

/// <summary>The JSON API's contract (CSRF, validation problems) and decisions recorded on the timeline.</summary>
public sealed class ApiAndDecisionTests(Apps apps)
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_api_records_a_case_with_the_antiforgery_token_and_explains_refusals(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var token = (await handler.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", TestContext.Current.CancellationToken)).GetProperty("token").GetString()!;

        var good = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
        {
            Content = JsonContent.Create(new
            {
                caseType = "conduct_matter", receivedOn = "2026-11-02", recordedOn = "2026-11-02", source = "internal", locationUnitId = "bor-lambeth",
                summary = "Misuse of force systems reported by a colleague", allegations = new[] { new { category = "improper_use_of_it_systems", staffId = (string?)null } },
            }),
        };
        good.Headers.Add("X-CSRF-TOKEN", token);
        var created = await handler.Http.SendAsync(good, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        var view = await handler.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", TestContext.Current.CancellationToken);
        Assert.Equal("2020", view.GetProperty("regime").GetString());
        Assert.Equal("recorded", view.GetProperty("status").GetString());

        var bad = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
        {
            Content = JsonContent.Create(new { caseType = "public_complaint", receivedOn = "2026-11-02", source = "public", locationUnitId = "bor-nowhere", summary = "x", allegations = Array.Empty<object>() }),
        };
        bad.Headers.Add("X-CSRF-TOKEN", token);
        var refused = await handler.Http.SendAsync(bad, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("bor-nowhere", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var oversight = await app.SignInAsync("oversight");
        var oversightToken = (await oversight.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", TestContext.Current.CancellationToken)).GetProperty("token").GetString()!;
        var forbidden = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(new { caseType = "conduct_matter" }) };
        forbidden.Headers.Add("X-CSRF-TOKEN", oversightToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await oversight.Http.SendAsync(forbidden, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_decision_not_to_act_is_on_the_timeline_with_who_and_why(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var created = await investigator.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = "2026-11-09", ["Input.RecordedOn"] = "2026-11-09",
            ["Input.LocationUnitId"] = "bor-brent", ["Input.Summary"] = "Push during arrest", ["Input.Allegations[0].Category"] = "other_assault",
        });
        var caseUrl = created.Headers.Location!.ToString();
        var missingReason = await investigator.PostFormAsync(caseUrl + "/decision", new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, caseUrl), ["decision"] = "Decided not to refer to the IPCC", ["date"] = "2026-11-10", ["reason"] = "" }, caseUrl);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingReason.StatusCode);
        var form = await missingReason.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Give the reason", form, StringComparison.Ordinal);
        Assert.Contains("value=\"Decided not to refer to the IPCC\"", form, StringComparison.Ordinal); // what was typed is kept

        await investigator.PostFormAsync(caseUrl + "/decision", new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, caseUrl), ["decision"] = "Decided not to refer to the IPCC", ["date"] = "2026-11-10", ["reason"] = "No injury; body-worn video shows minimal force" }, caseUrl);
        var page = await investigator.Http.GetStringAsync(caseUrl, TestContext.Current.CancellationToken);
        Assert.Contains("Decided not to refer to the IPCC", page, StringComparison.Ordinal);
        Assert.Contains("Reason: No injury; body-worn video shows minimal force", page, StringComparison.Ordinal);
        Assert.Contains("Sam Okafor (DPS investigator), recorded", page, StringComparison.Ordinal); // by name, not sign-in name
    }

    [Fact]
    public async Task Staff_can_be_found_by_part_of_their_name()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var analyst = await app.SignInAsync("analyst");
        var page = await analyst.Http.GetStringAsync("/officers?q=s00001", TestContext.Current.CancellationToken);
        Assert.Contains("href=\"/officers/s000010\"", page, StringComparison.Ordinal);
        var name = System.Text.RegularExpressions.Regex.Match(page, "<td>([A-Z][a-z]+) [A-Z]").Groups[1].Value;
        var byName = await analyst.Http.GetStringAsync($"/officers?q={name.ToLowerInvariant()}", TestContext.Current.CancellationToken);
        Assert.Contains(name, byName, StringComparison.Ordinal);
    }
}
