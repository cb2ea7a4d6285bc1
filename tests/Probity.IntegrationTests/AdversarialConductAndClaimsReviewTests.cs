using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Identity;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;

namespace Probity.IntegrationTests;

/// <summary>
/// An adversarial review of the conduct side (ADR 0023) and the claims lifecycle (ADR 0024) through real HTTP: a complaint
/// appeal used to reopen a concluded claim for a second outcome, conduct steps on a claim, amounts written the continental
/// way or a megabyte long, a second tribunal appeal against the same outcome, a panel member who has left the force, the
/// officer heard reading their severity on the timeline once the allegation was re-attributed, and money written round the
/// application breaking the cost of litigation.
/// </summary>
public sealed class AdversarialConductAndClaimsReviewTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> NewCaseAsync(SignedInClient client, string type, DateOnly received, string? subject)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.CaseType"] = type, ["Input.Source"] = type == "civil_claim" ? "public" : "internal", ["Input.ReceivedOn"] = Iso(received), ["Input.RecordedOn"] = Iso(received),
            ["Input.LocationUnitId"] = "bor-camden", ["Input.Summary"] = $"Adversarial review: a {type.Replace('_', ' ')}",
        };
        if (subject is not null)
        {
            fields["Input.Allegations[0].Category"] = "improper_use_of_it_systems";
            fields["Input.Allegations[0].StaffId"] = subject;
        }
        var created = await client.PostFormAsync("/cases/new", fields);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await created.Content.ReadAsStringAsync(Ct)));
        return created.Headers.Location!.ToString()["/cases/".Length..];
    }

    /// <summary>Serving officers, distinct, from the demo's staff list (skipping <paramref name="skip"/>, apart from other tests' picks).</summary>
    private static async Task<List<string>> OfficersAsync(ProbityApp app, int skip, int count)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null)
            .OrderBy(s => s.Id).Skip(skip).Take(count).Select(s => s.Id).ToListAsync(Ct);
    }

    private static async Task<HttpResponseMessage> ApiAsync(SignedInClient client, string path, object body) =>
        await RawAsync(client, path, JsonSerializer.Serialize(body, JsonSerializerOptions.Web));

    /// <summary>A JSON body exactly as written (a number the serializer would never write, such as 1e30).</summary>
    private static async Task<HttpResponseMessage> RawAsync(SignedInClient client, string path, string json)
    {
        var token = (await client.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", Ct)).GetProperty("token").GetString()!;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return await client.Http.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> CaseAsync(SignedInClient client, string id) => await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);

    private static async Task<Guid> VersionAsync(SignedInClient client, string id) => (await CaseAsync(client, id)).GetProperty("version").GetGuid();

    private static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"expected 422, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }

    private static async Task OkAsync(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");

    /// <summary>
    /// A concluded civil claim, then a non-recording appeal lodged on it through the API (the page offers none): upheld, it
    /// would reopen the claim, and a second outcome would overwrite the money paid. A claim is not under the complaints and
    /// conduct regulations, so the appeal, a severity assessment, a hearing and a reflective practice review are all refused
    /// naming why, on the trail as refusals, and the claim keeps its one outcome.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_claim_takes_no_complaint_appeal_nor_conduct_step_so_a_concluded_claim_is_never_reopened_for_a_second_outcome(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var subject = (await OfficersAsync(app, 41, 1))[0];
        var id = await NewCaseAsync(investigator, "civil_claim", today.AddDays(-30), subject);
        await OkAsync(await ApiAsync(investigator, $"/api/cases/{id}/claim", new { version = await VersionAsync(investigator, id), amountClaimed = 5000, representation = "in_person" }));
        await OkAsync(await ApiAsync(investigator, $"/api/cases/{id}/litigation-outcome", new { version = await VersionAsync(investigator, id), outcome = "settled", on = Iso(today), settlement = 4000 }));

        var appeal = await RefusedAsync(await ApiAsync(investigator, $"/api/cases/{id}/appeals", new { version = await VersionAsync(investigator, id), type = "non_recording", lodgedOn = Iso(today) }));
        Assert.Contains("not under the complaints and conduct regulations", appeal, StringComparison.Ordinal);
        Assert.Contains("not under the complaints and conduct regulations", await RefusedAsync(await ApiAsync(investigator, $"/api/cases/{id}/severity",
            new { version = await VersionAsync(investigator, id), staffId = subject, severity = "gross_misconduct", assessedOn = Iso(today), rationale = "Assault alleged in the claim." })), StringComparison.Ordinal);
        Assert.Contains("not under the complaints and conduct regulations", await RefusedAsync(await ApiAsync(investigator, $"/api/cases/{id}/reflective-practice",
            new { version = await VersionAsync(investigator, id), staffId = subject, startedOn = Iso(today) })), StringComparison.Ordinal);
        Assert.Contains("not under the complaints and conduct regulations", await RefusedAsync(await ApiAsync(investigator, $"/api/cases/{id}/hearings",
            new { version = await VersionAsync(investigator, id), staffId = subject, kind = "gross_misconduct_hearing", heldOn = Iso(today), chair = "admin" })), StringComparison.Ordinal);

        // The claim keeps its one outcome and its money; it is still finalised; nothing was added; the page offers none of these steps.
        var after = await CaseAsync(investigator, id);
        Assert.Empty(after.GetProperty("appeals").EnumerateArray());
        Assert.Empty(after.GetProperty("severities").EnumerateArray());
        Assert.Equal(400_000, after.GetProperty("litigation").GetProperty("settlementPence").GetInt64());
        Assert.Equal(today, DateOnly.Parse(after.GetProperty("finalisedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(after.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "finalised");
        var page = await investigator.Http.GetStringAsync($"/cases/{id}", Ct);
        foreach (var link in new[] { "lodge-appeal", "severity-link", "hearing-link", "rprp-link" })
            Assert.DoesNotContain($"data-testid=\"{link}\"", page, StringComparison.Ordinal);
        // The trail has the claim's two steps and nothing of the refused ones.
        var changes = (await app.TrailAsync()).Where(e => e.Target == "case:" + id && e.Action == "update").Select(e => e.Detail![..e.Detail!.IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["claim_recorded", "finalised"], changes);
    }

    /// <summary>
    /// Amounts as a clerk, another system or an attacker might give them: written the continental way ("1,50" is not £150),
    /// with stray commas, an exponent, not a number, another currency, past the largest, a megabyte long. Each is refused
    /// 422 naming the field (the long one quoted only in part), and what is accepted is read to the penny.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Amounts_are_read_to_the_penny_or_refused_naming_the_field_never_misread(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var today = app.Time.Today();
        var id = await NewCaseAsync(handler, "civil_claim", today.AddDays(-10), null);
        await OkAsync(await ApiAsync(handler, $"/api/cases/{id}/claim", new { version = await VersionAsync(handler, id), amountClaimed = "£1,000.00", representation = "in_person" }));
        Assert.Equal(100_000, (await CaseAsync(handler, id)).GetProperty("litigation").GetProperty("amountClaimedPence").GetInt64());

        var huge = new string('9', 1_000_000);
        foreach (var bad in new[] { "\"1,50\"", "\"1,0,0\"", "\",500\"", "\"12,34.5\"", "\"1e3\"", "\"NaN\"", "\"Infinity\"", "\"-5\"", "\"£-5\"", "\"€5\"", "\"$5\"", "\"5 EUR\"",
                     "\"1.005\"", "1e30", "-0.01", "1000000000.01", "true", "[1]", $"\"{huge}\"" })
        {
            var detail = await RefusedAsync(await RawAsync(handler, $"/api/cases/{id}/claim",
                $"{{\"version\":\"{await VersionAsync(handler, id)}\",\"amountClaimed\":{bad},\"representation\":\"in_person\",\"reason\":\"probe\"}}"));
            Assert.StartsWith("amountClaimed:", detail, StringComparison.Ordinal);
            Assert.True(detail.Length < 400, $"the refusal of {bad[..Math.Min(bad.Length, 20)]} quotes {detail.Length:N0} characters");
        }
        Assert.StartsWith("currency:", await RefusedAsync(await ApiAsync(handler, $"/api/cases/{id}/claim",
            new { version = await VersionAsync(handler, id), amountClaimed = 5, currency = "USD", representation = "in_person", reason = "probe" })), StringComparison.Ordinal);
        // The form reads the same way: "1,50" is refused, not taken as £150.
        var form = await handler.PostFormAsync($"/cases/{id}/claim", new()
        {
            ["version"] = (await VersionAsync(handler, id)).ToString(), ["step"] = "claim", ["amountClaimed"] = "1,50", ["representation"] = "in_person", ["reason"] = "probe",
        }, $"/cases/{id}/claim");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, form.StatusCode);
        Assert.StartsWith("Amount claimed: '1,50' is not an amount", WebUtility.HtmlDecode(SignedInClient.Alert(await form.Content.ReadAsStringAsync(Ct))), StringComparison.Ordinal);
        Assert.Equal(100_000, (await CaseAsync(handler, id)).GetProperty("litigation").GetProperty("amountClaimedPence").GetInt64());

        // What is accepted is read exactly.
        foreach (var (good, pence) in new[] { ("\" £ 12,345.67 \"", 1_234_567L), ("\"GBP 1,234,567\"", 123_456_700L), ("1e3", 100_000L), ("1000000000", 100_000_000_000L), ("\"0\"", 0L) })
        {
            await OkAsync(await RawAsync(handler, $"/api/cases/{id}/claim",
                $"{{\"version\":\"{await VersionAsync(handler, id)}\",\"amountClaimed\":{good},\"currency\":\"GBP\",\"representation\":\"in_person\",\"reason\":\"amended to {pence}\"}}"));
            Assert.Equal(pence, (await CaseAsync(handler, id)).GetProperty("litigation").GetProperty("amountClaimedPence").GetInt64());
        }
        // A refused form goes on the trail with its reason, which quotes a very long amount only in part.
        var long_ = await handler.PostFormAsync($"/cases/{id}/claim", new()
        {
            ["version"] = (await VersionAsync(handler, id)).ToString(), ["step"] = "claim", ["amountClaimed"] = new string('7', 200_000), ["representation"] = "in_person", ["reason"] = "probe",
        }, $"/cases/{id}/claim");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, long_.StatusCode);
        // The API's refusals are there too (ADR 0027): the 19 amounts and the currency.
        var refusals = (await app.TrailAsync()).Where(e => e.Target == "case:" + id && e.Action == "refused").ToList();
        Assert.Equal(2, refusals.Count(e => e.Detail!.StartsWith($"/cases/{id}/claim: ", StringComparison.Ordinal)));
        Assert.Equal(20, refusals.Count(e => e.Detail!.StartsWith($"POST /api/cases/{id}/claim answered 422: ", StringComparison.Ordinal)));
        Assert.All(refusals, e => Assert.True((e.Detail?.Length ?? 0) < 1_000, $"a refusal kept {e.Detail?.Length:N0} characters on the trail"));
    }

    /// <summary>
    /// The tribunal hears one appeal against an outcome: once decided, a second is refused (not only while one is pending);
    /// a tribunal appeal on one case naming another case's hearing is refused; a panel member who has left the force, chosen
    /// by their raw staff id through the API, is refused; and two reassessments from the same opened version: the second is 409.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_tribunal_appeal_is_one_per_outcome_a_leaver_cannot_sit_and_a_stale_reassessment_is_a_conflict(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var officers = await OfficersAsync(app, 43, 3);
        var (subject, chair) = (officers[0], officers[1]);
        string leaver;
        await using (var scope = app.SystemScope())
            leaver = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.LeftOn != null && s.LeftOn < today.AddDays(-30))
                .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct);
        var id = await NewCaseAsync(investigator, "conduct_matter", today.AddDays(-25), subject);
        await OkAsync(await ApiAsync(investigator, $"/api/cases/{id}/route", new { version = await VersionAsync(investigator, id), route = "local_investigation", decidedOn = Iso(today.AddDays(-25)) }));
        var finding = await investigator.PostFormAsync($"/cases/{id}/finding", new()
        {
            ["version"] = (await VersionAsync(investigator, id)).ToString(), ["allegationId"] = id + "-A1", ["finding"] = "substantiated", ["date"] = Iso(today.AddDays(-24)),
        }, $"/cases/{id}/finding");
        Assert.Equal(HttpStatusCode.Redirect, finding.StatusCode);

        // Two people open the case; both reassess: the second is refused 409 and only one assessment stands.
        var opened = await VersionAsync(investigator, id);
        await OkAsync(await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = opened, staffId = subject, severity = "gross_misconduct", assessedOn = Iso(today.AddDays(-20)), rationale = "Disclosure to a criminal." }));
        Assert.Equal(HttpStatusCode.Conflict, (await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = opened, staffId = subject, severity = "misconduct", assessedOn = Iso(today.AddDays(-20)), rationale = "Only searches." })).StatusCode);
        Assert.Single((await CaseAsync(investigator, id)).GetProperty("severities").EnumerateArray());

        // A leaver as a member, chosen by staff id: refused naming the panel; nothing arranged.
        var gone = await RefusedAsync(await ApiAsync(investigator, $"/api/cases/{id}/hearings",
            new { version = await VersionAsync(investigator, id), staffId = subject, kind = "gross_misconduct_hearing", heldOn = Iso(today.AddDays(-15)), chair, members = new[] { leaver } }));
        Assert.StartsWith("panel:", gone, StringComparison.Ordinal);
        Assert.Contains("left the force", gone, StringComparison.Ordinal);
        Assert.Empty((await CaseAsync(investigator, id)).GetProperty("hearings").EnumerateArray());
        var arranged = await ApiAsync(investigator, $"/api/cases/{id}/hearings", new { version = await VersionAsync(investigator, id), staffId = subject, kind = "gross_misconduct_hearing", heldOn = Iso(today.AddDays(-15)), chair });
        Assert.Equal(HttpStatusCode.Created, arranged.StatusCode);
        var hearingId = (await arranged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await OkAsync(await ApiAsync(investigator, $"/api/cases/{id}/hearings/{hearingId}/outcome",
            new { version = await VersionAsync(investigator, id), attendance = "attended_represented", outcome = "dismissal_without_notice", decidedOn = Iso(today.AddDays(-15)), reason = "Integrity breached." }));

        // Another case's tribunal appeal naming this case's hearing: not found on that case.
        var other = await NewCaseAsync(investigator, "conduct_matter", today.AddDays(-12), officers[2]);
        Assert.StartsWith("hearing:", await RefusedAsync(await ApiAsync(investigator, $"/api/cases/{other}/appeals",
            new { version = await VersionAsync(investigator, other), type = "police_appeals_tribunal", lodgedOn = Iso(today.AddDays(-10)), hearingId })), StringComparison.Ordinal);

        var lodged = await ApiAsync(investigator, $"/api/cases/{id}/appeals", new { version = await VersionAsync(investigator, id), type = "police_appeals_tribunal", lodgedOn = Iso(today.AddDays(-10)), hearingId });
        Assert.Equal(HttpStatusCode.Created, lodged.StatusCode);
        var appealId = (await lodged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await OkAsync(await ApiAsync(investigator, $"/api/cases/{id}/appeals/{appealId}/decision", new { version = await VersionAsync(investigator, id), upheld = false, decidedOn = Iso(today.AddDays(-5)), reason = "Open to the panel." }));
        var again = await RefusedAsync(await ApiAsync(investigator, $"/api/cases/{id}/appeals", new { version = await VersionAsync(investigator, id), type = "police_appeals_tribunal", lodgedOn = Iso(today), hearingId }));
        Assert.Contains($"was already appealed ({appealId}", again, StringComparison.Ordinal);
        Assert.Single((await CaseAsync(investigator, id)).GetProperty("appeals").EnumerateArray());
    }

    /// <summary>
    /// The officer whose matter was assessed, with an account of their own: once the allegation is re-attributed to a
    /// colleague the case is theirs to read, but their own severity assessment, its rationale and its timeline entry are
    /// not, on the page or through the API (ADR 0023: never shown to the officer it is about, even where the case is).
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_officer_assessed_never_reads_their_assessment_on_the_timeline_once_the_allegation_is_reattributed(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var officers = await OfficersAsync(app, 47, 2);
        var (assessed, colleague) = (officers[0], officers[1]);
        var rationale = "RATIONALE-" + Guid.NewGuid().ToString("N")[..10];
        var id = await NewCaseAsync(investigator, "conduct_matter", today.AddDays(-10), assessed);
        await OkAsync(await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = assessed, severity = "misconduct", assessedOn = Iso(today.AddDays(-5)), rationale }));
        var moved = await investigator.PostFormAsync($"/cases/{id}/allegations?handler=Reattribute", new()
        {
            ["version"] = (await VersionAsync(investigator, id)).ToString(), ["allegationId"] = id + "-A1", ["newSubject"] = colleague, ["reason"] = "The searches were made on the colleague's login.",
        }, $"/cases/{id}/allegations");
        Assert.True(moved.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await moved.Content.ReadAsStringAsync(Ct)));

        var userName = $"assessed-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.SystemScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(userName, "Officer assessed", Roles.CaseHandler, null, ProbityApp.Password);
            user.StaffId = assessed;
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
        }
        var officer = await app.SignInAsync(userName);
        var page = WebUtility.HtmlDecode(await officer.Http.GetStringAsync($"/cases/{id}", Ct));
        var api = await officer.Http.GetStringAsync($"/api/cases/{id}", Ct);
        foreach (var text in new[] { page, api })
        {
            Assert.DoesNotContain(rationale, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Severity assessed", text, StringComparison.Ordinal);
            Assert.DoesNotContain("severity_assessed", text, StringComparison.Ordinal);
        }
        Assert.Empty(JsonDocument.Parse(api).RootElement.GetProperty("severities").EnumerateArray());
        // The investigator still reads it all.
        var seen = await investigator.Http.GetStringAsync($"/api/cases/{id}", Ct);
        Assert.Contains(rationale, seen, StringComparison.Ordinal);
        Assert.Contains("severity_assessed", seen, StringComparison.Ordinal);
    }

    /// <summary>The totals column of the cost page's tables (by year, all years, by unit), as shown.</summary>
    private static List<string> Totals(string page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(page, "data-testid=\"total\">([^<]*)<").Select(m => m.Groups[1].Value)];

    /// <summary>
    /// A DBA (or a restore from elsewhere) writes amounts no step would accept into two concluded claims, and markup, a
    /// right-to-left override and a name as long as its column into the claim and a hearing of an unknown kind: the cost of litigation
    /// leaves the impossible amounts out instead of failing for everyone, and no page answers 500 or renders the markup.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Odd_values_written_round_the_application_never_make_a_page_fail_nor_a_false_total(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var senior = await app.SignInAsync("senior");
        var today = app.Time.Today();
        var before = await senior.Http.GetStringAsync("/performance/litigation", Ct);
        var officers = await OfficersAsync(app, 3, 2);
        var claims = new List<string>();
        foreach (var amount in new[] { 4000, 6000 })
        {
            var id = await NewCaseAsync(investigator, "civil_claim", today.AddDays(-20), null);
            await OkAsync(await ApiAsync(investigator, $"/api/cases/{id}/claim", new { version = await VersionAsync(investigator, id), amountClaimed = 9000, representation = "solicitor", representative = "Firm" }));
            await OkAsync(await ApiAsync(investigator, $"/api/cases/{id}/litigation-outcome", new { version = await VersionAsync(investigator, id), outcome = "settled", on = Iso(today), settlement = amount }));
            claims.Add(id);
        }
        var conduct = await NewCaseAsync(investigator, "conduct_matter", today.AddDays(-20), officers[0]);
        await OkAsync(await ApiAsync(investigator, $"/api/cases/{conduct}/severity", new { version = await VersionAsync(investigator, conduct), staffId = officers[0], severity = "misconduct", assessedOn = Iso(today.AddDays(-5)), rationale = "r" }));
        var arranged = await ApiAsync(investigator, $"/api/cases/{conduct}/hearings", new { version = await VersionAsync(investigator, conduct), staffId = officers[0], kind = "misconduct_meeting", heldOn = Iso(today.AddDays(5)), chair = officers[1] });
        Assert.Equal(HttpStatusCode.Created, arranged.StatusCode);

        const string odd = "<script>alert('x')</script>\u202Eevil\u202C \u05E9\u05DC\u05D5\u05DD";
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var first = await db.CaseLitigation.SingleAsync(l => l.CaseId == claims[0], Ct);
            var second = await db.CaseLitigation.SingleAsync(l => l.CaseId == claims[1], Ct);
            first.SettlementPence = second.SettlementPence = long.MaxValue - 1;
            first.OwnCostsPence = -500;
            first.Representative = (odd + new string('x', 200))[..200];
            first.HeadsOfClaim = ",,not_a_head," + odd;
            second.Outcome = "not_an_outcome";
            var hearing = await db.ConductHearings.SingleAsync(h => h.CaseId == conduct, Ct);
            hearing.Kind = "<script>alert('k')</script>\u202E";
            scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "case:" + claims[0], "values written round the application");
            await db.SaveChangesAsync(Ct);
        }
        foreach (var url in new[] { "/performance/litigation", $"/performance/litigation?year={Probity.Performance.LitigationCost.LitigationCosts.FinancialYear(today)}", "/performance/litigation?year=2147483647",
                     $"/cases/{claims[0]}", $"/cases/{claims[0]}/claim", $"/api/cases/{claims[0]}", $"/cases/{claims[1]}", $"/cases/{claims[1]}/claim",
                     $"/cases/{conduct}", $"/cases/{conduct}/hearing", $"/api/cases/{conduct}", $"/cases/{conduct}/reflective-practice" })
        {
            var answer = await senior.Http.GetAsync(url, Ct);
            var text = await answer.Content.ReadAsStringAsync(Ct);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{url}: {(int)answer.StatusCode}");
            // Pages encode it; the API answers JSON (application/json), data a browser does not render, so it carries the value as stored.
            var at = url.StartsWith("/api/", StringComparison.Ordinal) ? -1 : text.IndexOf("<script>alert", StringComparison.Ordinal);
            Assert.True(at < 0, $"{url} renders the stored markup: …{(at < 0 ? "" : text[Math.Max(0, at - 200)..Math.Min(text.Length, at + 60)])}…");
        }
        // The impossible amounts are left out of the figures: the same totals as before the two claims.
        var after = await senior.Http.GetStringAsync("/performance/litigation", Ct);
        Assert.Equal(Totals(before), Totals(after));
    }
}
