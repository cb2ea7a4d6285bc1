using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Intelligence;
using Probity.Intelligence.Contracts;

namespace Probity.IntegrationTests.RightLine;

/// <summary>Right Line end to end through HTTP: two-way conversation, assessment, need-to-know per role, guessing.</summary>
public sealed partial class RightLineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<Provider> Providers => Apps.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task The_Bureau_asks_the_reporter_reads_and_answers_and_the_report_becomes_a_case(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var reporter = app.NewClient();
        var (reference, passphrase) = await RightLineClient.ReportAsync(reporter, "PC Dale at Brixton takes cash to lose speeding tickets.");
        Assert.Matches("^RL-[0-9A-Z]{10}$", reference);

        var bureau = await app.SignInAsync("intelligence");
        var queue = await bureau.Http.GetStringAsync("/intelligence/right-line", Ct);
        Assert.Contains(reference, queue, StringComparison.Ordinal);
        Assert.Contains("not yet assessed", queue, StringComparison.Ordinal);
        var page = await bureau.Http.GetStringAsync($"/intelligence/right-line/{reference}", Ct);
        Assert.Equal("PC Dale at Brixton takes cash to lose speeding tickets.", SignedInClient.TestId(page, "account"));
        Assert.Equal(HttpStatusCode.Redirect, (await ReplyAsync(bureau, reference, "How often, and who pays him?")).StatusCode);

        var (_, conversation) = await RightLineClient.OpenAsync(reporter, reference, passphrase.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Equal(["PC Dale at Brixton takes cash to lose speeding tickets.", "How often, and who pays him?"], RightLineClient.Messages(conversation));
        // The reporter sees "Intelligence Bureau", never the name of the person who wrote.
        Assert.DoesNotContain(">intelligence,", conversation, StringComparison.Ordinal);
        var (_, answered) = await RightLineClient.AnswerAsync(reporter, reference, passphrase, "Weekly, drivers from the minicab firm.");
        Assert.Equal("Your message has been sent to the Bureau.", SignedInClient.TestId(answered, "sent"));

        page = await bureau.Http.GetStringAsync($"/intelligence/right-line/{reference}", Ct);
        Assert.Contains("Weekly, drivers from the minicab firm.", page, StringComparison.Ordinal);
        string unit;
        await using (var scope = app.SystemScope())
            unit = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(Ct);
        var assessed = await bureau.PostFormAsync($"/intelligence/right-line/{reference}?handler=Assess", new()
        {
            ["version"] = Version(page), ["assessment"] = RightLineAssessments.Case, ["note"] = "Alleged bribery over traffic tickets by a Brixton constable.",
            ["unitId"] = unit, ["category"] = "corrupt_practice",
        }, $"/intelligence/right-line/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, assessed.StatusCode);
        page = await bureau.Http.GetStringAsync($"/intelligence/right-line/{reference}", Ct);
        var caseId = CaseLink().Match(page).Groups[1].Value;
        Assert.NotEmpty(caseId);

        // The case carries the Bureau's words, not the reporter's, and says where it came from.
        var investigator = await app.SignInAsync("investigator");
        var casePage = await investigator.Http.GetStringAsync($"/cases/{caseId}", Ct);
        Assert.Contains("Alleged bribery over traffic tickets", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("PC Dale", casePage, StringComparison.Ordinal);
        // Nor the reference: with it, any reader of the case could spend the reporter's passphrase tries and lock them out.
        Assert.DoesNotContain(reference, casePage, StringComparison.Ordinal);

        // A reader the case is later hidden from loses the report behind it too: not in the queue, not found.
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Probity.Database.ProbityDb>();
            var restricted = await db.Cases.SingleAsync(c => c.Id == caseId, Ct);
            restricted.Restricted = true;
            scope.ServiceProvider.GetRequiredService<Probity.AuditTrail.Contracts.Audit>().Change("test_arrange", "case:" + caseId, "arranged: restricted to nobody");
            await db.SaveChangesAsync(Ct);
        }
        Assert.DoesNotContain(reference, await investigator.Http.GetStringAsync("/intelligence/right-line", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.Http.GetAsync($"/intelligence/right-line/{reference}", Ct)).StatusCode);
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Probity.Database.ProbityDb>();
            (await db.Cases.SingleAsync(c => c.Id == caseId, Ct)).Restricted = false;
            scope.ServiceProvider.GetRequiredService<Probity.AuditTrail.Contracts.Audit>().Change("test_arrange", "case:" + caseId, "arranged: open again");
            await db.SaveChangesAsync(Ct);
        }

        // Assessed once: a second assessment is refused with the first named.
        var again = await bureau.PostFormAsync($"/intelligence/right-line/{reference}?handler=Assess",
            new() { ["version"] = Version(page), ["assessment"] = RightLineAssessments.NoFurtherAction }, $"/intelligence/right-line/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("was already assessed (Becomes a case", SignedInClient.TestId(await bureau.Http.GetStringAsync($"/intelligence/right-line/{reference}", Ct), "error"), StringComparison.Ordinal);

        // The volumes the performance figures read: this report in this quarter.
        await using (var scope = app.SystemScope())
        {
            var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
            var quarters = await scope.ServiceProvider.GetRequiredService<RightLineVolumes>().PerQuarterAsync(today.AddMonths(-6), today, Ct);
            Assert.True(quarters[^1].Reports >= 1);
            Assert.Equal(3, quarters.Count);
        }
    }

    [Fact]
    public async Task Only_the_Bureau_and_the_Anti_Corruption_Unit_read_reports_and_only_the_Bureau_answers_them()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        foreach (var (user, role) in new[] { ("b", Roles.IntelligenceBureau), ("i", Roles.Investigator), ("h", Roles.CaseHandler), ("a", Roles.Analyst), ("o", Roles.Oversight), ("s", Roles.SeniorManager), ("ad", Roles.Administrator) })
            await app.AddUserAsync(user, role);
        var (reference, _) = await RightLineClient.ReportAsync(app.NewClient(), "Secret words only the Bureau may read: Operation Hollyhock.");
        string[] routes = ["/intelligence/right-line", $"/intelligence/right-line/{reference}"];

        foreach (var user in new[] { "h", "a", "o", "s", "ad" })
        {
            var client = await app.SignInAsync(user);
            foreach (var route in routes)
            {
                var response = await client.Http.GetAsync(route, Ct);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
            var reply = await ReplyAsync(client, reference, "A reply from someone with no business here", token: "/account/password");
            Assert.StartsWith("/account/denied", reply.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        // Not signed in: the Bureau's pages send you to sign in.
        var stranger = app.NewClient();
        foreach (var route in routes)
            Assert.StartsWith("/account/sign-in", (await stranger.Http.GetAsync(route, Ct)).Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var investigator = await app.SignInAsync("i");
        var page = await investigator.Http.GetStringAsync($"/intelligence/right-line/{reference}", Ct);
        Assert.Contains("Operation Hollyhock", page, StringComparison.Ordinal);
        Assert.Null(SignedInClient.TestId(page, "reply-form"));
        var refused = await investigator.Http.PostAsync($"/intelligence/right-line/{reference}?handler=Reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = Version(page), ["text"] = "The investigator may read, not answer", ["__RequestVerificationToken"] = await investigator.GetFormTokenAsync("/account/password"),
        }), Ct);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var bureau = await app.SignInAsync("b");
        Assert.Equal(HttpStatusCode.Redirect, (await ReplyAsync(bureau, reference, "Thank you: which station?")).StatusCode);
        page = await bureau.Http.GetStringAsync($"/intelligence/right-line/{reference}", Ct);
        Assert.Contains("Thank you: which station?", page, StringComparison.Ordinal);
        Assert.DoesNotContain("no business here", page, StringComparison.Ordinal);
        Assert.DoesNotContain("may read, not answer", page, StringComparison.Ordinal);
        // An unknown reference is not found, and the reading of a report is on the trail before it is shown.
        Assert.Equal(HttpStatusCode.NotFound, (await bureau.Http.GetAsync("/intelligence/right-line/RL-0000000000", Ct)).StatusCode);
        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "i" && e.Action == "view" && e.Target == "right-line:" + reference);
        Assert.Contains(trail, e => e.Actor == "b" && e.Action == "right_line_message" && e.Target == "right-line:" + reference);
    }

    [Fact]
    public async Task A_member_of_the_directorate_signed_in_to_Probity_reports_as_nobody()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        await app.AddUserAsync("whistle", Roles.CaseHandler);
        var colleague = await app.SignInAsync("whistle");
        var (reference, _) = await RightLineClient.ReportAsync(colleague, "My own line manager alters duty rosters for cash.");
        var trail = await app.TrailAsync();
        var entry = Assert.Single(trail, e => e.Target == "right-line:" + reference);
        Assert.Equal((Probity.AuditTrail.Contracts.Audit.AnonymousReporter, (string?)null, TimeSpan.Zero), (entry.Actor, entry.Client, entry.At.TimeOfDay));
        // Nothing the signed-in person did around then names the report: their own entries are the sign-in, nothing after.
        Assert.DoesNotContain(trail, e => e.Actor == "whistle" && (e.Target.Contains("right-line", StringComparison.Ordinal) || (e.Detail ?? "").Contains("right-line", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_wrong_passphrase_and_an_unknown_reference_answer_alike_and_a_reference_cannot_be_guessed_at()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        var (reference, passphrase) = await RightLineClient.ReportAsync(app.NewClient(), "Someone in the property store takes seized phones home.");
        var unknown = "RL-" + new string(reference[3..].Reverse().ToArray());

        var (wrongStatus, wrong) = await RightLineClient.OpenAsync(app.NewClient(), reference, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF");
        var (unknownStatus, nowhere) = await RightLineClient.OpenAsync(app.NewClient(), unknown, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF");
        Assert.Equal(HttpStatusCode.OK, wrongStatus);
        Assert.Equal(wrongStatus, unknownStatus);
        Assert.Equal(RightLineReporting.NotRecognised, SignedInClient.Alert(wrong));
        Assert.Equal(RightLineClient.WithoutToken(wrong).Replace(reference, "", StringComparison.Ordinal), RightLineClient.WithoutToken(nowhere).Replace(unknown, "", StringComparison.Ordinal));
        Assert.DoesNotContain("seized phones", wrong, StringComparison.Ordinal);

        // Guessing from many machines: after the limit, even the right passphrase is refused for that reference, and an
        // unknown reference is limited the same way (so the limit does not tell them apart either).
        for (var i = 1; i < PassphraseLimit; i++)
        {
            await RightLineClient.OpenAsync(app.NewClient(), reference, $"GUESS-{i:0000}");
            await RightLineClient.OpenAsync(app.NewClient(), unknown, $"GUESS-{i:0000}");
        }
        var (_, limited) = await RightLineClient.OpenAsync(app.NewClient(), reference, passphrase);
        var (_, limitedUnknown) = await RightLineClient.OpenAsync(app.NewClient(), unknown, passphrase);
        Assert.Equal(RightLineReporting.TooManyAttempts, SignedInClient.Alert(limited));
        Assert.Equal(RightLineReporting.TooManyAttempts, SignedInClient.Alert(limitedUnknown));
        Assert.DoesNotContain("seized phones", limited, StringComparison.Ordinal);
        // Typing the reference differently does not get round the limit.
        Assert.Equal(RightLineReporting.TooManyAttempts, SignedInClient.Alert((await RightLineClient.OpenAsync(app.NewClient(), reference.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), passphrase)).Html));

        // Other references are not affected, and nothing of the passphrase is stored.
        var (other, otherPassphrase) = await RightLineClient.ReportAsync(app.NewClient(), "A second report.");
        Assert.Equal(HttpStatusCode.OK, (await RightLineClient.OpenAsync(app.NewClient(), other, otherPassphrase)).Status);
        await using var scope = app.SystemScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Set<RightLineReport>().SingleAsync(r => r.Id == other, Ct);
        Assert.DoesNotContain(otherPassphrase.Replace("-", "", StringComparison.Ordinal), stored.PassphraseHash, StringComparison.OrdinalIgnoreCase);
        Assert.True(RightLinePassphrases.Verifies(stored.PassphraseHash, otherPassphrase));
    }

    [Fact]
    public async Task An_empty_or_overlong_report_is_refused_on_the_page_without_a_cookie_and_a_post_without_the_form_token_is_refused()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        var reporter = app.NewClient();
        var empty = await reporter.PostFormAsync("/right-line", new() { ["Account"] = "   " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("Write your report before sending it.", SignedInClient.Alert(await empty.Content.ReadAsStringAsync()));
        Assert.All(empty.Headers.TryGetValues("Set-Cookie", out var set) ? set : [],
            c => Assert.True(c.StartsWith("probity.csrf=", StringComparison.Ordinal) || c.Contains("=; expires=Thu, 01 Jan 1970", StringComparison.Ordinal), c));
        var overlong = await reporter.PostFormAsync("/right-line", new() { ["Account"] = new string('x', RightLineLimits.Text + 1) });
        Assert.Contains("the limit is 8,000", SignedInClient.Alert(await overlong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        // A post without the antiforgery token is refused (the form is protected without identifying anyone).
        var forged = await reporter.Http.PostAsync("/right-line", new FormUrlEncodedContent(new Dictionary<string, string> { ["Account"] = "Forged from another site" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using var scope = app.SystemScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ProbityDb>().Set<RightLineReport>().CountAsync(Ct));
    }

    private const int PassphraseLimit = Probity.Intelligence.FollowUp.PassphraseAttempts.PerReference;

    private static async Task<HttpResponseMessage> ReplyAsync(SignedInClient client, string reference, string text, string? token = null)
    {
        var version = token is null ? Version(await client.Http.GetStringAsync($"/intelligence/right-line/{reference}")) : Guid.Empty.ToString();
        return await client.PostFormAsync($"/intelligence/right-line/{reference}?handler=Reply", new() { ["version"] = version, ["text"] = text },
            token ?? $"/intelligence/right-line/{reference}");
    }

    private static string Version(string page) => VersionField().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("href=\"/cases/([^\"]+)\"")]
    private static partial Regex CaseLink();
}
