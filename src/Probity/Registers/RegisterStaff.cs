using Probity.Database;
using Probity.Kernel;
using Probity.Workforce.Contracts;

namespace Probity.Registers;

/// <summary>
/// The member of staff a register entry is about, chosen as everywhere (<see cref="StaffChoice"/>). The reader's own
/// record is refused: nobody records or decides their own entry.
/// </summary>
internal static class RegisterStaff
{
    public static async Task<string> ChooseAsync(ProbityDb db, string? typed, string field, CancellationToken ct)
    {
        var id = await StaffChoice.ChooseAsync(db, typed, field, ct);
        if (!db.Scope.MayReadAbout(id)) throw new ActionRefusedException($"{field}: you cannot record an entry about yourself; ask a colleague.");
        return id;
    }
}
