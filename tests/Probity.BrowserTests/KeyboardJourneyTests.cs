using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probity.BrowserTests;

/// <summary>
/// Work done with the keyboard alone (Tab, typing, arrow keys, Enter: no clicks), as someone who cannot use a mouse
/// works: every control is reached in order, shows where the focus is, and does its job.
/// </summary>
public sealed partial class KeyboardJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Handler_skips_to_the_content_and_records_a_case_with_the_keyboard_alone()
    {
        var page = await app.SignInAsync("handler");
        try
        {
            await page.GotoAsync("/");
            // The first Tab reaches the skip link, shown on screen; Enter puts the focus on the page's content.
            await page.Keyboard.PressAsync("Tab");
            var skip = page.Locator(":focus");
            await Expect(skip).ToHaveTextAsync("Skip to main content");
            await AssertFocusVisibleAsync(page);
            Assert.True((await skip.BoundingBoxAsync())!.Y >= 0, "the focused skip link is off the screen");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("main")).ToBeFocusedAsync();

            await TabToAsync(page, "nav a[href='/cases/new']");
            await page.Keyboard.PressAsync("Enter");
            await BrowserApp.ArrivedAsync(page, u => u.EndsWith("/cases/new", StringComparison.Ordinal));

            await TabToAsync(page, "#location");
            await page.Keyboard.PressAsync("ArrowDown");
            Assert.NotEqual("", await page.Locator("#location").InputValueAsync());
            await TabToAsync(page, "#summary");
            await page.Keyboard.TypeAsync("Keyboard journey: a member of the public reports an officer's rudeness at the front counter.");
            await TabToAsync(page, "#allegation-0-category");
            await page.Keyboard.PressAsync("ArrowDown");
            Assert.NotEqual("", await page.Locator("#allegation-0-category").InputValueAsync());
            await TabToAsync(page, "form[data-testid=record-case] button[type=submit]");
            await page.Keyboard.PressAsync("Enter");

            await BrowserApp.ArrivedAsync(page, u => CasePage().IsMatch(u) && !u.EndsWith("/cases/new", StringComparison.Ordinal));
            var caseId = Uri.UnescapeDataString(CasePage().Match(page.Url).Groups[1].Value);
            await Expect(page.Locator("h1")).ToContainTextAsync(caseId);
            await Expect(page.Locator("[data-testid=allegations]")).ToContainTextAsync("Unknown officer");
            await Expect(page.Locator("[data-testid=error]")).ToHaveCountAsync(0);
        }
        catch
        {
            Console.Error.WriteLine($"Screenshot: {await BrowserApp.ScreenshotAsync(page, "keyboard-case")} at {page.Url}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Investigator_finds_and_dismisses_an_alert_with_the_keyboard_alone()
    {
        var page = await app.SignInAsync("investigator");
        try
        {
            await page.GotoAsync("/");
            await TabToAsync(page, "nav a[href='/monitoring']");
            await page.Keyboard.PressAsync("Enter");
            await BrowserApp.ArrivedAsync(page, u => u.EndsWith("/monitoring", StringComparison.Ordinal));
            await TabToAsync(page, "main a[href='/monitoring/alerts']");
            await page.Keyboard.PressAsync("Enter");
            await BrowserApp.ArrivedAsync(page, u => u.EndsWith("/monitoring/alerts", StringComparison.Ordinal));
            // The second alert: the mouse journey (MonitoringTests) dismisses the first.
            await TabToAsync(page, "[data-testid=alerts] tbody tr:nth-child(2) a.score", maxTabs: 200);
            await page.Keyboard.PressAsync("Enter");
            await BrowserApp.ArrivedAsync(page, u => u.Contains("/monitoring/alerts/MA-", StringComparison.Ordinal));
            await Expect(page.Locator("[data-testid=alert-status]")).ToHaveTextAsync("Open");

            await TabToAsync(page, "form[data-testid=dismiss] #reason");
            await page.Keyboard.PressAsync("ArrowDown");
            Assert.NotEqual("", await page.Locator("#reason").InputValueAsync());
            await TabToAsync(page, "form[data-testid=dismiss] #note");
            await page.Keyboard.TypeAsync("Checked the duty log: the officer was tasked to the enquiry.");
            await TabToAsync(page, "form[data-testid=dismiss] button[type=submit]");
            await page.Keyboard.PressAsync("Enter");

            await Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("Alert dismissed");
            await Expect(page.Locator("[data-testid=alert-status]")).ToHaveTextAsync("Dismissed");
            await Expect(page.Locator("form[data-testid=dismiss]")).ToHaveCountAsync(0);
        }
        catch
        {
            Console.Error.WriteLine($"Screenshot: {await BrowserApp.ScreenshotAsync(page, "keyboard-alert")} at {page.Url}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Presses Tab until the focus is on the element, checking on arrival that the focus can be seen.</summary>
    private static async Task TabToAsync(IPage page, string selector, int maxTabs = 100)
    {
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                await AssertFocusVisibleAsync(page);
                return;
            }
        }
        Assert.Fail($"{selector} was not reached in {maxTabs} presses of Tab on {page.Url}");
    }

    /// <summary>The focused element is drawn with a focus indicator: an outline of 2 px or more, or a ring.</summary>
    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var shown = await page.EvaluateAsync<string?>(
            """
            () => {
              const e = document.activeElement, s = getComputedStyle(e);
              const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
              return ring ? null : e.outerHTML.slice(0, 120);
            }
            """);
        Assert.True(shown is null, $"the focus is not visible on {shown} at {page.Url}");
    }

    [GeneratedRegex(@"/cases/([^/?#]+)$")]
    private static partial Regex CasePage();
}
