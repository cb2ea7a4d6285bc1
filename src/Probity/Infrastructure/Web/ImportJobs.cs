using Probity.Infrastructure.Jobs;
using Probity.Infrastructure.Security;
using Probity.Interchange.ImportBundle;

namespace Probity.Infrastructure.Web;

/// <summary>
/// Imports uploaded from the web run in the background, so a large bundle does not hold a request open; the page
/// polls the job for progress and then shows the report (every error with file, line and column).
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, TimeProvider time, ILogger<ImportJobs> log) : OwnedJobQueue<ImportJobs.Job>(time, log)
{
    public sealed class Job : OwnedJob
    {
        public required string Folder { get; init; }
        public volatile ImportProgress? Progress;
        public volatile ImportReport? Report;
        public override bool Finished => Report is not null || Failure is not null;
    }

    protected override string FailurePrefix => "The import failed and nothing was written: ";

    public Job Enqueue(CaseAccessScope reader, string folder) => Add(new Job { Reader = reader, Folder = folder, Created = Time.GetUtcNow() });

    protected override async Task RunAsync(Job job, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // The import is done on behalf of the uploader, with their need-to-know: the trail names them, and a case
            // they may not see is refused, not overwritten.
            scope.ServiceProvider.GetRequiredService<ScopeOverride>().Scope = job.Reader;
            var import = scope.ServiceProvider.GetRequiredService<ImportBundle>();
            job.Report = await import.FromFolderAsync(job.Folder, new Progress<ImportProgress>(p => job.Progress = p), ct);
        }
        finally
        {
            TryDelete(job.Folder);
        }
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
