using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Interchange.ImportBundle;

/// <summary>
/// Upload a bundle: the files are streamed straight into an upload folder Probity owns (never buffered whole, never in
/// the system's temp folder), counted against <see cref="Uploads.MaxBytes"/> and <see cref="Uploads.MaxFiles"/> as they
/// arrive, then imported by a background job that removes the folder when it ends.
/// </summary>
[Authorize(Policy = Policies.Import)]
// The form is read here, section by section; the framework must not read (and buffer) it first, for binding or for
// the antiforgery check, which is done below on the token the form sends first.
[IgnoreAntiforgeryToken]
[NoFormBinding]
internal sealed class ImportModel(ImportJobs jobs, Uploads uploads, IAntiforgery antiforgery) : PageModel
{
    public ImportJobs.Job? Job { get; private set; }

    public IActionResult OnGet(string? job)
    {
        if (job is null) return Page();
        Job = jobs.Find(job, User.Identity!.Name!);
        return Job is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Room for the form's own fields and boundaries beside the files.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = uploads.MaxBytes + (1 << 20);
        var upload = uploads.Begin();
        try
        {
            var files = await ReceiveAsync(upload.Folder, ct);
            if (files == 0) throw new UploadRefusedException("Choose the bundle's files to import.");
            var job = jobs.Enqueue(Identity.Contracts.ReaderScope.For(User), upload);
            return Redirect($"/interchange/import/{job.Id}");
        }
        catch (Exception ex) when (ex is UploadRefusedException or BadHttpRequestException or InvalidDataException or AntiforgeryValidationException)
        {
            upload.Dispose();
            if (ex is AntiforgeryValidationException) return BadRequest();
            TempData["Error"] = ex is UploadRefusedException ? ex.Message
                : ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                    ? TooLarge()
                    : "The upload could not be read; choose the files and try again.";
            return Redirect("/interchange/import");
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    private string TooLarge() => $"The upload is larger than {uploads.MaxBytes:N0} bytes ({Uploads.MaxBytesSetting}); gzip the larger files (name.csv.gz) or ask an administrator to raise the limit.";

    /// <summary>Streams the form's files into <paramref name="folder"/>; the antiforgery token must come first. Returns the number of files.</summary>
    private async Task<int> ReceiveAsync(string folder, CancellationToken ct)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(Request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || !Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new UploadRefusedException("Choose the bundle's files to import.");
        var reader = new MultipartReader(boundary, Request.Body);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var checkedToken = false;
        long bytes = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            if (!disposition.IsFileDisposition())
            {
                if (disposition.Name.Value == "__RequestVerificationToken" && !checkedToken)
                {
                    using var text = new StreamReader(section.Body);
                    Request.Headers["X-CSRF-TOKEN"] = await text.ReadToEndAsync(ct);
                    await antiforgery.ValidateRequestAsync(HttpContext);
                    checkedToken = true;
                }
                continue;
            }
            if (!checkedToken) throw new AntiforgeryValidationException("The antiforgery token must come before the files.");
            var given = disposition.FileNameStar.Value ?? disposition.FileName.Value ?? "";
            if (given.Length == 0) continue; // the browser's empty file input
            var name = Uploads.LeafName(given);
            if (!names.Add(name)) throw new UploadRefusedException($"Two files are named '{name}': choose each of the bundle's files once.");
            if (names.Count > uploads.MaxFiles)
                throw new UploadRefusedException($"More than {uploads.MaxFiles} files ({Uploads.MaxFilesSetting}); a PIF-1 bundle has at most 14.");
            await using var target = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
            {
                bytes += read;
                if (bytes > uploads.MaxBytes) throw new UploadRefusedException(TooLarge());
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        if (!checkedToken) throw new AntiforgeryValidationException("No antiforgery token in the form.");
        return names.Count;
    }
}
