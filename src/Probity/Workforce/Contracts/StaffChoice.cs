using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Workforce.Contracts;

/// <summary>
/// The member of staff typed into a field: their staff id, or their name (with or without the rank that starts it, any
/// case). A name two or more people share, or nobody has, is refused naming the candidates and their units (ADR 0013: no
/// lookup endpoint over the force's staff): a record made about the wrong person is worse than a second try.
/// </summary>
internal static class StaffChoice
{
    public static async Task<string> ChooseAsync(ProbityDb db, string? typed, string field, CancellationToken ct)
    {
        var text = string.Join(' ', (typed ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (text.Length == 0) throw new ActionRefusedException($"{field}: type the member of staff's name or staff id.");
        if (await db.Staff.AnyAsync(s => s.Id == text, ct)) return text;
        var lower = text.ToLowerInvariant();
        var named = await db.Staff.AsNoTracking().Where(s => s.DisplayName.ToLower() == lower || s.DisplayName.ToLower().EndsWith(" " + lower))
            .OrderBy(s => s.Id).Take(6).Select(s => new { s.Id, s.DisplayName, s.UnitId }).ToListAsync(ct);
        if (named.Count == 1) return named[0].Id;
        if (named.Count == 0)
            throw new ActionRefusedException($"{field}: no member of staff is called or has the staff id '{text}'.");
        var unitIds = named.Select(n => n.UnitId).OfType<string>().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        throw new ActionRefusedException($"{field}: {(named.Count > 5 ? "more than 5" : named.Count.ToString(CultureInfo.InvariantCulture))} members of staff are called '{text}': " +
            string.Join("; ", named.Take(5).Select(n => $"{n.DisplayName} ({n.Id}{(n.UnitId is null ? "" : ", " + units.GetValueOrDefault(n.UnitId, n.UnitId))})")) +
            ". Type the staff id of the one you mean.");
    }
}
