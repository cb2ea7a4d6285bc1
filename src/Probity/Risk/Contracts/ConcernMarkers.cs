using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;

namespace Probity.Risk.Contracts;

/// <summary>
/// What the Persons of Concern register says about members of staff shown elsewhere (access monitoring's alerts): on the
/// register themselves, or associated with a category (i) person. Only to a reader who may read the register; to anyone
/// else it answers nothing at all, so no page can betray an entry by a marker, a missing marker or a count.
/// </summary>
internal sealed class ConcernMarkers(ProbityDb db, Audit audit, IAuthorizationService authz)
{
    /// <param name="OnRegister">Their own open entry (category ii or iii), if any.</param>
    /// <param name="AssociatedWith">Open category (i) entries they are associated with: recorded on the entry, or linked to its person in the access logs.</param>
    internal sealed record Marker(string? OnRegister, IReadOnlyList<string> AssociatedWith);

    public async Task<bool> MayReadAsync(ClaimsPrincipal reader) => (await authz.AuthorizeAsync(reader, Policies.ReadPersonsOfConcern)).Succeeded;

    public async Task<IReadOnlyDictionary<string, Marker>> ForStaffAsync(ClaimsPrincipal reader, IEnumerable<string?> staffIds, string shownOn, CancellationToken ct)
    {
        var ids = staffIds.OfType<string>().Where(db.Scope.MayReadAbout).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0 || !await MayReadAsync(reader)) return new Dictionary<string, Marker>();
        var own = await db.PersonsOfConcern.AsNoTracking().Where(p => p.ClosedOn == null && p.StaffId != null && ids.Contains(p.StaffId))
            .Select(p => new { StaffId = p.StaffId!, p.Id }).ToListAsync(ct);
        var recorded = await db.ConcernAssociations.AsNoTracking().Where(a => ids.Contains(a.StaffId))
            .Join(db.PersonsOfConcern.Where(p => p.ClosedOn == null && p.Category == "i"), a => a.ConcernId, p => p.Id, (a, p) => new { a.StaffId, p.Id }).ToListAsync(ct);
        var linked = await db.Associations.AsNoTracking().Where(a => ids.Contains(a.StaffId))
            .Join(db.PersonsOfConcern.Where(p => p.ClosedOn == null && p.Category == "i" && p.PersonId != null), a => a.PersonId, p => p.PersonId, (a, p) => new { a.StaffId, p.Id }).ToListAsync(ct);
        var markers = new Dictionary<string, Marker>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var onRegister = own.Where(o => o.StaffId == id).Select(o => o.Id).Order(StringComparer.Ordinal).FirstOrDefault();
            var associated = recorded.Concat(linked).Where(a => a.StaffId == id).Select(a => a.Id).Distinct().Order(StringComparer.Ordinal).ToList();
            if (onRegister is not null || associated.Count > 0) markers[id] = new Marker(onRegister, associated);
        }
        if (markers.Count > 0)
            await audit.RecordAsync("view", "persons_of_concern_markers", $"on {shownOn}: {string.Join("; ", markers.Select(m => $"{m.Key} {(m.Value.OnRegister ?? "")} {string.Join(',', m.Value.AssociatedWith)}".Trim()))}", ct);
        return markers;
    }
}
