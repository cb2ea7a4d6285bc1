using Probity.Identity.Contracts;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>
/// Boroughs' monthly returns (ADR 0026) through the API and the page: one per borough per month (a second is 409, a
/// correction names its version), bad input 422 naming the field, an upload all or nothing with file, line, column and
/// why, a champion kept to their own borough (422 sending another's, 404 reading one), other roles 403, all audited.
/// Months in 2001 (the demo force's returns are its last twelve months), boroughs of their own per test.
/// </summary>
public sealed class BoroughReturnsTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> SendAsync(SignedInClient client, string path, HttpContent content, string? fileName = null)
    {
        var token = (await client.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", Ct)).GetProperty("token").GetString()!;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", token);
        if (fileName is not null) request.Headers.Add("X-File-Name", fileName);
        return await client.Http.SendAsync(request, Ct);
    }

    private static Task<HttpResponseMessage> ReturnAsync(SignedInClient client, object body) => SendAsync(client, "/api/borough-returns", JsonContent.Create(body));

    private static async Task<string> DetailAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }

    private static async Task<(string Id, string Name)[]> BoroughsAsync(ProbityApp app, int skip)
    {
        await using var scope = app.SystemScope();
        return (await scope.ServiceProvider.GetRequiredService<ProbityDb>().Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Skip(skip).Take(2)
            .Select(u => new { u.Id, u.Name }).ToListAsync(Ct)).Select(u => (u.Id, u.Name)).ToArray();
    }

    private static async Task ChampionOfAsync(ProbityApp app, string user, string borough)
    {
        await app.AddUserAsync(user, Roles.BoroughChampion);
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
        var account = (await users.FindByNameAsync(user))!;
        account.BoroughUnitId = borough;
        Assert.True((await users.UpdateAsync(account)).Succeeded);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_return_is_sent_once_a_month_corrected_under_its_version_and_refused_with_the_reason(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var boroughs = await BoroughsAsync(app, 2);
        var (mine, mineName) = boroughs[0];
        var senior = await app.SignInAsync("senior");

        var sent = await ReturnAsync(senior, new { borough = mineName, year = 2001, month = 3, writtenWarnings = 2, finalWrittenWarnings = 1, managementAdvice = 4 });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var created = await sent.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetInt64();
        var version = created.GetProperty("version").GetGuid();

        // One per borough per month: a second is a conflict that says what to do; a correction names its version.
        var twice = await ReturnAsync(senior, new { borough = mine, year = 2001, month = 3, writtenWarnings = 9, finalWrittenWarnings = 9, managementAdvice = 9 });
        Assert.Contains($"{mineName}'s return for March 2001 was already sent", await DetailAsync(twice, HttpStatusCode.Conflict), StringComparison.Ordinal);
        var corrected = await ReturnAsync(senior, new { borough = mine, year = 2001, month = 3, writtenWarnings = 3, finalWrittenWarnings = 1, managementAdvice = 4, version });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var stale = await ReturnAsync(senior, new { borough = mine, year = 2001, month = 3, writtenWarnings = 5, finalWrittenWarnings = 1, managementAdvice = 4, version });
        Assert.Contains("changed by someone else", await DetailAsync(stale, HttpStatusCode.Conflict), StringComparison.Ordinal);
        var stored = await senior.Http.GetFromJsonAsync<JsonElement>($"/api/borough-returns/{id}", Ct);
        Assert.Equal(3, stored.GetProperty("writtenWarnings").GetInt32());

        // Bad input: 422 naming the field.
        Assert.Equal("Month: from 1 to 12.", await DetailAsync(await ReturnAsync(senior, new { borough = mine, year = 2001, month = 13, writtenWarnings = 0, finalWrittenWarnings = 0, managementAdvice = 0 }), HttpStatusCode.UnprocessableEntity));
        Assert.Equal("Written warnings: a whole number from 0 to 10,000.", await DetailAsync(await ReturnAsync(senior, new { borough = mine, year = 2001, month = 4, writtenWarnings = -1, finalWrittenWarnings = 0, managementAdvice = 0 }), HttpStatusCode.UnprocessableEntity));
        Assert.StartsWith("Borough: no borough is called 'Atlantis'", await DetailAsync(await ReturnAsync(senior, new { borough = "Atlantis", year = 2001, month = 4, writtenWarnings = 0, finalWrittenWarnings = 0, managementAdvice = 0 }), HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
        Assert.StartsWith("Year: from 2000 to ", await DetailAsync(await ReturnAsync(senior, new { borough = mine, year = app.Time.GetUtcNow().Year + 1, month = 1, writtenWarnings = 0, finalWrittenWarnings = 0, managementAdvice = 0 }), HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);

        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "senior" && e.Action == "borough_return_sent" && e.Target == $"borough_return:{mine}:2001-03" && e.Detail!.StartsWith("written warnings 2; final written warnings 1; management advice 4", StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Actor == "senior" && e.Action == "borough_return_corrected" && e.Target == $"borough_return:{mine}:2001-03" && e.Detail!.StartsWith("written warnings 3;", StringComparison.Ordinal));

        // This month's return too: the trend then has a point in its last twelve months.
        var now = app.Time.GetUtcNow();
        Assert.Equal(HttpStatusCode.Created, (await ReturnAsync(senior, new { borough = mine, year = now.Year, month = now.Month, writtenWarnings = 1, finalWrittenWarnings = 0, managementAdvice = 2 })).StatusCode);
        // The page lists it, with a trend per borough and the boroughs that have not sent this month's.
        var page = WebUtility.HtmlDecode(await senior.Http.GetStringAsync("/registers/borough-returns", Ct));
        Assert.Contains($"data-borough=\"{mine}\" data-month=\"2001-03\"", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"spark\"", page, StringComparison.Ordinal);
        var notSent = (await senior.Http.GetFromJsonAsync<JsonElement>("/api/borough-returns", Ct)).GetProperty("notSent").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.DoesNotContain(mine, notSent);
        Assert.Contains(boroughs[1].Id, notSent);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_borough_champion_sends_and_reads_their_own_boroughs_returns_only(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var boroughs = await BoroughsAsync(app, 4);
        var (mine, mineName) = boroughs[0];
        var (other, otherName) = boroughs[1];
        var user = "returns-champion-" + provider.ToString().ToLowerInvariant();
        await ChampionOfAsync(app, user, mine);
        var champion = await app.SignInFreshAsync(user);
        var senior = await app.SignInAsync("senior");

        Assert.Equal(HttpStatusCode.Created, (await ReturnAsync(champion, new { borough = mineName, year = 2001, month = 5, writtenWarnings = 1, finalWrittenWarnings = 0, managementAdvice = 3 })).StatusCode);
        var refused = await ReturnAsync(champion, new { borough = otherName, year = 2001, month = 5, writtenWarnings = 1, finalWrittenWarnings = 0, managementAdvice = 3 });
        Assert.Equal($"Borough: you send the returns of {mineName} only, not of {otherName}.", await DetailAsync(refused, HttpStatusCode.UnprocessableEntity));
        var theirs = await ReturnAsync(senior, new { borough = other, year = 2001, month = 5, writtenWarnings = 7, finalWrittenWarnings = 2, managementAdvice = 1 });
        var theirsId = (await theirs.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();

        // Reading: the champion's list holds their borough's returns only; another borough's return is a 404, as a missing one.
        var list = await champion.Http.GetFromJsonAsync<JsonElement>("/api/borough-returns", Ct);
        var listed = list.GetProperty("returns").EnumerateArray().Select(r => r.GetProperty("borough").GetString()).Distinct().ToList();
        Assert.Equal([mine], listed);
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/api/borough-returns/{theirsId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/api/borough-returns/{theirsId + 1_000_000}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/registers/borough-returns?edit={theirsId}", Ct)).StatusCode);
        var page = WebUtility.HtmlDecode(await champion.Http.GetStringAsync("/registers/borough-returns", Ct));
        Assert.DoesNotContain(otherName, page, StringComparison.Ordinal);
        Assert.Contains(mineName, page, StringComparison.Ordinal);
        // Correcting another borough's return by its version: as missing (it does not exist for them), nothing changes.
        var theirsVersion = (await senior.Http.GetFromJsonAsync<JsonElement>($"/api/borough-returns/{theirsId}", Ct)).GetProperty("version").GetGuid();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ReturnAsync(champion, new { borough = other, year = 2001, month = 5, writtenWarnings = 0, finalWrittenWarnings = 0, managementAdvice = 0, version = theirsVersion })).StatusCode);
        Assert.Equal(7, (await senior.Http.GetFromJsonAsync<JsonElement>($"/api/borough-returns/{theirsId}", Ct)).GetProperty("writtenWarnings").GetInt32());

        // Roles without the policy: 403 on the API, the denied page on the page.
        foreach (var reader in new[] { "analyst", "handler", "oversight" })
        {
            var client = await app.SignInAsync(reader);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/api/borough-returns", Ct)).StatusCode);
            var denied = await client.Http.GetAsync("/registers/borough-returns", Ct);
            Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_upload_writes_every_return_or_none_naming_file_line_column_and_why(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var boroughs = await BoroughsAsync(app, 6);
        var (a, aName) = boroughs[0];
        var (b, bName) = boroughs[1];
        var senior = await app.SignInAsync("senior");
        async Task<int> StoredAsync()
        {
            await using var scope = app.SystemScope();
            return await scope.ServiceProvider.GetRequiredService<ProbityDb>().BoroughReturns.CountAsync(r => (r.BoroughUnitId == a || r.BoroughUnitId == b) && r.Year == 2001 && r.Month >= 6, Ct);
        }

        var bad = $"borough,year,month,written_warnings,final_written_warnings,management_advice\r\n\"{aName}\",2001,6,1,0,2\r\n\"{bName}\",2001,6,2,1,3\r\n\"{aName}\",2001,7,x,0,2\r\n";
        var refused = await SendAsync(senior, "/api/borough-returns/upload", new StringContent(bad, Encoding.UTF8, "text/csv"), "june-returns.csv");
        Assert.Equal("june-returns.csv, line 4, column written_warnings: Written warnings: a whole number from 0 to 10,000. ('x' given)", await DetailAsync(refused, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(0, await StoredAsync());
        var month = await SendAsync(senior, "/api/borough-returns/upload", new StringContent(bad.Replace(",2001,7,x,", ",2001,13,1,", StringComparison.Ordinal), Encoding.UTF8, "text/csv"), "june-returns.csv");
        Assert.Equal("june-returns.csv, line 4, column month: Month: from 1 to 12.", await DetailAsync(month, HttpStatusCode.UnprocessableEntity));
        var header = await SendAsync(senior, "/api/borough-returns/upload", new StringContent("borough,year,month\r\n", Encoding.UTF8, "text/csv"), "short.csv");
        Assert.Equal("short.csv, line 1: the header lacks written_warnings, final_written_warnings, management_advice.", await DetailAsync(header, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(0, await StoredAsync());

        // A good file, through the page's upload as a person does it: all its returns written, each on the trail.
        var good = bad.Replace(",2001,7,x,", ",2001,7,0,", StringComparison.Ordinal);
        var token = await senior.GetFormTokenAsync("/registers/borough-returns");
        using (var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } })
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(good));
            file.Headers.ContentType = new("text/csv");
            form.Add(file, "file", "june-returns.csv");
            var uploaded = await senior.Http.PostAsync("/registers/borough-returns?handler=Upload", form, Ct);
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
            var shown = await senior.Http.GetStringAsync("/registers/borough-returns", Ct);
            Assert.Contains("Uploaded 3 returns from june-returns.csv", WebUtility.HtmlDecode(shown), StringComparison.Ordinal);
        }
        Assert.Equal(3, await StoredAsync());
        Assert.Contains(await app.TrailAsync(), e => e.Action == "borough_return_sent" && e.Target == $"borough_return:{b}:2001-06" && e.Detail!.EndsWith("through upload: june-returns.csv", StringComparison.Ordinal));

        // The same months again: refused (corrections are made on the form), naming the line; nothing more written.
        var again = await SendAsync(senior, "/api/borough-returns/upload", new StringContent(good, Encoding.UTF8, "text/csv"), "june-returns.csv");
        Assert.Contains("june-returns.csv, line 2, column month:", await DetailAsync(again, HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
        Assert.Equal(3, await StoredAsync());
    }
}
