using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Probity.Identity.Contracts;
using Probity.Kernel;

namespace Probity.Cases.Documents;

/// <summary>
/// Attach a document. The form is read here, section by section, as it arrives: the antiforgery token first, then what
/// the document is, then the file, counted against <see cref="DocumentSettings.MaxBytes"/> as it streams, so an upload
/// over the limit is stopped at the limit, never read whole. The framework must not read (and buffer) the form first.
/// </summary>
[Authorize(Policy = Policies.EditCases)]
[IgnoreAntiforgeryToken]
[Infrastructure.Web.NoFormBinding]
internal sealed class AttachDocumentPage(CaseDocumentStore store, DocumentSettings settings, IAntiforgery antiforgery, ViewCase.ViewCaseHandler view, TimeProvider time)
    : CaseOperationPage(view, time)
{
    public string Kind { get; private set; } = "statement";
    public string Title { get; private set; } = "";
    public long MaxBytes => settings.MaxBytes;

    /// <summary>
    /// Through <see cref="CaseOperationPage.PerformAsync"/>, as every case operation: a refused upload shows the form again
    /// with why, answering 422, and is on the trail as <c>refused</c>; a hidden or missing case answers 404 and is on the
    /// trail as <c>not_found</c>. A form without its antiforgery token is a bad request, not a refusal of the upload.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Room for the form's own fields and boundaries beside the file; Kestrel stops reading past this.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = settings.MaxBytes + (64 << 10);
        try
        {
            return await PerformAsync(async () =>
            {
                var (kind, title, fileName, content) = await ReceiveReadableAsync(ct);
                Kind = kind;
                Title = title;
                var document = await store.AttachAsync(new(Id, kind, title, fileName, content), ct);
                return $"{Contracts.DocumentKinds.Describe(document.Kind)} attached: {document.Title}.";
            }, ct);
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }
    }

    /// <summary>The upload, or a refusal in the person's words when it is too large or cannot be read.</summary>
    private async Task<(string Kind, string Title, string FileName, byte[] Content)> ReceiveReadableAsync(CancellationToken ct)
    {
        try
        {
            return await ReceiveAsync(ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ActionRefusedException(TooLarge());
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException)
        {
            throw new ActionRefusedException("The upload could not be read; choose the file and try again.");
        }
    }

    private string TooLarge() => $"The document is larger than {settings.MaxMegabytes} MB, the largest a case accepts ({DocumentSettings.Section}:MaxMegabytes). Split it, or ask an administrator to raise the limit.";

    private async Task<(string Kind, string Title, string FileName, byte[] Content)> ReceiveAsync(CancellationToken ct)
    {
        if (Request.ContentLength > settings.MaxBytes + (64 << 10)) throw new ActionRefusedException(TooLarge());
        if (Request.ContentType is not { } contentType || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new ActionRefusedException("Choose the document to attach.");
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new ActionRefusedException("Choose the document to attach.");
        var reader = new MultipartReader(boundary, Request.Body);
        var checkedToken = false;
        string kind = "", title = "";
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            if (!disposition.IsFileDisposition())
            {
                var name = disposition.Name.Value;
                // Small fields only: the form's own, never a second file in disguise.
                var value = await ReadFieldAsync(section.Body, ct);
                if (name == "__RequestVerificationToken" && !checkedToken)
                {
                    Request.Headers["X-CSRF-TOKEN"] = value;
                    await antiforgery.ValidateRequestAsync(HttpContext);
                    checkedToken = true;
                }
                else if (string.Equals(name, "Kind", StringComparison.OrdinalIgnoreCase)) kind = value;
                else if (string.Equals(name, "Title", StringComparison.OrdinalIgnoreCase)) title = value;
                continue;
            }
            if (!checkedToken) throw new AntiforgeryValidationException("The antiforgery token must come before the file.");
            var given = disposition.FileNameStar.Value ?? disposition.FileName.Value ?? "";
            if (given.Length == 0) continue;
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = await section.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > settings.MaxBytes) throw new ActionRefusedException(TooLarge());
                buffer.Write(chunk, 0, read);
            }
            return (kind, title, given, buffer.ToArray());
        }
        if (!checkedToken) throw new AntiforgeryValidationException("No antiforgery token in the form.");
        throw new ActionRefusedException("Choose the document to attach.");
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new char[4096];
        using var text = new StreamReader(body);
        var read = await text.ReadBlockAsync(buffer, ct);
        if (read == buffer.Length && text.Peek() >= 0) throw new ActionRefusedException("A field of the form is too long.");
        return new string(buffer, 0, read);
    }
}
