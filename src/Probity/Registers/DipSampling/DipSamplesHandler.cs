using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Registers.Contracts;

namespace Probity.Registers.DipSampling;

/// <summary>
/// The dip samples drawn, newest first, and the results by quarter (the police authority's financial quarters, by the
/// day each sample was drawn): cases sampled, reviewed, with concerns, and responded to by the Directorate. Counted over
/// the sampled cases the reader may open.
/// </summary>
internal sealed class DipSamplesHandler(ProbityDb db, Audit audit)
{
    public const int PageSize = 500;

    internal sealed record Counts(int Sampled, int Reviewed, int Concerns, int Responded)
    {
        public static Counts operator +(Counts a, Counts b) => new(a.Sampled + b.Sampled, a.Reviewed + b.Reviewed, a.Concerns + b.Concerns, a.Responded + b.Responded);
    }

    internal sealed record Row(DipSample Sample, Counts Counts);

    internal sealed record Quarter((int Year, int Number) Key, string Name, int Samples, Counts Counts);

    internal sealed record View(IReadOnlyList<Row> Rows, IReadOnlyList<Quarter> Quarters, int Total);

    public async Task<View> HandleAsync(CancellationToken ct)
    {
        var total = await db.DipSamples.CountAsync(ct);
        var samples = await db.DipSamples.AsNoTracking().OrderByDescending(s => s.DrawnOn).ThenByDescending(s => s.Id).Take(PageSize).ToListAsync(ct);
        var counts = (await db.DipSampleCases.AsNoTracking().GroupBy(d => d.SampleId).Select(g => new
        {
            g.Key, Sampled = g.Count(), Reviewed = g.Count(d => d.Finding != null), Concerns = g.Count(d => d.Finding == "concerns"), Responded = g.Count(d => d.Response != null),
        }).ToListAsync(ct)).ToDictionary(x => x.Key, x => new Counts(x.Sampled, x.Reviewed, x.Concerns, x.Responded), StringComparer.Ordinal);
        var rows = samples.Select(s => new Row(s, counts.GetValueOrDefault(s.Id, new Counts(0, 0, 0, 0)))).ToList();
        var quarters = rows.GroupBy(r => DipSampleDraw.QuarterOf(r.Sample.DrawnOn)).OrderByDescending(g => g.Key)
            .Select(g => new Quarter(g.Key, DipSampleDraw.Describe(g.Key), g.Count(), g.Aggregate(new Counts(0, 0, 0, 0), (sum, r) => sum + r.Counts))).ToList();
        await audit.RecordAsync("view", "dip_samples", $"{rows.Count} of {total} samples", ct);
        return new View(rows, quarters, total);
    }
}
