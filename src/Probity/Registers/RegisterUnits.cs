using Probity.Infrastructure.Web;
using Probity.Workforce.Contracts;

namespace Probity.Registers;

/// <summary>
/// The unit a register is read for, and the units within it (any depth: a borough's teams, a business group's
/// boroughs), chosen by name as everywhere else (ADR 0013). No unit chosen means the whole force.
/// </summary>
internal sealed class RegisterUnits(UnitDirectory directory)
{
    internal sealed record Scope(Unit? Unit, IReadOnlySet<string>? UnitIds, ChoiceList Choices);

    public Task<IReadOnlyList<Unit>> AllAsync(CancellationToken ct) => directory.AllAsync(ct);

    public async Task<Scope> ForAsync(string? typed, CancellationToken ct)
    {
        var all = await directory.AllAsync(ct);
        var choices = UnitDirectory.Choices(all);
        if (string.IsNullOrWhiteSpace(typed)) return new Scope(null, null, choices);
        var id = await directory.ChooseAsync(typed, "Unit", handlingOnly: false, ct);
        var children = all.Where(u => u.ParentUnitId is not null).ToLookup(u => u.ParentUnitId!, StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal) { id };
        var frontier = new Queue<string>([id]);
        while (frontier.TryDequeue(out var next))
            foreach (var child in children[next])
                if (ids.Add(child.Id)) frontier.Enqueue(child.Id); // a cycle in imported parents cannot loop
        return new Scope(all.First(u => u.Id == id), ids, choices);
    }
}
