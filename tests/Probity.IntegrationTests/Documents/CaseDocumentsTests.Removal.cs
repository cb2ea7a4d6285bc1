using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Cases.Contracts;
using Probity.Cases.Documents;
using Probity.Database;

namespace Probity.IntegrationTests.Documents;

/// <summary>
/// Removing a document attached in error (ADR 0033): a senior manager's act with a reason, the content erased unless
/// another document holds it, the row kept as the record that it was there; and refused to the handler who attached
/// it, to anyone who cannot open the case, for a letter sent, twice, and on a stale version.
/// </summary>
public sealed partial class CaseDocumentsTests
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_senior_manager_removes_a_document_attached_in_error_and_its_content_is_erased_once_nothing_else_holds_it(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var id = await RecordAsync(app, handler, "Removal Complainant");
        var other = await RecordAsync(app, handler, "Removal Other Complainant");
        var content = Pdf.Concat(Encoding.ASCII.GetBytes("wrong person " + id)).ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var wrong = await AttachedAsync(handler, id, "someone else.pdf", content, "Statement of someone else");
        var copy = await AttachedAsync(handler, other, "someone else copy.pdf", content, "Statement of someone else (copy)");
        var kept = await AttachedAsync(handler, id, "right.pdf", Pdf.Concat(Encoding.ASCII.GetBytes("right " + id)).ToArray(), "Statement of the complainant");

        // The handler who attached it may not take it away: evidence leaves a case only on a senior manager's word.
        Assert.DoesNotContain($"/documents/{wrong}/remove", await handler.Http.GetStringAsync($"/cases/{id}", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await handler.Http.GetAsync($"/cases/{id}/documents/{wrong}/remove", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostApiAsync($"/api/cases/{id}/documents/{wrong}/removal",
            new { version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), reason = "mine" }, Ct)).StatusCode);

        var senior = await app.SignInAsync("senior");
        Assert.Contains($"/cases/{id}/documents/{wrong}/remove", await senior.Http.GetStringAsync($"/cases/{id}", Ct), StringComparison.Ordinal);
        var url = $"/cases/{id}/documents/{wrong}/remove";
        var form = await senior.Http.GetStringAsync(url, Ct);
        Assert.Contains("Statement of someone else", form, StringComparison.Ordinal);
        var noReason = await senior.PostFormAsync(url, new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), ["Reason"] = " " }, url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("say why the document is removed", SignedInClient.Alert(await noReason.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        var removed = await senior.PostFormAsync(url, new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), ["Reason"] = "Attached to the wrong case: another complainant's statement" }, url);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        // Still listed, struck through, with who and why; no link to it; downloading it is refused, naming when and why.
        var page = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains("Attached to the wrong case: another complainant's statement", page, StringComparison.Ordinal);
        Assert.Contains("Statement removed: Statement of someone else (someone else.pdf)", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/cases/{id}/documents/{wrong}\"", page, StringComparison.Ordinal);
        Assert.Contains($"/cases/{id}/documents/{kept}\"", page, StringComparison.Ordinal);
        var download = await senior.Http.GetAsync($"/cases/{id}/documents/{wrong}", Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, download.StatusCode);
        Assert.Contains("was removed from case", WebUtility.HtmlDecode(await download.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.DoesNotContain("%PDF", await download.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The same content is still on the other case: kept, and that copy still downloads.
        Assert.Equal(1, await ContentCountAsync(app, hash));
        Assert.Equal(content, await (await senior.Http.GetAsync($"/cases/{other}/documents/{copy}", Ct)).Content.ReadAsByteArrayAsync(Ct));
        var again = await senior.PostApiAsync($"/api/cases/{id}/documents/{wrong}/removal", new { version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), reason = "again" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("already removed", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Removed from the other case too, through the API: nothing holds the content now, so it is gone from the store.
        var stale = await CaseLifecycleTests.VersionAsync(app, "/cases/" + other);
        Assert.Equal(HttpStatusCode.NoContent, (await senior.PostApiAsync($"/api/cases/{other}/documents/{copy}/removal", new { version = stale, reason = "The same wrong statement" }, Ct)).StatusCode);
        Assert.Equal(0, await ContentCountAsync(app, hash));
        Assert.Equal(HttpStatusCode.Conflict, (await senior.PostApiAsync($"/api/cases/{other}/documents/{copy}/removal", new { version = stale, reason = "stale" }, Ct)).StatusCode);

        var trail = await TrailAsync(app, "document:" + wrong);
        var entry = Assert.Single(trail, e => e.Action == "remove_document");
        Assert.Equal("senior", entry.Actor);
        Assert.Contains("sha256:" + hash, entry.Detail, StringComparison.Ordinal);
        Assert.Contains("content kept: another document holds it", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("content erased", Assert.Single(await TrailAsync(app, "document:" + copy), e => e.Action == "remove_document").Detail, StringComparison.Ordinal);
        Assert.Contains(trail, e => e.Action == "refused" && e.Actor == "senior" && e.Detail!.Contains("removed document", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_letter_sent_stays_and_a_case_the_remover_cannot_open_answers_as_a_missing_one(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var id = await RecordAsync(app, senior, "Removal Letter Complainant");
        await using (var scope = app.SystemScope())
            await scope.ServiceProvider.GetRequiredService<ICaseCorrespondence>().SendLetterAsync(id, "acknowledgement", Ct);
        long letter;
        await using (var scope = app.SystemScope())
            letter = await scope.ServiceProvider.GetRequiredService<ProbityDb>().CaseDocuments.Where(d => d.CaseId == id && d.Kind == DocumentKinds.Letter).Select(d => d.Id).FirstAsync(Ct);
        Assert.DoesNotContain($"/documents/{letter}/remove", await senior.Http.GetStringAsync($"/cases/{id}", Ct), StringComparison.Ordinal);
        var refused = await senior.PostApiAsync($"/api/cases/{id}/documents/{letter}/removal", new { version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), reason = "tidy" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("is a letter sent from Probity", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A restricted case's document: the senior manager outside it gets the answer a document that does not exist gets.
        var hidden = await RecordAsync(app, senior, "Removal Restricted Complainant");
        var doc = await AttachedAsync(senior, hidden, "informant.pdf", Pdf.Concat(Encoding.ASCII.GetBytes("informant " + hidden)).ToArray());
        var restricted = await senior.PostFormAsync($"/cases/{hidden}/restrict", new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + hidden), ["Principals"] = "", ["Reason"] = "Corruption enquiry" }, $"/cases/{hidden}");
        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);
        var superintendent = await app.SignInAsync("superintendent");
        var version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + hidden);
        var probe = await superintendent.PostApiAsync($"/api/cases/{hidden}/documents/{doc}/removal", new { version, reason = "curious" }, Ct);
        var none = await superintendent.PostApiAsync($"/api/cases/NO-SUCH-CASE/documents/{doc}/removal", new { version, reason = "curious" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await superintendent.Http.GetAsync($"/cases/{hidden}/documents/{doc}/remove", Ct)).StatusCode);
        await using (var scope = app.SystemScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ProbityDb>().CaseDocuments.Where(d => d.Id == long.Parse(doc)).Select(d => d.RemovedAt).SingleAsync(Ct));
    }

    private static async Task<int> ContentCountAsync(ProbityApp app, string hash)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Set<DocumentContent>().CountAsync(c => c.Sha256 == hash, Ct);
    }
}
