using Probity.Identity.Contracts;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Identity;
using Probity.Infrastructure.Time;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// Attacks on the Risk Identification Unit's pages by people inside the directorate: an analyst who is themself the
/// subject of a case, and an analyst who may read flags but not the Persons of Concern register.
/// </summary>
public sealed class RiskNeedToKnowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_location_flag_never_shows_its_reader_the_id_of_a_case_about_themself()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        var today = app.Time.Today();
        string borough, self, other;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            borough = await db.Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(Ct);
            var officers = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync(Ct);
            (self, other) = (officers[0], officers[1]);
            // An analyst in the unit who is also an officer on the force's books (made as `probity users add` makes them).
            var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync("self-analyst", "Self-subject analyst", Roles.Analyst, null, ProbityApp.Password);
            user.StaffId = self;
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
        }

        // Three recent information-misuse allegations in one borough (nothing there in the six months before): a rising
        // location flag whose evidence is the three cases. One of them is about the analyst.
        var senior = await app.SignInAsync("senior");
        async Task<string> Record(string staffId, int daysAgo, string category = "improper_use_of_it_systems") => await CanaryForce.RecordByApiAsync(senior, new
        {
            caseType = "conduct_matter", receivedOn = CanaryForce.Iso(today.AddDays(-daysAgo)), recordedOn = CanaryForce.Iso(today.AddDays(-daysAgo + 1)), source = "internal",
            locationUnitId = borough, handlingUnitId = "cst", summary = "Searched intelligence systems without a policing purpose",
            allegations = new[] { new { category, staffId } },
        });
        var aboutSelf = await Record(self, 30);
        var aboutOther = await Record(other, 40);
        var alsoOther = await Record(other, 50);
        // Two more about the analyst (not misuse): they head the risk ranking.
        await Record(self, 60, "oppressive_conduct_or_harassment");
        await Record(self, 70, "oppressive_conduct_or_harassment");

        var analyst = await app.SignInAsync("self-analyst");
        var page = "";
        // The flags are computed from a snapshot refreshed in the background after a change: wait for the new cases.
        for (var i = 0; i < 120 && !page.Contains(aboutOther, StringComparison.Ordinal); i++)
        {
            if (i > 0) await Task.Delay(500, Ct);
            page = await analyst.Http.GetStringAsync($"/risk?subject=location&rule=location_rising_misuse&q={borough}", Ct);
        }
        Assert.Contains(aboutOther, page, StringComparison.Ordinal);
        Assert.Contains(alsoOther, page, StringComparison.Ordinal);
        // The case about the reader does not exist for them: its id must not appear as evidence (or anywhere).
        Assert.DoesNotContain(aboutSelf, page, StringComparison.Ordinal);

        // Another analyst sees all three.
        var colleague = await app.SignInAsync("analyst");
        Assert.Contains(aboutSelf, await colleague.Http.GetStringAsync($"/risk?subject=location&rule=location_rising_misuse&q={borough}", Ct), StringComparison.Ordinal);

        // The meeting puts the other officer on the watch list, its notes quoting the case about the analyst. The
        // watch-list flag quotes the notes, and the follow-up lists them: neither may show the analyst that case's id.
        var followUp = today.AddDays(7);
        var decided = await senior.PostFormAsync("/risk/meeting?handler=Decide", new()
        {
            ["subject"] = "officer", ["subjectId"] = other, ["ruleId"] = "location_rising_misuse", ["decision"] = "watch_list", ["on"] = CanaryForce.Iso(today),
            ["notes"] = $"Named alongside the subject of {aboutSelf}; watch for searches on the same nominals", ["followUpOn"] = CanaryForce.Iso(followUp),
        }, $"/risk/meeting?on={CanaryForce.Iso(today)}");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var watch = "";
        for (var i = 0; i < 120 && !watch.Contains("on the watch list since", StringComparison.Ordinal); i++)
        {
            if (i > 0) await Task.Delay(500, Ct);
            watch = await analyst.Http.GetStringAsync($"/risk?rule=watch_list&q={other}", Ct);
        }
        Assert.Contains("watch for searches on the same nominals", watch, StringComparison.Ordinal);
        Assert.DoesNotContain(aboutSelf, watch, StringComparison.Ordinal);
        Assert.Contains(aboutSelf, await colleague.Http.GetStringAsync($"/risk?rule=watch_list&q={other}", Ct), StringComparison.Ordinal);
        var agenda = await analyst.Http.GetStringAsync($"/risk/meeting?on={CanaryForce.Iso(followUp)}", Ct);
        Assert.Contains("watch for searches on the same nominals", agenda, StringComparison.Ordinal);
        Assert.DoesNotContain(aboutSelf, agenda, StringComparison.Ordinal);
        var profile = await analyst.Http.GetStringAsync($"/officers/{other}", Ct);
        Assert.Contains("data-testid=\"officer-flags\"", profile, StringComparison.Ordinal);
        Assert.DoesNotContain(aboutSelf, profile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_risk_ranking_never_shows_its_reader_their_own_place_by_a_gap()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        var today = app.Time.Today();
        string self, borough;
        List<string> others;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            borough = await db.Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(Ct);
            var serving = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Select(s => s.Id).Take(3).ToListAsync(Ct);
            (self, others) = (serving[0], serving[1..]);
            var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync("self-analyst", "Self-subject analyst", Roles.Analyst, null, ProbityApp.Password);
            user.StaffId = self;
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
        }
        // Four recent complaints about the analyst, one about each of two colleagues: the analyst is near the top of any
        // ranking (the flags page never shows them so), with officers placed after them.
        var senior = await app.SignInAsync("senior");
        foreach (var (staffId, i) in new[] { self, self, self, self, others[0], others[1] }.Select((s, i) => (s, i)))
            await CanaryForce.RecordByApiAsync(senior, new
            {
                caseType = "public_complaint", receivedOn = CanaryForce.Iso(today.AddDays(-20 - 10 * i)), recordedOn = CanaryForce.Iso(today.AddDays(-19 - 10 * i)), source = "public",
                locationUnitId = borough, handlingUnitId = "cst", summary = "Said to have pushed a complainant at a roadside stop",
                allegations = new[] { new { category = "oppressive_conduct_or_harassment", staffId } },
            });

        var colleague = await app.SignInAsync("analyst");
        var theirs = "";
        // Trained in the background; wait for a ranking that has seen the new complaints (it names the analyst).
        for (var i = 0; i < 600 && !System.Text.RegularExpressions.Regex.IsMatch(theirs, $"<td>\\d+</td>\\s*<td><a href=\"/officers/{self}\""); i++)
        {
            if (i > 0) await Task.Delay(500, Ct);
            theirs = await colleague.Http.GetStringAsync("/risk/model", Ct);
        }
        var place = int.Parse(System.Text.RegularExpressions.Regex.Match(theirs, $"<td>(\\d+)</td>\\s*<td><a href=\"/officers/{self}\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(place, 1, 99);

        var analyst = await app.SignInAsync("self-analyst");
        var mine = await analyst.Http.GetStringAsync("/risk/model", Ct);
        Assert.DoesNotContain($"/officers/{self}\"", mine, StringComparison.Ordinal);
        // The places run 1, 2, 3 ... with no gap where the reader would be.
        var places = System.Text.RegularExpressions.Regex.Matches(mine, "<tr>\\s*<td>(\\d+)</td>\\s*<td><a href=\"/officers/").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(places.Count > place, $"the ranking should list officers past place {place}");
        Assert.Equal(Enumerable.Range(1, places.Count), places);
    }

    [Fact]
    public async Task A_meeting_decision_names_a_trigger_that_exists_and_a_follow_up_date_in_the_calendar()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        var senior = await app.SignInAsync("senior");
        var today = CanaryForce.Iso(app.Time.Today());
        string officer;
        await using (var scope = app.SystemScope())
            officer = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer").OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct);
        async Task<string> Decide(string ruleId, string followUpOn)
        {
            var posted = await senior.PostFormAsync("/risk/meeting?handler=Decide", new()
            {
                ["subject"] = "officer", ["subjectId"] = officer, ["ruleId"] = ruleId, ["decision"] = "training", ["notes"] = "Course on data protection",
                ["followUpOn"] = followUpOn, ["on"] = today,
            }, $"/risk/meeting?on={today}");
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            return await senior.Http.GetStringAsync(posted.Headers.Location!.OriginalString, Ct);
        }
        Assert.Contains("There is no trigger &#x27;no_such_trigger&#x27;.", await Decide("no_such_trigger", CanaryForce.Iso(app.Time.Today().AddDays(30))), StringComparison.Ordinal);
        Assert.Contains("follow-up date", await Decide("complaints_12m", "2999-01-01"), StringComparison.Ordinal);
        await using (var scope = app.SystemScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<ProbityDb>().RiskInterventions.AnyAsync(Ct));
    }

    [Fact]
    public async Task The_meeting_pack_lists_register_reviews_only_to_those_who_may_open_the_register()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        var investigator = await app.SignInAsync("investigator");
        var reviewOn = app.Time.Today().AddDays(7);
        var added = await investigator.PostFormAsync("/risk/concerns?handler=Add", new()
        {
            ["category"] = "i", ["personDescription"] = "Associate of an organised crime group", ["reviewOn"] = CanaryForce.Iso(reviewOn),
            ["rationale"] = "Intelligence graded B2 that the person has approached two officers offering payment for information.",
        }, "/risk/concerns");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        string entry;
        await using (var scope = app.SystemScope())
            entry = await scope.ServiceProvider.GetRequiredService<ProbityDb>().PersonsOfConcern.Where(p => p.PersonDescription == "Associate of an organised crime group").Select(p => p.Id).SingleAsync(Ct);

        var on = CanaryForce.Iso(app.Time.Today());
        Assert.Contains(entry, await investigator.Http.GetStringAsync($"/risk/meeting?on={on}", Ct), StringComparison.Ordinal);

        // An analyst reads flags and the agenda but is refused the register: the agenda must not list its entries either.
        var analyst = await app.SignInAsync("analyst");
        var denied = await analyst.Http.GetAsync("/risk/concerns", Ct);
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var agenda = await analyst.Http.GetStringAsync($"/risk/meeting?on={on}", Ct);
        Assert.Contains("data-testid=\"agenda-flags\"", agenda, StringComparison.Ordinal);
        Assert.DoesNotContain(entry, agenda, StringComparison.Ordinal);
        Assert.DoesNotContain("Register reviews due", agenda, StringComparison.Ordinal);
    }
}
