using System.Collections.Concurrent;
using System.Threading.Channels;
using Probity.Infrastructure.Security;
using Probity.Interchange.Contracts;
using Probity.Interchange.ImportBundle;

namespace Probity.Infrastructure.Web;

/// <summary>
/// Imports uploaded from the web run in the background, one at a time, so a large bundle does not hold a request
/// open; the page polls the job for progress and then shows the report (every error with file, line and column).
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> log) : BackgroundService
{
    public sealed class Job
    {
        public required string Id { get; init; }
        public required string Owner { get; init; }
        public required string Folder { get; init; }
        public volatile ImportProgress? Progress;
        public volatile ImportReport? Report;
        public volatile string? Failure;
        public bool Finished => Report is not null || Failure is not null;
    }

    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>();

    public Job Enqueue(string owner, string folder)
    {
        var job = new Job { Id = Guid.NewGuid().ToString("n"), Owner = owner, Folder = folder };
        _jobs[job.Id] = job;
        _queue.Writer.TryWrite(job);
        return job;
    }

    /// <summary>A job is visible only to the person who started it.</summary>
    public Job? Find(string id, string owner) => _jobs.TryGetValue(id, out var job) && job.Owner == owner ? job : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                // The import is done on behalf of the uploader: the trail names them, not "system".
                scope.ServiceProvider.GetRequiredService<ScopeOverride>().Scope = new CaseAccessScope(job.Owner, true, false, []);
                var import = scope.ServiceProvider.GetRequiredService<ImportBundle>();
                job.Report = await import.FromFolderAsync(job.Folder, new Progress<ImportProgress>(p => job.Progress = p), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Import job {Job} failed", job.Id);
                job.Failure = "The import failed and nothing was written: " + ex.Message;
            }
            finally
            {
                TryDelete(job.Folder);
            }
        }
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
