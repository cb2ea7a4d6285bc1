using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;

namespace Probity.Registers.RiskRegisters;

/// <summary>
/// The risk registers: the corporate register, a business group's or a borough's (a unit chosen by name includes the
/// registers of the units within it), reviews overdue first then the highest rated; and the heat map of the open risks
/// shown, likelihood against impact with a count in each cell.
/// </summary>
internal sealed class RiskRegisterHandler(ProbityDb db, Audit audit, RegisterUnits units, TimeProvider time, CaseReferences references)
{
    public const int PageSize = 500;

    public static readonly IReadOnlyDictionary<string, string> Shows = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["open"] = "Open", ["review_overdue"] = "Review overdue", ["closed"] = "Closed", ["all"] = "All",
    };

    internal sealed record Row(string Id, string Level, string? UnitName, string Title, string Owner, int Likelihood, int Impact, DateOnly ReviewOn, DateOnly? ClosedOn, bool ReviewOverdue);

    /// <param name="Heat">Open risks shown, by [likelihood - 1, impact - 1].</param>
    internal sealed record View(RegisterUnits.Scope Units, string? Level, string Show, IReadOnlyList<Row> Rows, int Total, int[,] Heat);

    public async Task<View> HandleAsync(string? unit, string? level, string? show, CancellationToken ct)
    {
        show = string.IsNullOrEmpty(show) ? "open" : show;
        if (!Shows.ContainsKey(show)) throw new ActionRefusedException($"Show: choose one of {string.Join(", ", Shows.Values)}.");
        level = string.IsNullOrEmpty(level) ? null : RegisterText.Choose(level, RiskScale.Levels, "Register");
        var scope = await units.ForAsync(unit, ct);
        var today = time.Today();
        var q = db.RegisterRisks.AsNoTracking();
        if (scope.UnitIds is { } ids) q = q.Where(r => r.UnitId != null && ids.Contains(r.UnitId));
        if (level is not null) q = q.Where(r => r.Level == level);
        var heat = new int[5, 5];
        foreach (var cell in await q.Where(r => r.ClosedOn == null).GroupBy(r => new { r.Likelihood, r.Impact }).Select(g => new { g.Key.Likelihood, g.Key.Impact, Count = g.Count() }).ToListAsync(ct))
            if (cell.Likelihood is >= 1 and <= 5 && cell.Impact is >= 1 and <= 5) heat[cell.Likelihood - 1, cell.Impact - 1] += cell.Count; // a stored score off the scale is left out, never a 500
        q = show switch
        {
            "open" => q.Where(r => r.ClosedOn == null),
            "review_overdue" => q.Where(r => r.ClosedOn == null && r.ReviewOn < today),
            "closed" => q.Where(r => r.ClosedOn != null),
            _ => q,
        };
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(r => r.ClosedOn == null && r.ReviewOn < today).ThenByDescending(r => r.ClosedOn == null)
            .ThenByDescending(r => r.Likelihood * r.Impact).ThenBy(r => r.ReviewOn).ThenBy(r => r.Id).Take(PageSize)
            .Select(r => new { r.Id, r.Level, r.UnitId, r.Title, r.Owner, r.Likelihood, r.Impact, r.ReviewOn, r.ClosedOn }).ToListAsync(ct);
        // The owner is free text too ("DI Smith, Op on PRB-…"): redacted as the title is.
        var hidden = await references.HiddenAsync(rows.SelectMany(r => CaseReferences.Words(r.Title).Concat(CaseReferences.Words(r.Owner))), ct);
        var unitNames = (await units.AllAsync(ct)).ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        await audit.RecordAsync("view", "risk_register",
            $"{(scope.Unit is null ? "whole force" : "unit " + scope.Unit.Id)}, {level ?? "every register"}, {show}: {rows.Count} of {total}", ct);
        return new View(scope, level, show, rows.Select(r => new Row(r.Id, r.Level, r.UnitId is null ? null : unitNames.GetValueOrDefault(r.UnitId, r.UnitId),
            CaseReferences.Redact(r.Title, hidden)!, CaseReferences.Redact(r.Owner, hidden)!, r.Likelihood, r.Impact, r.ReviewOn, r.ClosedOn, r.ClosedOn is null && r.ReviewOn < today)).ToList(), total, heat);
    }
}
