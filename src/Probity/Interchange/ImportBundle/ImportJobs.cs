using Probity.Identity.Contracts;
using Probity.Kernel;
using Probity.Infrastructure.Web;
using Probity.Infrastructure.Jobs;

namespace Probity.Interchange.ImportBundle;

/// <summary>
/// Imports uploaded from the web run in the background, so a large bundle does not hold a request open; the page
/// polls the job for progress and then shows the report (every error with file, line and column).
/// </summary>
internal sealed class ImportJobs(IServiceScopeFactory scopes, Uploads uploads, TimeProvider time, ILogger<ImportJobs> log) : OwnedJobQueue<ImportJobs.Job>(time, log)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Upload> _waiting = new(StringComparer.Ordinal);

    internal sealed class Job : OwnedJob
    {
        public required Upload Upload { get; init; }
        public string Folder => Upload.Folder;
        public volatile ImportProgress? Progress;
        public volatile ImportReport? Report;
        public override bool Finished => Report is not null || Failure is not null;
    }

    protected override string FailurePrefix => "The import failed and nothing was written: ";

    /// <summary>Queues the import of an upload; the job owns the upload from here and removes it when it ends.</summary>
    public Job Enqueue(CaseAccessScope reader, Upload upload)
    {
        var job = new Job { Reader = reader, Upload = upload, Created = Time.GetUtcNow() };
        _waiting[job.Id] = upload;
        return Add(job);
    }

    /// <summary>Uploads a killed process left behind are removed before any new one is taken.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        uploads.SweepLeftovers();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Jobs still queued when the host stops never run: their uploads go now, not at the next start.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var id in _waiting.Keys)
            if (_waiting.TryRemove(id, out var upload)) upload.Dispose();
    }

    protected override async Task RunAsync(Job job, CancellationToken ct)
    {
        // The report is published only once the upload is gone, so "finished" on the page means nothing is left on disk.
        ImportReport report;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // The import is done on behalf of the uploader, with their need-to-know: the trail names them, and a case
            // they may not see is refused, not overwritten.
            scope.ServiceProvider.GetRequiredService<ScopeOverride>().Scope = job.Reader;
            var import = scope.ServiceProvider.GetRequiredService<ImportBundleHandler>();
            report = await import.FromFolderAsync(job.Folder, new Progress<ImportProgress>(p => job.Progress = p), ct);
        }
        finally
        {
            if (_waiting.TryRemove(job.Id, out var upload)) upload.Dispose();
        }
        job.Report = report;
    }
}
