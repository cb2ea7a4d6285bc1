using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probity.BrowserTests;

public sealed partial class CaseJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Handler_records_resolves_and_finalises_a_complaint_which_then_shows_on_the_officer_profile()
    {
        var page = await app.SignInAsync("handler");
        try
        {
            await page.GotoAsync("/cases/new");
            await page.SelectOptionAsync("#type", "public_complaint");
            await page.SelectOptionAsync("#source", "public");
            await page.FillAsync("#received", "2026-11-02");
            await page.FillAsync("#recorded", "2026-11-02");
            await page.SelectOptionAsync("#location", "bor-croydon");
            await page.FillAsync("#summary", "Browser test: rude officer and an unidentified colleague.");
            await page.SelectOptionAsync("#allegation-0-category", new SelectOptionValue { Index = 1 });
            await page.FillAsync("#allegation-0-staff", app.OfficerId);
            await page.SelectOptionAsync("#allegation-1-category", new SelectOptionValue { Index = 2 });
            await page.FillAsync("#allegation-1-staff", "");
            await page.GetByRole(AriaRole.Button, new() { Name = "Record case" }).ClickAsync();

            await BrowserApp.ArrivedAsync(page, u => CasePage().IsMatch(u) && !u.EndsWith("/cases/new", StringComparison.Ordinal));
            var caseId = Uri.UnescapeDataString(CasePage().Match(page.Url).Groups[1].Value);
            await Expect(page.Locator("h1")).ToContainTextAsync(caseId);
            await Expect(page.Locator("[data-testid=allegations]")).ToContainTextAsync("Unknown officer");

            // On a phone (390 px) the case's actions and an operation's form fit the width: nothing to scroll sideways.
            await page.SetViewportSizeAsync(390, 844);
            // (The case page's allegations table is wider than a phone already: that is older than the actions and not theirs.)
            Assert.True(await page.EvaluateAsync<bool>("document.querySelector('[data-testid=actions]').getBoundingClientRect().right <= 390"), "the case's actions are wider than 390 px");
            await page.GotoAsync($"/cases/{Uri.EscapeDataString(caseId)}/correct-intake");
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the intake correction page is wider than 390 px");
            await page.GoBackAsync();
            await page.SetViewportSizeAsync(1280, 900);

            // Each operation is a link on the case page to its own page, which comes back to the case with a notice.
            await page.GetByRole(AriaRole.Link, new() { Name = "Decide the handling route" }).ClickAsync();
            await BrowserApp.ArrivedAsync(page, u => u.EndsWith("/route", StringComparison.Ordinal));
            var route = page.Locator("form[data-testid=decide-route]");
            await route.GetByLabel("Route").SelectOptionAsync("local_resolution");
            await route.GetByLabel("Decided on").FillAsync("2026-11-03");
            await route.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
            await Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("Handling route recorded");
            await Expect(page.Locator("[data-testid=error]")).ToHaveCountAsync(0);

            // A refused finding stays on its page, says why, and keeps what was chosen.
            await page.GetByRole(AriaRole.Link, new() { Name = "Record a finding" }).ClickAsync();
            var refused = page.Locator("form[data-testid=finding]");
            await refused.GetByLabel("Allegation").SelectOptionAsync($"{caseId}-A2");
            await refused.GetByLabel("Decided on").FillAsync("2026-11-02");
            await refused.GetByRole(AriaRole.Button, new() { Name = "Record finding" }).ClickAsync();
            await Expect(page.Locator("[data-testid=form-errors]")).ToContainTextAsync("cannot be before the handling decision");
            await Expect(page.Locator("form[data-testid=finding]").GetByLabel("Allegation")).ToHaveValueAsync($"{caseId}-A2");
            await Expect(page.Locator("form[data-testid=finding]").GetByLabel("Decided on")).ToHaveValueAsync("2026-11-02");
            await page.GetByRole(AriaRole.Link, new() { Name = $"Back to case {caseId}" }).ClickAsync();

            foreach (var allegation in new[] { $"{caseId}-A1", $"{caseId}-A2" })
            {
                await page.GetByRole(AriaRole.Link, new() { Name = "Record a finding" }).ClickAsync();
                var finding = page.Locator("form[data-testid=finding]");
                await finding.GetByLabel("Allegation").SelectOptionAsync(allegation);
                await finding.GetByLabel("Finding").SelectOptionAsync("locally_resolved");
                await finding.GetByLabel("Decided on").FillAsync("2026-11-05");
                await finding.GetByRole(AriaRole.Button, new() { Name = "Record finding" }).ClickAsync();
                await Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync($"Finding recorded on {allegation}");
                await Expect(page.Locator("[data-testid=error]")).ToHaveCountAsync(0);
                await Expect(page.Locator("[data-testid=allegations] tr", new() { HasText = allegation }))
                    .ToContainTextAsync(new Regex("[Ll]ocally resolved"));
            }

            await page.GetByRole(AriaRole.Link, new() { Name = "Finalise", Exact = true }).ClickAsync();
            var finalise = page.Locator("form[data-testid=finalise]");
            await finalise.GetByLabel("Finalised on").FillAsync("2026-11-06");
            await finalise.GetByRole(AriaRole.Button, new() { Name = "Finalise case" }).ClickAsync();
            await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Finalised");
            await Expect(page.Locator("[data-testid=error]")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Finalise", Exact = true })).ToHaveCountAsync(0);

            await page.GotoAsync($"/officers/{app.OfficerId}");
            await Expect(page.Locator("[data-testid=officer-history]")).ToContainTextAsync(caseId);
        }
        catch
        {
            Console.Error.WriteLine($"Screenshot: {await BrowserApp.ScreenshotAsync(page, "handler")} at {page.Url}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Oversight_sees_a_finalised_case_without_actions_and_cannot_record_cases()
    {
        var page = await app.SignInAsync("oversight");
        try
        {
            var response = await page.GotoAsync($"/cases/{Uri.EscapeDataString(app.FinalisedCaseId)}");
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Finalised");
            await Expect(page.Locator("[data-testid=allegations]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=decide-route]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=finalise]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=actions]")).ToHaveCountAsync(0);
            await Expect(page.Locator("form[method=post]", new() { HasText = "Record" })).ToHaveCountAsync(0);

            // The operation's own page refuses oversight even when asked for directly.
            response = await page.GotoAsync($"/cases/{Uri.EscapeDataString(app.FinalisedCaseId)}/lodge-appeal");
            Assert.True(response!.Status == 403 || page.Url.Contains("/account/denied", StringComparison.OrdinalIgnoreCase), $"Expected refusal, got {response.Status} at {page.Url}");
            await Expect(page.Locator("form[data-testid=lodge-appeal]")).ToHaveCountAsync(0);

            response = await page.GotoAsync("/cases/new");
            var refused = response!.Status == 403 || page.Url.Contains("/account/denied", StringComparison.OrdinalIgnoreCase);
            Assert.True(refused, $"Expected refusal, got {response.Status} at {page.Url}");
            if (response.Status != 403) await Expect(page.Locator("h1")).ToHaveTextAsync("Not permitted");
            await Expect(page.Locator("[data-testid=record-case]")).ToHaveCountAsync(0);
        }
        catch
        {
            Console.Error.WriteLine($"Screenshot: {await BrowserApp.ScreenshotAsync(page, "oversight")} at {page.Url}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex(@"/cases/([^/?#]+)$")]
    private static partial Regex CasePage();
}
