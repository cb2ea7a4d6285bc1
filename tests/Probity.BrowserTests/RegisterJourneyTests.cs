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

    [Fact]
    public async Task A_gold_group_records_its_members_decisions_and_actions_and_the_foi_export_names_no_outside_member()
    {
        var (chairName, _) = await StaffWithAUniqueNameAsync(skip: 3);
        const string outsider = "Amara Okonkwo-Baptiste";
        var page = await app.SignInAsync("senior");
        try
        {
            await page.GotoAsync("/registers/gold");
            var open = page.GetByTestId("open-gold-group");
            await open.GetByLabel("Critical incident (in a line)").FillAsync("Browser test: death following contact at a stop and search");
            await open.GetByLabel("What happened and why it was declared critical").FillAsync("A man died after a stop and search; community confidence at risk.");
            await open.GetByLabel("Declared on").FillAsync("2010-06-01");
            await open.GetByLabel("Chair (type the member of staff's name or staff id)").FillAsync(chairName);
            await open.GetByRole(AriaRole.Button, new() { Name = "Open the gold group" }).ClickAsync();
            await Expect(page.GetByTestId("gold-chair")).ToHaveTextAsync(chairName);
            await Expect(page.GetByTestId("gold-state")).ToHaveTextAsync("Sitting");

            var member = page.GetByTestId("gold-add-member");
            await member.GetByLabel("Their name", new() { Exact = true }).FillAsync(outsider);
            await member.GetByLabel("Organisation they represent").FillAsync("Borough community safety forum");
            await member.GetByLabel("Role in the group").FillAsync("Community adviser");
            await member.GetByRole(AriaRole.Button, new() { Name = "Add the member" }).ClickAsync();
            await Expect(page.GetByTestId("gold-members")).ToContainTextAsync(outsider);

            var decide = page.GetByTestId("gold-decide");
            await decide.GetByLabel("Decided by (type the member of staff's name or staff id)").FillAsync(chairName);
            await decide.GetByLabel("Decision", new() { Exact = true }).FillAsync("Refer the death to the IPCC the same day.");
            await decide.GetByLabel("Rationale").FillAsync($"{outsider}'s advice: the family must hear it from the force first.");
            await decide.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
            await Expect(page.GetByTestId("gold-decisions")).ToContainTextAsync("Refer the death to the IPCC the same day.");

            var action = page.GetByTestId("gold-set-action");
            await action.GetByLabel("Action", new() { Exact = true }).FillAsync($"Meet the family with {outsider}.");
            await action.GetByLabel("Owner (type the member of staff's name or staff id)").FillAsync(chairName);
            await action.GetByLabel("Due on").FillAsync("2010-06-03");
            await action.GetByRole(AriaRole.Button, new() { Name = "Set the action" }).ClickAsync();
            await Expect(page.GetByTestId("gold-actions")).ToContainTextAsync("Meet the family");
            var group = page.Url;

            // The FOI export: the outside member is "Outside member A" everywhere, in the members, the rationale and the action.
            await page.GetByTestId("gold-foi").ClickAsync();
            await Expect(page.GetByTestId("gold-decisions")).ToContainTextAsync("Outside member A's advice");
            await Expect(page.GetByTestId("gold-actions")).ToContainTextAsync("Meet the family with Outside member A.");
            Assert.DoesNotContain("Okonkwo", await page.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

            await page.GotoAsync(group);
            var close = page.GetByTestId("gold-close");
            await close.GetByLabel("Why the group is stood down").FillAsync("The IPCC has the investigation; the community is briefed.");
            await close.GetByRole(AriaRole.Button, new() { Name = "Stand the group down" }).ClickAsync();
            await Expect(page.GetByTestId("gold-state")).ToContainTextAsync("Stood down");
            await Expect(page.GetByTestId("gold-decide")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Lost_confidence_is_recorded_with_a_restriction_reviewed_and_restored()
    {
        var (staffName, _) = await StaffWithAUniqueNameAsync(skip: 4);
        var page = await app.SignInAsync("senior");
        try
        {
            await page.GotoAsync("/registers/service-confidence");
            var form = page.GetByTestId("record-confidence");
            await form.GetByLabel("Member of staff (full name or staff id)").FillAsync(staffName);
            await form.GetByLabel("Who decided (name and post)").FillAsync("Commander, Directorate of Professional Standards");
            await form.GetByLabel("Decided on").FillAsync("2010-06-01");
            await form.GetByLabel("Why confidence was lost").FillAsync("Browser test: intelligence of disclosure to a criminal associate.");
            await form.GetByLabel("First review on").FillAsync("2010-09-01");
            await form.GetByLabel("Restriction placed (more can be added on the record)").SelectOptionAsync("system_access");
            await form.GetByLabel("What the restriction is").FillAsync("No access to the crime and intelligence systems.");
            await form.GetByRole(AriaRole.Button, new() { Name = "Record it" }).ClickAsync();
            await Expect(page.GetByTestId("confidence")).ToContainTextAsync(staffName);
            await Expect(page.GetByTestId("confidence-restrictions")).ToContainTextAsync("No access to the crime and intelligence systems.");
            await Expect(page.GetByTestId("confidence-restrictions")).ToContainTextAsync("In force");

            var review = page.GetByTestId("confidence-review");
            await review.GetByLabel("Outcome").SelectOptionAsync("confidence_restored");
            await review.GetByLabel("What the review found").FillAsync("The intelligence was not corroborated; the associate is a relative, declared.");
            await review.GetByLabel("Reviewed on").FillAsync("2010-09-01");
            await review.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
            await Expect(page.GetByTestId("confidence-state")).ToContainTextAsync("Confidence restored");
            await Expect(page.GetByTestId("confidence-reviews")).ToContainTextAsync("The intelligence was not corroborated");
            await Expect(page.GetByTestId("confidence-review")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_police_authority_draws_a_sample_records_a_concern_the_directorate_responds_and_the_redraw_matches()
    {
        var oversight = await app.SignInAsync("oversight");
        string sample;
        try
        {
            await oversight.GotoAsync("/registers/dip-samples");
            var draw = oversight.GetByTestId("draw-dip-sample");
            await draw.GetByLabel("Cases finalised from").FillAsync("2010-01-01");
            await draw.GetByLabel("to", new() { Exact = true }).FillAsync("2010-12-31");
            await draw.GetByLabel("Number of cases", new() { Exact = false }).FillAsync("3");
            await draw.GetByLabel("Seed (leave empty for a new one)").FillAsync("16");
            await draw.GetByRole(AriaRole.Button, new() { Name = "Draw the sample" }).ClickAsync();
            await Expect(oversight.GetByTestId("dip-seed")).ToHaveTextAsync("16");
            await Expect(oversight.Locator("[data-testid^=dip-case-]")).ToHaveCountAsync(3);
            sample = oversight.Url;

            var finding = oversight.GetByTestId("dip-finding-form-1");
            await finding.GetByLabel("Concerns", new() { Exact = true }).CheckAsync();
            await finding.GetByLabel("What you found (required for concerns)").FillAsync("Browser test: the complainant was not told the outcome.");
            await finding.GetByRole(AriaRole.Button, new() { Name = "Record the finding" }).ClickAsync();
            await Expect(oversight.GetByTestId("dip-case-1").GetByTestId("dip-finding")).ToContainTextAsync("the complainant was not told the outcome");
            // Oversight reviews read-only: no way to answer for the Directorate.
            await Expect(oversight.GetByTestId("dip-respond-form-1")).ToHaveCountAsync(0);
        }
        finally
        {
            await oversight.Context.CloseAsync();
        }

        var senior = await app.SignInAsync("senior");
        try
        {
            await senior.GotoAsync(sample);
            var respond = senior.GetByTestId("dip-respond-form-1");
            await respond.GetByLabel("The Directorate's response").FillAsync("Agreed: the outcome letter is now sent from the case page on finalisation.");
            await respond.GetByRole(AriaRole.Button, new() { Name = "Record the response" }).ClickAsync();
            await Expect(senior.GetByTestId("dip-case-1").GetByTestId("dip-response")).ToContainTextAsync("the outcome letter is now sent");

            await senior.GetByTestId("dip-check-link").ClickAsync();
            await Expect(senior.GetByTestId("dip-check")).ToContainTextAsync("the same 3 cases, in the same order");
        }
        finally
        {
            await senior.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_delivery_of_the_support_programme_is_recorded_and_the_boroughs_pack_shows_complaints_before_and_after()
    {
        var borough = await BoroughNameAsync();
        var page = await app.SignInAsync("senior");
        try
        {
            await page.GotoAsync("/registers/support");
            var form = page.GetByTestId("record-delivery");
            await form.GetByLabel("Borough (type its name)").FillAsync(borough);
            await form.GetByLabel("Delivered on").FillAsync("2010-06-15");
            await form.GetByLabel("Audience").FillAsync("Browser test: response team sergeants");
            await form.GetByLabel("Topics covered").FillAsync("Incivility at stop and search; recording of searches.");
            await form.GetByRole(AriaRole.Button, new() { Name = "Record the delivery" }).ClickAsync();

            var delivery = page.Locator("[data-testid^=delivery-]", new() { HasText = "Browser test: response team sergeants" });
            await Expect(delivery).ToContainTextAsync("Incivility at stop and search");
            // The before-and-after trend agrees with itself: the per-month figure is the mean of the months shown.
            var before = await delivery.GetByTestId("delivery-trend").Locator("tbody tr").First.Locator("td.num").AllInnerTextsAsync();
            var months = before.Take(before.Count - 1).Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.NotEmpty(months);
            Assert.Equal((months.Sum() / (double)months.Count).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture), before[^1]);

            // The pack also prints: the PDF link answers with a PDF.
            var pdf = await page.APIRequest.GetAsync(await page.GetByTestId("pack-pdf").GetAttributeAsync("href") ?? "");
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
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
