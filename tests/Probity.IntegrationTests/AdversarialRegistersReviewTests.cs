using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using Probity.Database;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// An adversarial review of the registers merged with issue 16 (gold groups, dip samples) and related cases, through
/// real HTTP: what an FOI requester, an oversight member checking a sample, or a database administrator would notice.
/// </summary>
public sealed partial class AdversarialRegistersReviewTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The FOI requester reads the export: an outside member must not be named by a short surname, an apostrophe typed
    /// differently, a plural or possessive, nor in a member's role or an organisation named after them.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_gold_group_FOI_export_withholds_an_outside_members_name_in_roles_organisations_short_surnames_other_apostrophes_and_plurals(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var group = await OpenGroupAsync(app, senior);
        var url = $"/registers/gold/{group}";
        // Outside members are lettered in the order they joined: a day apart, so A, B and C are the same on every database.
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Member", new() { ["name"] = "Wei Ng", ["organisation"] = "Borough Independent Advisory Group", ["role"] = "Community representative", ["joinedOn"] = CanaryForce.Iso(app.Time.Today().AddDays(-3)) }),
            ("Member", new() { ["name"] = "Siobhan O'Brien", ["organisation"] = "O’Brien Family Support", ["role"] = "Advocate for the Okaforas", ["joinedOn"] = CanaryForce.Iso(app.Time.Today().AddDays(-2)) }),
            ("Member", new() { ["name"] = "Ada Okafora", ["organisation"] = "Faith leaders' forum", ["role"] = "Liaison with Mr Ng's neighbours", ["joinedOn"] = CanaryForce.Iso(app.Time.Today().AddDays(-1)) }),
            ("Minutes", new() { ["minutes"] = "Mr Ng said the estate was tense. Ms O’Brien asked for the IOPC. The Okaforas' home was visited; the Okafora family were told." }),
            ("Decision", new() { ["decidedBy"] = await ChairAsync(app), ["decision"] = "Meet the Okaforas weekly", ["rationale"] = "Ng asked for it" }),
        })
        {
            var posted = await senior.PostFormAsync($"{url}?handler={handler}", fields, url);
            Assert.Equal(url, posted.Headers.Location!.OriginalString);
            Assert.DoesNotContain("role=\"alert\"", await senior.Http.GetStringAsync(url, Ct), StringComparison.Ordinal);
        }
        var foi = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"{url}/foi", Ct));
        var body = foi[foi.IndexOf("<main", StringComparison.Ordinal)..];
        foreach (var leak in new[] { @"\bNg\b", "Brien", "Okafora" })
            Assert.False(Regex.IsMatch(body, leak, RegexOptions.IgnoreCase), $"the FOI export still names '{leak}': {Regex.Match(body, ".{0,60}" + leak + ".{0,60}", RegexOptions.IgnoreCase).Value}");
        Assert.Contains("Outside member A said the estate was tense", body, StringComparison.Ordinal);
        Assert.Contains("Liaison with Mr Outside member A", body, StringComparison.Ordinal);
        // What identifies nobody stays: the organisations and roles, the words around the names.
        Assert.Contains("Borough Independent Advisory Group", body, StringComparison.Ordinal);
        Assert.Contains("Community representative", body, StringComparison.Ordinal);
        Assert.Contains("asked for the IOPC", body, StringComparison.Ordinal);
        Assert.Contains("Faith leaders' forum", body, StringComparison.Ordinal);
    }

    /// <summary>
    /// A sampled case restricted after the draw leaves the sample for readers outside it, and the check that redraws from
    /// the recorded seed must still say the sample is the seed's: otherwise an honest sample looks altered (and the check
    /// tells its reader a case was restricted).
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_dip_sample_still_checks_as_the_seeds_after_one_of_its_cases_is_restricted(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var (day, cases) = await DipSamplingAndServiceConfidenceTests.FinalisedOnAFreeDayAsync(app, 4);
        var oversight = await app.SignInAsync("oversight");
        var sample = await DipSamplingAndServiceConfidenceTests.DrawAsync(oversight, day, day, 2, seed: 11);
        var sampled = DipSamplingAndServiceConfidenceTests.CaseLinks(await oversight.Http.GetStringAsync($"/registers/dip-samples/{sample}", Ct));
        Assert.Equal(2, sampled.Count);
        Assert.Subset(cases.ToHashSet(), sampled.ToHashSet());
        var check = await oversight.Http.GetStringAsync($"/registers/dip-samples/{sample}?check=true", Ct);
        Assert.StartsWith("Redrawn from seed 11: the same 2 cases", SignedInClient.TestId(check, "dip-check"), StringComparison.Ordinal);

        await DipSamplingAndServiceConfidenceTests.SetRestrictedAsync(app, sampled[0], true);
        check = await oversight.Http.GetStringAsync($"/registers/dip-samples/{sample}?check=true", Ct);
        Assert.DoesNotContain(sampled[0], check, StringComparison.Ordinal);
        Assert.StartsWith("Redrawn from seed 11: the same", SignedInClient.TestId(check, "dip-check"), StringComparison.Ordinal);

        // A database administrator who deletes a sampled case's row (one nobody could see) is still caught.
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            db.DipSampleCases.Remove(await db.DipSampleCases.SingleAsync(d => d.SampleId == sample && d.CaseId == sampled[1], Ct));
            scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "dip_sample:" + sample, "a sampled case deleted");
            await db.SaveChangesAsync(Ct);
        }
        check = await oversight.Http.GetStringAsync($"/registers/dip-samples/{sample}?check=true", Ct);
        Assert.Contains("the sample differs", SignedInClient.TestId(check, "dip-check"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A stood-down gold group's record is closed (no member, decision, action or minutes added), so its FOI answer stays
    /// true; an action's state could still be moved on it, from a form left open or replayed.
    /// </summary>
    [Fact]
    public async Task An_action_of_a_stood_down_gold_group_is_not_moved_on()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var senior = await app.SignInAsync("senior");
        var group = await OpenGroupAsync(app, senior);
        var url = $"/registers/gold/{group}";
        await senior.PostFormAsync($"{url}?handler=Action", new() { ["action"] = "Open a community hotline", ["owner"] = await ChairAsync(app), ["dueOn"] = CanaryForce.Iso(app.Time.Today().AddDays(7)) }, url);
        var page = await senior.Http.GetStringAsync(url, Ct);
        var actionId = Regex.Match(page, "name=\"actionId\" value=\"([^\"]+)\"").Groups[1].Value;
        var actionVersion = Regex.Match(page, "name=\"actionId\" value=\"[^\"]+\">\\s*<input type=\"hidden\" name=\"version\" value=\"([^\"]+)\"").Groups[1].Value;
        var groupVersion = Regex.Match(page, "data-testid=\"gold-close\"[^>]*>\\s*<input type=\"hidden\" name=\"version\" value=\"([^\"]+)\"").Groups[1].Value;
        await senior.PostFormAsync($"{url}?handler=Close", new() { ["version"] = groupVersion, ["note"] = "Tension subsided" }, url);

        var moved = await senior.PostFormAsync($"{url}?handler=Move", new() { ["actionId"] = actionId, ["version"] = actionVersion, ["state"] = "dropped", ["note"] = "Quietly dropped" }, url);
        var after = await senior.Http.GetStringAsync(moved.Headers.Location?.OriginalString ?? url, Ct);
        Assert.Contains("its record is closed", SignedInClient.Alert(after), StringComparison.Ordinal);
        Assert.StartsWith("Open", SignedInClient.TestId(after, "action-state"), StringComparison.Ordinal);
        Assert.DoesNotContain("Quietly dropped", after, StringComparison.Ordinal);
    }

    private static async Task<string> ChairAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer").OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct);
    }

    private static async Task<string> OpenGroupAsync(ProbityApp app, SignedInClient senior)
    {
        var opened = await senior.PostFormAsync("/registers/gold?handler=Open", new()
        {
            ["incident"] = $"Review incident {Guid.NewGuid().ToString("n")[..6]}", ["description"] = "Declared critical by the duty officer",
            ["triggeredOn"] = CanaryForce.Iso(app.Time.Today().AddDays(-3)), ["chair"] = await ChairAsync(app),
        }, "/registers/gold");
        var location = opened.Headers.Location?.OriginalString ?? "";
        Assert.True(location.StartsWith("/registers/gold/GG-", StringComparison.Ordinal), $"opening a gold group answered {opened.StatusCode} {location}");
        return location["/registers/gold/".Length..];
    }
}
