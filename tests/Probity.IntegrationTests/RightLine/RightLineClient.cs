using System.Net;
using System.Text.RegularExpressions;

namespace Probity.IntegrationTests.RightLine;

/// <summary>A Right Line reporter at a browser: makes a report, comes back with the reference and passphrase.</summary>
internal static partial class RightLineClient
{
    public static async Task<(string Reference, string Passphrase)> ReportAsync(SignedInClient reporter, string account)
    {
        var response = await reporter.PostFormAsync("/right-line", new() { ["Account"] = account });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = SignedInClient.TestId(html, "reference") ?? throw new InvalidOperationException("No reference shown: " + SignedInClient.Alert(html));
        var passphrase = SignedInClient.TestId(html, "passphrase") ?? throw new InvalidOperationException("No passphrase shown");
        return (reference, passphrase);
    }

    public static async Task<(HttpStatusCode Status, string Html)> OpenAsync(SignedInClient reporter, string reference, string passphrase)
    {
        var response = await reporter.PostFormAsync("/right-line/follow-up?handler=Open", new() { ["Reference"] = reference, ["Passphrase"] = passphrase }, "/right-line/follow-up");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<(HttpStatusCode Status, string Html)> AnswerAsync(SignedInClient reporter, string reference, string passphrase, string message)
    {
        var response = await reporter.PostFormAsync("/right-line/follow-up?handler=Answer",
            new() { ["Reference"] = reference, ["Passphrase"] = passphrase, ["Message"] = message }, "/right-line/follow-up");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The messages of the conversation shown, in order (text only).</summary>
    public static List<string> Messages(string html) =>
        [.. MessagePattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim())];

    /// <summary>The page without its antiforgery token (which differs on every page), to compare two answers.</summary>
    public static string WithoutToken(string html) => TokenPattern().Replace(html, "");

    [GeneratedRegex("<p class=\"text\"[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex MessagePattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenPattern();
}
