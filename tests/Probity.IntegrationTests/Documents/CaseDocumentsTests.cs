using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Cases.Documents;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;

namespace Probity.IntegrationTests.Documents;

/// <summary>
/// Documents on a case (issue 13, item 6), tried as an attacker would: a curious investigator guessing document numbers
/// on a restricted case, the officer under investigation, a forged file type, an oversized upload, a hostile file name,
/// and a database administrator altering stored content.
/// </summary>
public sealed partial class CaseDocumentsTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    internal static async Task<string> RecordAsync(ProbityApp app, SignedInClient client, string complainant, string? subject = null, DateOnly? received = null)
    {
        var on = (received ?? app.Time.Today().AddDays(-20)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = on, ["Input.RecordedOn"] = on,
            ["Input.LocationUnitId"] = "bor-camden", ["Input.Summary"] = "Documents test", ["Input.Allegations[0].Category"] = "incivility",
            ["Input.ComplainantName"] = complainant, ["Input.ComplainantContact"] = "12 Example Road, London",
        };
        if (subject is not null) fields["Input.Allegations[0].StaffId"] = subject;
        var created = await client.PostFormAsync("/cases/new", fields);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"recording: {SignedInClient.Alert(await created.Content.ReadAsStringAsync(Ct))}");
        return created.Headers.Location!.ToString()["/cases/".Length..];
    }

    internal static async Task<HttpResponseMessage> AttachAsync(SignedInClient client, string caseId, string fileName, byte[] content,
        string kind = "statement", string title = "Statement of the complainant", string claimedType = "application/pdf", string? rawDisposition = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await client.GetFormTokenAsync($"/cases/{caseId}/attach")), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
            { new StringContent(title), "Title" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        // Set by hand: HttpClient would tidy a hostile name into something else.
        file.Headers.TryAddWithoutValidation("Content-Disposition", rawDisposition ?? $"form-data; name=\"File\"; filename=\"{fileName}\"");
        form.Add(file);
        return await client.Http.PostAsync($"/cases/{caseId}/attach", form, Ct);
    }

    internal static async Task<string> AttachedAsync(SignedInClient client, string caseId, string fileName, byte[] content, string title = "Statement of the complainant")
    {
        var response = await AttachAsync(client, caseId, fileName, content, title: title);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"attaching {fileName}: {SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct))}");
        var page = await client.Http.GetStringAsync($"/cases/{caseId}", Ct);
        return DocumentLink().Matches(page).Select(m => m.Groups[1].Value).Last();
    }

    private static async Task<string> RefusalAsync(SignedInClient client, string caseId, string fileName, byte[] content, string claimedType = "application/pdf")
    {
        var response = await AttachAsync(client, caseId, fileName, content, claimedType: claimedType);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{fileName}: {response.StatusCode} {SignedInClient.Alert(html)}");
        return SignedInClient.Alert(html);
    }

    private static async Task<List<Probity.AuditTrail.AuditEntry>> TrailAsync(ProbityApp app, string target)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.AsNoTracking().Where(e => e.Target == target).OrderBy(e => e.Sequence).ToListAsync(Ct);
    }

    private static async Task<int> DocumentCountAsync(ProbityApp app, string caseId)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().CaseDocuments.CountAsync(d => d.CaseId == caseId, Ct);
    }

    [GeneratedRegex("href=\"/cases/[^\"/]+/documents/(\\d+)\"")]
    private static partial Regex DocumentLink();

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_statement_is_listed_on_the_case_and_its_timeline_downloaded_as_an_attachment_and_both_acts_are_on_the_trail(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var id = await RecordAsync(app, handler, "Grace Hopper-Docs");
        var content = Pdf.Concat(Encoding.ASCII.GetBytes(id)).ToArray();
        var doc = await AttachedAsync(handler, id, "witness statement.pdf", content, "Statement of Grace Hopper");

        var page = await handler.Http.GetStringAsync($"/cases/{id}", Ct);
        Assert.Contains("Statement of Grace Hopper", Regex.Match(page, "<table data-testid=\"documents\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("Statement attached: Statement of Grace Hopper (witness statement.pdf)", WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        var investigator = await app.SignInAsync("investigator");
        var download = await investigator.Http.GetAsync($"/cases/{id}/documents/{doc}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("witness statement.pdf", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var trail = await TrailAsync(app, "document:" + doc);
        Assert.Contains(trail, e => e.Action == "attach_document" && e.Actor == "handler" && e.Detail!.Contains("sha256:" + hash, StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Action == "download" && e.Actor == "investigator");
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_same_content_attached_to_two_cases_is_stored_once(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var first = await RecordAsync(app, handler, "Same Content One");
        var second = await RecordAsync(app, handler, "Same Content Two");
        var content = Pdf.Concat(Encoding.ASCII.GetBytes("shared " + first)).ToArray();
        await AttachedAsync(handler, first, "evidence.pdf", content);
        await AttachedAsync(handler, second, "evidence copy.pdf", content);

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Equal(1, await db.Set<DocumentContent>().CountAsync(c => c.Sha256 == hash, Ct));
        Assert.Equal(2, await db.CaseDocuments.CountAsync(d => d.Sha256 == hash, Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_restricted_cases_documents_answer_404_to_an_ordinary_investigator_exactly_as_a_missing_one_and_guessing_is_on_the_trail(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var hidden = await RecordAsync(app, senior, "Restricted Docs Complainant");
        var doc = await AttachedAsync(senior, hidden, "informant.pdf", Pdf.Concat(Encoding.ASCII.GetBytes(hidden)).ToArray());
        var version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + hidden);
        var restricted = await senior.PostFormAsync($"/cases/{hidden}/restrict", new() { ["version"] = version, ["Principals"] = "", ["Reason"] = "Corruption enquiry" }, $"/cases/{hidden}");
        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);
        var visible = await RecordAsync(app, senior, "Visible Docs Complainant");

        var investigator = await app.SignInAsync("investigator");
        var direct = await investigator.Http.GetAsync($"/cases/{hidden}/documents/{doc}", Ct);
        var missing = await investigator.Http.GetAsync($"/cases/{hidden}/documents/{long.Parse(doc, System.Globalization.CultureInfo.InvariantCulture) + 100_000}", Ct);
        // The hidden case's document reached through a case the investigator can see: still nothing.
        var crossed = await investigator.Http.GetAsync($"/cases/{visible}/documents/{doc}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        var hiddenBody = (await direct.Content.ReadAsStringAsync(Ct)).Replace(hidden, "CASE", StringComparison.Ordinal).Replace(doc, "DOC", StringComparison.Ordinal);
        Assert.DoesNotContain("informant", hiddenBody, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await senior.Http.GetAsync($"/cases/{hidden}/documents/{doc}", Ct)).StatusCode);

        var trail = await TrailAsync(app, "document:" + doc);
        Assert.Equal(2, trail.Count(e => e.Action == "not_found" && e.Actor == "investigator"));
        Assert.DoesNotContain(trail, e => e.Action == "download" && e.Actor == "investigator");
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_officer_under_investigation_never_downloads_documents_about_their_own_case(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        string subject;
        await using (var scope = app.SystemScope())
            subject = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null)
                .OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync(Ct);
        var handler = await app.SignInAsync("handler");
        var id = await RecordAsync(app, handler, "Own Case Complainant", subject);
        var doc = await AttachedAsync(handler, id, "statement.pdf", Pdf.Concat(Encoding.ASCII.GetBytes(id)).ToArray());

        var user = "subject-docs-" + provider.ToString().ToLowerInvariant();
        await app.AddUserAsync(user, Roles.Investigator);
        await using (var scope = app.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
            var account = (await users.FindByNameAsync(user))!;
            account.StaffId = subject;
            Assert.True((await users.UpdateAsync(account)).Succeeded);
        }
        var officer = await app.SignInAsync(user);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.Http.GetAsync($"/cases/{id}/documents/{doc}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.Http.GetAsync($"/cases/{id}", Ct)).StatusCode);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Programs_forged_types_archives_and_names_that_lie_about_the_content_are_refused_and_nothing_is_kept(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var id = await RecordAsync(app, handler, "Forged Type Complainant");

        var exe = new byte[] { (byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0 }.Concat(new byte[200]).ToArray();
        Assert.Contains("program", await RefusalAsync(handler, id, "statement.pdf", exe), StringComparison.Ordinal);
        Assert.Contains("program", await RefusalAsync(handler, id, "notes.txt", Encoding.ASCII.GetBytes("#!/bin/sh\nrm -rf /\n"), "text/plain"), StringComparison.Ordinal);
        var mismatch = await RefusalAsync(handler, id, "photo.png", Pdf, "image/png");
        Assert.Contains("is a PDF by its content, but its name says '.png'", mismatch, StringComparison.Ordinal);
        using (var zipped = new MemoryStream())
        {
            using (var zip = new System.IO.Compression.ZipArchive(zipped, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
                await using (var entry = await zip.CreateEntry("payload.exe").OpenAsync(Ct)) await entry.WriteAsync(exe, Ct);
            Assert.Contains("not a Word or Excel document", await RefusalAsync(handler, id, "report.docx", zipped.ToArray(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), StringComparison.Ordinal);
        }
        Assert.Contains("not a type a case file holds", await RefusalAsync(handler, id, "notes.txt", [0x00, 0x01, 0x02, 0xFF, 0xFE], "text/plain"), StringComparison.Ordinal);
        Assert.Equal(0, await DocumentCountAsync(app, id));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_upload_over_the_limit_is_stopped_with_the_limit_named_whether_or_not_it_declares_its_length(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var id = await RecordAsync(app, handler, "Oversized Complainant");
        var max = new DocumentSettings().MaxBytes;

        // Just over the limit: the declared length passes the first check, the count as it streams stops it.
        var justOver = new byte[max + 1];
        Array.Fill(justOver, (byte)'a');
        Assert.Contains("larger than 20 MB", await RefusalAsync(handler, id, "long.txt", justOver, "text/plain"), StringComparison.Ordinal);
        // Far over: refused on its declared length, before it is read.
        var farOver = new byte[max + (1 << 20)];
        Array.Fill(farOver, (byte)'a');
        Assert.Contains("larger than 20 MB", await RefusalAsync(handler, id, "longer.txt", farOver, "text/plain"), StringComparison.Ordinal);
        Assert.Equal(0, await DocumentCountAsync(app, id));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_file_name_with_a_path_and_a_line_break_is_kept_as_a_safe_leaf_and_cannot_split_the_download_header(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var id = await RecordAsync(app, handler, "Hostile Name Complainant");
        var response = await AttachAsync(handler, id, "", Encoding.UTF8.GetBytes("Notes of the call " + id), claimedType: "text/plain",
            rawDisposition: "form-data; name=\"File\"; filename*=UTF-8''..%2F..%2Fetc%2Fevil%0D%0ASet-Cookie%3A%20stolen%3D1%0D%0A.txt");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct)));

        await using (var scope = app.SystemScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ProbityDb>().CaseDocuments.SingleAsync(d => d.CaseId == id, Ct);
            Assert.DoesNotContain('/', stored.FileName);
            Assert.DoesNotContain('\r', stored.FileName);
            Assert.DoesNotContain('\n', stored.FileName);
            Assert.EndsWith(".txt", stored.FileName, StringComparison.Ordinal);
            var download = await handler.Http.GetAsync($"/cases/{id}/documents/{stored.Id}", Ct);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.False(download.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.Contains("stolen", StringComparison.Ordinal)));
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.StartsWith("text/plain", download.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Content_altered_in_the_database_is_withheld_on_download_and_the_mismatch_is_on_the_trail(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var id = await RecordAsync(app, handler, "Tampered Complainant");
        var content = Pdf.Concat(Encoding.ASCII.GetBytes("original " + id)).ToArray();
        var doc = await AttachedAsync(handler, id, "report.pdf", content);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));

        // The database administrator rewrites the stored statement.
        var forged = Pdf.Concat(Encoding.ASCII.GetBytes("altered " + id)).ToArray();
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE document_contents SET \"Content\" = {forged} WHERE \"Sha256\" = {hash}", Ct));
        }

        var download = await handler.Http.GetAsync($"/cases/{id}/documents/{doc}", Ct);
        var body = await download.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, download.StatusCode);
        Assert.Contains("withheld", body, StringComparison.Ordinal);
        Assert.DoesNotContain("altered " + id, body, StringComparison.Ordinal);
        Assert.Contains(await TrailAsync(app, "document:" + doc), e => e.Action == "document_tampered" && e.Actor == "handler");

        // Attaching the true content again restores it: the first document downloads as it was attached.
        await AttachedAsync(handler, id, "report again.pdf", content);
        Assert.Equal(content, await handler.Http.GetByteArrayAsync($"/cases/{id}/documents/{doc}", Ct));
    }

    [Fact]
    public async Task Only_those_who_edit_cases_may_attach_and_only_senior_managers_edit_letter_templates()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var handler = await app.SignInAsync("handler");
        var id = await RecordAsync(app, handler, "Policy Complainant");
        var analyst = await app.SignInAsync("analyst");
        var refused = await analyst.Http.GetAsync($"/cases/{id}/attach", Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var oversight = await app.SignInAsync("oversight");
        Assert.StartsWith("/account/denied", (await oversight.Http.GetAsync($"/letters/templates", Ct)).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
