using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;
using Probity.Workforce.Contracts;

namespace Probity.Registers.SupportProgramme;

/// <summary>
/// A borough's Professional Standards Support Programme pack (seed 002 section 12): the recurrent topics of complaint
/// over the last twelve months, the officers attracting many complaints, complainants against the borough's population,
/// and each delivery of the programme with the borough's complaints in the six months before and after it. Every case
/// figure comes from the shared view of cases (<see cref="IComplaintFigures"/>): a restricted case never counts, and an
/// officer is named only from complaints everyone may count; nobody is shown the entry about themself.
/// </summary>
internal sealed class BoroughPackHandler(ProbityDb db, Audit audit, TimeProvider time, UnitDirectory directory, IComplaintFigures complaints)
{
    /// <summary>Complaints in twelve months that put an officer on the pack: the programme's attention, not a misconduct finding.</summary>
    public const int ManyComplaints = 3;
    /// <summary>Months counted either side of a delivery.</summary>
    public const int TrendMonths = 6;
    public const int TopicsShown = 10;
    public const int OfficersShown = 25;

    internal sealed record Topic(string Category, string Words, int Allegations, int Complaints);
    internal sealed record Officer(string StaffId, string Name, string? Rank, int Complaints, string TopCategory);
    /// <param name="Before">Complaints received in each of the six months before the delivery, oldest first.</param>
    /// <param name="After">In each of the six months from the delivery; null for a month not yet over.</param>
    internal sealed record Trend(SupportDelivery Delivery, IReadOnlyList<int> Before, IReadOnlyList<int?> After)
    {
        public double BeforePerMonth => Before.Count == 0 ? 0 : Before.Average();
        public double? AfterPerMonth => After.Any(a => a is null) || After.Count == 0 ? null : After.Average(a => a!.Value);
        public int AfterMonthsOver => After.Count(a => a is not null);
    }
    internal sealed record View(Unit Borough, DateOnly From, DateOnly To, int Complaints, int Allegations, IReadOnlyList<Topic> Topics,
        IReadOnlyList<Officer> Officers, int Complainants, long? Population, string PopulationSource, IReadOnlyList<(string Month, int Count)> Months,
        IReadOnlyList<Trend> Deliveries, DateTimeOffset ProducedAt)
    {
        public double? ComplainantsPer1000 => Population is > 0 ? 1000.0 * Complainants / Population.Value : null;
    }

    public async Task<View> ReadAsync(string unitId, string action, CancellationToken ct)
    {
        var all = await directory.AllAsync(ct);
        var borough = all.FirstOrDefault(u => u.Id == unitId && u.Kind == "borough");
        if (borough is null)
        {
            await audit.RecordMissingAsync("support_pack", unitId, ct);
            throw new RecordNotFoundException($"Borough {unitId}");
        }
        var units = Subtree(all, unitId);
        var today = time.Today();
        var from = today.AddMonths(-12).AddDays(1);
        var deliveries = await db.SupportDeliveries.AsNoTracking().Where(d => d.UnitId == unitId).OrderByDescending(d => d.DeliveredOn).ThenBy(d => d.Id).ToListAsync(ct);
        var earliest = deliveries.Count == 0 ? from : Min(from, deliveries.Min(d => d.DeliveredOn).AddMonths(-TrendMonths));
        var figures = await complaints.ReceivedAsync(units, earliest, today, ct);
        var year = figures.Where(f => f.ReceivedOn >= from).ToList();

        var topics = year.SelectMany(f => f.Allegations.Select(a => a.Category).Distinct(StringComparer.Ordinal).Select(c => (Category: c, Complaint: f)))
            .GroupBy(x => x.Category, StringComparer.Ordinal)
            .Select(g => new Topic(g.Key, Vocabulary.Describe(g.Key), year.Sum(f => f.Allegations.Count(a => a.Category == g.Key)), g.Count()))
            .OrderByDescending(t => t.Allegations).ThenBy(t => t.Words, StringComparer.Ordinal).Take(TopicsShown).ToList();

        // The officers: complaints (not allegations) per subject, so one complaint with five allegations counts once.
        var perOfficer = year.SelectMany(f => f.Allegations.Where(a => a.StaffId is not null).GroupBy(a => a.StaffId!, StringComparer.Ordinal)
                .Select(g => (Staff: g.Key, Categories: g.Select(a => a.Category).ToList())))
            .GroupBy(x => x.Staff, StringComparer.Ordinal)
            .Where(g => g.Count() >= ManyComplaints && db.Scope.MayReadAbout(g.Key)) // never the reader's own entry
            .Select(g => (Staff: g.Key, Complaints: g.Count(), Top: g.SelectMany(x => x.Categories).GroupBy(c => c, StringComparer.Ordinal)
                .OrderByDescending(c => c.Count()).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key))
            .OrderByDescending(x => x.Complaints).ThenBy(x => x.Staff, StringComparer.Ordinal).Take(OfficersShown).ToList();
        var ids = perOfficer.Select(o => o.Staff).ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => new { s.DisplayName, s.Rank }, ct);
        var officers = perOfficer.Select(o => new Officer(o.Staff, staff.GetValueOrDefault(o.Staff)?.DisplayName ?? o.Staff, staff.GetValueOrDefault(o.Staff)?.Rank,
            o.Complaints, Vocabulary.Describe(o.Top))).ToList();

