using System.Diagnostics;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// One detection run at a time over a store (ADR 0036): two runs over the same days each file from what they read and
/// close as merged what the other's queue holds apart, so the web host's daily run and an operator's CLI run must not
/// overlap. The lock is the system's advisory file lock, held by whichever process opened it.
/// </summary>
public sealed class DetectionLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_run_over_the_same_store_waits_for_the_first_and_says_so_once()
    {
        using var folder = new EventStoreFolder();
        var host = folder.Store;
        var cli = folder.Reopen(); // another store object over the same folder, as another process would open it
        var said = new List<string>();

        var first = await host.HoldDetectionAsync(null, Ct);
        var second = cli.HoldDetectionAsync(new SynchronousProgress<string>(said.Add), Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.False(second.IsCompleted, "the second run went ahead while the first held the store");

        first.Dispose();
        using var held = await second.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Contains("waiting for another detection run", Assert.Single(said), StringComparison.Ordinal);
    }

    /// <summary>
    /// Another process holding the lock (util-linux's <c>flock</c>, which takes the same advisory lock .NET takes on an
    /// exclusive open) holds this process's run back until it ends; the lock goes with the process, so nothing is left to
    /// clear by hand.
    /// </summary>
    [Fact]
    public async Task A_run_in_another_process_holds_this_one_back_until_that_process_ends()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/flock"), "util-linux flock is not installed");
        using var folder = new EventStoreFolder();
        var path = Path.Combine(folder.StoreRoot, "detection.lock");
        var ended = Path.Combine(folder.Path, "other-run-ended");
        using var other = Process.Start(new ProcessStartInfo("/usr/bin/flock", [path, "-c", $"echo held; sleep 2; touch '{ended}'"]) { RedirectStandardOutput = true })!;
        Assert.Equal("held", await other.StandardOutput.ReadLineAsync(Ct));

        var said = new List<string>();
        using var held = await folder.Store.HoldDetectionAsync(new SynchronousProgress<string>(said.Add), Ct);

        Assert.True(File.Exists(ended), "this run took the store while another process's run held it");
        Assert.Single(said);
    }
}
