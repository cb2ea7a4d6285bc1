using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Registers;

/// <summary>
/// The registers the reader may open, in one place: the menu carries one "Registers" link instead of eight, which on a
/// phone crowded the menu's links into each other. Shows no register data, so it records no read; each register does.
/// </summary>
[Authorize]
internal sealed class RegistersIndexModel(IAuthorizationService authorization) : PageModel
{
    internal sealed record Entry(string Href, string Name, string What);

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public static readonly IReadOnlyList<(string Policy, Entry Entry)> All =
    [
        (Policies.ReadRegisters, new("/registers/interests", "Business interests", "Applications, decisions with reasons and conditions, annual reviews and expiry; interests continuing after refusal first.")),
        (Policies.ReadRegisters, new("/registers/vetting", "Vetting", "The level each post needs against its holder's clearance; lapsed and due renewals per unit; the extended police family.")),
        (Policies.ReadRegisters, new("/registers/learning", "Organisational learning", "Recommendations from investigations, reviews, IOPC and coroners' reports: owner, action, due date, progress, evidence of closure.")),
        (Policies.ReadRegisters, new("/registers/risks", "Risk registers", "Corporate, business-group and borough risks with the 5x5 heat map, monthly reviews and escalation.")),
        (Policies.ReadRegisters, new("/registers/support", "Support programme", "Each borough's pack of complaint figures, and the deliveries with complaints before and after.")),
        (Policies.ReadRegisters, new("/registers/gold", "Gold groups", "Critical incidents: trigger, chair and members, decisions with rationale, actions and minutes; the FOI export.")),
        (Policies.ReadRegisters, new("/registers/service-confidence", "Service confidence", "Where confidence in a member of staff was lost: restrictions placed, reviews and outcome.")),
        (Policies.ReadDipSamples, new("/registers/dip-samples", "Oversight dip samples", "The police authority's reproducible samples of finalised cases, its findings and the Directorate's responses by quarter.")),
        (Policies.ReadBoardPack, new("/registers/board-pack", "Strategy board pack", "The month's management information for the Strategy and Performance Board and the strategic committee, printable and as PDF.")),
        (Policies.ReadBoardPack, new("/registers/resources", "Budget and staffing", "The Directorate's budget and its police officers and police staff, year by year.")),
    ];

    public async Task OnGetAsync()
    {
        var allowed = new Dictionary<string, bool>(StringComparer.Ordinal);
        var entries = new List<Entry>();
        foreach (var (policy, entry) in All)
        {
            if (!allowed.TryGetValue(policy, out var ok)) allowed[policy] = ok = (await authorization.AuthorizeAsync(User, policy)).Succeeded;
            if (ok) entries.Add(entry);
        }
        Entries = entries;
    }
}
