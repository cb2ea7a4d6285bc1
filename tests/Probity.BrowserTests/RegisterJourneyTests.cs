using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Probity.Database;
using static Microsoft.Playwright.Assertions;

namespace Probity.BrowserTests;

/// <summary>
/// Each register's main journey as its owner walks it in a real browser (issue 16): the senior manager who keeps the
/// registers records, decides, reviews and closes through the pages, and reads the result back where a reader would.
/// </summary>
public sealed class RegisterJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_business_interest_is_applied_for_refused_and_found_continuing_and_the_register_puts_it_first()
    {
        var (staffName, _) = await StaffWithAUniqueNameAsync(skip: 0);
        var page = await app.SignInAsync("senior");
        try
        {
            await page.GotoAsync("/registers/interests");
            var form = page.GetByTestId("record-interest");
            await form.GetByLabel("Member of staff (full name or staff id)").FillAsync(staffName);
            await form.GetByLabel("Type of interest").SelectOptionAsync(new SelectOptionValue { Index = 0 });
            await form.GetByLabel("Description", new() { Exact = true }).FillAsync("Browser test: door supervision at a nightclub on rest days.");
            await form.GetByRole(AriaRole.Button, new() { Name = "Record the application" }).ClickAsync();
            await Expect(page.GetByTestId("interest-state")).ToHaveTextAsync("Awaiting a decision");

            var decide = page.GetByTestId("decide-interest");
            await decide.GetByLabel("Decision", new() { Exact = true }).SelectOptionAsync("refused");
            await decide.GetByLabel("Reasons", new() { Exact = true }).FillAsync("Licensed premises in the officer's own borough: a conflict with licensing enforcement.");
            await decide.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
            await Expect(page.GetByTestId("decision")).ToContainTextAsync("Refused");

            var continuing = page.GetByTestId("continuing-interest");
            await continuing.GetByLabel("How it was found").FillAsync("Seen working the door by a licensing officer.");
            await continuing.GetByRole(AriaRole.Button, new() { Name = "Record it" }).ClickAsync();
            await Expect(page.GetByTestId("continuing")).ToBeVisibleAsync();
            var entry = page.Url;

            // The register's default view, needing attention, lists it as continuing after refusal, and those come first.
            await page.GotoAsync("/registers/interests");
            await Expect(page.GetByTestId("interests").Locator("tbody tr").First).ToContainTextAsync("Continuing after refusal");
            var row = page.GetByTestId("interests").Locator("tbody tr", new() { HasText = staffName });
            await Expect(row).ToContainTextAsync("Continuing after refusal");
            await row.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page.GetByTestId("continuing")).ToBeVisibleAsync();
            Assert.Equal(entry, page.Url);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_post_needing_higher_vetting_shows_below_requirement_until_its_holder_is_cleared()
    {
        var (holderName, unitName) = await StaffWithAUniqueNameAsync(skip: 1);
        var page = await app.SignInAsync("senior");
        try
        {
            await page.GotoAsync("/registers/vetting?unit=" + Uri.EscapeDataString(unitName));
            var post = page.GetByTestId("add-post");
            await post.GetByLabel("Post", new() { Exact = true }).FillAsync("Browser test: covert source handler");
            await post.GetByLabel("Level required").SelectOptionAsync("dv");
            await post.GetByLabel("Holder (full name or staff id; empty for vacant)").FillAsync(holderName);
            await post.GetByRole(AriaRole.Button, new() { Name = "Add the post" }).ClickAsync();
            var row = page.GetByTestId("vetting-posts").Locator("tr", new() { HasText = "Browser test: covert source handler" });
            await Expect(row).ToContainTextAsync("Below requirement");

            var clearance = page.GetByTestId("record-clearance");
            await clearance.GetByLabel("Person vetted (full name or staff id)").FillAsync(holderName);
            await clearance.GetByLabel("Level", new() { Exact = true }).SelectOptionAsync("dv");
            await clearance.GetByLabel("Outcome", new() { Exact = true }).SelectOptionAsync("granted");
            await clearance.GetByRole(AriaRole.Button, new() { Name = "Record the clearance" }).ClickAsync();
            row = page.GetByTestId("vetting-posts").Locator("tr", new() { HasText = "Browser test: covert source handler" });
            await Expect(row).Not.ToContainTextAsync("Below requirement");
            await Expect(row).ToContainTextAsync(holderName);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_recommendation_is_recorded_progressed_disseminated_and_closed_with_its_evidence()
    {
        var (_, unitName) = await StaffWithAUniqueNameAsync(skip: 2);
        var page = await app.SignInAsync("senior");
        try
        {
            await page.GotoAsync("/registers/learning");
            var form = page.GetByTestId("record-learning");
            await form.GetByLabel("Where it came from").SelectOptionAsync("coroner_report");
            await form.GetByLabel("Recommendation").FillAsync("Browser test: cell checks every thirty minutes for detainees in drink.");
            await form.GetByLabel("Owner unit (type its name)").FillAsync(unitName);
            await form.GetByLabel("Action", new() { Exact = true }).FillAsync("Custody sergeants briefed; checks logged on the custody record.");
            await form.GetByLabel("or due in working days from when it was made").FillAsync("20");
            await form.GetByRole(AriaRole.Button, new() { Name = "Record the recommendation" }).ClickAsync();
            await Expect(page.GetByTestId("learning-text")).ToContainTextAsync("cell checks every thirty minutes");
            await Expect(page.GetByTestId("learning-owner")).ToContainTextAsync(unitName);

            var progress = page.GetByTestId("learning-progress-form");
            await progress.GetByLabel("What was done").FillAsync("Briefing delivered to all custody sergeants.");
            await progress.GetByRole(AriaRole.Button, new() { Name = "Record progress" }).ClickAsync();
            await Expect(page.GetByTestId("learning-progress")).ToContainTextAsync("Briefing delivered to all custody sergeants.");

            var close = page.GetByTestId("learning-close");
            await close.GetByLabel("Evidence the action was done").FillAsync("Custody audit: checks logged on every record sampled.");
            await close.GetByRole(AriaRole.Button, new() { Name = "Close the recommendation" }).ClickAsync();
            await Expect(page.GetByTestId("learning-closed")).ToContainTextAsync("Custody audit: checks logged on every record sampled.");
            await Expect(page.GetByTestId("learning-close")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_borough_risk_is_raised_reviewed_upwards_and_escalated_and_the_heat_map_counts_it()
    {
        var unitName = await BoroughNameAsync();
        var page = await app.SignInAsync("senior");
        try
        {
            await page.GotoAsync("/registers/risks");
            var form = page.GetByTestId("raise-risk");
            await form.GetByLabel("Register", new() { Exact = true }).SelectOptionAsync("borough");
            await form.GetByLabel("Business group or borough (empty for the corporate register)").FillAsync(unitName);
            await form.GetByLabel("Risk", new() { Exact = true }).FillAsync("Browser test: seized cash stored outside the property store");
            await form.GetByLabel("Owner (post or name)").FillAsync("Borough commander");
            await form.GetByLabel("Cause", new() { Exact = true }).FillAsync("Property store full at weekends.");
            await form.GetByLabel("Effect", new() { Exact = true }).FillAsync("Theft from police premises; lost evidence.");
            await form.GetByLabel("Likelihood", new() { Exact = true }).SelectOptionAsync("2");
            await form.GetByLabel("Impact", new() { Exact = true }).SelectOptionAsync("3");
            await form.GetByRole(AriaRole.Button, new() { Name = "Raise the risk" }).ClickAsync();
            await Expect(page.GetByTestId("risk-rating")).ToContainTextAsync("6");
            await Expect(page.GetByTestId("risk-register")).ToContainTextAsync(unitName);

            var review = page.GetByTestId("review-risk");
            await review.GetByLabel("Likelihood now").SelectOptionAsync("5");
            await review.GetByLabel("Impact now").SelectOptionAsync("4");
            await review.GetByLabel("What the review found").FillAsync("Two losses this month.");
            await review.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
            await Expect(page.GetByTestId("risk-rating")).ToContainTextAsync("20");

            var escalate = page.GetByTestId("escalate-risk");
            await escalate.Locator("textarea[name=reason]").FillAsync("Every borough in the group shares the store.");
            await escalate.GetByRole(AriaRole.Button, new() { Name = "Escalate the risk" }).ClickAsync();
            await Expect(page.GetByTestId("risk-register")).Not.ToContainTextAsync(unitName);
            await Expect(page.GetByTestId("risk-history")).ToContainTextAsync("Every borough in the group shares the store.");

            // The register lists it, and the heat map's almost-certain / major cell counts it.
            await page.GotoAsync("/registers/risks");
            await Expect(page.GetByTestId("risks")).ToContainTextAsync("Browser test: seized cash stored outside the property store");
            var cell = WebUtility.HtmlDecode(await page.GetByTestId("heat-5-4").InnerTextAsync());
            Assert.True(int.Parse(cell.Split(' ', 2)[0], System.Globalization.CultureInfo.InvariantCulture) >= 1, cell);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// A serving member of staff whose name no one else shares, in a borough, and not the senior manager themself; a
    /// different one for each test (<paramref name="skip"/>) so the journeys do not meet on one person's record.
    /// </summary>
    private async Task<(string Name, string Unit)> StaffWithAUniqueNameAsync(int skip)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var senior = await db.Users.Where(u => u.UserName == "senior").Select(u => u.StaffId).FirstOrDefaultAsync();
        var unique = db.Staff.GroupBy(s => s.DisplayName).Where(g => g.Count() == 1).Select(g => g.Key);
        return await (from s in db.Staff
                      join u in db.Units on s.UnitId equals u.Id
                      where s.LeftOn == null && u.Kind == "borough" && s.Id != senior && unique.Contains(s.DisplayName)
                            && !db.VettingPosts.Any(p => p.HolderStaffId == s.Id)
                      orderby s.Id
                      select new ValueTuple<string, string>(s.DisplayName, u.Name)).Skip(skip).FirstAsync();
    }

    private async Task<string> BoroughNameAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        return await db.Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => u.Name).FirstAsync();
    }
}
