using static Microsoft.Playwright.Assertions;

namespace Probity.BrowserTests;

/// <summary>The senior team's dashboard in a real browser: the cards, charts and drill-down render under the strict CSP.</summary>
public sealed class PerformanceTests(BrowserApp app)
{
    [Fact]
    public async Task Senior_manager_sees_the_quarter_and_drills_down_from_force_to_borough_to_its_live_cases()
    {
        var page = await app.SignInAsync("senior");
        var blocked = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(m.Text); };
        try
        {
            await page.GotoAsync("/performance?asOf=2010-12-31&period=2010-Q3");
            await Expect(page.Locator("[data-testid=scope]")).ToContainTextAsync("Whole force");
            await Expect(page.Locator("[data-testid=value-cases_received]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d[\d,]*$"));
            await Expect(page.Locator("[data-testid=measure-days_receipt_to_finalisation] svg.spark")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=example-banner]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=table-distribution]")).ToContainTextAsync("Customer Service Team");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "probity-dashboard.png"), FullPage = true });

            await page.Locator("[data-testid=table-distribution] a", new() { HasText = "Croydon" }).First.ClickAsync();
            await Expect(page.Locator("[data-testid=scope]")).ToContainTextAsync("Croydon");
            await page.Locator("[data-testid=live-cases-link]").ClickAsync();
            await Expect(page.Locator("[data-testid=case-list]")).ToBeVisibleAsync();
            Assert.Contains("unit=bor-croydon", page.Url, StringComparison.Ordinal);
            Assert.Empty(blocked);
        }
        catch
        {
            Console.Error.WriteLine($"Screenshot: {await BrowserApp.ScreenshotAsync(page, "senior")} at {page.Url}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
