using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests.Documents;

/// <summary>
/// Letters to complainants (issue 13, item 5): produced from the force's templates as PDF and Word, kept on the case,
/// their sending on the timeline once; the outcome letter gives the right of appeal (2008) or review (2020); a template
/// a senior manager breaks is refused with its line and never reaches a letter.
/// </summary>
public sealed partial class LettersTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> SendAsync(ProbityApp app, SignedInClient client, string id, string kind)
    {
        var version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id);
        return await client.PostFormAsync($"/cases/{id}/letter", new() { ["version"] = version, ["Kind"] = kind }, $"/cases/{id}/letter");
    }

    private static async Task SentAsync(ProbityApp app, SignedInClient client, string id, string kind)
    {
        var response = await SendAsync(app, client, id, kind);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{kind}: {SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct))}");
    }

    /// <summary>The PDF's and the Word document's text of the letters on the case, newest last.</summary>
    private static async Task<(string Pdf, string Word)> LetterTextAsync(SignedInClient client, string id)
    {
        var page = await client.Http.GetStringAsync($"/cases/{id}", Ct);
        var links = LetterLink().Matches(page).Select(m => (Id: m.Groups[1].Value, Title: m.Groups[2].Value)).ToList();
        var pdf = links.Last(l => l.Title.EndsWith("(PDF)", StringComparison.Ordinal));
        var word = links.Last(l => l.Title.EndsWith("(Word)", StringComparison.Ordinal));
        var pdfBytes = await client.Http.GetByteArrayAsync($"/cases/{id}/documents/{pdf.Id}", Ct);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdfBytes, 0, 5), StringComparison.Ordinal);
        var wordBytes = await client.Http.GetByteArrayAsync($"/cases/{id}/documents/{word.Id}", Ct);
        using var docx = WordprocessingDocument.Open(new MemoryStream(wordBytes), false);
        var paragraphs = docx.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
            .Select(p => string.Join(" ", p.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text)));
        return (Regex.Replace(PdfText.Extract(pdfBytes), @"\s+", " "), string.Join("\n", paragraphs));
    }

    [GeneratedRegex("href=\"/cases/[^\"/]+/documents/(\\d+)\" download>([^<]+)</a>")]
    private static partial Regex LetterLink();

    private static async Task DecideAndFindAsync(ProbityApp app, SignedInClient client, string id, string route, string finding, DateOnly on)
    {
        var iso = on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var decided = await client.PostFormAsync($"/cases/{id}/route", new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), ["route"] = route, ["date"] = iso }, $"/cases/{id}");
        Assert.True(decided.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await decided.Content.ReadAsStringAsync(Ct)));
        var found = await client.PostFormAsync($"/cases/{id}/finding", new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), ["allegationId"] = id + "-A1", ["finding"] = finding, ["date"] = iso }, $"/cases/{id}");
        Assert.True(found.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await found.Content.ReadAsStringAsync(Ct)));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_acknowledgement_names_the_complainant_and_reference_in_PDF_and_Word_is_kept_on_the_case_and_its_sending_is_on_the_timeline_once(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var received = app.Time.Today().AddDays(-3);
        var id = await CaseDocumentsTests.RecordAsync(app, handler, "Ada Lovelace-Byron", received: received);
        await SentAsync(app, handler, id, "acknowledgement");

        var (pdf, word) = await LetterTextAsync(handler, id);
        var receivedInWords = received.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var text in new[] { pdf, word })
        {
            Assert.Contains("Dear Ada Lovelace-Byron,", text, StringComparison.Ordinal);
            Assert.Contains(id, text, StringComparison.Ordinal);
            Assert.Contains("received your complaint on " + receivedInWords, text, StringComparison.Ordinal);
            Assert.DoesNotContain("-P1", text, StringComparison.Ordinal);
        }

        var page = WebUtility.HtmlDecode(await handler.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Single(Regex.Matches(page, "Acknowledgement letter to Ada Lovelace-Byron sent"));
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Equal(2, await db.CaseDocuments.CountAsync(d => d.CaseId == id && d.Kind == "letter", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Target == "case:" + id && e.Action == "send_letter" && e.Actor == "handler", Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_outcome_letter_waits_for_every_finding_then_gives_the_right_of_review_under_2020_and_of_appeal_under_2008(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");

        var recent = app.Time.Today().AddDays(-30);
        var modern = await CaseDocumentsTests.RecordAsync(app, handler, "Review Complainant", received: recent);
        var early = await SendAsync(app, handler, modern, "outcome");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("has no finding yet", SignedInClient.Alert(await early.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        await DecideAndFindAsync(app, handler, modern, "local_investigation", "not_substantiated", recent.AddDays(5));
        await SentAsync(app, handler, modern, "outcome");
        var (pdf, word) = await LetterTextAsync(handler, modern);
        Assert.Contains("Your right to a review", pdf, StringComparison.Ordinal);
        Assert.Contains("IOPC", pdf, StringComparison.Ordinal);
        Assert.Contains("Allegation 1, incivility: not substantiated.", word, StringComparison.Ordinal);
        Assert.DoesNotContain("right of appeal", word, StringComparison.Ordinal);

        var old = new DateOnly(2015, 3, 2);
        var earlier = await CaseDocumentsTests.RecordAsync(app, handler, "Appeal Complainant", received: old);
        await DecideAndFindAsync(app, handler, earlier, "local_investigation", "substantiated", old.AddDays(20));
        await SentAsync(app, handler, earlier, "outcome");
        (pdf, word) = await LetterTextAsync(handler, earlier);
        Assert.Contains("Your right of appeal", pdf, StringComparison.Ordinal);
        Assert.Contains("IPCC", word, StringComparison.Ordinal);
        Assert.Contains("Dear Appeal Complainant,", word, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_a_senior_manager_breaks_is_refused_with_its_line_on_preview_and_save_and_a_good_one_is_used_by_the_next_letter()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        var senior = await app.SignInAsync("senior");
        const string url = "/letters/templates/acknowledgement";
        async Task<(HttpStatusCode Status, string Html)> PostAsync(string body, string? handler = null)
        {
            var form = new Dictionary<string, string> { ["Body"] = body };
            var version = Regex.Match(await senior.Http.GetStringAsync(url, Ct), "name=\"Version\" value=\"([^\"]*)\"");
            if (version.Success && version.Groups[1].Value.Length > 0) form["Version"] = version.Groups[1].Value;
            var response = await senior.PostFormAsync(url + (handler is null ? "" : "?handler=" + handler), form, url);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        var brokenTag = await PostAsync("Dear {{ complainant_name }},\n\n{% if reference %}\nNo end to this if.\n", "Preview");
        Assert.Equal(HttpStatusCode.OK, brokenTag.Status);
        Assert.Contains("line", SignedInClient.Alert(brokenTag.Html), StringComparison.Ordinal);
        var unknown = await PostAsync("Dear {{ complainant_name }},\n\nYour case {{ case_number }} is open.\n", "Preview");
        Assert.Contains("line 3: 'case_number' is not a fact a letter knows", SignedInClient.Alert(unknown.Html), StringComparison.Ordinal);
        var endless = await PostAsync("{% for i in (1..100000000) %}x{% endfor %}", "Preview");
        Assert.Equal(HttpStatusCode.OK, endless.Status);
        Assert.Contains("The template has a mistake", SignedInClient.Alert(endless.Html), StringComparison.Ordinal);
        var savedBroken = await PostAsync("Dear {{ complainant_name }},\n{% endif %}\n");
        Assert.Equal(HttpStatusCode.OK, savedBroken.Status);
        Assert.Contains("The template has a mistake", SignedInClient.Alert(savedBroken.Html), StringComparison.Ordinal);

        var preview = await PostAsync("{{ complainant_name }}\n\n## FORCE WORDING for {{ reference }}\n\nDear {{ complainant_name }}, we have your complaint of {{ received_on }}.\n", "Preview");
        Assert.Contains("FORCE WORDING for PC-2026-000123", preview.Html, StringComparison.Ordinal);
        var saved = await PostAsync("{{ complainant_name }}\n\n## FORCE WORDING for {{ reference }}\n\nDear {{ complainant_name }}, we have your complaint of {{ received_on }}.\n");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        var handler = await app.SignInAsync("handler");
        var id = await CaseDocumentsTests.RecordAsync(app, handler, "Template Complainant");
        await SentAsync(app, handler, id, "acknowledgement");
        var (pdf, word) = await LetterTextAsync(handler, id);
        Assert.Contains("FORCE WORDING for " + id, pdf, StringComparison.Ordinal);
        Assert.Contains("Dear Template Complainant, we have your complaint", word, StringComparison.Ordinal);
        await using var scope = app.SystemScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.AnyAsync(e => e.Target == "letter_template:acknowledgement" && e.Action == "edit_letter_template" && e.Actor == "senior", Ct));
    }
}
