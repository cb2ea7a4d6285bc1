namespace Probity.IntegrationTests;

/// <summary>
/// A wrong setting is a configuration error (ADR 0012): the operator is told which setting and which value, plainly —
/// the command line with the message and exit 2, not a stack trace; the web application by not starting.
/// </summary>
public sealed class ConfigurationErrorTests(Apps apps)
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_wrong_risk_outcome_setting_is_named_on_the_command_line_without_a_stack_trace(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        await app.SignInAsync("analyst"); // sets up the authenticator the command line asks a code from
        var (exit, output) = await app.RunCliAsync("analyst", "risk", "evaluate", "--folds", "1", "--bootstrap", "0", "--Probity:Risk:Outcome:WindowMonths=0");
        Assert.True(exit == 2, $"exited {exit}: {output}");
        Assert.Contains("Probity:Risk:Outcome:WindowMonths must be a whole number from 1 to 60 (it is '0').", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_application_does_not_start_on_a_wrong_risk_outcome_setting()
    {
        await using var app = new ProbityApp(Provider.Sqlite, demo: false, settings: new Dictionary<string, string?> { ["Probity:Risk:Outcome:Findings"] = "guilty" });
        var refused = await Assert.ThrowsAsync<InvalidDataException>(app.InitialiseAsync);
        Assert.Equal("Probity:Risk:Outcome:Findings: 'guilty' is not a finding.", refused.Message);
    }

    [Fact]
    public async Task The_web_application_does_not_start_on_a_wrong_small_cell_threshold()
    {
        await using var app = new ProbityApp(Provider.Sqlite, demo: false, settings: new Dictionary<string, string?> { ["Probity:Performance:SmallCellsUpTo"] = "0" });
        var refused = await Assert.ThrowsAsync<InvalidDataException>(app.InitialiseAsync);
        Assert.Equal("Probity:Performance:SmallCellsUpTo must be a whole number from 1 to 20, the largest count not published (it is '0').", refused.Message);
    }

    /// <summary>Every module's configured file is built before the host serves, not at the first page that needs it.</summary>
    [Theory]
    [InlineData("Probity:Performance:Comparators")]
    [InlineData("Probity:AccessMonitoring:Rules")]
    [InlineData("Probity:Risk:Thresholds")]
    public async Task The_web_application_does_not_start_on_a_configured_file_it_cannot_open(string setting)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"probity-missing-{Guid.NewGuid():N}", "settings.file");
        await using var app = new ProbityApp(Provider.Sqlite, demo: false, settings: new Dictionary<string, string?> { [setting] = missing });
        var refused = await Assert.ThrowsAsync<InvalidDataException>(app.InitialiseAsync);
        Assert.StartsWith($"{setting}: cannot open '{missing}'", refused.Message, StringComparison.Ordinal);
    }
}
