using Probity.Identity.Contracts;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Probity.IntegrationTests;

/// <summary>Administrators manage accounts through the web UI, every action audited, and see no case data for it.</summary>
public sealed partial class UserAdministrationTests(Apps apps)
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_administrator_adds_a_person_who_sets_up_an_authenticator_and_chooses_a_password(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await app.AddUserAsync("chief", Roles.Administrator, "it");
        var admin = await app.SignInFreshAsync("chief");

        var created = await admin.PostFormAsync("/admin/users", new()
        {
            ["NewUserName"] = "newcomer", ["NewDisplayName"] = "Nia Newcomer", ["NewTeam"] = "dps-acu", ["NewRoles"] = Roles.Investigator,
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var html = await created.Content.ReadAsStringAsync();
        var oneTime = SignedInClient.TestId(html, "one-time-password")!;
        Assert.Matches("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$", oneTime);
        Assert.Contains("newcomer", html, StringComparison.Ordinal);

        // First sign-in: one-time password, then the authenticator, then a password of their own.
        var person = app.NewClient();
        var afterPassword = await person.PostFormAsync("/account/sign-in", new() { ["UserName"] = "newcomer", ["Password"] = oneTime });
        var enrolled = await (await person.SecondFactorAsync(app, "newcomer", afterPassword)).Content.ReadAsStringAsync();
        Assert.Equal(10, TwoFactorTests.RecoveryCodes(enrolled).Count);
        Assert.Equal("/account/new-password", Regex.Match(enrolled, "href=\"([^\"]+)\" data-testid=\"continue\"").Groups[1].Value);
        Assert.False(await SessionTests.IsSignedInAsync(person));
        var same = await person.PostFormAsync("/account/new-password", new() { ["Password"] = oneTime, ["Confirm"] = oneTime });
        Assert.Equal("Choose a password of your own, not the one-time password.", SignedInClient.Alert(await same.Content.ReadAsStringAsync()));
        var chosen = await person.PostFormAsync("/account/new-password", new() { ["Password"] = "Newcomers-Own-Password-7", ["Confirm"] = "Newcomers-Own-Password-7" });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.True(await SessionTests.IsSignedInAsync(person));

        // The one-time password is spent; their own password (and authenticator) works.
        var spent = await app.NewClient().PostFormAsync("/account/sign-in", new() { ["UserName"] = "newcomer", ["Password"] = oneTime });
        Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
        Assert.True(await SessionTests.IsSignedInAsync(await app.SignInFreshAsync("newcomer", "Newcomers-Own-Password-7")));

        var list = await admin.Http.GetStringAsync("/admin/users", TestContext.Current.CancellationToken);
        Assert.Contains("Nia Newcomer", list, StringComparison.Ordinal);
        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Action == "user_created" && e.Actor == "chief" && e.Target == "user:newcomer" && e.Detail!.Contains(Roles.Investigator, StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Action == "password_set" && e.Target == "account:newcomer");
        Assert.DoesNotContain(trail, e => (e.Detail ?? "").Contains(oneTime, StringComparison.Ordinal) || e.Target.Contains(oneTime, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Disable_enable_reset_and_unlock_do_what_they_say_and_are_audited(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await app.AddUserAsync("chief", Roles.Administrator, "it");
        await app.AddUserAsync("officer", Roles.CaseHandler, "cst");
        var admin = await app.SignInFreshAsync("chief");
        await app.SignInFreshAsync("officer");

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/users/officer?handler=Disable", new() { ["Stamp"] = await StampAsync(admin, "officer") }, "/admin/users/officer")).StatusCode);
        var refused = await app.NewClient().PostFormAsync("/account/sign-in", new() { ["UserName"] = "officer", ["Password"] = ProbityApp.Password });
        Assert.Equal("This account is disabled. Ask an administrator if you need it.", SignedInClient.Alert(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/users/officer?handler=Enable", new() { ["Stamp"] = await StampAsync(admin, "officer") }, "/admin/users/officer")).StatusCode);
        Assert.True(await SessionTests.IsSignedInAsync(await app.SignInFreshAsync("officer")));

        // Lost phone: the next sign-in sets up an authenticator again.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/users/officer?handler=ResetTwoFactor", new() { ["Stamp"] = await StampAsync(admin, "officer") }, "/admin/users/officer")).StatusCode);
        var again = await app.NewClient().PostFormAsync("/account/sign-in", new() { ["UserName"] = "officer", ["Password"] = ProbityApp.Password });
        Assert.Equal("/account/enrol", again.Headers.Location!.OriginalString);

        // Forgotten password: a one-time password replaces it.
        var reset = await admin.PostFormAsync("/admin/users/officer?handler=ResetPassword", new() { ["Stamp"] = await StampAsync(admin, "officer") }, "/admin/users/officer");
        var oneTime = SignedInClient.TestId(await reset.Content.ReadAsStringAsync(), "one-time-password")!;
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().PostFormAsync("/account/sign-in", new() { ["UserName"] = "officer", ["Password"] = ProbityApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().PostFormAsync("/account/sign-in", new() { ["UserName"] = "officer", ["Password"] = oneTime })).StatusCode);

        // Slowed after failures from their own machine: unlocking clears it at once.
        var desk = app.NewClient("198.51.100.77");
        for (var i = 0; i < 3; i++) await desk.PostFormAsync("/account/sign-in", new() { ["UserName"] = "officer", ["Password"] = "Misremembered-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await desk.PostFormAsync("/account/sign-in", new() { ["UserName"] = "officer", ["Password"] = oneTime })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/users/officer?handler=Unlock", new(), "/admin/users/officer")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostFormAsync("/account/sign-in", new() { ["UserName"] = "officer", ["Password"] = oneTime })).StatusCode);

        var mine = (await app.TrailAsync()).Where(e => e.Actor == "chief" && e.Target == "user:officer").Select(e => e.Action).ToList();
        Assert.Equal(["user_disabled", "user_enabled", "user_two_factor_reset", "user_password_reset", "user_unlocked"], mine.Where(a => a != "view").ToList());
    }

    [Fact]
    public async Task Two_administrators_editing_the_same_account_do_not_overwrite_each_other()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        await app.AddUserAsync("chief", Roles.Administrator, "it");
        await app.AddUserAsync("deputy", Roles.Administrator, "it");
        await app.AddUserAsync("subject", Roles.Analyst, "dps-intel");
        var chief = await app.SignInFreshAsync("chief");
        var deputy = await app.SignInFreshAsync("deputy");
        var seen = await StampAsync(chief, "subject");
        Assert.Equal(seen, await StampAsync(deputy, "subject"));

        var first = await chief.PostFormAsync("/admin/users/subject?handler=Save", new() { ["Stamp"] = seen, ["DisplayName"] = "subject", ["Team"] = "dps-acu", ["AccountRoles"] = Roles.Analyst }, "/admin/users/subject");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await deputy.PostFormAsync("/admin/users/subject?handler=Save", new() { ["Stamp"] = seen, ["DisplayName"] = "subject", ["Team"] = "dps-smt", ["AccountRoles"] = Roles.Analyst }, "/admin/users/subject");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var shown = await deputy.Http.GetStringAsync(second.Headers.Location!.ToString(), TestContext.Current.CancellationToken);
        Assert.Contains("changed since you opened it", shown, StringComparison.Ordinal);

        await using var scope = app.SystemScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().FindByNameAsync("subject");
        Assert.Equal("dps-acu", user!.Team);
    }

    [Fact]
    public async Task An_administrator_cannot_raise_or_disable_their_own_account()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        await app.AddUserAsync("chief", Roles.Administrator, "it");
        var admin = await app.SignInFreshAsync("chief");
        var raise = await admin.PostFormAsync("/admin/users/chief?handler=Save", new()
        {
            ["Stamp"] = await StampAsync(admin, "chief"), ["DisplayName"] = "chief", ["Team"] = "it", ["AccountRoles"] = Roles.Investigator,
        }, "/admin/users/chief");
        var shown = await admin.Http.GetStringAsync(raise.Headers.Location!.ToString(), TestContext.Current.CancellationToken);
        Assert.Contains("You cannot change your own roles or team", shown, StringComparison.Ordinal);
        var disable = await admin.PostFormAsync("/admin/users/chief?handler=Disable", new() { ["Stamp"] = await StampAsync(admin, "chief") }, "/admin/users/chief");
        Assert.Contains("You cannot disable your own account", await admin.Http.GetStringAsync(disable.Headers.Location!.ToString(), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
        var user = await users.FindByNameAsync("chief");
        Assert.Equal([Roles.Administrator], await users.GetRolesAsync(user!));
        Assert.Null(user!.LockoutEnd);
    }

    public static TheoryData<string> EveryoneElse => new() { "handler", "investigator", "analyst", "senior", "oversight" };

    [Theory, MemberData(nameof(EveryoneElse))]
    public async Task Only_administrators_reach_user_administration(string userName)
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var client = await app.SignInAsync(userName);
        var page = await client.Http.GetAsync("/admin/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/denied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var token = await client.GetFormTokenAsync("/");
        var post = await client.Http.PostAsync("/admin/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewUserName"] = $"sneaky-{userName}", ["NewDisplayName"] = "Sneaky", ["NewRoles"] = Roles.Administrator, ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/account/denied", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var scope = app.SystemScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().FindByNameAsync($"sneaky-{userName}"));
    }

    [Fact]
    public async Task Administering_users_grants_no_case_content()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var admin = await app.SignInAsync("admin");
        foreach (var url in new[] { "/cases", "/risk", "/monitoring", "/performance", "/officers/anyone" })
        {
            var response = await admin.Http.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Http.GetAsync("/api/cases", TestContext.Current.CancellationToken)).StatusCode);
        var users = await admin.Http.GetStringAsync("/admin/users", TestContext.Current.CancellationToken);
        var one = await admin.Http.GetStringAsync("/admin/users/investigator", TestContext.Current.CancellationToken);
        foreach (var html in new[] { users, one })
        {
            Assert.DoesNotMatch(CaseId(), html);
            Assert.DoesNotContain("href=\"/cases", html, StringComparison.Ordinal);
        }
        Assert.Contains("Sam Okafor", users, StringComparison.Ordinal);
    }

    /// <summary>The concurrency stamp the account's page carries (what an administrator's next action is checked against).</summary>
    internal static async Task<string> StampAsync(SignedInClient admin, string userName)
    {
        var html = await admin.Http.GetStringAsync($"/admin/users/{userName}", TestContext.Current.CancellationToken);
        var match = Regex.Match(html, "name=\"Stamp\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"no stamp on /admin/users/{userName}");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("\\b(C\\d{4}|PRB-\\d{4})-\\d{6,}\\b")]
    private static partial Regex CaseId();
}