        var (population, source) = await PopulationAsync(borough, ct);
        var months = Enumerable.Range(0, 12).Select(k => new DateOnly(from.Year, from.Month, 1).AddMonths(k))
            .Select(m => (m.ToString("MMM yyyy", CultureInfo.InvariantCulture), year.Count(f => f.ReceivedOn.Year == m.Year && f.ReceivedOn.Month == m.Month))).ToList();
        var trends = deliveries.Select(d => TrendOf(d, figures, today)).ToList();

        await audit.RecordAsync(action, "support_pack:" + unitId,
            $"{borough.Name}: {year.Count} complaints {from:yyyy-MM-dd} to {today:yyyy-MM-dd}, {officers.Count} officers named, {deliveries.Count} deliveries", ct);
        return new View(borough, from, today, year.Count, year.Sum(f => f.Allegations.Count), topics, officers, year.Sum(f => f.Complainants), population, source,
            months, trends, time.GetUtcNow());
    }

    /// <summary>The months either side of a delivery: [d - 6 months, d) before, [d, d + 6 months) after, each month a calendar month's length from the delivery day.</summary>
    public static Trend TrendOf(SupportDelivery d, IReadOnlyList<ComplaintFigure> figures, DateOnly today)
    {
        int Count(DateOnly start, DateOnly end) => figures.Count(f => f.ReceivedOn >= start && f.ReceivedOn < end);
        var on = d.DeliveredOn;
        var before = Enumerable.Range(-TrendMonths, TrendMonths).Select(k => Count(on.AddMonths(k), on.AddMonths(k + 1))).ToList();
        var after = Enumerable.Range(0, TrendMonths).Select(k => on.AddMonths(k + 1) <= today.AddDays(1) ? Count(on.AddMonths(k), on.AddMonths(k + 1)) : (int?)null).ToList();
        return new Trend(d, before, after);
    }

    /// <summary>The borough's residents: the unit's own figure (PIF-1 units.csv), else the sum of its rows in population.csv.</summary>
    private async Task<(long? Residents, string Source)> PopulationAsync(Unit borough, CancellationToken ct)
    {
        if (borough.ResidentPopulation is > 0) return (borough.ResidentPopulation, "the borough's resident population on the force's unit list (units.csv)");
        var sum = await db.Population.AsNoTracking().Where(p => p.UnitId == borough.Id).SumAsync(p => (long?)p.Residents, ct);
        return sum is > 0 ? (sum, "the census profile of the borough's residents (population.csv)") : (null, "no population is recorded for the borough");
    }

    private static HashSet<string> Subtree(IReadOnlyList<Unit> all, string id)
    {
        var children = all.Where(u => u.ParentUnitId is not null).ToLookup(u => u.ParentUnitId!, StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal) { id };
        var frontier = new Queue<string>([id]);
        while (frontier.TryDequeue(out var next))
            foreach (var child in children[next])
                if (ids.Add(child.Id)) frontier.Enqueue(child.Id);
        return ids;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The pack as a PDF: the same sections as the printable page.</summary>
    public static byte[] Pdf(View v)
    {
        var c = CultureInfo.InvariantCulture;
        var blocks = new List<RegisterPdf.Block>
        {
            new RegisterPdf.Paragraph($"Complaints received {v.From.ToString("d MMMM yyyy", c)} to {v.To.ToString("d MMMM yyyy", c)} that arose in or are handled by the borough or a unit within it. Cases restricted on a need-to-know basis are never counted.", true),
            new RegisterPdf.Heading("Recurrent topics of complaint"),
        };
        blocks.Add(v.Topics.Count == 0 ? new RegisterPdf.Paragraph("No complaints in the twelve months.")
            : new RegisterPdf.Table(["Topic", "Allegations", "Complaints"], v.Topics.Select(t => (IReadOnlyList<string>)[t.Words, N(t.Allegations), N(t.Complaints)]).ToList(), [4, 1, 1]));
        blocks.Add(new RegisterPdf.Heading($"Officers attracting {ManyComplaints} or more complaints"));
        blocks.Add(v.Officers.Count == 0 ? new RegisterPdf.Paragraph("None.")
            : new RegisterPdf.Table(["Officer", "Rank", "Complaints", "Most frequent topic"], v.Officers.Select(o => (IReadOnlyList<string>)[o.Name, o.Rank ?? "", N(o.Complaints), o.TopCategory]).ToList(), [3, 1.4f, 1, 3]));
        blocks.Add(new RegisterPdf.Paragraph("Attracting complaints is not a finding of misconduct: the pack is for the borough's support, not for discipline.", true));
        blocks.Add(new RegisterPdf.Heading("Complainants against the borough's population"));
        blocks.Add(new RegisterPdf.Table(["Complainants", "Residents", "Per 1,000 residents"],
            [[N(v.Complainants), v.Population?.ToString("N0", c) ?? "Not recorded", v.ComplainantsPer1000?.ToString("0.00", c) ?? "–"]], [1, 1, 1]));
        blocks.Add(new RegisterPdf.Paragraph(Rate(v), true));
        blocks.Add(new RegisterPdf.Table(["Month", "Complaints"], v.Months.Select(m => (IReadOnlyList<string>)[m.Month, N(m.Count)]).ToList(), [2, 1]));
        blocks.Add(new RegisterPdf.Heading("Deliveries of the programme"));
        if (v.Deliveries.Count == 0) blocks.Add(new RegisterPdf.Paragraph("None recorded."));
        foreach (var t in v.Deliveries)
        {
            blocks.Add(new RegisterPdf.Paragraph($"{t.Delivery.DeliveredOn.ToString("d MMMM yyyy", c)}: {t.Delivery.Audience}. Topics: {t.Delivery.Topics}"));
            blocks.Add(new RegisterPdf.Table(["", .. Enumerable.Range(1, TrendMonths).Select(k => k.ToString(c)), "Per month"],
            [
                ["Before", .. t.Before.Select(N), t.BeforePerMonth.ToString("0.0", c)],
                ["After", .. t.After.Select(a => a is { } n ? N(n) : "–"), t.AfterPerMonth?.ToString("0.0", c) ?? $"{t.AfterMonthsOver} of {TrendMonths} months over"],
            ], [1.4f, .. Enumerable.Repeat(0.8f, TrendMonths), 2]));
        }
        return RegisterPdf.Render($"Professional Standards Support Programme: {v.Borough.Name}",
            $"{v.Borough.Name} support pack · produced {v.ProducedAt.ToString("d MMMM yyyy HH:mm 'UTC'", c)} · OFFICIAL-SENSITIVE", blocks);
    }

    public static string Rate(View v) => v.ComplainantsPer1000 is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"{v.Complainants:N0} complainants against {v.Population:N0} residents: {r:0.00} per 1,000 residents (population from {v.PopulationSource}).")
        : string.Create(CultureInfo.InvariantCulture, $"{v.Complainants:N0} complainants; the rate per 1,000 residents cannot be given: {v.PopulationSource}.");

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
