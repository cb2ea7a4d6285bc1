using Probity.Identity.Contracts;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Registers.BoroughReturns;

namespace Probity.IntegrationTests;

/// <summary>
/// An adversarial review of borough scope, local handling and boroughs' monthly returns (ADR 0026), each attack as a test:
/// two first returns at the same instant, hostile uploads, refusals and probes on the trail, a borough changed behind the
/// administrator's back, a handover ended by hand, racing handovers and reassessments, and the demo force's champion.
/// Returns on the shared host are in 2002 (the demo force's are its last twelve months; BoroughReturnsTests use 2001).
/// </summary>
public sealed class AdversarialBoroughReviewTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> TokenAsync(SignedInClient client) =>
        (await client.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", Ct)).GetProperty("token").GetString()!;

    private static async Task<HttpResponseMessage> PostAsync(SignedInClient client, string path, HttpContent content, string? fileName = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", token ?? await TokenAsync(client));
        if (fileName is not null) request.Headers.Add("X-File-Name", fileName);
        return await client.Http.SendAsync(request, Ct);
    }

    private static Task<HttpResponseMessage> UploadAsync(SignedInClient client, byte[] csv, string fileName) =>
        PostAsync(client, "/api/borough-returns/upload", new ByteArrayContent(csv) { Headers = { ContentType = new("text/csv") } }, fileName);

    private static Task<HttpResponseMessage> UploadAsync(SignedInClient client, string csv, string fileName) => UploadAsync(client, Encoding.UTF8.GetBytes(csv), fileName);

    private static async Task<string> DetailAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }

    private const string Header = "borough,year,month,written_warnings,final_written_warnings,management_advice\r\n";

    private static async Task<(string Id, string Name)[]> BoroughsAsync(ProbityApp app, int skip, int take = 2)
    {
        await using var scope = app.SystemScope();
        return (await scope.ServiceProvider.GetRequiredService<ProbityDb>().Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Skip(skip).Take(take)
            .Select(u => new { u.Id, u.Name }).ToListAsync(Ct)).Select(u => (u.Id, u.Name)).ToArray();
    }

    private static async Task KeepToAsync(ProbityApp app, string user, string? borough)
    {
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
        var account = (await users.FindByNameAsync(user))!;
        account.BoroughUnitId = borough;
        Assert.True((await users.UpdateAsync(account)).Succeeded);
    }

    private static async Task<int> StoredAsync(ProbityApp app, string borough, int year, int month)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().BoroughReturns.CountAsync(r => r.BoroughUnitId == borough && r.Year == year && r.Month == month, Ct);
    }

    /// <summary>
    /// Waits (boundedly) until <paramref name="request"/> is held by the open transaction: on PostgreSQL until a session of the
    /// test's database waits on a lock; on SQLite, which cannot be asked, a moment. Either way the outcome asserted is the
    /// same (had the request come after the commit, it would find the return and answer 409 the plain way).
    /// </summary>
    private static async Task HeldAsync(ProbityApp app, ProbityDb db, Task request)
    {
        if (app.Provider == Provider.Sqlite)
        {
            await Task.WhenAny(request, Task.Delay(TimeSpan.FromSeconds(1), Ct));
            return;
        }
        await using var probe = new NpgsqlConnection(db.Database.GetConnectionString());
        await probe.OpenAsync(Ct);
        for (var i = 0; i < 400 && !request.IsCompleted; i++)
        {
            await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", probe);
            if ((long)(await waiting.ExecuteScalarAsync(Ct))! > 0) return;
            await Task.Delay(25, Ct);
        }
    }

    // Attack: two first returns for the same borough and month at the same instant (known: the second was a 500 from the
    // unique index). Now the second is a 409 naming the return, as it is a moment later, and the refusal is on the trail;
    // an upload caught the same way is refused naming its line, and writes nothing.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Two_first_returns_at_the_same_instant_give_one_return_and_a_conflict_naming_it(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var (borough, name) = (await BoroughsAsync(app, 0, 1))[0];
        var senior = await app.SignInAsync("senior");
        var token = await TokenAsync(senior);

        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var other = scope.ServiceProvider.GetRequiredService<BoroughReturnsHandler>();
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            // Another sender's first return for March, saved but not yet committed: the request's check cannot see it.
            await other.SendAsync(borough, 2002, 3, new(1, 0, 0), null, Ct);
            var request = PostAsync(senior, "/api/borough-returns", JsonContent.Create(new { borough, year = 2002, month = 3, writtenWarnings = 4, finalWrittenWarnings = 0, managementAdvice = 1 }), token: token);
            await HeldAsync(app, db, request);
            await tx.CommitAsync(Ct);
            var detail = await DetailAsync(await request, HttpStatusCode.Conflict);
            Assert.StartsWith($"{name}'s return for March 2002 was already sent on ", detail, StringComparison.Ordinal);
            Assert.EndsWith(": open it to correct it.", detail, StringComparison.Ordinal);
        }
        Assert.Equal(1, await StoredAsync(app, borough, 2002, 3));

        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var other = scope.ServiceProvider.GetRequiredService<BoroughReturnsHandler>();
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            await other.SendAsync(borough, 2002, 5, new(1, 0, 0), null, Ct);
            var csv = Header + $"{borough},2002,4,1,0,0\r\n{borough},2002,5,2,0,0\r\n";
            var request = PostAsync(senior, "/api/borough-returns/upload", new StringContent(csv, Encoding.UTF8, "text/csv"), "spring.csv", token);
            await HeldAsync(app, db, request);
            await tx.CommitAsync(Ct);
            Assert.Equal($"spring.csv, line 3, column month: {name}'s return for May 2002 is already sent; correct it on the form.", await DetailAsync(await request, HttpStatusCode.UnprocessableEntity));
        }
        Assert.Equal(0, await StoredAsync(app, borough, 2002, 4));
        Assert.Equal(1, await StoredAsync(app, borough, 2002, 5));

        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "senior" && e.Action == "borough_return_refused" && (e.Detail ?? "").Contains($"{name}'s return for March 2002 was already sent", StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Actor == "senior" && e.Action == "borough_return_refused" && (e.Detail ?? "").StartsWith("upload spring.csv: spring.csv, line 3", StringComparison.Ordinal));
        // The handler says what was tried; the API's refusal trail does not record the same attempt a second time.
        Assert.DoesNotContain(trail, e => e.Actor == "senior" && e.Action == "refused" && (e.Target ?? "").StartsWith("api:/api/borough-returns", StringComparison.Ordinal));
        Assert.DoesNotContain(trail, e => e.Actor == "senior" && e.Action == "borough_return_sent");
    }

    // Attack: hostile uploads (a year out of range blamed on the month column, duplicate months, negative and huge counts,
    // formulas, another encoding, a file far too large, another borough's rows by a champion) and a champion probing
    // another borough's return ids: each is a 422 or 404 naming what and where, nothing is written, and every refusal
    // and probe is on the trail.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Hostile_uploads_and_probes_are_refused_naming_what_and_where_and_each_is_on_the_trail(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var boroughs = await BoroughsAsync(app, 8);
        var (mine, mineName) = boroughs[0];
        var (other, otherName) = boroughs[1];
        var senior = await app.SignInAsync("senior");
        var user = "review-champion-" + provider.ToString().ToLowerInvariant();
        await app.AddUserAsync(user, Roles.BoroughChampion);
        await KeepToAsync(app, user, mine);
        var champion = await app.SignInFreshAsync(user);

        // A year out of range is the year column's fault, not the month's.
        Assert.Equal($"returns.csv, line 2, column year: Year: from 2000 to {app.Time.Today().Year}.",
            await DetailAsync(await UploadAsync(senior, Header + $"{mineName},1999,3,1,0,0\r\n", "returns.csv"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal("returns.csv, line 3, column month: March 2002 for this borough is already on line 2.",
            await DetailAsync(await UploadAsync(senior, Header + $"{mineName},2002,3,1,0,0\r\n{mine},2002,3,2,0,0\r\n", "returns.csv"), HttpStatusCode.UnprocessableEntity));
        foreach (var count in new[] { "-1", "99999999999", "10001", "1e3", "=1+1", "0x10" })
            Assert.Equal($"returns.csv, line 2, column management_advice: Management advice: a whole number from 0 to 10,000. ('{count}' given)",
                await DetailAsync(await UploadAsync(senior, Header + $"{mineName},2002,3,1,0,{count}\r\n", "returns.csv"), HttpStatusCode.UnprocessableEntity));
        // A formula for a borough is no borough.
        Assert.StartsWith("returns.csv, line 2, column borough: no borough is called '=HYPERLINK(",
            await DetailAsync(await UploadAsync(senior, Header + "\"=HYPERLINK(\"\"http://example.com\"\")\",2002,3,1,0,0\r\n", "returns.csv"), HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
        // Far too large: refused before anything is read into the store.
        var huge = Header + string.Concat(Enumerable.Repeat($"{mineName},2002,3,1,0,0\r\n", 1_100_000 / (mineName.Length + 16)));
        Assert.StartsWith("huge.csv: over 1,000 thousand characters", await DetailAsync(await UploadAsync(senior, huge, "huge.csv"), HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
        // Another encoding: UTF-16 without a byte-order mark is not read as returns (422, not a fault); bytes that are not
        // UTF-8 in a borough's name leave no such borough.
        Assert.StartsWith("utf16.csv, line 1: the header lacks",
            await DetailAsync(await UploadAsync(senior, Encoding.Unicode.GetBytes(Header + $"{mineName},2002,3,1,0,0\r\n"), "utf16.csv"), HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
        var latin = Encoding.Latin1.GetBytes(Header + "Cr\u00f6ydon,2002,3,1,0,0\r\n");
        Assert.StartsWith("latin.csv, line 2, column borough: no borough is called",
            await DetailAsync(await UploadAsync(senior, latin, "latin.csv"), HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(app, mine, 2002, 3));

        // A UTF-16 file with its byte-order mark is read as it says: written, with its file name (a formula in it stays
        // text after "upload: ", never at the start of a cell).
        var bom = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Header + $"{mineName},2002,3,1,0,2\r\n")).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(senior, bom, "=cmd.csv")).StatusCode);
        var sent = (await senior.Http.GetFromJsonAsync<JsonElement>("/api/borough-returns", Ct)).GetProperty("returns").EnumerateArray()
            .Single(r => r.GetProperty("borough").GetString() == mine && r.GetProperty("year").GetInt32() == 2002 && r.GetProperty("month").GetInt32() == 3);
        Assert.Equal("upload: =cmd.csv", sent.GetProperty("sentThrough").GetString());
        Assert.Equal(2, sent.GetProperty("managementAdvice").GetInt32());

        // A champion's file carrying another borough's row: refused at that row, naming both; their own row not written.
        var theirs = Header + $"{mineName},2002,4,1,0,0\r\n{otherName},2002,4,9,9,9\r\n";
        Assert.Equal($"theirs.csv, line 3, column borough: you send the returns of {mineName} only, not of {otherName}.",
            await DetailAsync(await UploadAsync(champion, theirs, "theirs.csv"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(0, await StoredAsync(app, mine, 2002, 4));
        Assert.Equal(0, await StoredAsync(app, other, 2002, 4));

        // Probing another borough's return by id: 404 as a missing one, and the probe is on the trail.
        var otherId = (await (await PostAsync(senior, "/api/borough-returns", JsonContent.Create(new { borough = other, year = 2002, month = 4, writtenWarnings = 1, finalWrittenWarnings = 0, managementAdvice = 0 })))
            .Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/api/borough-returns/{otherId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/registers/borough-returns?edit={otherId}", Ct)).StatusCode);

        var trail = await app.TrailAsync();
        Assert.Equal(2, trail.Count(e => e.Actor == user && e.Action == "view_missing" && e.Target == $"borough_return:{otherId}"));
        Assert.Contains(trail, e => e.Actor == user && e.Action == "borough_return_refused" && (e.Detail ?? "") == $"upload theirs.csv: theirs.csv, line 3, column borough: you send the returns of {mineName} only, not of {otherName}.");
        Assert.Contains(trail, e => e.Actor == "senior" && e.Action == "borough_return_refused" && (e.Detail ?? "").StartsWith("upload huge.csv: huge.csv: over", StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Actor == "senior" && e.Action == "borough_return_sent" && e.Target == $"borough_return:{mine}:2002-03" && (e.Detail ?? "").EndsWith("through upload: =cmd.csv", StringComparison.Ordinal));
        Assert.All(trail.Where(e => e.Action == "borough_return_refused"), e => Assert.True((e.Detail ?? "").Length <= 1001, "a refusal's detail is cut to the trail's measure"));

        // A champion whose account names no borough sends for none, told why (not "the returns of (no borough)").
        await KeepToAsync(app, user, null);
        var unscoped = await app.SignInFreshAsync(user);
        Assert.Equal("Borough: your account is kept to no borough yet, so you send no borough's returns; an administrator sets your borough.",
            await DetailAsync(await PostAsync(unscoped, "/api/borough-returns", JsonContent.Create(new { borough = mine, year = 2002, month = 5, writtenWarnings = 0, finalWrittenWarnings = 0, managementAdvice = 0 })), HttpStatusCode.UnprocessableEntity));
        Assert.Empty((await unscoped.Http.GetFromJsonAsync<JsonElement>("/api/borough-returns", Ct)).GetProperty("returns").EnumerateArray());

        // An outsider reads nothing (401), and a write without the antiforgery header (a forged cross-site post riding a
        // champion's cookie) is refused before the handler runs: nothing written.
        var outsider = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await outsider.GetAsync("/api/borough-returns", Ct)).StatusCode);
        var blind = await outsider.PostAsync("/api/borough-returns/upload", new StringContent(Header + $"{mine},2002,6,1,0,0\r\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.True(blind.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, blind.StatusCode.ToString());
        await KeepToAsync(app, user, mine);
        var forged = await (await app.SignInFreshAsync(user)).Http.PostAsync("/api/borough-returns", JsonContent.Create(new { borough = mine, year = 2002, month = 6, writtenWarnings = 0, finalWrittenWarnings = 0, managementAdvice = 0 }), Ct);
        Assert.True(forged.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, forged.StatusCode.ToString());
        Assert.Equal(0, await StoredAsync(app, mine, 2002, 6));
    }

    // Attack: a champion moved to another borough (or unscoped) by a change that did not end their sessions (made in the
    // database, or by any path but the administrator's page). Their cookie names the old borough; it no longer works.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_borough_changed_behind_the_administrators_back_ends_the_champions_sessions(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var boroughs = await BoroughsAsync(app, 10);
        var user = "moved-champion-" + provider.ToString().ToLowerInvariant();
        await app.AddUserAsync(user, Roles.BoroughChampion);
        await KeepToAsync(app, user, boroughs[0].Id);
        var before = await app.SignInFreshAsync(user);
        Assert.True(await SessionTests.IsSignedInAsync(before));
        // The champion opens their borough's return for correction (a form holding its borough and version) ...
        var senior = await app.SignInAsync("senior");
        var opened = await (await PostAsync(senior, "/api/borough-returns", JsonContent.Create(new { borough = boroughs[0].Id, year = 2002, month = 7, writtenWarnings = 3, finalWrittenWarnings = 0, managementAdvice = 0 })))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var openedVersion = (await before.Http.GetFromJsonAsync<JsonElement>($"/api/borough-returns/{opened.GetProperty("id").GetInt64()}", Ct)).GetProperty("version").GetGuid();

        async Task MoveInTheDatabaseAsync(string? borough)
        {
            await using var scope = app.SystemScope();
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            Assert.Equal(1, await db.Users.Where(u => u.UserName == user).ExecuteUpdateAsync(s => s.SetProperty(u => u.BoroughUnitId, borough), Ct));
        }
        await MoveInTheDatabaseAsync(boroughs[1].Id);
        Assert.False(await SessionTests.IsSignedInAsync(before));
        var moved = await app.SignInFreshAsync(user);
        var cases = await moved.Http.GetFromJsonAsync<JsonElement>("/api/cases", Ct);
        Assert.All(cases.GetProperty("cases").EnumerateArray(), c => Assert.Equal(boroughs[1].Name, c.GetProperty("handlingUnit").GetString()));
        // ... and sends the form opened before the move: refused naming both boroughs, the return unchanged.
        Assert.Equal($"Borough: you send the returns of {boroughs[1].Name} only, not of {boroughs[0].Name}.", await DetailAsync(await PostAsync(moved, "/api/borough-returns",
            JsonContent.Create(new { borough = boroughs[0].Id, year = 2002, month = 7, writtenWarnings = 0, finalWrittenWarnings = 0, managementAdvice = 0, version = openedVersion })), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(3, (await senior.Http.GetFromJsonAsync<JsonElement>($"/api/borough-returns/{opened.GetProperty("id").GetInt64()}", Ct)).GetProperty("writtenWarnings").GetInt32());

        // Cleared in the database: the cookie naming a borough no longer works either (a cleared champion reads nothing).
        await MoveInTheDatabaseAsync(null);
        Assert.False(await SessionTests.IsSignedInAsync(moved));
        var cleared = await app.SignInFreshAsync(user);
        Assert.Equal(0, (await cleared.Http.GetFromJsonAsync<JsonElement>("/api/cases", Ct)).GetProperty("total").GetInt32());
    }

    // Attacks on local handling: two handovers racing on one version, two reassessments racing on one version, a handover
    // ended by hand (allocated away and back), and a case whose subjects serve in two boroughs (the borough where it arose
    // takes it; the other's champion never sees it).
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Local_handling_races_on_its_version_and_an_allocation_by_hand_ends_the_handover(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var today = app.Time.Today();
        var boroughs = await BoroughsAsync(app, 0);
        var (borough, boroughName) = boroughs[0];
        var (elsewhere, _) = boroughs[1];
        string first, second;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            first = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null && s.UnitId == borough).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct);
            second = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null && s.UnitId == elsewhere).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct);
        }
        await app.AddUserAsync("champion", Roles.BoroughChampion);
        await KeepToAsync(app, "champion", borough);
        await app.AddUserAsync("other-champion", Roles.BoroughChampion);
        await KeepToAsync(app, "other-champion", elsewhere);
        // The first subject officer is also a champion of the borough (their account linked to their staff record).
        await app.AddUserAsync("subject-champion", Roles.BoroughChampion);
        await using (var scope = app.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
            var account = (await users.FindByNameAsync("subject-champion"))!;
            (account.BoroughUnitId, account.StaffId) = (borough, first);
            Assert.True((await users.UpdateAsync(account)).Succeeded);
        }
        var investigator = await app.SignInAsync("investigator");
        var champion = await app.SignInFreshAsync("champion");
        var otherChampion = await app.SignInFreshAsync("other-champion");
        async Task<Guid> VersionAsync(SignedInClient client, string id) => (await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct)).GetProperty("version").GetGuid();
        Task<HttpResponseMessage> Api(SignedInClient client, string path, object body) => PostAsync(client, path, JsonContent.Create(body));

        // Subjects serving in two boroughs; the matter arose in the first.
        var id = await NeedToKnow.CanaryForce.RecordByApiAsync(investigator, new
        {
            caseType = "conduct_matter", receivedOn = Iso(today.AddDays(-30)), recordedOn = Iso(today.AddDays(-29)), source = "internal",
            locationUnitId = borough, handlingUnitId = "dps-investigations", summary = "Two officers from two boroughs said to have ignored a call for help",
            allegations = new[] { new { category = "other_neglect_or_failure_in_duty", staffId = first }, new { category = "other_neglect_or_failure_in_duty", staffId = second } },
        });
        foreach (var staffId in new[] { first, second })
            Assert.Equal(HttpStatusCode.NoContent, (await Api(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId, severity = "misconduct", assessedOn = Iso(today.AddDays(-5)), rationale = "A lapse." })).StatusCode);

        // Two handovers on one version at once: one is made, the other is told someone changed the case.
        var version = await VersionAsync(investigator, id);
        var token = await TokenAsync(investigator);
        var handovers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => PostAsync(investigator, $"/api/cases/{id}/local-handling", JsonContent.Create(new { version, on = Iso(today) }), token: token)));
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], handovers.Select(r => r.StatusCode).Order());
        var timeline = (await investigator.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct)).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "handled_locally");
        Assert.Equal(HttpStatusCode.OK, (await champion.Http.GetAsync($"/api/cases/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherChampion.Http.GetAsync($"/api/cases/{id}", Ct)).StatusCode);
        // The champion who is its subject: the case is in their borough, and still does not exist for them, in no list,
        // count or search by their own name; nor may they be named to investigate it.
        var subject = await app.SignInFreshAsync("subject-champion");
        Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.GetAsync($"/api/cases/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.GetAsync($"/cases/{id}/local-handling", Ct)).StatusCode);
        var theirList = await subject.Http.GetFromJsonAsync<JsonElement>($"/api/cases?officer={first}", Ct);
        Assert.Equal(0, theirList.GetProperty("total").GetInt32());
        Assert.DoesNotContain(id, await subject.Http.GetStringAsync("/", Ct), StringComparison.Ordinal);
        var assignPage = await investigator.Http.GetStringAsync($"/cases/{id}/assign", Ct);
        Assert.Contains("<option value=\"champion", assignPage, StringComparison.Ordinal);
        Assert.DoesNotContain("subject-champion", assignPage, StringComparison.Ordinal);

        // Two reassessments of one officer on one version at once (2020 regime: practice requiring improvement is the
        // borough's too): one stands; the other is refused, as a conflict, or (when it read the officer's assessments just
        // after the first was saved) as already assessed so. Never both, never a fault.
        version = await VersionAsync(champion, id);
        token = await TokenAsync(champion);
        var reassessed = await Task.WhenAll(new[] { "A lapse, looked at again.", "A lapse, and a second look." }.Select(rationale => PostAsync(champion, $"/api/cases/{id}/severity",
            JsonContent.Create(new { version, staffId = first, severity = "practice_requiring_improvement", assessedOn = Iso(today), rationale }), token: token)));
        Assert.Equal(1, reassessed.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        Assert.Equal(1, reassessed.Count(r => r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity));
        var timelineAfter = (await champion.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct)).GetProperty("timeline").EnumerateArray();
        Assert.Single(timelineAfter, e => e.GetProperty("kind").GetString() == "severity_reassessed");

        // The Directorate takes it back by hand, then gives it to the borough by hand: no longer a local handover, so a
        // reassessment to gross misconduct does not send it to a unit it left long ago; the timeline says to allocate it.
        Assert.Equal(HttpStatusCode.Redirect, (await investigator.PostFormAsync($"/cases/{id}/allocate", new() { ["version"] = (await VersionAsync(investigator, id)).ToString(), ["unitId"] = "cst", ["reason"] = "Back to us" }, $"/cases/{id}/allocate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/api/cases/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await investigator.PostFormAsync($"/cases/{id}/allocate", new() { ["version"] = (await VersionAsync(investigator, id)).ToString(), ["unitId"] = borough, ["reason"] = "The borough's after all" }, $"/cases/{id}/allocate")).StatusCode);
        var gross = await Api(champion, $"/api/cases/{id}/severity", new { version = await VersionAsync(champion, id), staffId = first, severity = "gross_misconduct", assessedOn = Iso(today), rationale = "New evidence." });
        Assert.Equal(HttpStatusCode.NoContent, gross.StatusCode);
        var after = await investigator.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);
        Assert.Equal(borough, after.GetProperty("handlingUnitId").GetString());
        var entry = after.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "severity_reassessed");
        Assert.Contains($"{boroughName} was not handed the case by local handling, so it has no unit to go back to: allocate it to the Directorate", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The refusals were answers, not faults; each change is on the trail.
        var trail = await app.TrailAsync();
        Assert.Single(trail, e => e.Actor == "investigator" && e.Target == "case:" + id && (e.Detail ?? "").StartsWith("handled_locally:", StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Actor == "champion" && e.Target == "case:" + id && (e.Detail ?? "").Contains("allocate it to the Directorate", StringComparison.Ordinal));
    }

    // The known gap: a demo champion. The demo force's accounts include Camden's champion, kept to Camden: they read only
    // the cases Camden handles, and send and read only Camden's returns.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_demo_force_has_a_borough_champion_kept_to_camden(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var demo = Probity.Identity.DemoAccounts.Accounts.Single(a => a.Role == Roles.BoroughChampion);
        Assert.Equal(("camden-champion", "bor-camden"), (demo.UserName, demo.Borough));
        var champion = await app.SignInAsync("camden-champion");
        // Other tests on this host record cases as it runs: every case listed is Camden's, and Camden's are listed.
        var cases = await champion.Http.GetFromJsonAsync<JsonElement>("/api/cases", Ct);
        Assert.True(cases.GetProperty("total").GetInt32() > 0, "Camden handles cases in the demo force");
        Assert.All(cases.GetProperty("cases").EnumerateArray(), c => Assert.Equal("Camden", c.GetProperty("handlingUnit").GetString()));
        string elsewhere;
        await using (var scope = app.SystemScope())
            elsewhere = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.Where(c => c.HandlingUnitId != "bor-camden" && !c.Restricted).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/api/cases/{elsewhere}", Ct)).StatusCode);
        var returns = await champion.Http.GetFromJsonAsync<JsonElement>("/api/borough-returns", Ct);
        Assert.Equal(["bor-camden"], returns.GetProperty("returns").EnumerateArray().Select(r => r.GetProperty("borough").GetString()).Distinct());
        // No shared figure: the performance pages are not a champion's.
        var denied = await champion.Http.GetAsync("/performance", Ct);
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
