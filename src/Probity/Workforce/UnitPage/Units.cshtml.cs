using Probity.Workforce.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.Identity.Contracts;
using Probity.Database;

namespace Probity.Workforce.UnitPage;

[Authorize(Policy = Policies.ReadCases)]
internal sealed class UnitsModel(ProbityDb db) : PageModel
{
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Units = (await db.Units.AsNoTracking().ToListAsync(ct))
            .OrderBy(u => u.Kind switch { "cst" => 0, "bsu" => 1, "borough" => 2, "business_group" => 3, _ => 4 }).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
}
