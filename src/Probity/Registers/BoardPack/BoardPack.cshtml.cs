using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Registers.BoardPack;

/// <summary>The month's board pack as a printable page; the read is on the trail.</summary>
[Authorize(Policy = Policies.ReadBoardPack)]
internal sealed class BoardPackModel(BoardPackHandler handler) : PageModel
{
    /// <summary>YYYY-MM; none means last month.</summary>
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    public BoardPackHandler.Pack? Pack { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Pack = await handler.BuildAsync(Month, "view", ct);
}

/// <summary>The month's board pack as a PDF, opened in the browser; the download is on the trail as an export.</summary>
[Authorize(Policy = Policies.ReadBoardPack)]
internal sealed class BoardPackPdfModel(BoardPackHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var pack = await handler.BuildAsync(Month, "export", ct);
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileNameStar = pack.FileName }.ToString();
        return File(BoardPackPdf.Render(pack), "application/pdf");
    }
}
