using System.Globalization;

namespace Probity.IntegrationTests.RightLine;

/// <summary>
/// Right Line volumes in the performance figures (issue 15: "volumes appear in the performance figures"): counted
/// force-wide in the quarter they arrived, and never by unit, since a report names no unit.
/// </summary>
public sealed class RightLineVolumesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Reports_are_counted_in_the_force_figures_of_their_quarter_and_in_no_unit(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var senior = await app.SignInAsync("senior");
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var dashboard = $"/performance?asOf={today}&period=q";
        var before = Figure(await senior.Http.GetStringAsync(dashboard, Ct));

        var reporter = app.NewClient();
        await RightLineClient.ReportAsync(reporter, "A sergeant sells PNC checks to a private investigator.");
        await RightLineClient.ReportAsync(reporter, "Overtime claims signed off for shifts nobody worked.");

        // The figures are a snapshot refreshed in the background after a change: the page shows the new count once it is loaded.
        var page = await senior.Http.GetStringAsync(dashboard, Ct);
        for (var tries = 0; Figure(page) != before + 2 && tries < 100; tries++)
        {
            await Task.Delay(200, Ct);
            page = await senior.Http.GetStringAsync(dashboard, Ct);
        }
        Assert.Equal(before + 2, Figure(page));
        var unit = System.Text.RegularExpressions.Regex.Match(page, "<optgroup label=\"[^\"]*\">\\s*<option value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(unit);
        Assert.Equal("—", SignedInClient.TestId(await senior.Http.GetStringAsync($"{dashboard}&unit={Uri.EscapeDataString(unit)}", Ct), "value-right_line_reports"));
    }

    private static int Figure(string page) =>
        int.Parse(SignedInClient.TestId(page, "value-right_line_reports") ?? throw new InvalidOperationException("No Right Line figure on the dashboard."), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
