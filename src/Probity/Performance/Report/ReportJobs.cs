using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Probity.Performance.Facts;
using Probity.Performance.Measures;

namespace Probity.Performance.Report;

/// <summary>
/// Quarterly reports asked for from the web are produced in the background, one at a time; the page polls the job
/// for its stage and then offers the downloads. Results are kept in memory (for an hour) and shown only to the
/// person who asked for them.
/// </summary>
public sealed class ReportJobs(FactsCache facts, PspiReport report, TimeProvider time, ILogger<ReportJobs> log) : BackgroundService
{
    public static readonly string[] Stages = ["Loading facts", "Computing measures", "Rendering HTML", "Rendering PDF", "Packaging CSV"];
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    public sealed class Job
    {
        public required string Id { get; init; }
        public required string Owner { get; init; }
        public required Period Quarter { get; init; }
        public string? UnitId { get; init; }
        public required DateTimeOffset Created { get; init; }
        public volatile string? Stage;
        public volatile int StageIndex = -1;
        public volatile PspiResults? Results;
        public volatile string? Failure;
        public bool Finished => Results is not null || Failure is not null;
        public double Fraction => Results is not null ? 1 : Math.Max(0, StageIndex) / (double)Stages.Length;
    }

    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>();

    public Job Enqueue(string owner, Period quarter, string? unitId)
    {
        var now = time.GetUtcNow();
        foreach (var old in _jobs.Values.Where(j => j.Finished && now - j.Created > KeepFor)) _jobs.TryRemove(old.Id, out _);
        var job = new Job { Id = Guid.NewGuid().ToString("n"), Owner = owner, Quarter = quarter, UnitId = string.IsNullOrEmpty(unitId) ? null : unitId, Created = now };
        _jobs[job.Id] = job;
        _queue.Writer.TryWrite(job);
        return job;
    }

    /// <summary>A job is visible only to the person who started it.</summary>
    public Job? Find(string id, string owner) => _jobs.TryGetValue(id, out var job) && job.Owner == owner ? job : null;

    /// <summary>Produces every output for one job (also used directly by tests and the benchmark).</summary>
    public async Task<PspiResults> RunAsync(Job job, CancellationToken ct)
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
        var document = report.Build(f, job.Quarter, job.UnitId);
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                job.Results = await RunAsync(job, stoppingToken);
                job.Stage = "Done";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Report job {Job} failed", job.Id);
                job.Failure = "The report could not be produced: " + ex.Message;
            }
        }
    }
}

/// <summary>A finished report's files.</summary>
public sealed record PspiResults(string FileStem, byte[] Html, byte[] Pdf, byte[] CsvZip, byte[] IpccReturn, TimeSpan Elapsed, IReadOnlyList<(string Stage, TimeSpan Time)> Timings);
