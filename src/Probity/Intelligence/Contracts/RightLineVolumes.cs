using Microsoft.EntityFrameworkCore;
using Probity.Database;

namespace Probity.Intelligence.Contracts;

/// <summary>How many Right Line reports arrived per quarter: a count only, for the performance figures (nothing that could point at a reporter).</summary>
internal sealed class RightLineVolumes(ProbityDb db)
{
    internal sealed record Quarter(int Year, int Number, int Reports);

    /// <summary>Every quarter from <paramref name="from"/>'s to <paramref name="to"/>'s, including those with no reports.</summary>
    public async Task<IReadOnlyList<Quarter>> PerQuarterAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (to < from) throw new ArgumentException($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        var days = (await DaysReceivedAsync(db, ct)).Where(d => d >= from && d <= to);
        var counts = days.GroupBy(d => (d.Year, (d.Month - 1) / 3 + 1)).ToDictionary(g => g.Key, g => g.Count());
        var quarters = new List<Quarter>();
        for (var (y, q) = (from.Year, (from.Month - 1) / 3 + 1); (y, q).CompareTo((to.Year, (to.Month - 1) / 3 + 1)) <= 0; (y, q) = q == 4 ? (y + 1, 1) : (y, q + 1))
            quarters.Add(new Quarter(y, q, counts.GetValueOrDefault((y, q))));
        return quarters;
    }

    /// <summary>The day each report arrived, and nothing else about it: what the performance figures count.</summary>
    public static Task<List<DateOnly>> DaysReceivedAsync(ProbityDb db, CancellationToken ct) =>
        db.Set<RightLineReport>().AsNoTracking().Select(r => r.ReceivedOn).ToListAsync(ct);
}
