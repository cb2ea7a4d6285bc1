using Probity.Identity.Contracts;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>
/// A session cookie is only as good as the account behind it: copied cookies (a shared PC, a stolen laptop, a
/// proxy log) stop working when the person signs out, changes password, is disabled or changes role; a cookie made
/// by another Probity instance is worth nothing here; and the cookie cannot be used to post to the API cross-site.
/// </summary>
public sealed class SessionTests(Apps apps)
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Signing_out_ends_every_copy_of_the_session(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await app.AddUserAsync("leaver", Roles.Investigator);
        var browser = await app.SignInFreshAsync("leaver");
        var copy = CopyOfSession(app, browser);
        Assert.True(await IsSignedInAsync(copy));

        // The sign-out form is on every signed-in page.
        var token = await browser.GetFormTokenAsync("/");
        var signOut = await browser.Http.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.False(await IsSignedInAsync(copy));
        Assert.False(await IsSignedInAsync(browser));
        Assert.Contains(await app.TrailAsync(), e => e.Action == "sign_out" && e.Actor == "leaver");
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Changing_the_password_ends_other_sessions_and_keeps_this_one(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await app.AddUserAsync("changer", Roles.Analyst);
        var here = await app.SignInFreshAsync("changer");
        var elsewhere = CopyOfSession(app, here);

        var wrong = await here.PostFormAsync("/account/password", new() { ["Current"] = "Not-my-password-1", ["Password"] = "A-brand-new-Password-2", ["Confirm"] = "A-brand-new-Password-2" });
        Assert.Equal("Your current password is not right.", SignedInClient.Alert(await wrong.Content.ReadAsStringAsync()));
        Assert.True(await IsSignedInAsync(elsewhere));

        var changed = await here.PostFormAsync("/account/password", new() { ["Current"] = ProbityApp.Password, ["Password"] = "A-brand-new-Password-2", ["Confirm"] = "A-brand-new-Password-2" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.True(await IsSignedInAsync(here));
        Assert.False(await IsSignedInAsync(elsewhere));

        var old = await app.NewClient().PostFormAsync("/account/sign-in", new() { ["UserName"] = "changer", ["Password"] = ProbityApp.Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await app.SignInFreshAsync("changer", "A-brand-new-Password-2");
        Assert.True(await IsSignedInAsync(fresh));
        Assert.Contains(await app.TrailAsync(), e => e.Action == "password_changed" && e.Actor == "changer");
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_disabled_or_locked_account_or_one_whose_role_changed_loses_its_sessions_at_once(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await app.AddUserAsync("chief", Roles.Administrator, "it");
        await app.AddUserAsync("moved", Roles.Investigator, "dps-acu");
        await app.AddUserAsync("suspended", Roles.CaseHandler, "cst");
        await app.AddUserAsync("locked", Roles.Analyst);
        var admin = await app.SignInFreshAsync("chief");
        var moved = await app.SignInFreshAsync("moved");
        var suspended = await app.SignInFreshAsync("suspended");
        var locked = await app.SignInFreshAsync("locked");

        // Role change through the administrators' page: the investigator becomes an analyst.
        var save = await admin.PostFormAsync("/admin/users/moved?handler=Save", new()
        {
            ["Stamp"] = await UserAdministrationTests.StampAsync(admin, "moved"), ["DisplayName"] = "moved", ["Team"] = "dps-acu", ["AccountRoles"] = Roles.Analyst,
        }, "/admin/users/moved");
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.False(await IsSignedInAsync(moved));

        var disable = await admin.PostFormAsync("/admin/users/suspended?handler=Disable", new() { ["Stamp"] = await UserAdministrationTests.StampAsync(admin, "suspended") }, "/admin/users/suspended");
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        Assert.False(await IsSignedInAsync(suspended));

        // Locked in the store directly (LockoutEnd set, as Identity or a database administrator would): refused too.
        await using (var scope = app.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
            var user = await users.FindByNameAsync("locked");
            Assert.True((await users.SetLockoutEndDateAsync(user!, app.Time.GetUtcNow().AddHours(1))).Succeeded);
        }
        Assert.False(await IsSignedInAsync(locked));
        Assert.True(await IsSignedInAsync(admin));
    }

    [Fact]
    public async Task A_cookie_made_by_another_probity_instance_is_refused()
    {
        await using var a = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        await using var b = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        await a.AddUserAsync("traveller", Roles.SeniorManager);
        await b.AddUserAsync("traveller", Roles.SeniorManager);
        var onA = await a.SignInFreshAsync("traveller");
        Assert.True(await IsSignedInAsync(onA));

        var carried = b.NewClient();
        carried.Cookies.Add(b.BaseAddress, new Cookie("probity.auth", onA.Cookies.GetCookies(a.BaseAddress)["probity.auth"]!.Value, "/"));
        Assert.False(await IsSignedInAsync(carried));

        // Not the account check alone: B cannot even open what A sealed.
        var sealedByA = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("from A");
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedByA));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_key_ring_is_in_the_database_and_unreadable_there_without_the_key_folder(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await app.AddUserAsync("keyholder", Roles.Analyst);
        await app.SignInFreshAsync("keyholder");

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var keys = await db.Database.SqlQueryRaw<string>("SELECT \"Xml\" AS \"Value\" FROM data_protection_keys").ToListAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("MasterKeyXmlDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("unencrypted", xml, StringComparison.Ordinal);
        });
        Assert.True(File.Exists(Path.Combine(app.KeyFolder, "data-protection.key")));

        // The authenticator key is sealed too: the database holds no base32 key a copy could use.
        var user = await db.Users.SingleAsync(u => u.UserName == "keyholder", TestContext.Current.CancellationToken);
        var stored = await db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleAsync(TestContext.Current.CancellationToken);
        var key = await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().GetAuthenticatorKeyAsync(user);
        Assert.NotNull(key);
        Assert.DoesNotContain(key!, stored!, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_json_post_made_with_the_cookie_but_without_the_antiforgery_token_changes_nothing(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var summary = $"Forged through the API {Guid.NewGuid():n}";
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
        {
            Content = JsonContent.Create(new
            {
                caseType = "conduct_matter", receivedOn = "2026-11-02", recordedOn = "2026-11-02", source = "internal", locationUnitId = "bor-lambeth",
                summary, allegations = new[] { new { category = "improper_use_of_it_systems", staffId = (string?)null } },
            }),
        };
        var refused = await handler.Http.SendAsync(forged, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("X-CSRF-TOKEN", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var decide = new HttpRequestMessage(HttpMethod.Post, "/api/cases/anything/route") { Content = JsonContent.Create(new { version = Guid.Empty, route = "local_resolution", decidedOn = "2026-11-03" }) };
        Assert.Equal(HttpStatusCode.BadRequest, (await handler.Http.SendAsync(decide, TestContext.Current.CancellationToken)).StatusCode);

        await using var scope = app.SystemScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.AnyAsync(c => c.Summary == summary, TestContext.Current.CancellationToken));
    }

    /// <summary>Another browser holding a copy of this one's session cookie.</summary>
    internal static SignedInClient CopyOfSession(ProbityApp app, SignedInClient from)
    {
        var copy = app.NewClient();
        copy.Cookies.Add(app.BaseAddress, new Cookie("probity.auth", from.Cookies.GetCookies(app.BaseAddress)["probity.auth"]!.Value, "/"));
        return copy;
    }

    /// <summary>Whether the client's cookie still opens a signed-in page (the home page), rather than the sign-in page.</summary>
    internal static async Task<bool> IsSignedInAsync(SignedInClient client)
    {
        var response = await client.Http.GetAsync("/", TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.OK) return true;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        return false;
    }
}
