using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Registers;

/// <summary>
/// The member of staff a register entry is about, as typed: their staff id or their full name (any case). A name two
/// or more people share, or nobody has, is refused naming the candidates, as the case intake does (ADR 0013: no lookup
/// endpoint over the force's staff). The reader's own record is refused: nobody records or decides their own entry.
/// </summary>
internal static class RegisterStaff
{
    public static async Task<string> ChooseAsync(ProbityDb db, string? typed, string field, CancellationToken ct)
    {
        var text = string.Join(' ', (typed ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (text.Length == 0) throw new ActionRefusedException($"{field}: type the member of staff's name or staff id.");
        var id = await db.Staff.AsNoTracking().Where(s => s.Id == text).Select(s => s.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            var lower = text.ToLowerInvariant();
            var named = await db.Staff.AsNoTracking().Where(s => s.DisplayName.ToLower() == lower || s.DisplayName.ToLower().EndsWith(" " + lower))
                .OrderBy(s => s.Id).Take(6).Select(s => new { s.Id, s.DisplayName }).ToListAsync(ct);
            if (named.Count == 0) throw new ActionRefusedException($"{field}: no member of staff is called or has the staff id '{text}'.");
            if (named.Count > 1)
                throw new ActionRefusedException($"{field}: {(named.Count > 5 ? "more than 5" : named.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} people are called '{text}': "
                    + string.Join("; ", named.Take(5).Select(n => $"{n.DisplayName} ({n.Id})")) + ". Type the staff id of the one you mean.");
            id = named[0].Id;
        }
        if (!db.Scope.MayReadAbout(id)) throw new ActionRefusedException($"{field}: you cannot record an entry about yourself; ask a colleague.");
        return id;
    }
}
