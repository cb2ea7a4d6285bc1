using Probity.AuditTrail.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.Identity.Contracts;
using Probity.Database;

namespace Probity.Workforce.FindStaff;

/// <summary>Finds a member of staff by id or name, to open their profile. Searching people is audited like searching cases.</summary>
[Authorize(Policy = Policies.ReadCases)]
internal sealed class StaffModel(ProbityDb db, Audit audit) : PageModel
{
    internal sealed record Row(string Id, string DisplayName, string? Rank, string StaffType, string? UnitId, string? UnitName, int Allegations);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<Row> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q)) { Q = null; return; }
        var q = Q.Trim();
        // Allegation counts go through the need-to-know filter, so hidden cases do not show even as a number.
        Results = await db.Staff.AsNoTracking()
            .Where(s => s.Id.StartsWith(q) || s.DisplayName.ToLower().Contains(q.ToLower()))
            .OrderBy(s => s.DisplayName).Take(50)
            .Select(s => new Row(s.Id, s.DisplayName, s.Rank, s.StaffType, s.UnitId, db.Units.Where(u => u.Id == s.UnitId).Select(u => u.Name).FirstOrDefault(), db.Allegations.Count(a => a.StaffId == s.Id)))
            .ToListAsync(ct);
        await audit.RecordAsync("search", "staff", $"q={q} -> {Results.Count} result(s)", ct);
    }
}
