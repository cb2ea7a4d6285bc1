using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Identity;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// The business interests and vetting registers through real HTTP: who may read and record, the journeys a senior
/// manager follows, and what an insider with an entry of their own, or a stale form, cannot do.
/// </summary>
public sealed partial class RegistersTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Readers = ["investigator", "senior"];
    private static readonly string[] Refused = ["handler", "analyst", "oversight", "admin"];

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_investigators_and_senior_managers_read_the_registers_and_only_senior_managers_record(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var (staffId, _) = await AnOfficerAsync(app, 11);
        var senior = await app.SignInAsync("senior");
        var id = await RecordInterestAsync(senior, staffId, "Weekend driving instructor");
        string[] routes = ["/registers/interests", $"/registers/interests/{id}", "/registers/vetting"];
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
            var menu = await client.Http.GetStringAsync("/", Ct);
            Assert.DoesNotContain("href=\"/registers/", menu, StringComparison.Ordinal);
        }

        // An investigator reads but records nothing: every change is refused and the entry is as it was.
        var investigator = await app.SignInAsync("investigator");
        var page = await investigator.Http.GetStringAsync($"/registers/interests/{id}", Ct);
        Assert.DoesNotContain("data-testid=\"decide-interest\"", page, StringComparison.Ordinal);
        var token = await investigator.GetFormTokenAsync("/registers/interests");
        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
        {
            ("/registers/interests?handler=Record", new() { ["staff"] = staffId, ["interestType"] = "second_job", ["description"] = "Bar work" }),
            ($"/registers/interests/{id}?handler=Decide", new() { ["version"] = Guid.Empty.ToString(), ["decision"] = "approved", ["reasons"] = "No conflict" }),
            ("/registers/vetting?handler=Clearance", new() { ["person"] = staffId, ["level"] = "dv", ["outcome"] = "granted" }),
            ("/registers/vetting?handler=Family", new() { ["name"] = "Contractor Smith", ["group"] = "contractor", ["familyUnit"] = "cst" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var posted = await investigator.Http.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
            Assert.True(posted.StatusCode is HttpStatusCode.Forbidden || posted.Headers.Location?.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal) == true,
                $"investigator posting {url}: {posted.StatusCode} {posted.Headers.Location}");
        }
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Null(await db.BusinessInterests.Where(b => b.Id == id).Select(b => b.Decision).SingleAsync(Ct));
        Assert.Equal(1, await db.BusinessInterests.CountAsync(b => b.StaffId == staffId, Ct));
        Assert.False(await db.Staff.AnyAsync(s => s.DisplayName == "Contractor Smith", Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_refused_interest_found_continuing_heads_its_units_register_with_the_decision_its_reasons_and_who_made_it(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var (staffId, name) = await AnOfficerAsync(app, 23);
        var senior = await app.SignInAsync("senior");
        // Entered on the officer's behalf, by their full name.
        var id = await RecordInterestAsync(senior, name, "Director of a private security company", onBehalf: true);
        var page = await senior.Http.GetStringAsync($"/registers/interests/{id}", Ct);
        Assert.Contains("on their behalf", page, StringComparison.Ordinal);
        Assert.Equal("Awaiting a decision", SignedInClient.TestId(page, "interest-state"));

        var decided = await senior.PostFormAsync($"/registers/interests/{id}?handler=Decide", new()
        {
            ["version"] = Version(page), ["decision"] = "refused", ["reasons"] = "Security work conflicts with licensing duties on the borough",
        }, $"/registers/interests/{id}");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        page = await senior.Http.GetStringAsync($"/registers/interests/{id}", Ct);
        Assert.Contains("Refused on", SignedInClient.TestId(page, "decision"), StringComparison.Ordinal);
        Assert.Contains("by Helen Marsh", SignedInClient.TestId(page, "decision"), StringComparison.Ordinal);
        Assert.Contains("Security work conflicts with licensing duties", page, StringComparison.Ordinal);

        var found = await senior.PostFormAsync($"/registers/interests/{id}?handler=Continuing", new()
        {
            ["version"] = Version(page), ["how"] = "Companies House lists the officer as a serving director after the refusal",
        }, $"/registers/interests/{id}");
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);

        // The unit's register (named, not by id) shows it first, as continuing after refusal.
        var unitName = await UnitNameAsync(app, staffId);
        var register = await senior.Http.GetStringAsync($"/registers/interests?unit={Uri.EscapeDataString(unitName)}&show=continuing", Ct);
        var first = Regex.Match(register, "<tbody>\\s*<tr>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains(WebUtility.HtmlEncode(name), first, StringComparison.Ordinal);
        Assert.Contains("Continuing after refusal", first, StringComparison.Ordinal);

        // The risk trigger reads the refusal from the same row, with the date it was decided.
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var row = await db.BusinessInterests.SingleAsync(b => b.Id == id, Ct);
        Assert.Equal(("refused", app.Time.Today(), "senior"), (row.Decision, row.DecidedOn!.Value, row.DecidedBy!));
        var trail = await db.AuditEntries.Where(e => e.Target == "business_interest:" + id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(new[] { "create", "decide", "continuing_after_refusal" }, trail.Where(a => a != "view"));
        Assert.Equal("view", trail[1]);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "senior" && e.Target == "business_interests_register" && e.Detail!.Contains("continuing"), Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_approval_with_conditions_is_reviewed_a_year_on_and_a_stale_form_changes_nothing(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var (staffId, _) = await AnOfficerAsync(app, 31);
        var senior = await app.SignInAsync("senior");
        var id = await RecordInterestAsync(senior, staffId, "Letting of a flat");
        var opened = await senior.Http.GetStringAsync($"/registers/interests/{id}", Ct);
        var today = app.Time.Today();

        var noConditions = await senior.PostFormAsync($"/registers/interests/{id}?handler=Decide", new()
        {
            ["version"] = Version(opened), ["decision"] = "approved_with_conditions", ["reasons"] = "No conflict with duties",
        }, $"/registers/interests/{id}");
        Assert.Contains("Conditions: required.", SignedInClient.Alert(await senior.Http.GetStringAsync(noConditions.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);

        await senior.PostFormAsync($"/registers/interests/{id}?handler=Decide", new()
        {
            ["version"] = Version(opened), ["decision"] = "approved_with_conditions", ["reasons"] = "No conflict with duties",
            ["conditions"] = "Not to let to anyone known to police",
        }, $"/registers/interests/{id}");
        var page = await senior.Http.GetStringAsync($"/registers/interests/{id}", Ct);
        Assert.Equal("Approved with conditions", SignedInClient.TestId(page, "interest-state"));
        Assert.Contains(today.AddYears(1).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);

        // A second senior manager still holding the form opened before the decision: refused, the decision stands.
        var stale = await senior.PostFormAsync($"/registers/interests/{id}?handler=Decide", new()
        {
            ["version"] = Version(opened), ["decision"] = "refused", ["reasons"] = "Changed my mind",
        }, $"/registers/interests/{id}");
        var after = await senior.Http.GetStringAsync(stale.Headers.Location!.OriginalString, Ct);
        Assert.Contains("changed by someone else", SignedInClient.Alert(after), StringComparison.Ordinal);
        Assert.Contains("Approved with conditions", SignedInClient.TestId(after, "decision"), StringComparison.Ordinal);

        var reviewed = await senior.PostFormAsync($"/registers/interests/{id}?handler=Review", new()
        {
            ["version"] = Version(after), ["stillHeld"] = "false", ["note"] = "Flat sold in the spring",
        }, $"/registers/interests/{id}");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        Assert.Equal("Withdrawn", SignedInClient.TestId(await senior.Http.GetStringAsync($"/registers/interests/{id}", Ct), "interest-state"));
    }

    [Fact]
    public async Task A_senior_manager_never_reads_or_records_their_own_register_entries()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        var (self, selfName) = await AnOfficerAsync(app, 5);
        await using (var scope = app.SystemScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync("self-registers", "Self (DPS senior manager)", Roles.SeniorManager, "dps-smt", ProbityApp.Password);
            user.StaffId = self;
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
        }
        var colleague = await app.SignInAsync("senior");
        var id = await RecordInterestAsync(colleague, self, "Shares in a private security company CANARYSELF");
        var post = await colleague.PostFormAsync("/registers/vetting?handler=Post", new()
        {
            ["postUnit"] = await UnitNameAsync(app, self), ["title"] = "Head of covert tasking CANARYPOST", ["requiredLevel"] = "dv", ["holder"] = self,
        }, "/registers/vetting");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("CANARYPOST", await colleague.Http.GetStringAsync("/registers/vetting?show=all", Ct), StringComparison.Ordinal);

        var me = await app.SignInAsync("self-registers");
        Assert.Equal(HttpStatusCode.NotFound, (await me.Http.GetAsync($"/registers/interests/{id}", Ct)).StatusCode);
        var unit = Uri.EscapeDataString(await UnitNameAsync(app, self));
        foreach (var url in new[] { "/registers/interests?show=all", $"/registers/interests?unit={unit}&show=all", "/registers/vetting?show=all", $"/registers/vetting?unit={unit}&show=all" })
        {
            var html = WebUtility.HtmlDecode(await me.Http.GetStringAsync(url, Ct));
            Assert.DoesNotContain("CANARYSELF", html, StringComparison.Ordinal);
            Assert.DoesNotContain("CANARYPOST", html, StringComparison.Ordinal);
            Assert.DoesNotContain(selfName, html, StringComparison.Ordinal);
        }
        // Nor recording about themselves: granting themselves a clearance is refused and changes nothing.
        var granted = await me.PostFormAsync("/registers/vetting?handler=Clearance", new() { ["person"] = self, ["level"] = "dv", ["outcome"] = "granted" }, "/registers/vetting");
        Assert.Contains("yourself", SignedInClient.Alert(await me.Http.GetStringAsync(granted.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        await using var check = app.SystemScope();
        Assert.NotEqual("dv", await check.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.Id == self).Select(s => s.VettingLevel).SingleAsync(Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_post_held_below_its_level_shows_until_the_holder_is_cleared_and_the_extended_family_is_vetted_like_staff(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var (holder, _) = await AnOfficerAsync(app, 47);
        var unitName = await UnitNameAsync(app, holder);
        var senior = await app.SignInAsync("senior");
        var title = "Counter-terrorism liaison " + Guid.NewGuid().ToString("n")[..6];
        Assert.Equal(HttpStatusCode.Redirect, (await senior.PostFormAsync("/registers/vetting?handler=Post", new()
        {
            ["postUnit"] = unitName, ["title"] = title, ["requiredLevel"] = "sc", ["holder"] = holder,
        }, "/registers/vetting")).StatusCode);
        string Row(string html, string text) => Regex.Matches(html, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).First(r => r.Contains(text, StringComparison.Ordinal));
        var register = await senior.Http.GetStringAsync($"/registers/vetting?unit={Uri.EscapeDataString(unitName)}", Ct);
        Assert.Contains("Below requirement", Row(register, title), StringComparison.Ordinal);

        var today = app.Time.Today();
        await senior.PostFormAsync("/registers/vetting?handler=Clearance", new()
        {
            ["person"] = holder, ["level"] = "sc", ["outcome"] = "granted", ["decidedOn"] = CanaryForce.Iso(today.AddDays(-1)),
        }, "/registers/vetting");
        register = await senior.Http.GetStringAsync($"/registers/vetting?unit={Uri.EscapeDataString(unitName)}", Ct);
        Assert.Contains($"SC until {today.AddDays(-1).AddYears(10).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}", Row(register, title), StringComparison.Ordinal);

        // A police authority member working with the unit: recorded, listed as having no clearance, then vetted.
        var member = "Cllr Ada Byrne " + Guid.NewGuid().ToString("n")[..6];
        await senior.PostFormAsync("/registers/vetting?handler=Family", new()
        {
            ["name"] = member, ["group"] = "police_authority", ["organisation"] = "Metropolitan Police Authority", ["familyUnit"] = unitName,
        }, "/registers/vetting");
        register = await senior.Http.GetStringAsync($"/registers/vetting?unit={Uri.EscapeDataString(unitName)}&show=family", Ct);
        Assert.Contains("Police authority member", Row(register, member), StringComparison.Ordinal);
        Assert.Contains("No clearance recorded", Row(register, member), StringComparison.Ordinal);
        await senior.PostFormAsync("/registers/vetting?handler=Clearance", new()
        {
            ["person"] = member, ["level"] = "npp2", ["outcome"] = "granted", ["expiresOn"] = CanaryForce.Iso(today.AddDays(40)),
        }, "/registers/vetting");
        register = await senior.Http.GetStringAsync($"/registers/vetting?unit={Uri.EscapeDataString(unitName)}&show=renewal_due", Ct);
        Assert.Contains("NPP2 renewal due", Row(register, member), StringComparison.Ordinal);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var cleared = await db.Staff.SingleAsync(s => s.Id == holder, Ct);
        Assert.Equal(("sc", today.AddDays(-1).AddYears(10)), (cleared.VettingLevel, cleared.VettingExpiresOn!.Value));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Target == "staff:" + holder && e.Action == "vetting_granted" && e.Actor == "senior", Ct));
        Assert.Equal("volunteer", await db.Staff.Where(s => s.DisplayName == member).Select(s => s.StaffType).SingleAsync(Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Bad_input_is_refused_naming_the_field_and_never_answers_500(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var wrongUnit = await senior.Http.GetStringAsync("/registers/vetting?unit=Nowhere%20Borough", Ct);
        Assert.Contains("Unit: no unit is called 'Nowhere Borough'", SignedInClient.Alert(wrongUnit), StringComparison.Ordinal);
        Assert.Contains("Show:", SignedInClient.Alert(await senior.Http.GetStringAsync("/registers/interests?show=everything", Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await senior.Http.GetAsync("/registers/interests/BI-nosuchentry", Ct)).StatusCode);

        foreach (var (fields, expected) in new (Dictionary<string, string>, string)[]
        {
            (new() { ["staff"] = "Nobody Atall", ["interestType"] = "second_job", ["description"] = "x" }, "Member of staff: no member of staff is called"),
            (new() { ["staff"] = "cst", ["interestType"] = "gambling", ["description"] = "x" }, "Member of staff"),
            (new() { ["staff"] = (await AnOfficerAsync(app, 3)).Id, ["interestType"] = "gambling", ["description"] = "x" }, "Type of interest: choose one of"),
            (new() { ["staff"] = (await AnOfficerAsync(app, 3)).Id, ["interestType"] = "second_job", ["description"] = "x", ["appliedOn"] = "1899-12-31" }, "Applied on: 31 Dec 1899 is not a date the register can hold"),
        })
        {
            var posted = await senior.PostFormAsync("/registers/interests?handler=Record", fields, "/registers/interests");
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Contains(expected, SignedInClient.Alert(await senior.Http.GetStringAsync(posted.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        }
    }

    private static async Task<string> RecordInterestAsync(SignedInClient senior, string staff, string description, bool onBehalf = false)
    {
        var fields = new Dictionary<string, string> { ["staff"] = staff, ["interestType"] = "company_director", ["description"] = description };
        if (onBehalf) fields["onBehalf"] = "true";
        var posted = await senior.PostFormAsync("/registers/interests?handler=Record", fields, "/registers/interests");
        var location = posted.Headers.Location?.OriginalString ?? "";
        Assert.True(location.StartsWith("/registers/interests/", StringComparison.Ordinal), $"recording an interest went to '{location}': {SignedInClient.Alert(await senior.Http.GetStringAsync(location == "" ? "/registers/interests" : location, Ct))}");
        return Uri.UnescapeDataString(location["/registers/interests/".Length..]);
    }

    /// <summary>A serving officer with a unique name, picked by position so tests on the shared host use different people.</summary>
    private static async Task<(string Id, string Name)> AnOfficerAsync(ProbityApp app, int nth)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var unique = await db.Staff.GroupBy(s => s.DisplayName.ToLower()).Where(g => g.Count() == 1).Select(g => g.Key).OrderBy(k => k).Skip(nth * 13).Take(500).ToListAsync(Ct);
        var officer = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null && s.UnitId != null && unique.Contains(s.DisplayName.ToLower()))
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.DisplayName }).FirstOrDefaultAsync(Ct);
        if (officer is not null) return (officer.Id, officer.DisplayName);
        throw new InvalidOperationException("No officer with a unique name");
    }

    private static async Task<string> UnitNameAsync(ProbityApp app, string staffId)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var unitId = await db.Staff.Where(s => s.Id == staffId).Select(s => s.UnitId).SingleAsync(Ct);
        return await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(Ct);
    }

    private static string Version(string html) => VersionField().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
