using Microsoft.EntityFrameworkCore;
using Probity.Database;

namespace Probity.Workforce.Contracts;

/// <summary>
/// The units that can handle cases, in the order people look for them (CST, BSUs, boroughs, business groups).
/// Every case page and the case list offer them, so they are held in memory and re-read only when the store changes.
/// </summary>
internal sealed class UnitDirectory(IServiceScopeFactory scopes, StoreChanges changes)
{
    private (long Generation, IReadOnlyList<Unit> Units)? _cached;

    public async Task<IReadOnlyList<Unit>> HandlingUnitsAsync(CancellationToken ct)
    {
        var generation = changes.Generation;
        if (_cached is { } c && c.Generation == generation) return c.Units;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var units = (await db.Units.AsNoTracking().Where(u => u.Kind == "cst" || u.Kind == "bsu" || u.Kind == "borough" || u.Kind == "business_group").ToListAsync(ct))
            .OrderBy(u => u.Kind switch { "cst" => 0, "bsu" => 1, "borough" => 2, _ => 3 }).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
        _cached = (generation, units);
        return units;
    }
}
