using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probity.BrowserTests;

public sealed class MonitoringTests(BrowserApp app)
{
    [Fact]
    public async Task Investigator_opens_the_highest_scoring_alert_reads_its_evidence_and_dismisses_it_with_a_reason()
    {
        var page = await app.SignInAsync("investigator");
        try
        {
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Monitoring" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Information-misuse monitoring");
            await page.GetByRole(AriaRole.Link, new() { Name = "Alerts to work", Exact = true }).ClickAsync();

            var first = page.Locator("[data-testid=alerts] tbody tr").First;
            await first.Locator("a.score").ClickAsync();
            await BrowserApp.ArrivedAsync(page, u => u.Contains("/monitoring/alerts/MA-", StringComparison.Ordinal));
            await Expect(page.Locator("[data-testid=alert-status]")).ToHaveTextAsync("Open");
            await Expect(page.Locator("[data-testid=explanation]")).Not.ToBeEmptyAsync();
            await Expect(page.Locator("[data-testid=evidence] tbody tr").First).ToBeVisibleAsync();

            var dismiss = page.Locator("form[data-testid=dismiss]");
            await dismiss.Locator("#reason").SelectOptionAsync("assignment_missing_from_data");
            await dismiss.Locator("#note").FillAsync("Tasked by the duty inspector by phone; the tasking was never entered. Confirmed with Insp. Rowe.");
            await dismiss.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();

            await Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("Alert dismissed");
            await Expect(page.Locator("[data-testid=error]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=alert-status]")).ToHaveTextAsync("Dismissed");
            await Expect(page.Locator(".evidence-first")).ToContainTextAsync("covered by a tasking missing from the data");
            await Expect(page.Locator("form[data-testid=dismiss]")).ToHaveCountAsync(0); // decided: nothing left to decide
        }
        catch
        {
            Console.Error.WriteLine($"Screenshot: {await BrowserApp.ScreenshotAsync(page, "monitoring")} at {page.Url}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
