using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probity.BrowserTests;

/// <summary>What every page shares: the tab's icon, long text, and a form that has nothing to complain about yet.</summary>
public sealed class SiteFurnitureTests(BrowserApp app)
{
    [Fact]
    public async Task The_favicon_is_served_without_signing_in()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        try
        {
            var ico = await context.APIRequest.GetAsync("/favicon.ico");
            Assert.Equal(200, ico.Status);
            Assert.StartsWith("image/", ico.Headers["content-type"], StringComparison.Ordinal);
            var svg = await context.APIRequest.GetAsync("/favicon.svg");
            Assert.Equal(200, svg.Status);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_form_shows_no_empty_error_list_and_breaks_no_content_security_policy_before_or_after_a_refusal()
    {
        var page = await app.SignInAsync("handler");
        var console = new List<string>();
        page.Console += (_, m) => { lock (console) console.Add(m.Text); };
        try
        {
            await page.GotoAsync("/cases/new");
            // The red dot was the bullet of MVC's hidden empty list item, whose inline style the CSP blocked.
            await Expect(page.Locator("[data-testid=form-errors] li")).ToHaveCountAsync(0);
            await page.GotoAsync("/account/password");
            // Sent empty: each field says what is missing beside it; the summary (for the form as a whole) stays away.
            await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
            await Expect(page.Locator(".field-validation-error").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=password-error] li")).ToHaveCountAsync(0);
            lock (console) Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_summary_and_reason_of_one_unbroken_word_wrap_instead_of_widening_the_case_page()
    {
        // A senior manager: three handler sign-ins in one run wait for fresh authenticator codes, one time step each.
        var page = await app.SignInAsync("senior");
        try
        {
            await page.GotoAsync($"/cases/{Uri.EscapeDataString(app.LongTextCaseId)}/correct-intake");
            var form = page.Locator("form[data-testid=correct-intake]");
            await form.Locator("#Summary").FillAsync(new string('W', 4000));
            await form.Locator("#Reason").FillAsync("R" + new string('x', 1999));
            await form.GetByRole(AriaRole.Button, new() { Name = "Correct intake" }).ClickAsync();
            await Expect(page.Locator("[data-testid=notice]")).ToBeVisibleAsync();
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("WWWWWWWWWW");

            foreach (var width in new[] { 1440, 390 })
            {
                await page.SetViewportSizeAsync(width, 900);
                var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                Assert.True(sizes[0] <= sizes[1], $"at {width} px the case page is {sizes[0]} px wide");
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
