using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Infrastructure.Web;
using Probity.Kernel;

namespace Probity.Workforce.Contracts;

/// <summary>
/// The force's units, in the order people look for them (CST, BSUs, boroughs, business groups, then commands, teams
/// and directorates), and the ones that can handle cases. Every case page and the case list offer them, so they are
/// held in memory and re-read only when the store changes.
/// </summary>
internal sealed class UnitDirectory(IServiceScopeFactory scopes, StoreChanges changes)
{
    /// <summary>
    /// The kinds of unit a case can be allocated to: the CST, the BSUs, boroughs and business groups, and the commands,
    /// teams and directorates that investigate or advise (Internal Investigations, the Anti-Corruption Command, Legal Services).
    /// </summary>
    public static readonly IReadOnlySet<string> HandlingKinds = new HashSet<string>(StringComparer.Ordinal) { "cst", "bsu", "borough", "business_group", "ocu", "team", "directorate" };

    private (long Generation, IReadOnlyList<Unit> Units)? _cached;

    /// <summary>Every unit, in the order people look for them.</summary>
    public async Task<IReadOnlyList<Unit>> AllAsync(CancellationToken ct)
    {
        var generation = changes.Generation;
        if (_cached is { } c && c.Generation == generation) return c.Units;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var units = (await db.Units.AsNoTracking().ToListAsync(ct))
            .OrderBy(u => u.Kind switch { "cst" => 0, "bsu" => 1, "borough" => 2, "business_group" => 3, _ => 4 }).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
        _cached = (generation, units);
        return units;
    }

    /// <summary>The units a case can be allocated to.</summary>
    public async Task<IReadOnlyList<Unit>> HandlingUnitsAsync(CancellationToken ct) =>
        (await AllAsync(ct)).Where(u => HandlingKinds.Contains(u.Kind)).ToList();

    /// <summary>The boroughs (units of kind borough): a borough-scoped account works for one of them (ADR 0026).</summary>
    public async Task<IReadOnlyList<Unit>> BoroughsAsync(CancellationToken ct) =>
        (await AllAsync(ct)).Where(u => u.Kind == "borough").ToList();

    /// <summary>The borough typed into a field (its name, or its id), or a refusal naming the field and why.</summary>
    public async Task<string> ChooseBoroughAsync(string? typed, string field, CancellationToken ct)
    {
        var choices = Choices(await BoroughsAsync(ct));
        if (string.IsNullOrWhiteSpace(typed)) throw new ActionRefusedException($"{field}: choose a borough.");
        return choices.Find(typed, out var alike)?.Id
            ?? throw new ActionRefusedException($"{field}: no borough is called '{typed.Trim()}' (a unit of kind borough).{choices.Suggest(alike)}");
    }

    /// <summary>Units as choices by name (<see cref="ChoiceList"/>).</summary>
    public static ChoiceList Choices(IEnumerable<Unit> units) => new(units.Select(u => new Choice(u.Id, u.Name)));

    /// <summary>
    /// The unit typed into a field (its name, or its id), or a refusal naming the field: an unknown unit is never
    /// passed on, where an id typed wrongly used to select nothing without a word.
    /// </summary>
    public async Task<string> ChooseAsync(string? typed, string field, bool handlingOnly, CancellationToken ct)
    {
        var choices = Choices(handlingOnly ? await HandlingUnitsAsync(ct) : await AllAsync(ct));
        if (string.IsNullOrWhiteSpace(typed)) throw new ActionRefusedException($"{field}: choose a unit.");
        return choices.Find(typed, out var alike)?.Id
            ?? throw new ActionRefusedException($"{field}: no unit is called '{typed.Trim()}'{(handlingOnly ? " that can handle cases" : "")}.{choices.Suggest(alike)}");
    }
}
