using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Probity.Performance.Facts;
using Probity.Performance.Measures;

namespace Probity.IntegrationTests;

/// <summary>The senior team's performance dashboard at /performance, on the seeded demo force (one year to 2010-12-31).</summary>
public sealed class PerformanceDashboardTests(Apps apps)
{
    private const string Q3 = "/performance?asOf=2010-12-31&period=2010-Q3";

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Senior_manager_sees_the_headline_measures_with_the_figure_the_calculator_computes(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");

        var response = await senior.Http.GetAsync(Q3, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Cases received", page, StringComparison.Ordinal);
        Assert.Contains("Q3 2010/11", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/performance\">Performance</a>", page, StringComparison.Ordinal);
        var facts = await app.Services.GetRequiredService<FactsCache>().GetAsync(TestContext.Current.CancellationToken);
        var expected = app.Services.GetRequiredService<PmfCalculator>().Compute(facts, Period.Parse("2010-Q3", ProbityApp.DemoUntil))["cases_received"].Current.Value;
        Assert.NotNull(expected);
        Assert.True(expected > 0, "the demo force receives cases every quarter");
        Assert.Contains($"data-testid=\"value-cases_received\">{expected.Value.ToString("N0", CultureInfo.InvariantCulture)}</div>", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"spark\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=\"", page, StringComparison.Ordinal); // strict CSP: no inline styles
        Assert.Contains("data-testid=\"table-distribution\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/performance?unit=bor-", page, StringComparison.Ordinal); // distribution rows drill down to the unit
        Assert.Contains("href=\"/cases/", page, StringComparison.Ordinal); // oldest live cases link to the case
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_case_handler_is_refused(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");

        var response = await handler.Http.GetAsync(Q3, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var home = await handler.Http.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("href=\"/performance\"", home, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Drilling_down_to_a_borough_shows_its_figures_and_links_to_its_live_cases(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");

        var page = await senior.Http.GetStringAsync(Q3 + "&unit=bor-croydon", TestContext.Current.CancellationToken);

        Assert.Contains("Performance: Croydon", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/cases?unit=bor-croydon&amp;status=live\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"bor-croydon\" selected=\"selected\">Croydon</option>", page, StringComparison.Ordinal);
        var facts = await app.Services.GetRequiredService<FactsCache>().GetAsync(TestContext.Current.CancellationToken);
        var expected = app.Services.GetRequiredService<PmfCalculator>().Compute(facts, Period.Parse("2010-Q3", ProbityApp.DemoUntil), "bor-croydon")["cases_received"].Current.Value;
        Assert.Contains($"data-testid=\"value-cases_received\">{expected!.Value.ToString("N0", CultureInfo.InvariantCulture)}</div>", page, StringComparison.Ordinal);

        var unknown = await senior.Http.GetAsync(Q3 + "&unit=no-such-unit", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_example_comparators_are_labelled_as_such(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var analyst = await app.SignInAsync("analyst");

        var page = await analyst.Http.GetStringAsync(Q3, TestContext.Current.CancellationToken);

        Assert.Contains("Comparators are EXAMPLE figures, not IPCC published statistics", page, StringComparison.Ordinal);
        Assert.Contains("EXAMPLE comparators (illustrative, not IPCC published statistics)", page, StringComparison.Ordinal);
    }

    // How fast each period answers is measured by bench/ (`pmf --store`), not asserted here.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Every_period_and_unit_answers_once_the_facts_are_loaded(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var ct = TestContext.Current.CancellationToken;
        foreach (var (period, unit) in new[] { ("q", ""), ("12m", ""), ("3m", ""), ("2010-Q3", "bor-croydon"), ("12m", "cst") })
        {
            var response = await senior.Http.GetAsync($"/performance?asOf=2010-12-31&period={period}&unit={unit}", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("data-testid=\"measure-", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
    }
}
