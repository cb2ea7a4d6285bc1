using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Probity.Infrastructure.Jobs;

/// <summary>A piece of long work asked for from the web, visible only to the person who asked for it.</summary>
internal abstract class OwnedJob
{
    public string Id { get; } = Guid.NewGuid().ToString("n");
    /// <summary>Who asked, with their need-to-know: the job reads and is audited as them, and only they see it.</summary>
    public required Probity.Kernel.CaseAccessScope Reader { get; init; }
    public string Owner => Reader.Actor;
    public required DateTimeOffset Created { get; init; }
    public volatile string? Failure;

    public abstract bool Finished { get; }
}

/// <summary>
/// The one way long work runs in the background: jobs queue and run one at a time (a 2-core server should not
/// import and render reports at once), pages poll a job for its progress, and a job is found only by its owner.
/// Finished jobs are forgotten after an hour.
/// </summary>
internal abstract class OwnedJobQueue<TJob>(TimeProvider time, ILogger log) : BackgroundService where TJob : OwnedJob
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, TJob> _jobs = new(StringComparer.Ordinal);
    private readonly Channel<TJob> _queue = Channel.CreateUnbounded<TJob>();

    protected TimeProvider Time => time;

    /// <summary>What a failed job tells its owner, before the error's own message.</summary>
    protected abstract string FailurePrefix { get; }

    protected abstract Task RunAsync(TJob job, CancellationToken ct);

    protected TJob Add(TJob job)
    {
        var now = time.GetUtcNow();
        foreach (var old in _jobs.Values.Where(j => j.Finished && now - j.Created > KeepFor)) _jobs.TryRemove(old.Id, out _);
        _jobs[job.Id] = job;
        _queue.Writer.TryWrite(job);
        return job;
    }

    /// <summary>A job is visible only to the person who started it.</summary>
    public TJob? Find(string id, string owner) => _jobs.TryGetValue(id, out var job) && job.Owner == owner ? job : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(job, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "{Job} {Id} failed", typeof(TJob).Name, job.Id);
                job.Failure = FailurePrefix + ex.Message;
            }
        }
    }
}
