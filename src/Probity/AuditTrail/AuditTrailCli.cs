using System.CommandLine;
using Probity.Database;

namespace Probity.AuditTrail;

/// <summary>probity trail verify | checkpoint.</summary>
internal static class AuditTrailCli
{
    public static Command Build(string[] args, Func<string[], Func<IServiceProvider, Task<int>>, Task<int>> withServices)
    {
        var verifyCheckpoints = new Option<DirectoryInfo?>("--checkpoints") { Description = "Folder of signed checkpoints to verify against (default Probity:Audit:Checkpoints; point it at the write-once copy)" };
        var verify = new Command("verify", "Check every entry's keyed seal and link, and the trail against its signed checkpoints; names what was altered, re-chained, deleted, reordered or truncated (exit 3)") { verifyCheckpoints };
        verify.SetAction((p, ct) => withServices(args, async sp =>
        {
            var checkpoints = sp.GetRequiredService<TrailCheckpoints>();
            if (p.GetValue(verifyCheckpoints) is { } folder) checkpoints = checkpoints.In(folder.FullName);
            var sealing = sp.GetRequiredService<AuditSealing>();
            var result = await VerifyTrail.RunAsync(sp.GetRequiredService<ProbityDb>(), sealing.ExistingChain(), checkpoints, sealing.Witness, ct);
            if (result.Intact)
            {
                Console.WriteLine($"Audit trail intact: {result.EntriesChecked:N0} entries checked against their keyed seals, {result.CheckpointsChecked:N0} signed checkpoint(s) in {checkpoints.Folder}" +
                    (result.WitnessedThrough is { } witnessed ? $", and the head witnessed outside the database at entry {witnessed:N0}." : "; no head witness yet."));
                if (result.CheckpointsChecked == 0) Console.WriteLine("No checkpoints: deletion of the newest entries cannot be detected until one is taken (probity trail checkpoint).");
                return 0;
            }
            Console.Error.WriteLine($"Audit trail BROKEN ({result.Findings.Count} finding(s); {result.EntriesChecked:N0} entries and {result.CheckpointsChecked:N0} checkpoint(s) checked):");
            foreach (var f in result.Findings) Console.Error.WriteLine($"  {f.Message}");
            return 3;
        }));
        var checkpoint = new Command("checkpoint", "Verify the entries since the last checkpoint and sign a new one (ship the folder to write-once storage)");
        checkpoint.SetAction((_, ct) => withServices(args, async sp =>
        {
            var outcome = await sp.GetRequiredService<TrailCheckpointer>().WriteAsync(ct);
            if (outcome.Refused)
            {
                Console.Error.WriteLine("No checkpoint signed: the trail does not verify.");
                foreach (var f in outcome.Findings) Console.Error.WriteLine($"  {f.Message}");
                return 3;
            }
            Console.WriteLine(outcome.File is null ? $"Nothing new since the checkpoint at entry {outcome.Sequence:N0}." : $"Checkpoint at entry {outcome.Sequence:N0}: {outcome.File}");
            return 0;
        }));
        var trail = new Command("trail", "The tamper-evident audit trail of every read and change") { verify, checkpoint };
        return trail;
    }
}
