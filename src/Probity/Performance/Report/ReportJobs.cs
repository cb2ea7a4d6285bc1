using System.Diagnostics;
using System.Text;
using Probity.Infrastructure.Jobs;
using Probity.Performance.Facts;
using Probity.Performance.Measures;

namespace Probity.Performance.Report;

/// <summary>
/// Quarterly reports asked for from the web are produced in the background, one at a time; the page polls the job
/// for its stage and then offers the downloads. Results are kept in memory (for an hour) and shown only to the
/// person who asked for them.
/// </summary>
internal sealed class ReportJobs(FactsCache facts, PspiReport report, IServiceScopeFactory scopes, TimeProvider time, ILogger<ReportJobs> log) : OwnedJobQueue<ReportJobs.Job>(time, log)
{
    public static readonly string[] Stages = ["Loading facts", "Computing measures", "Rendering HTML", "Rendering PDF", "Packaging CSV"];

    internal sealed class Job : OwnedJob
    {
        public required Period Quarter { get; init; }
        public string? UnitId { get; init; }
        public volatile string? Stage;
        public volatile int StageIndex = -1;
        public volatile PspiResults? Results;
        public override bool Finished => Results is not null || Failure is not null;
        public double Fraction => Results is not null ? 1 : Math.Max(0, StageIndex) / (double)Stages.Length;
    }

    protected override string FailurePrefix => "The report could not be produced: ";

    public Job Enqueue(Probity.Kernel.CaseAccessScope reader, Period quarter, string? unitId) =>
        Add(new Job { Reader = reader, Quarter = quarter, UnitId = string.IsNullOrEmpty(unitId) ? null : unitId, Created = Time.GetUtcNow() });

    protected override async Task RunAsync(Job job, CancellationToken ct)
    {
        job.Results = await BuildAsync(job, ct);
        job.Stage = "Done";
    }

    /// <summary>Produces every output for one job (also used directly by tests and the benchmark).</summary>
    public async Task<PspiResults> BuildAsync(Job job, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var timings = new List<(string, TimeSpan)>();
        void Stage(int i)
        {
            if (i > 0) timings.Add((Stages[i - 1], clock.Elapsed - timings.Aggregate(TimeSpan.Zero, (a, t) => a + t.Item2)));
            job.StageIndex = i;
            job.Stage = Stages[i];
        }
        Stage(0);
        var f = await facts.GetAsync(ct, fresh: true); // the report waits for the latest figures rather than a stale snapshot
        Stage(1);
        var document = report.Build(f, job.Quarter, job.UnitId, job.Reader);
        await using (var scope = scopes.CreateAsyncScope())
        {
            // Data-quality warnings name cases: only those the person who asked may open, read as them.
            scope.ServiceProvider.GetRequiredService<Identity.Contracts.ScopeOverride>().Scope = job.Reader;
            var visible = await scope.ServiceProvider.GetRequiredService<Cases.Contracts.CaseReferences>().VisibleAsync(document.Result.Excluded, e => e.Warning.CaseId, ct);
            document = document with { Result = document.Result with { Excluded = visible } };
        }
        Stage(2);
        var html = Encoding.UTF8.GetBytes(PspiHtml.Render(document));
        Stage(3);
        var pdf = PspiPdf.Render(document);
        Stage(4);
        var zip = PspiCsv.Zip(document);
        var ipcc = IpccReturn.ToCsv(document.Ipcc);
        timings.Add((Stages[4], clock.Elapsed - timings.Aggregate(TimeSpan.Zero, (a, t) => a + t.Item2)));
        log.LogInformation("PSPI report {Quarter} scope {Scope}: {Pages} bytes of PDF in {Elapsed} ms ({Stages})", document.QuarterName, document.Result.Scope,
            pdf.Length, clock.ElapsedMilliseconds, string.Join(", ", timings.Select(t => $"{t.Item1} {t.Item2.TotalMilliseconds:F0} ms")));
        return new PspiResults(document.FileStem, html, pdf, zip, ipcc, clock.Elapsed, timings);
    }
}

/// <summary>A finished report's files.</summary>
internal sealed record PspiResults(string FileStem, byte[] Html, byte[] Pdf, byte[] CsvZip, byte[] IpccReturn, TimeSpan Elapsed, IReadOnlyList<(string Stage, TimeSpan Time)> Timings);
