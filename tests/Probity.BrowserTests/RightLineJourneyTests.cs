using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probity.BrowserTests;

public sealed class RightLineJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task An_anonymous_report_is_answered_by_the_Bureau_and_the_reporter_reads_the_reply_and_answers()
    {
        // The reporter: a browser nobody signed in with.
        var reporterContext = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        reporterContext.SetDefaultTimeout(15_000);
        reporterContext.SetDefaultNavigationTimeout(60_000);
        var reporter = await reporterContext.NewPageAsync();
        var bureau = await app.SignInAsync("intelligence");
        try
        {
            await reporter.GotoAsync("/right-line");
            await reporter.GetByLabel("What happened?").FillAsync("Browser test: an inspector tips off a nightclub before licensing visits.");
            await reporter.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
            var reference = (await reporter.Locator("[data-testid=reference]").InnerTextAsync()).Trim();
            var passphrase = (await reporter.Locator("[data-testid=passphrase]").InnerTextAsync()).Trim();
            Assert.StartsWith("RL-", reference, StringComparison.Ordinal);

            await bureau.GotoAsync("/intelligence/right-line");
            await bureau.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
            await Expect(bureau.Locator("[data-testid=account]")).ToContainTextAsync("tips off a nightclub");
            await bureau.Locator("form[data-testid=reply-form] textarea").FillAsync("Which nightclub, and which inspector?");
            await bureau.GetByRole(AriaRole.Button, new() { Name = "Send to the reporter" }).ClickAsync();
            await Expect(bureau.Locator("[data-testid=notice]")).ToContainTextAsync("waiting for the reporter");

            await reporter.GotoAsync("/right-line/follow-up");
            await reporter.GetByLabel("Reference").FillAsync(reference);
            await reporter.GetByLabel("Passphrase").FillAsync(passphrase);
            await reporter.GetByRole(AriaRole.Button, new() { Name = "Open my report" }).ClickAsync();
            await Expect(reporter.Locator("[data-testid=conversation]")).ToContainTextAsync("Which nightclub, and which inspector?");
            // The reporter reads "Intelligence Bureau", never the Bureau member's name.
            await Expect(reporter.Locator("[data-testid=conversation]")).Not.ToContainTextAsync("Dev Rahman");
            await reporter.GetByLabel("Your answer or more information").FillAsync("The Velvet Room, most Fridays.");
            await reporter.GetByRole(AriaRole.Button, new() { Name = "Send to the Bureau" }).ClickAsync();
            await Expect(reporter.Locator("[data-testid=sent]")).ToBeVisibleAsync();

            await bureau.ReloadAsync();
            await Expect(bureau.Locator("[data-testid=conversation]")).ToContainTextAsync("The Velvet Room, most Fridays.");
            // The only cookie the reporter's browser holds is the antiforgery token's.
            Assert.All(await reporterContext.CookiesAsync(), c => Assert.Equal("probity.csrf", c.Name));
        }
        finally
        {
            await reporterContext.CloseAsync();
            await bureau.Context.CloseAsync();
        }
    }
}
