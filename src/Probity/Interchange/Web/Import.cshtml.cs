using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity;
using Probity.Infrastructure.Web;

namespace Probity.Interchange.Web;

[Authorize(Policy = Policies.Import)]
[RequestSizeLimit(2L * 1024 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 2L * 1024 * 1024 * 1024)]
public sealed class ImportModel(ImportJobs jobs) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "job")] public string? JobId { get; set; }
    public ImportJobs.Job? Job { get; private set; }

    public IActionResult OnGet()
    {
        if (JobId is null) return Page();
        Job = jobs.Find(JobId, User.Identity!.Name!);
        return Job is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            TempData["Error"] = "Choose the bundle's files to import.";
            return Redirect("/interchange/import");
        }
        // Uploaded files are staged to a private temp folder; the job deletes it when done.
        var folder = Directory.CreateTempSubdirectory("probity-import-").FullName;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName);
            await using var target = System.IO.File.Create(Path.Combine(folder, name));
            await file.CopyToAsync(target, ct);
        }
        var job = jobs.Enqueue(Infrastructure.Security.CaseAccessScope.For(User), folder);
        return Redirect($"/interchange/import/{job.Id}");
    }
}
