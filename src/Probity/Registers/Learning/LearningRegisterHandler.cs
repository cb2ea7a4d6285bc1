using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;

namespace Probity.Registers.Learning;

/// <summary>
/// The organisational learning register for a unit (the recommendations its units own) or the whole force: overdue
/// actions first, then by due date; and the themes over the years. Case references a reader may not open are withheld.
/// </summary>
internal sealed class LearningRegisterHandler(ProbityDb db, Audit audit, RegisterUnits units, TimeProvider time, CaseReferences references)
{
    public const int PageSize = 500;

    /// <summary>Characters of a recommendation the list shows; the rest is on its page.</summary>
    public const int Excerpt = 240;

    public static readonly IReadOnlyDictionary<string, string> Shows = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["open"] = "Open", ["overdue"] = "Overdue", ["closed"] = "Closed", ["all"] = "All",
    };

    internal sealed record Row(string Id, string Source, string? CaseShown, string Recommendation, string Theme, string OwnerUnit, DateOnly DueOn, LearningState State, int UnitsPassedTo);

    internal sealed record View(RegisterUnits.Scope Units, string Show, string? Source, IReadOnlyList<Row> Rows, int Total, int Overdue);

    public async Task<View> HandleAsync(string? unit, string? show, string? source, CancellationToken ct)
    {
        show = string.IsNullOrEmpty(show) ? "open" : show;
        if (!Shows.ContainsKey(show)) throw new ActionRefusedException($"Show: choose one of {string.Join(", ", Shows.Values)}.");
        source = string.IsNullOrEmpty(source) ? null : RegisterText.Choose(source, LearningVocabulary.Sources, "Where it came from");
        var scope = await units.ForAsync(unit, ct);
        var today = time.Today();
        var q = db.LearningRecommendations.AsNoTracking();
        if (scope.UnitIds is { } ids) q = q.Where(r => ids.Contains(r.OwnerUnitId));
        if (source is not null) q = q.Where(r => r.Source == source);
        var overdue = await q.CountAsync(r => r.ClosedOn == null && r.DueOn < today, ct);
        q = show switch
        {
            "open" => q.Where(r => r.ClosedOn == null),
            "overdue" => q.Where(r => r.ClosedOn == null && r.DueOn < today),
            "closed" => q.Where(r => r.ClosedOn != null),
            _ => q,
        };
        var total = await q.CountAsync(ct);
        // Overdue first (longest overdue at the top), then open by due date, then closed, most recently closed first.
        var rows = await q.OrderByDescending(r => r.ClosedOn == null && r.DueOn < today).ThenByDescending(r => r.ClosedOn == null)
            .ThenBy(r => r.ClosedOn == null ? r.DueOn : DateOnly.MaxValue).ThenByDescending(r => r.ClosedOn).ThenBy(r => r.Id)
            .Take(PageSize)
            .Select(r => new { r.Id, r.Source, r.CaseId, Text = r.Recommendation.Substring(0, Excerpt), r.Theme, r.OwnerUnitId, r.DueOn, r.ClosedOn })
            .ToListAsync(ct);
        var ids2 = rows.Select(r => r.Id).ToList();
        var passed = await db.LearningDisseminations.AsNoTracking().Where(d => ids2.Contains(d.RecommendationId))
            .GroupBy(d => d.RecommendationId).Select(g => new { g.Key, Units = g.Select(d => d.UnitId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, x => x.Units, StringComparer.Ordinal, ct);
        var hidden = await references.HiddenAsync([.. rows.Select(r => r.CaseId), .. rows.SelectMany(r => CaseReferences.Words(r.Text))], ct);
        var unitNames = (await units.AllAsync(ct)).ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        await audit.RecordAsync("view", "learning_register",
            $"{(scope.Unit is null ? "whole force" : "unit " + scope.Unit.Id)}, {show}{(source is null ? "" : ", " + source)}: {rows.Count} of {total}", ct);
        return new View(scope, show, source, rows.Select(r => new Row(r.Id, LearningVocabulary.Source(r.Source), r.CaseId is null ? null : hidden.Contains(r.CaseId) ? CaseReferences.Withheld : r.CaseId,
            CaseReferences.Redact(r.Text, hidden)!, LearningVocabulary.Theme(r.Theme), unitNames.GetValueOrDefault(r.OwnerUnitId, r.OwnerUnitId), r.DueOn,
            LearningState.Of(r.DueOn, r.ClosedOn, today),
            passed.GetValueOrDefault(r.Id))).ToList(), total, overdue);
    }

    /// <param name="Years">The years shown, oldest first.</param>
    /// <param name="Counts">Per theme (in the themes list's order, only those with any), recommendations made in each year.</param>
    internal sealed record Themes(RegisterUnits.Scope Units, IReadOnlyList<int> Years, IReadOnlyList<(string Theme, IReadOnlyList<int> Counts)> Counts);

    /// <summary>Recommendations made per theme per year: what the force keeps having to learn.</summary>
    public async Task<Themes> ThemesAsync(string? unit, CancellationToken ct)
    {
        var scope = await units.ForAsync(unit, ct);
        var q = db.LearningRecommendations.AsNoTracking();
        if (scope.UnitIds is { } ids) q = q.Where(r => ids.Contains(r.OwnerUnitId));
        var counts = await q.GroupBy(r => new { r.Theme, r.MadeOn.Year }).Select(g => new { g.Key.Theme, g.Key.Year, Count = g.Count() }).ToListAsync(ct);
        await audit.RecordAsync("view", "learning_themes", scope.Unit is null ? "whole force" : "unit " + scope.Unit.Id, ct);
        if (counts.Count == 0) return new Themes(scope, [], []);
        var years = Enumerable.Range(counts.Min(c => c.Year), counts.Max(c => c.Year) - counts.Min(c => c.Year) + 1).ToList();
        var byTheme = counts.ToLookup(c => c.Theme, StringComparer.Ordinal);
        var rows = LearningVocabulary.Themes.Keys.Concat(byTheme.Select(g => g.Key).Where(k => !LearningVocabulary.Themes.ContainsKey(k)).Order(StringComparer.Ordinal))
            .Where(byTheme.Contains)
            .Select(t => (LearningVocabulary.Theme(t), (IReadOnlyList<int>)years.Select(y => byTheme[t].Where(c => c.Year == y).Sum(c => c.Count)).ToList())).ToList();
        return new Themes(scope, years, rows);
    }
}
