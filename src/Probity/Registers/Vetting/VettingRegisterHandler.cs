using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;
using Probity.Workforce.Contracts;

namespace Probity.Registers.Vetting;

/// <summary>
/// The vetting register for a unit (and the units within it) or the whole force: the posts with the level each requires
/// against the holder's clearance, and the people (staff and the extended police family) whose clearance has lapsed,
/// is due for renewal, or was never recorded, so a unit knows the vetting status of everyone in it.
/// </summary>
internal sealed class VettingRegisterHandler(ProbityDb db, Audit audit, RegisterUnits units, TimeProvider time)
{
    public const int PageSize = 500;

    public static readonly IReadOnlyDictionary<string, string> Shows = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["attention"] = "Needing attention", ["lapsed"] = "Lapsed", ["renewal_due"] = "Renewal due", ["none"] = "No clearance recorded",
        ["family"] = "Extended police family", ["all"] = "Everyone",
    };

    internal sealed record PersonRow(StaffMember Staff, string? UnitName, string? FamilyGroup, string? Organisation, ClearanceState State);

    internal sealed record PostRow(VettingPost Post, string UnitName, string? HolderName, string? HolderLevel, DateOnly? HolderExpires, ClearanceState State);

    internal sealed record Counts(int People, int Lapsed, int RenewalDue, int None, int PostsNeedingAttention);

    internal sealed record View(RegisterUnits.Scope Units, string Show, IReadOnlyList<PostRow> Posts, IReadOnlyList<PersonRow> People, int PeopleTotal, Counts Counts);

    public async Task<View> HandleAsync(string? unit, string? show, CancellationToken ct)
    {
        show = string.IsNullOrEmpty(show) ? "attention" : show;
        if (!Shows.ContainsKey(show)) throw new ActionRefusedException($"Show: choose one of {string.Join(", ", Shows.Values)}.");
        var scope = await units.ForAsync(unit, ct);
        var today = time.Today();
        var renewBy = today.AddDays(VettingLevels.RenewalWindowDays);
        var own = db.Scope.SeesEverything ? null : db.Scope.OwnStaffId;

        // Everyone serving today, staff and extended family alike; never the reader's own record.
        var people = db.Staff.AsNoTracking().Where(s => (s.LeftOn == null || s.LeftOn > today) && (own == null || s.Id != own));
        if (scope.UnitIds is { } ids) people = people.Where(s => s.UnitId != null && ids.Contains(s.UnitId));
        // Per clearance level, summed here: grouping by the level reads the counting index in order (IX_staff_vetting_counts),
        // where one group over everyone would sort 52,000 rows first.
        var byLevel = await people.GroupBy(s => s.VettingLevel).Select(g => new
        {
            Level = g.Key,
            People = g.Count(),
            Lapsed = g.Count(s => s.VettingExpiresOn != null && s.VettingExpiresOn < today),
            Due = g.Count(s => s.VettingExpiresOn != null && s.VettingExpiresOn >= today && s.VettingExpiresOn <= renewBy),
        }).ToListAsync(ct);
        var cleared = byLevel.Where(l => l.Level is not (null or "none")).ToList();
        var counts = new
        {
            People = byLevel.Sum(l => l.People),
            Lapsed = cleared.Sum(l => l.Lapsed),
            Due = cleared.Sum(l => l.Due),
            None = byLevel.Where(l => l.Level is null or "none").Sum(l => l.People),
        };

        var filtered = show switch
        {
            "lapsed" => people.Where(s => s.VettingExpiresOn != null && s.VettingExpiresOn < today && s.VettingLevel != null && s.VettingLevel != "none"),
            "renewal_due" => people.Where(s => s.VettingExpiresOn != null && s.VettingExpiresOn >= today && s.VettingExpiresOn <= renewBy && s.VettingLevel != null && s.VettingLevel != "none"),
            "none" => people.Where(s => s.VettingLevel == null || s.VettingLevel == "none"),
            "family" => people.Where(s => db.PoliceFamily.Any(f => f.StaffId == s.Id)),
            "attention" => people.Where(s => s.VettingLevel == null || s.VettingLevel == "none" || (s.VettingExpiresOn != null && s.VettingExpiresOn <= renewBy)),
            _ => people,
        };
        // The counts above already hold every list's size but the extended family's: lapsed, due and none are disjoint,
        // and together are exactly those needing attention.
        var total = show switch
        {
            "lapsed" => counts.Lapsed,
            "renewal_due" => counts.Due,
            "none" => counts.None,
            "attention" => counts.Lapsed + counts.Due + counts.None,
            "all" => counts.People,
            _ => await filtered.CountAsync(ct),
        };
        var rows = await (from s in filtered
                          join f in db.PoliceFamily.AsNoTracking() on s.Id equals f.StaffId into fam
                          from f in fam.DefaultIfEmpty()
                          orderby s.VettingExpiresOn, s.DisplayName, s.Id
                          select new { s, Group = f == null ? null : f.FamilyGroup, Organisation = f == null ? null : f.Organisation })
            .Take(PageSize).ToListAsync(ct);

        var postsQuery = db.VettingPosts.AsNoTracking();
        if (scope.UnitIds is { } postUnits) postsQuery = postsQuery.Where(p => postUnits.Contains(p.UnitId));
        var posts = await (from p in postsQuery
                           join s in db.Staff.AsNoTracking() on p.HolderStaffId equals s.Id into holders
                           from s in holders.DefaultIfEmpty()
                           orderby p.UnitId, p.Title
                           select new { p, Name = s == null ? null : s.DisplayName, Level = s == null ? null : s.VettingLevel, Expires = s == null ? (DateOnly?)null : s.VettingExpiresOn })
            .Take(PageSize).ToListAsync(ct);

        var unitNames = (await units.AllAsync(ct)).ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        string? UnitName(string? id) => id is null ? null : unitNames.GetValueOrDefault(id, id);
        var postRows = posts.Select(x => new PostRow(x.p, UnitName(x.p.UnitId)!, x.Name, x.Level, x.Expires,
            ClearanceState.ForPost(x.p.HolderStaffId is null, x.Level, x.Expires, x.p.RequiredLevel, today))).ToList();
        await audit.RecordAsync("view", "vetting_register",
            $"{(scope.Unit is null ? "whole force" : "unit " + scope.Unit.Id)}, {show}: {rows.Count} of {total} people, {postRows.Count} posts", ct);
        return new View(scope, show, postRows,
            rows.Select(x => new PersonRow(x.s, UnitName(x.s.UnitId), x.Group, x.Organisation, ClearanceState.Of(x.s.VettingLevel, x.s.VettingExpiresOn, today))).ToList(),
            total, new Counts(counts.People, counts.Lapsed, counts.Due, counts.None, postRows.Count(p => p.State.Tag == "overdue")));
    }
}

/// <summary>Where a clearance stands today, in the words the register shows.</summary>
internal sealed record ClearanceState(string Text, string Tag)
{
    public static ClearanceState Of(string? level, DateOnly? expires, DateOnly today)
    {
        if (level is null or "none") return new("No clearance recorded", "overdue");
        if (expires is { } e && e < today) return new($"{level.ToUpperInvariant()} lapsed {e:d MMM yyyy}", "overdue");
        if (expires is { } d && d <= today.AddDays(VettingLevels.RenewalWindowDays)) return new($"{level.ToUpperInvariant()} renewal due: expires {d:d MMM yyyy}", "live");
        return new($"{level.ToUpperInvariant()}{(expires is { } x ? $" until {x:d MMM yyyy}" : "")}", "finalised");
    }

    public static ClearanceState ForPost(bool vacant, string? held, DateOnly? expires, string required, DateOnly today)
    {
        if (vacant) return new("Vacant", "live");
        if (!VettingLevels.Meets(held, required))
            return new($"Below requirement: holds {(held is null or "none" ? "no clearance" : held.ToUpperInvariant())}, post needs {required.ToUpperInvariant()}", "overdue");
        return Of(held, expires, today);
    }
}
