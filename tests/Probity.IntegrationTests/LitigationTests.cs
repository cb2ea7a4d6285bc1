using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;

namespace Probity.IntegrationTests;

/// <summary>
/// Civil claims, employment tribunals and grievances on their own lifecycle (issue 13 item 8, ADR 0024): the claim with its
/// amount and representation, liability, hearings, a grievance's stages, the outcome with its money (which finalises the
/// case), never a complaint route; bad amounts and steps out of order refused naming the field; the case's version guards
/// every step; read-only roles only read and a subject of the case finds nothing; the cost of litigation by year and unit
/// counts exactly what was paid, leaving out restricted cases and cases recorded in error.
/// </summary>
public sealed partial class LitigationTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A new case of <paramref name="type"/> received on <paramref name="received"/>, naming an officer of its own when given one.</summary>
    private static async Task<string> NewCaseAsync(ProbityApp app, SignedInClient client, string type, DateOnly received, string? subject = null, string unit = "bor-camden")
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.CaseType"] = type, ["Input.Source"] = type == "civil_claim" ? "public" : "internal", ["Input.ReceivedOn"] = Iso(received), ["Input.RecordedOn"] = Iso(received),
            ["Input.LocationUnitId"] = unit, ["Input.Summary"] = $"Litigation test: a {type.Replace('_', ' ')}",
        };
        if (subject is not null)
        {
            fields["Input.Allegations[0].Category"] = "other_assault";
            fields["Input.Allegations[0].StaffId"] = subject;
        }
        var created = await client.PostFormAsync("/cases/new", fields);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await created.Content.ReadAsStringAsync(Ct)));
        return created.Headers.Location!.ToString()["/cases/".Length..];
    }

    private static async Task<string> OfficerAsync(ProbityApp app, int skip)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null)
            .OrderBy(s => s.Id).Skip(skip).Select(s => s.Id).FirstAsync(Ct);
    }

    private static async Task<HttpResponseMessage> StepAsync(ProbityApp app, SignedInClient client, string id, Dictionary<string, string> fields)
    {
        fields["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id);
        return await client.PostFormAsync($"/cases/{id}/claim", fields, $"/cases/{id}/claim");
    }

    private static async Task DoAsync(ProbityApp app, SignedInClient client, string id, Dictionary<string, string> fields)
    {
        var response = await StepAsync(app, client, id, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{fields["step"]} on {id}: {SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct))}");
    }

    /// <summary>The step is refused: the claim page again (200), with the reason in its alert.</summary>
    private static async Task<string> RefusedAsync(ProbityApp app, SignedInClient client, string id, Dictionary<string, string> fields)
    {
        var response = await StepAsync(app, client, id, fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return WebUtility.HtmlDecode(SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct)));
    }

    private static Task<HttpResponseMessage> ApiAsync(SignedInClient client, string path, object body) => client.PostApiAsync(path, body, Ct);

    private static async Task<Guid> VersionAsync(ProbityApp app, string id) => Guid.Parse(await CaseLifecycleTests.VersionAsync(app, "/cases/" + id));

    /// <summary>A 422 whose detail starts with the field's name.</summary>
    private static async Task RefusedNamingAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
        Assert.StartsWith(field + ":", detail, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_civil_claim_is_recorded_its_liability_decided_a_hearing_listed_and_settled_with_its_money_on_the_case_and_the_trail(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var today = app.Time.Today();
        var id = await NewCaseAsync(app, handler, "civil_claim", today.AddDays(-40));

        // Not a complaint: no handling route is offered or taken, and it is not finalised as one.
        var page = await handler.Http.GetStringAsync($"/cases/{id}", Ct);
        Assert.DoesNotContain($"href=\"/cases/{id}/route\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/cases/{id}/finalise\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/cases/{id}/claim\" data-testid=\"claim-link\"", page, StringComparison.Ordinal);
        var route = await handler.PostFormAsync($"/cases/{id}/route", new() { ["version"] = (await VersionAsync(app, id)).ToString(), ["route"] = "local_resolution", ["date"] = Iso(today) }, $"/cases/{id}/route");
        Assert.Contains("takes no complaint handling route", WebUtility.HtmlDecode(SignedInClient.Alert(await route.Content.ReadAsStringAsync(Ct))), StringComparison.Ordinal);

        // Liability before the claim is recorded is out of order.
        Assert.Contains("has not been recorded yet; record the claim first",
            await RefusedAsync(app, handler, id, new() { ["step"] = "liability", ["liability"] = "admitted", ["liabilityOn"] = Iso(today), ["decidedBy"] = "Legal services" }), StringComparison.Ordinal);
        Assert.StartsWith("Representative:", await RefusedAsync(app, handler, id, new() { ["step"] = "claim", ["amountClaimed"] = "25000", ["representation"] = "solicitor" }), StringComparison.Ordinal);
        Assert.StartsWith("Amount claimed:", await RefusedAsync(app, handler, id, new() { ["step"] = "claim", ["amountClaimed"] = "twenty grand", ["representation"] = "in_person" }), StringComparison.Ordinal);
        await DoAsync(app, handler, id, new() { ["step"] = "claim", ["amountClaimed"] = "£25,000.50", ["representation"] = "solicitor", ["representative"] = "Bhatt Murphy" });
        await DoAsync(app, handler, id, new() { ["step"] = "liability", ["liability"] = "partial", ["liabilityOn"] = Iso(today.AddDays(-20)), ["decidedBy"] = "Directorate of Legal Services" });
        Assert.StartsWith("Liability: it was already decided",
            await RefusedAsync(app, handler, id, new() { ["step"] = "liability", ["liability"] = "denied", ["liabilityOn"] = Iso(today), ["decidedBy"] = "someone else" }), StringComparison.Ordinal);
        await DoAsync(app, handler, id, new() { ["step"] = "hearing", ["hearingKind"] = "full", ["hearingOn"] = Iso(today.AddDays(60)) });
        // A judgment needs a hearing on or before its date: the one listed is still to come.
        Assert.Contains("is decided at a hearing", await RefusedAsync(app, handler, id, new() { ["step"] = "outcome", ["outcome"] = "judgment_for_claimant", ["outcomeOn"] = Iso(today), ["damages"] = "1000" }), StringComparison.Ordinal);
        Assert.StartsWith("Settlement: give the amount", await RefusedAsync(app, handler, id, new() { ["step"] = "outcome", ["outcome"] = "settled", ["outcomeOn"] = Iso(today) }), StringComparison.Ordinal);
        Assert.StartsWith("Own costs: an amount cannot be negative", await RefusedAsync(app, handler, id, new() { ["step"] = "outcome", ["outcome"] = "settled", ["outcomeOn"] = Iso(today), ["settlement"] = "9000", ["ownCosts"] = "-5" }), StringComparison.Ordinal);
        Assert.StartsWith("The outcome date", await RefusedAsync(app, handler, id, new() { ["step"] = "outcome", ["outcome"] = "settled", ["outcomeOn"] = Iso(today.AddDays(-30)), ["settlement"] = "9000" }), StringComparison.Ordinal);
        await DoAsync(app, handler, id, new() { ["step"] = "outcome", ["outcome"] = "settled", ["outcomeOn"] = Iso(today), ["settlement"] = "12,000", ["ownCosts"] = "3,250.25", ["claimantCosts"] = "4000" });

        var shown = WebUtility.HtmlDecode(await handler.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains("data-testid=\"status\">Finalised", shown, StringComparison.Ordinal);
        Assert.Equal("£25,000.50", SignedInClient.TestId(shown, "amount-claimed"));
        Assert.Equal("Solicitor: Bhatt Murphy", SignedInClient.TestId(shown, "representation"));
        Assert.StartsWith("Admitted in part, decided by Directorate of Legal Services", SignedInClient.TestId(shown, "liability"), StringComparison.Ordinal);
        Assert.Equal("£19,250.25", SignedInClient.TestId(shown, "litigation-total"));
        Assert.Contains("Civil claim concluded: settled; settled for £12,000.00; own costs £3,250.25; claimant's costs £4,000.00", shown, StringComparison.Ordinal);
        Assert.Contains($"Full hearing listed for {today.AddDays(60):d MMM yyyy}", shown, StringComparison.Ordinal);
        // Concluded: no further step.
        Assert.Contains("was finalised on", await RefusedAsync(app, handler, id, new() { ["step"] = "hearing", ["hearingKind"] = "remedy", ["hearingOn"] = Iso(today) }), StringComparison.Ordinal);

        var api = await handler.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);
        var lit = api.GetProperty("litigation");
        Assert.Equal("GBP", lit.GetProperty("currency").GetString());
        Assert.Equal(2_500_050, lit.GetProperty("amountClaimedPence").GetInt64());
        Assert.Equal(1_925_025, lit.GetProperty("totalCostPence").GetInt64());

        // Every step on the audit trail, by who took it, in order; the refusals as refusals.
        var trail = await app.TrailAsync();
        var steps = trail.Where(e => e.Target == "case:" + id && e.Action == "update").Select(e => e.Detail![..e.Detail!.IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["claim_recorded", "liability_decided", "hearing_listed", "finalised"], steps);
        Assert.All(trail.Where(e => e.Target == "case:" + id && e.Action == "update"), e => Assert.Equal("handler", e.Actor));
        Assert.Contains(trail, e => e.Target == "case:" + id && e.Action == "refused" && e.Detail!.Contains("is decided at a hearing", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Tribunals_and_grievances_follow_their_own_steps_through_the_api_and_bad_amounts_are_422_naming_the_field(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var tribunal = await NewCaseAsync(app, investigator, "employment_tribunal", today.AddDays(-90));

        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/claim", new { version = await VersionAsync(app, tribunal), amountClaimed = 30000, representation = "trade_union" }), "Heads of claim");
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/claim", new { version = await VersionAsync(app, tribunal), amountClaimed = 30000, currency = "USD", representation = "trade_union", headsOfClaim = new[] { "unfair_dismissal" } }), "currency");
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/claim", new { version = await VersionAsync(app, tribunal), amountClaimed = 12.345, representation = "trade_union", headsOfClaim = new[] { "unfair_dismissal" } }), "amountClaimed");
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/claim", new { version = await VersionAsync(app, tribunal), amountClaimed = "lots", representation = "trade_union", headsOfClaim = new[] { "unfair_dismissal" } }), "amountClaimed");
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/claim", new { version = await VersionAsync(app, tribunal), amountClaimed = true, representation = "trade_union", headsOfClaim = new[] { "unfair_dismissal" } }), "amountClaimed");
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/claim", new { version = await VersionAsync(app, tribunal), amountClaimed = 5e12, representation = "trade_union", headsOfClaim = new[] { "unfair_dismissal" } }), "amountClaimed");
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/claim", new { version = await VersionAsync(app, tribunal), amountClaimed = 30000, representation = "trade_union", headsOfClaim = new[] { "hurt_feelings" } }), "Heads of claim");
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{tribunal}/claim", new
        {
            version = await VersionAsync(app, tribunal), amountClaimed = 48000.00, currency = "GBP", representation = "police_federation", representative = "Police Federation",
            headsOfClaim = new[] { "race_discrimination", "victimisation" },
        })).StatusCode);
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/liability", new { version = await VersionAsync(app, tribunal), liability = "admitted", decidedOn = Iso(today), decidedBy = "x" }), "Liability");
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{tribunal}/claim/hearings", new { version = await VersionAsync(app, tribunal), hearingOn = Iso(today.AddDays(-10)), kind = "full" })).StatusCode);
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/litigation-outcome", new { version = await VersionAsync(app, tribunal), outcome = "claim_upheld", on = Iso(today), settlement = 100 }), "Settlement");
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/litigation-outcome", new { version = await VersionAsync(app, tribunal), outcome = "claim_upheld", on = Iso(today) }), "Damages");
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{tribunal}/litigation-outcome", new { version = await VersionAsync(app, tribunal), outcome = "claim_upheld", on = Iso(today), damages = 20000, ownCosts = "-1" }), "ownCosts");
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{tribunal}/litigation-outcome", new { version = await VersionAsync(app, tribunal), outcome = "claim_upheld", on = Iso(today), damages = "21,500.75", ownCosts = 7000 })).StatusCode);
        var t = (await investigator.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{tribunal}", Ct)).GetProperty("litigation");
        Assert.Equal(["race_discrimination", "victimisation"], t.GetProperty("headsOfClaim").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(2_150_075 + 700_000, t.GetProperty("totalCostPence").GetInt64());

        // A grievance: raised at a stage, moved on (never back), concluded with compensation and never with legal costs.
        var grievance = await NewCaseAsync(app, investigator, "grievance", today.AddDays(-30));
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{grievance}/claim", new { version = await VersionAsync(app, grievance), amountClaimed = 100, grievanceStage = "informal" }), "Amount claimed");
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{grievance}/claim", new { version = await VersionAsync(app, grievance), grievanceStage = "informal" })).StatusCode);
        // Recorded as a grievance, it stays one: its type is not corrected into a complaint under its steps.
        var retype = await ApiAsync(investigator, $"/api/cases/{grievance}/intake", new
        {
            version = await VersionAsync(app, grievance), type = "public_complaint", receivedOn = Iso(today.AddDays(-30)), recordedOn = Iso(today.AddDays(-30)),
            source = "internal", locationUnitId = "bor-camden", summary = "Litigation test: a grievance", reason = "It was a complaint",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, retype.StatusCode);
        Assert.Contains("its type can only be corrected before the claim is recorded", await retype.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{grievance}/claim/hearings", new { version = await VersionAsync(app, grievance), hearingOn = Iso(today), kind = "full" }), "Hearing");
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{grievance}/grievance-stage", new { version = await VersionAsync(app, grievance), stage = "formal", on = Iso(today.AddDays(-5)) })).StatusCode);
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{grievance}/grievance-stage", new { version = await VersionAsync(app, grievance), stage = "informal", on = Iso(today) }), "Grievance stage");
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{grievance}/litigation-outcome", new { version = await VersionAsync(app, grievance), outcome = "not_upheld", on = Iso(today), damages = 500 }), "Compensation");
        await RefusedNamingAsync(await ApiAsync(investigator, $"/api/cases/{grievance}/litigation-outcome", new { version = await VersionAsync(app, grievance), outcome = "upheld", on = Iso(today), damages = 500, ownCosts = 100 }), "Own costs");
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{grievance}/litigation-outcome", new { version = await VersionAsync(app, grievance), outcome = "upheld", on = Iso(today), damages = 750 })).StatusCode);
        var page = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{grievance}", Ct));
        Assert.Equal("Formal", SignedInClient.TestId(page, "grievance-stage"));
        Assert.Equal("£750.00", SignedInClient.TestId(page, "litigation-total"));
        Assert.Contains("Grievance moved to the formal stage", page, StringComparison.Ordinal);

        // A complaint is not a claim: its steps are refused there.
        var complaint = await NewCaseAsync(app, investigator, "public_complaint", today.AddDays(-3), await OfficerAsync(app, 21));
        var refused = await ApiAsync(investigator, $"/api/cases/{complaint}/claim", new { version = await VersionAsync(app, complaint), representation = "in_person" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("only civil claims, employment tribunals and grievances follow this lifecycle", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_stale_version_is_409_read_only_roles_cannot_write_and_a_subject_of_the_claim_finds_nothing(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        const int subjectSkip = 22;
        var id = await NewCaseAsync(app, handler, "civil_claim", app.Time.Today().AddDays(-15), await OfficerAsync(app, subjectSkip));
        var opened = await VersionAsync(app, id);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(handler, $"/api/cases/{id}/claim", new { version = opened, amountClaimed = 5000, representation = "in_person" })).StatusCode);
        // Someone who opened the claim before that change is refused, not allowed to overwrite it.
        Assert.Equal(HttpStatusCode.Conflict, (await ApiAsync(handler, $"/api/cases/{id}/claim", new { version = opened, amountClaimed = 1, representation = "in_person", reason = "stale" })).StatusCode);
        var stalePage = await handler.PostFormAsync($"/cases/{id}/claim", new() { ["version"] = opened.ToString(), ["step"] = "hearing", ["hearingKind"] = "full", ["hearingOn"] = Iso(app.Time.Today()) }, $"/cases/{id}/claim");
        Assert.Equal(HttpStatusCode.Conflict, stalePage.StatusCode);
        Assert.Contains("changed by someone else", SignedInClient.Alert(await stalePage.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        foreach (var who in new[] { "analyst", "oversight" })
        {
            var client = await app.SignInAsync(who);
            var get = await client.Http.GetAsync($"/cases/{id}/claim", Ct);
            Assert.True(get.StatusCode == HttpStatusCode.Redirect && get.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal), $"{who} GET claim: {(int)get.StatusCode}");
            Assert.Equal(HttpStatusCode.Forbidden, (await ApiAsync(client, $"/api/cases/{id}/litigation-outcome", new { version = await VersionAsync(app, id), outcome = "discontinued", on = Iso(app.Time.Today()) })).StatusCode);
        }

        // A case handler whose own staff record is the claim's subject: the claim does not exist for them, anywhere.
        var subjectUser = "lsubj-" + Guid.NewGuid().ToString("n")[..6];
        await app.AddUserAsync(subjectUser, Roles.CaseHandler);
        await using (var scope = app.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
            var user = (await users.FindByNameAsync(subjectUser))!;
            user.StaffId = await OfficerAsync(app, subjectSkip);
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }
        var subject = await app.SignInAsync(subjectUser);
        Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.GetAsync($"/cases/{id}/claim", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.GetAsync($"/api/cases/{id}", Ct)).StatusCode);
        var version = await VersionAsync(app, id);
        Assert.Equal(HttpStatusCode.NotFound, (await subject.PostFormAsync($"/cases/{id}/claim", new() { ["version"] = version.ToString(), ["step"] = "outcome", ["outcome"] = "discontinued", ["outcomeOn"] = Iso(app.Time.Today()) }, "/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiAsync(subject, $"/api/cases/{id}/litigation-outcome", new { version, outcome = "discontinued", on = Iso(app.Time.Today()) })).StatusCode);
        await using (var scope = app.SystemScope())
            Assert.Null((await scope.ServiceProvider.GetRequiredService<ProbityDb>().CaseLitigation.SingleAsync(l => l.CaseId == id, Ct)).Outcome);
        Assert.Contains(await app.TrailAsync(), e => e.Actor == subjectUser && e.Action == "not_found" && e.Target == "case:" + id);
    }

    /// <summary>
    /// The cost figures on data the test builds: an app of its own (the claims are dated 2011-2013, years no other test
    /// expects), with a restricted claim and one recorded in error that must not count.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_cost_of_litigation_by_year_and_unit_counts_what_was_paid_and_leaves_out_restricted_cases_and_cases_recorded_in_error(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var senior = await app.SignInAsync("senior");
        async Task<string> ConcludedAsync(string type, DateOnly received, string unit, object claim, object outcome)
        {
            var id = await NewCaseAsync(app, investigator, type, received, unit: unit);
            var c = await ApiAsync(investigator, $"/api/cases/{id}/claim", MergeVersion(claim, await VersionAsync(app, id)));
            Assert.True(c.StatusCode == HttpStatusCode.NoContent, await c.Content.ReadAsStringAsync(Ct));
            var o = await ApiAsync(investigator, $"/api/cases/{id}/litigation-outcome", MergeVersion(outcome, await VersionAsync(app, id)));
            Assert.True(o.StatusCode == HttpStatusCode.NoContent, await o.Content.ReadAsStringAsync(Ct));
            return id;
        }
        var inPerson = new { representation = "in_person" };
        // Financial year 2011/12: Camden £10,000 settlement + £1,500 own + £2,000 claimant's; Hackney a grievance's £800 compensation.
        await ConcludedAsync("civil_claim", new(2011, 5, 3), "bor-camden", new { amountClaimed = 20000, representation = "in_person" },
            new { outcome = "settled", on = "2011-11-15", settlement = 10000, ownCosts = 1500, claimantCosts = 2000 });
        await ConcludedAsync("grievance", new(2012, 1, 9), "bor-hackney", new { grievanceStage = "formal" }, new { outcome = "upheld", on = "2012-03-30", damages = 800 });
        // 2012/13 (April 2012 on): Hackney, a struck-out claim's own costs of £2,345.67.
        await ConcludedAsync("civil_claim", new(2012, 2, 1), "bor-hackney", inPerson, new { outcome = "struck_out", on = "2012-04-02", ownCosts = 2345.67 });
        // Neither of these counts: one restricted to need-to-know, one withdrawn as recorded in error.
        var restricted = await ConcludedAsync("civil_claim", new(2011, 6, 1), "bor-camden", inPerson, new { outcome = "settled", on = "2011-12-01", settlement = 99999 });
        var restrict = await investigator.PostFormAsync($"/cases/{restricted}/restrict", new() { ["version"] = (await VersionAsync(app, restricted)).ToString(), ["principals"] = "senior", ["reason"] = "A claim about a DPS officer" }, $"/cases/{restricted}");
        Assert.Equal(HttpStatusCode.Redirect, restrict.StatusCode);
        var inError = await ConcludedAsync("civil_claim", new(2011, 7, 1), "bor-camden", inPerson, new { outcome = "settled", on = "2011-12-02", settlement = 77777 });
        var withdrawn = await senior.PostFormAsync($"/cases/{inError}/recorded-in-error", new() { ["version"] = (await VersionAsync(app, inError)).ToString(), ["action"] = "withdraw", ["reason"] = "Duplicate claim" }, $"/cases/{inError}/recorded-in-error");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        // The same figures for every reader, the grantee of the restricted claim included.
        foreach (var who in new[] { "senior", "analyst", "oversight" })
        {
            var client = await app.SignInAsync(who);
            var page = WebUtility.HtmlDecode(await client.Http.GetStringAsync("/performance/litigation", Ct));
            Assert.Equal(["£10,000.00", "£0.00", "£800.00", "£1,500.00", "£2,000.00", "£14,300.00"], YearRow(page, "2011"));
            Assert.Equal(["£0.00", "£0.00", "£0.00", "£2,345.67", "£0.00", "£2,345.67"], YearRow(page, "2012"));
            var byUnit = WebUtility.HtmlDecode(await client.Http.GetStringAsync("/performance/litigation?year=2011", Ct));
            Assert.Equal("£13,500.00", UnitTotal(byUnit, "bor-camden"));
            Assert.Equal("£800.00", UnitTotal(byUnit, "bor-hackney"));
            Assert.Contains("data-testid=\"litigation-by-year\"", page, StringComparison.Ordinal);
            Assert.Contains("<svg class=\"spark\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("99,999", page, StringComparison.Ordinal);
            Assert.DoesNotContain("77,777", page, StringComparison.Ordinal);
        }
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "analyst" && e.Action == "view" && e.Target == "performance:litigation" && e.Detail == "year=2011/12");
        // Case handlers do not read performance figures.
        var denied = await (await app.SignInAsync("handler")).Http.GetAsync("/performance/litigation", Ct);
        Assert.True(denied.StatusCode == HttpStatusCode.Redirect && denied.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal));
    }

    private static Dictionary<string, object?> MergeVersion(object body, Guid version)
    {
        var json = JsonSerializer.SerializeToElement(body);
        var merged = json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        merged["version"] = version;
        return merged;
    }

    /// <summary>The year row's settlements, damages, compensation, own costs, claimants' costs and total.</summary>
    private static List<string> YearRow(string html, string year)
    {
        var row = Regex.Match(html, $"<tr data-year=\"{year}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row for {year}");
        return [.. Regex.Matches(row.Groups[1].Value, "<td[^>]*>([^<]*)</td>").Select(m => m.Groups[1].Value).Skip(1).Take(6)];
    }

    private static string UnitTotal(string html, string unit)
    {
        var row = Regex.Match(html, $"<tr data-unit=\"{unit}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row for {unit}");
        return Regex.Match(row.Groups[1].Value, "<td data-testid=\"total\">([^<]*)</td>").Groups[1].Value;
    }
}
