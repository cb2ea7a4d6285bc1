using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.IntegrationTests.Documents;
using Probity.Kernel;

namespace Probity.IntegrationTests;

/// <summary>
/// An adversarial review of removing a document attached in error (ADR 0033, addendum), tried as a curious insider and as
/// a senior manager outside a restricted case: a "letter sent" forged by posting <c>Kind=letter</c> to the attach form; a
/// restricted case's reference carried out of its grant in a document's title, file name or removal reason; a form
/// posted to a case the poster cannot open, or to a document of one, leaving no trace; a refused upload answering 200; and
/// a removal "reason" made of zero-width characters.
/// </summary>
public sealed class AdversarialDocumentRemovalReviewTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<CaseDocument>> DocumentsAsync(ProbityApp app, string caseId)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().CaseDocuments.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.Id).ToListAsync(Ct);
    }

    /// <summary>A case recorded by <paramref name="senior"/> and restricted to them alone (the maker keeps it).</summary>
    private static async Task<string> RestrictedCaseAsync(ProbityApp app, SignedInClient senior, string complainant)
    {
        var id = await CaseDocumentsTests.RecordAsync(app, senior, complainant);
        var restricted = await senior.PostFormAsync($"/cases/{id}/restrict",
            new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), ["Principals"] = "", ["Reason"] = "Corruption enquiry" }, $"/cases/{id}");
        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);
        return id;
    }

    /// <summary>The attach form posted by hand, with a token taken from a page the poster may open (the case may be hidden from them).</summary>
    private static async Task<HttpResponseMessage> PostAttachAsync(SignedInClient client, string caseId, string kind, string title, string fileName, byte[] content, string tokenFrom)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await client.GetFormTokenAsync(tokenFrom)), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
            { new StringContent(title), "Title" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"File\"; filename=\"{fileName}\"");
        form.Add(file);
        return await client.Http.PostAsync($"/cases/{caseId}/attach", form, Ct);
    }

    private static string DownloadName(HttpResponseMessage download) =>
        download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName!.Trim('"');

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_letter_sent_cannot_be_forged_by_posting_kind_letter_to_the_attach_form_and_the_attempt_is_on_the_trail(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var id = await CaseDocumentsTests.RecordAsync(app, handler, "Forged Letter Complainant");
        var after = await app.TrailSequenceAsync();

        // The form offers no "letter"; the curious insider writes the field by hand.
        var forged = Encoding.ASCII.GetBytes("%PDF-1.4\nDear complainant, your complaint is not upheld.\n%%EOF\n" + id);
        var refused = await CaseDocumentsTests.AttachAsync(handler, id, "outcome letter.pdf", forged, kind: "letter", title: "Outcome letter (PDF)");
        var page = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("A letter cannot be attached", SignedInClient.Alert(page), StringComparison.Ordinal);
        // Shown again with what was typed, and the kinds offered are still those a person may attach.
        Assert.Contains("value=\"Outcome letter (PDF)\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"letter\"", page, StringComparison.Ordinal);
        Assert.Empty(await DocumentsAsync(app, id));
        Assert.DoesNotContain("Letter attached", WebUtility.HtmlDecode(await handler.Http.GetStringAsync($"/cases/{id}", Ct)), StringComparison.Ordinal);

        var trail = await app.TrailSinceAsync(after, "handler");
        var entry = Assert.Single(trail, e => e.Action == "refused" && e.Target == "case:" + id);
        Assert.StartsWith($"/cases/{id}/attach: A letter cannot be attached", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(trail, e => e.Action == "attach_document");

        // The other module's door (the demo force's correspondence) is the same store: no letter through it either.
        await using (var scope = app.SystemScope())
            await Assert.ThrowsAsync<ActionRefusedException>(() => scope.ServiceProvider.GetRequiredService<ICaseCorrespondence>()
                .AttachAsync(id, DocumentKinds.Letter, "Outcome letter", "outcome.pdf", forged, Ct));
        // A letter is still made the one way it may be: sent from the case (PDF and Word copies).
        await using (var scope = app.SystemScope())
            await scope.ServiceProvider.GetRequiredService<ICaseCorrespondence>().SendLetterAsync(id, "acknowledgement", Ct);
        Assert.Equal(2, (await DocumentsAsync(app, id)).Count(d => d.Kind == DocumentKinds.Letter));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_restricted_cases_reference_in_a_documents_title_file_name_or_removal_reason_is_withheld_from_those_outside_its_grant(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var secret = await RestrictedCaseAsync(app, senior, "Redaction Restricted Complainant");
        var id = await CaseDocumentsTests.RecordAsync(app, senior, "Redaction Visible Complainant");
        // Typed by the senior manager, who may see the restricted case; the file name joins its words with '_'.
        var wrong = await CaseDocumentsTests.AttachedAsync(senior, id, $"{secret}_statement.pdf",
            CaseDocumentsTests.Pdf.Concat(Encoding.ASCII.GetBytes("wrong " + id)).ToArray(), $"Duplicate of {secret}");
        var kept = await CaseDocumentsTests.AttachedAsync(senior, id, $"notes on {secret}.pdf",
            CaseDocumentsTests.Pdf.Concat(Encoding.ASCII.GetBytes("kept " + id)).ToArray(), $"Notes cross-referenced to {secret}");
        var reason = $"Duplicate of the statement on {secret}, attached here in error";
        var removed = await senior.PostFormAsync($"/cases/{id}/documents/{wrong}/remove",
            new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), ["Reason"] = reason }, $"/cases/{id}/documents/{wrong}/remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        // A senior manager outside the grant opens the case, the remove page, the report page, the API and both downloads.
        var outsider = await app.SignInAsync("superintendent");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/cases/{secret}", Ct)).StatusCode);
        var casePage = WebUtility.HtmlDecode(await outsider.Http.GetStringAsync($"/cases/{id}", Ct));
        var documentsTable = Regex.Match(casePage, "<table data-testid=\"documents\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains($"Duplicate of {CaseReferences.Withheld}", documentsTable, StringComparison.Ordinal);
        Assert.Contains($"{CaseReferences.Withheld}.pdf", documentsTable, StringComparison.Ordinal);
        Assert.Contains($"Duplicate of the statement on {CaseReferences.Withheld}, attached here in error", documentsTable, StringComparison.Ordinal);
        Assert.Contains($"Statement removed: Duplicate of {CaseReferences.Withheld} ({CaseReferences.Withheld}.pdf)", casePage, StringComparison.Ordinal);
        var removePage = WebUtility.HtmlDecode(await outsider.Http.GetStringAsync($"/cases/{id}/documents/{wrong}/remove", Ct));
        Assert.Contains($"Duplicate of the statement on {CaseReferences.Withheld}", removePage, StringComparison.Ordinal);
        var keptRemovePage = WebUtility.HtmlDecode(await outsider.Http.GetStringAsync($"/cases/{id}/documents/{kept}/remove", Ct));
        var reportPage = WebUtility.HtmlDecode(await outsider.Http.GetStringAsync($"/cases/{id}/report", Ct));
        var api = await outsider.Http.GetStringAsync($"/api/cases/{id}", Ct);
        var refusedDownload = await outsider.Http.GetAsync($"/cases/{id}/documents/{wrong}", Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedDownload.StatusCode);
        var refusedText = WebUtility.HtmlDecode(await refusedDownload.Content.ReadAsStringAsync(Ct));
        Assert.Contains($"('{CaseReferences.Withheld}.pdf') was removed", refusedText, StringComparison.Ordinal);
        var download = await outsider.Http.GetAsync($"/cases/{id}/documents/{kept}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal($"notes on {CaseReferences.Withheld}.pdf", DownloadName(download));
        var again = await outsider.PostApiAsync($"/api/cases/{id}/documents/{wrong}/removal", new { version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), reason = "again" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var againText = await again.Content.ReadAsStringAsync(Ct);
        Assert.Contains("already removed", againText, StringComparison.Ordinal);
        foreach (var (where, text) in new[] { ("case page", casePage), ("remove page", removePage), ("remove page of the kept document", keptRemovePage), ("report page", reportPage),
            ("API", api), ("refused download", refusedText), ("download name", DownloadName(download)), ("refused removal", againText) })
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The restricted case {secret} is named to the outsider on the {where}");

        // The grantee still reads every word as typed, and the trail keeps them: it is the record of what was removed.
        var own = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains($"Duplicate of {secret}", own, StringComparison.Ordinal);
        Assert.Contains(reason, own, StringComparison.Ordinal);
        Assert.Equal($"notes on {secret}.pdf", DownloadName(await senior.Http.GetAsync($"/cases/{id}/documents/{kept}", Ct)));
        var entry = Assert.Single(await app.TrailAsync(), e => e.Target == "document:" + wrong && e.Action == "remove_document");
        Assert.Contains($"'{secret}_statement.pdf'", entry.Detail, StringComparison.Ordinal);
        Assert.Contains(reason, entry.Detail, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_form_posted_to_a_case_the_poster_cannot_open_answers_as_a_missing_case_and_is_on_the_trail(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var hidden = await RestrictedCaseAsync(app, senior, "Probe Restricted Complainant");
        var doc = await CaseDocumentsTests.AttachedAsync(senior, hidden, "informant.pdf", CaseDocumentsTests.Pdf.Concat(Encoding.ASCII.GetBytes("informant " + hidden)).ToArray());
        var visible = await CaseDocumentsTests.RecordAsync(app, senior, "Probe Visible Complainant");
        var ghost = "PRB-1990-" + hidden[(hidden.LastIndexOf('-') + 1)..];
        var version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + hidden);

        // A senior manager outside the grant, with the case's real version (seen before it was restricted).
        var prober = await app.SignInAsync("superintendent");
        var after = await app.TrailSequenceAsync();
        var forms = new (string Operation, Dictionary<string, string> Fields)[]
        {
            ($"documents/{doc}/remove", new() { ["Reason"] = "curious" }),
            ("allocate", new() { ["unitId"] = "cst", ["reason"] = "moved" }),
            ("finalise", new() { ["date"] = app.Time.Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
        };
        foreach (var (operation, fields) in forms)
        {
            var real = await prober.PostFormAsync($"/cases/{hidden}/{operation}", new(fields) { ["version"] = version }, "/");
            var none = await prober.PostFormAsync($"/cases/{ghost}/{operation}", new(fields) { ["version"] = version }, "/");
            Assert.Equal(HttpStatusCode.NotFound, real.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
            Assert.Equal((await none.Content.ReadAsStringAsync(Ct)).Replace(ghost, hidden, StringComparison.Ordinal), await real.Content.ReadAsStringAsync(Ct));
        }
        var attachHidden = await PostAttachAsync(prober, hidden, "statement", "Planted", "planted.pdf", CaseDocumentsTests.Pdf, "/");
        var attachGhost = await PostAttachAsync(prober, ghost, "statement", "Planted", "planted.pdf", CaseDocumentsTests.Pdf, "/");
        Assert.Equal(HttpStatusCode.NotFound, attachHidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, attachGhost.StatusCode);
        Assert.Equal((await attachGhost.Content.ReadAsStringAsync(Ct)).Replace(ghost, hidden, StringComparison.Ordinal), await attachHidden.Content.ReadAsStringAsync(Ct));

        // The hidden case's document reached through a case the prober may open: 404, as a document that does not exist.
        var visibleVersion = await CaseLifecycleTests.VersionAsync(app, "/cases/" + visible);
        var crossed = await prober.PostFormAsync($"/cases/{visible}/documents/{doc}/remove", new() { ["version"] = visibleVersion, ["Reason"] = "curious" }, "/");
        var nothing = await prober.PostFormAsync($"/cases/{visible}/documents/987654321/remove", new() { ["version"] = visibleVersion, ["Reason"] = "curious" }, "/");
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
        Assert.Equal((await nothing.Content.ReadAsStringAsync(Ct)).Replace("987654321", doc, StringComparison.Ordinal), await crossed.Content.ReadAsStringAsync(Ct));

        // Nothing changed, and every attempt is its own entry: not_found on the hidden and the missing case alike (naming
        // the operation tried), refused on the case the prober may open (naming what was not there), and no view.
        Assert.Equal(version, await CaseLifecycleTests.VersionAsync(app, "/cases/" + hidden));
        Assert.Equal(visibleVersion, await CaseLifecycleTests.VersionAsync(app, "/cases/" + visible));
        Assert.All(await DocumentsAsync(app, hidden), d => Assert.Null(d.RemovedAt));
        Assert.Single(await DocumentsAsync(app, hidden));
        Assert.Empty(await DocumentsAsync(app, visible));
        var trail = await app.TrailSinceAsync(after, "superintendent");
        foreach (var target in new[] { hidden, ghost })
            foreach (var operation in forms.Select(f => f.Operation).Append("attach"))
                Assert.Single(trail, e => e.Action == Probity.AuditTrail.Contracts.Audit.NotFound && e.Target == "case:" + target
                    && e.Detail!.StartsWith($"/cases/{target}/{operation}: ", StringComparison.Ordinal));
        Assert.Single(trail, e => e.Action == "refused" && e.Target == "case:" + visible && e.Detail == $"/cases/{visible}/documents/{doc}/remove: Document {doc} of case {visible} was not found.");
        Assert.Single(trail, e => e.Action == "refused" && e.Target == "case:" + visible && e.Detail == $"/cases/{visible}/documents/987654321/remove: Document 987654321 of case {visible} was not found.");
        Assert.DoesNotContain(trail, e => e.Action == "view" && (e.Target == "case:" + hidden || e.Target == "case:" + visible));
        Assert.DoesNotContain(trail, e => e.Target == "document:" + doc);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_refused_upload_answers_422_and_is_a_refusal_on_the_trail_not_a_view(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var id = await CaseDocumentsTests.RecordAsync(app, handler, "Refused Upload Complainant");
        var after = await app.TrailSequenceAsync();
        var program = new byte[] { (byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0 }.Concat(new byte[200]).ToArray();
        var refused = await CaseDocumentsTests.AttachAsync(handler, id, "statement.pdf", program, kind: "evidence_list", title: "Exhibit list");
        var page = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("is a program or script", SignedInClient.Alert(page), StringComparison.Ordinal);
        Assert.Contains("value=\"Exhibit list\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"evidence_list\" selected=\"selected\"", page, StringComparison.Ordinal);
        Assert.Empty(await DocumentsAsync(app, id));
        var trail = (await app.TrailSinceAsync(after, "handler")).Where(e => e.Target == "case:" + id).ToList();
        var entry = Assert.Single(trail, e => e.Action == "refused");
        Assert.StartsWith($"/cases/{id}/attach: 'statement.pdf' is a program or script", entry.Detail, StringComparison.Ordinal);
        // Only the form's own GET (for its token) is a view; the refused upload is not a second one.
        Assert.Single(trail, e => e.Action == "view");
    }

    public static TheoryData<Provider, string> BlankReasons()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
            foreach (var reason in new[] { "\u200B", " \u200B\u200C\u200D\u2060\uFEFF ", "\u00A0\u2003\t\r\n", "\u3164\u115F", "\u2800", "\u034F\uFE0F", "\u00AD\u180E" })
                data.Add(provider, reason);
        return data;
    }

    [Theory, MemberData(nameof(BlankReasons))]
    public async Task A_removal_reason_of_white_space_or_invisible_characters_is_no_reason(Provider provider, string blank)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var id = await CaseDocumentsTests.RecordAsync(app, handler, "Blank Reason Complainant");
        var doc = await CaseDocumentsTests.AttachedAsync(handler, id, "statement.pdf", CaseDocumentsTests.Pdf.Concat(Encoding.ASCII.GetBytes("blank " + id + Guid.NewGuid())).ToArray());
        var senior = await app.SignInAsync("senior");
        var url = $"/cases/{id}/documents/{doc}/remove";
        var page = await senior.PostFormAsync(url, new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), ["Reason"] = blank }, url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.StatusCode);
        Assert.Contains("say why the document is removed", SignedInClient.Alert(await page.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var api = await senior.PostApiAsync($"/api/cases/{id}/documents/{doc}/removal", new { version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), reason = blank }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        Assert.Contains("say why the document is removed", (await api.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(Assert.Single(await DocumentsAsync(app, id)).RemovedAt);

        // A reason with words in it is one, whatever invisible characters it also carries.
        var done = await senior.PostApiAsync($"/api/cases/{id}/documents/{doc}/removal", new { version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), reason = blank + "Wrong case" + blank }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.NotNull(Assert.Single(await DocumentsAsync(app, id)).RemovedAt);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_route_change_or_intake_correction_whose_reason_is_only_invisible_characters_is_refused_and_changes_nothing(Provider provider)
    {
        // The review found the other operations that ask for a reason (route change, correction, restriction, withdrawal,
        // decision, finding, relation, allegations, claim amendment) checked only for white space; they share
        // CaseEditing.Readable now. Two of them through the API, as a script would send them:
        const string blank = " \u200B\u200C\u200D\u2060\uFEFF ";
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var created = await handler.PostApiAsync("/api/cases", new
        {
            caseType = "conduct_matter", receivedOn = "2026-11-02", source = "internal", locationUnitId = "bor-lambeth", summary = "Invisible reasons",
            allegations = new[] { new { category = "improper_use_of_it_systems" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetString()!;
        async Task<System.Text.Json.JsonElement> ViewAsync() => await handler.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cases/{id}", Ct);
        async Task<string> RefusedAsync(HttpResponseMessage answer)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
            return (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("detail").GetString()!;
        }

        var first = await handler.PostApiAsync($"/api/cases/{id}/route", new { version = (await ViewAsync()).GetProperty("version").GetGuid(), route = "local_resolution", decidedOn = app.Time.Today() }, Ct);
        Assert.True(first.StatusCode == HttpStatusCode.NoContent, await first.Content.ReadAsStringAsync(Ct));
        var view = await ViewAsync();
        Assert.Equal("Give the reason for changing the handling route.", await RefusedAsync(await handler.PostApiAsync($"/api/cases/{id}/route",
            new { version = view.GetProperty("version").GetGuid(), route = "local_investigation", decidedOn = app.Time.Today(), reason = blank }, Ct)));
        Assert.StartsWith("Give the reason for the correction", await RefusedAsync(await handler.PostApiAsync($"/api/cases/{id}/intake", new
        {
            version = view.GetProperty("version").GetGuid(), type = "conduct_matter", receivedOn = "2026-10-30", recordedOn = view.GetProperty("recordedOn").GetString(),
            source = "audit", locationUnitId = "bor-lambeth", summary = "Invisible reasons", reason = blank,
        }, Ct)), StringComparison.Ordinal);

        var after = await ViewAsync();
        Assert.Equal(view.GetProperty("version").GetGuid(), after.GetProperty("version").GetGuid());
        Assert.Equal(("2026-11-02", "internal"), (after.GetProperty("receivedOn").GetString(), after.GetProperty("source").GetString()));
    }
}
