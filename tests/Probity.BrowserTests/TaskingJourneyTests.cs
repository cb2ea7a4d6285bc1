using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probity.BrowserTests;

/// <summary>
/// The tasking and co-ordinating group's journey in a real browser (issue 15, item 4): an investigator opens an operation,
/// asks for a tactic and plans an integrity test; the Anti-Corruption Command's superintendent, who did not ask for them,
/// authorises both; the investigator records the test's result, and the meeting's view shows the operation with it.
/// </summary>
public sealed class TaskingJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task An_operation_is_opened_its_tactic_and_integrity_test_authorised_by_another_and_the_result_recorded()
    {
        var name = "Operation Heron " + Guid.NewGuid().ToString("N")[..6];
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var investigator = await app.SignInAsync("investigator");
        var superintendent = await app.SignInAsync("superintendent");
        try
        {
            await investigator.GotoAsync("/intelligence/tasking/new");
            var open = investigator.GetByTestId("open-form");
            await open.GetByLabel("Name (codename)").FillAsync(name);
            await open.GetByLabel("Objective", new() { Exact = true }).FillAsync("Browser test: establish whether seized cash goes missing from the property store.");
            await open.GetByLabel("Control-strategy priority (optional)").SelectOptionAsync("theft_from_police_premises");
            await open.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
            await Expect(investigator.GetByTestId("operation-name")).ToHaveTextAsync(name);
            var operation = investigator.Url;

            var tactic = investigator.GetByTestId("tactic-form");
            await tactic.GetByLabel("Tactical option").SelectOptionAsync("integrity_test");
            await tactic.GetByLabel("Reason (necessity and proportionality)").FillAsync("Graded intelligence of thefts from the store; no less intrusive way to test it.");
            await tactic.GetByRole(AriaRole.Button, new() { Name = "Request" }).ClickAsync();
            // The requester is not offered the authorisation.
            await Expect(investigator.GetByTestId("tactic-authorised")).ToHaveTextAsync("awaiting authorisation");

            var plan = investigator.GetByTestId("plan-form");
            await plan.GetByLabel("Scenario").FillAsync("A marked wallet handed in at the front counter.");
            await plan.GetByLabel("Planned for").FillAsync(today);
            await plan.GetByRole(AriaRole.Button, new() { Name = "Plan an integrity test" }).ClickAsync();
            await Expect(investigator.GetByTestId("test-authorised")).ToHaveTextAsync("awaiting authorisation");

            await superintendent.GotoAsync(operation);
            await superintendent.GetByTestId("tactic").GetByRole(AriaRole.Button, new() { Name = "Authorise" }).ClickAsync();
            await Expect(superintendent.GetByTestId("tactic-authorised")).ToContainTextAsync("by superintendent");
            await superintendent.GetByRole(AriaRole.Button, new() { Name = "Authorise this test" }).ClickAsync();
            await Expect(superintendent.GetByTestId("test-authorised")).ToContainTextAsync("by superintendent");

            await investigator.GotoAsync(operation);
            var result = investigator.GetByTestId("result-form");
            await result.GetByLabel("Conducted on").FillAsync(today);
            await result.GetByLabel("Result", new() { Exact = true }).SelectOptionAsync("passed");
            await result.GetByLabel("Follow-up", new() { Exact = true }).SelectOptionAsync("no_further_action");
            await result.GetByLabel("Note", new() { Exact = true }).FillAsync("The wallet was booked in whole.");
            await result.GetByRole(AriaRole.Button, new() { Name = "Record the result" }).ClickAsync();
            await Expect(investigator.GetByTestId("test-result")).ToHaveTextAsync("passed");
            await Expect(investigator.GetByTestId("test-follow-up")).ToContainTextAsync("no further action");

            await investigator.GotoAsync("/intelligence/tasking");
            await investigator.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            Assert.Equal(operation, investigator.Url);
        }
        finally
        {
            await investigator.Context.CloseAsync();
            await superintendent.Context.CloseAsync();
        }
    }
}
