using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Intelligence.Contracts;
using Probity.Kernel;

namespace Probity.Intelligence.Log;

/// <summary>
/// Reading the intelligence log: the list, the Intelligence Management Unit's review queue and one item. Need-to-know is
/// the store's (an item about the reader, or restricted to others, does not exist for them) and the linked cases' (an
/// item linked to a case the reader may not see is not shown either); every read is on the trail before it is shown.
/// </summary>
internal sealed class IntelligenceLog(ProbityDb db, Audit audit, CaseReferences cases, IConfiguration configuration, TimeProvider time)
{
    public const string ReviewWithinSetting = "Probity:Intelligence:ReviewWithinHours";
    public const int DefaultReviewWithinHours = 72;

    internal sealed record Row(string Id, DateOnly ReceivedOn, string SourceType, string Scheme, string Grading, bool Restricted, bool Reviewed, DateTimeOffset ReviewDue, int Disseminations);

    public static string Target(string id) => "intelligence:" + id;

    /// <summary>How long the unit has to review a new item (<c>Probity:Intelligence:ReviewWithinHours</c>, 1 to 720).</summary>
    public TimeSpan ReviewWithin
    {
        get
        {
            var hours = configuration.GetValue<int?>(ReviewWithinSetting) ?? DefaultReviewWithinHours;
            if (hours is < 1 or > 720)
                throw new InvalidOperationException($"{ReviewWithinSetting} is {hours}: give a number of hours from 1 to 720.");
            return TimeSpan.FromHours(hours);
        }
    }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Every item the reader may see, newest first.</summary>
    public async Task<IReadOnlyList<Row>> ListAsync(CancellationToken ct)
    {
        var rows = await RowsAsync(db.Set<IntelligenceItem>().OrderByDescending(i => i.ReceivedOn).ThenBy(i => i.Id), ct);
        await audit.RecordAsync("search", "intelligence", $"the intelligence log ({rows.Count} items)", ct);
        return rows;
    }

    /// <summary>The items awaiting the unit's review, the longest overdue first.</summary>
    public async Task<IReadOnlyList<Row>> ReviewQueueAsync(CancellationToken ct)
    {
        var rows = await RowsAsync(db.Set<IntelligenceItem>().Where(i => i.ReviewedAt == null).OrderBy(i => i.RecordedAt).ThenBy(i => i.Id), ct);
        await audit.RecordAsync("search", "intelligence", $"the review queue ({rows.Count} items, {rows.Count(r => r.ReviewDue < Now)} overdue)", ct);
        return rows;
    }

    public async Task<IntelligenceItem> ReadAsync(string id, CancellationToken ct)
    {
        IntelligenceItem item;
        try
        {
            item = await LoadAsync(id, tracked: false, ct);
        }
        catch (RecordNotFoundException)
        {
            await audit.RecordMissingAsync("intelligence", id, ct);
            throw;
        }
        await audit.RecordAsync("view", Target(item.Id), null, ct);
        item.Sanitised.Sort((a, b) => a.Number.CompareTo(b.Number));
        item.Disseminations.Sort((a, b) => a.DisseminatedAt.CompareTo(b.DisseminatedAt));
        return item;
    }

    /// <summary>The item with everything it holds, or not found when the reader may not see it (no difference from one that does not exist).</summary>
    internal async Task<IntelligenceItem> LoadAsync(string id, bool tracked, CancellationToken ct)
    {
        var query = db.Set<IntelligenceItem>().Include(i => i.Links).Include(i => i.Readers).Include(i => i.Sanitised).Include(i => i.Disseminations).AsSplitQuery();
        var item = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new RecordNotFoundException($"Intelligence item {id}");
        var linked = item.Links.Where(l => l.Kind == IntelligenceLinkKinds.Case).Select(l => l.Value).ToList();
        if (linked.Count > 0 && (await cases.HiddenAsync(linked, ct)).Count > 0)
            throw new RecordNotFoundException($"Intelligence item {id}");
        return item;
    }

    private async Task<List<Row>> RowsAsync(IQueryable<IntelligenceItem> query, CancellationToken ct)
    {
        var within = ReviewWithin;
        var items = await query.AsNoTracking()
            .Select(i => new
            {
                i.Id, i.ReceivedOn, i.SourceType, i.Scheme, Grading = i.SourceGrade + i.IntelligenceGrade + i.HandlingCode, i.Restricted, i.ReviewedAt, i.RecordedAt,
                Disseminations = i.Disseminations.Count,
                Cases = i.Links.Where(l => l.Kind == IntelligenceLinkKinds.Case).Select(l => l.Value).ToList(),
            })
            .ToListAsync(ct);
        // An item quoting a case the reader may not see goes with the case (CaseReferences): the reader learns nothing of either.
        var hidden = await cases.HiddenAsync(items.SelectMany(i => i.Cases), ct);
        return [.. items.Where(i => !i.Cases.Any(hidden.Contains))
            .Select(i => new Row(i.Id, i.ReceivedOn, i.SourceType, i.Scheme, i.Grading, i.Restricted, i.ReviewedAt is not null, i.RecordedAt + within, i.Disseminations))];
    }
}
