using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Security;

namespace Probity.IntegrationTests;

/// <summary>
/// The head witness taken away (ADR 0031, addendum): a database administrator truncates the entries written since the
/// last checkpoint while an accomplice with file access deletes the witness, or puts an old copy of it back. The signed
/// checkpoints name the head they saw witnessed, so a missing or older witness is no longer taken for a new installation.
/// </summary>
public sealed partial class AuditTrailTests
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_deleted_witness_with_the_newest_entries_truncated_is_reported_and_recorded(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var checkpointer = scope.ServiceProvider.GetRequiredService<TrailCheckpointer>();
        var witness = scope.ServiceProvider.GetRequiredService<AuditSealing>().Witness!;
        for (var i = 1; i <= 10; i++) await audit.RecordAsync("view", $"case:D-{i:D3}", null, Ct);
        var signed = await checkpointer.WriteAsync(Ct);
        Assert.False(signed.Refused);
        var checkpointed = signed.Sequence;
        Assert.Contains("\"witnessed_sequence\": " + checkpointed.ToString(CultureInfo.InvariantCulture), await File.ReadAllTextAsync(signed.File!, Ct), StringComparison.Ordinal);
        for (var i = 11; i <= 20; i++) await audit.RecordAsync("view", $"case:D-{i:D3}", null, Ct);
        await witness.FlushAsync();

        // The administrator removes the last five entries (all after the checkpoint); the accomplice deletes the witness.
        await DropGuardsAsync(db, provider);
        var cut = await TruncateAsync(db, 5);
        File.Delete(witness.FilePath);

        var found = await VerifyAsync(scope);
        Assert.False(found.Intact, "a deleted witness went unnoticed");
        var missing = Assert.Single(found.Findings);
        Assert.Equal(checkpointed + 1, missing.Sequence);
        Assert.Contains("witness", missing.Message, StringComparison.Ordinal);
        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);
        Assert.Contains($"cannot be vouched for", missing.Message, StringComparison.Ordinal);
        Assert.True((await checkpointer.WriteAsync(Ct)).Refused, "a checkpoint was signed over a trail whose witness was deleted");

        // The next append records it on the trail, before its own entry, and the witness keeps it for good.
        await audit.RecordAsync("view", "case:D-021", null, Ct);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > cut.Kept).OrderBy(e => e.Sequence).ToListAsync(Ct);
        Assert.Equal(("system", "trail_witness_missing", "audit:trail"), (entries[0].Actor, entries[0].Action, entries[0].Target));
        Assert.Contains($"entry {cut.Kept + 1} was appended", entries[0].Detail, StringComparison.Ordinal);
        Assert.Contains($"cannot be vouched for", entries[0].Detail, StringComparison.Ordinal);
        Assert.Equal("case:D-021", entries[1].Target);
        for (var i = 22; i <= 30; i++) await audit.RecordAsync("view", $"case:D-{i:D3}", null, Ct);
        Assert.Single(await db.AuditEntries.Where(e => e.Action == "trail_witness_missing").ToListAsync(Ct));
        var later = await VerifyAsync(scope);
        var kept = Assert.Single(later.Findings);
        Assert.Equal(checkpointed + 1, kept.Sequence);
        Assert.Contains("missing", kept.Message, StringComparison.Ordinal);
        // The trail as it now stands is anchored again; verification still names what cannot be vouched for.
        Assert.False((await checkpointer.WriteAsync(Ct)).Refused);
        Assert.False((await VerifyAsync(scope)).Intact);
        // No time of day in the witness (ADR 0014).
        await witness.FlushAsync();
        Assert.DoesNotMatch(@"\d\d:\d\d", await File.ReadAllTextAsync(witness.FilePath, Ct));
        if (provider == Provider.Sqlite)
        {
            var (code, output) = await app.RunCliAsync(null, "trail", "verify");
            Assert.Equal(3, code);
            Assert.Contains("missing", output, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_old_copy_of_the_witness_put_back_is_reported_and_recorded(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var checkpointer = scope.ServiceProvider.GetRequiredService<TrailCheckpointer>();
        var witness = scope.ServiceProvider.GetRequiredService<AuditSealing>().Witness!;
        for (var i = 1; i <= 5; i++) await audit.RecordAsync("view", $"case:O-{i:D3}", null, Ct);
        await witness.FlushAsync();
        var oldCopy = await File.ReadAllTextAsync(witness.FilePath, Ct);
        for (var i = 6; i <= 10; i++) await audit.RecordAsync("view", $"case:O-{i:D3}", null, Ct);
        var signed = await checkpointer.WriteAsync(Ct);
        Assert.False(signed.Refused);
        for (var i = 11; i <= 15; i++) await audit.RecordAsync("view", $"case:O-{i:D3}", null, Ct);
        await witness.FlushAsync();

        // The entries since the checkpoint are removed and the old, genuine witness is put back.
        await DropGuardsAsync(db, provider);
        var cut = await TruncateAsync(db, 5);
        Assert.Equal(signed.Sequence, cut.Kept);
        await File.WriteAllTextAsync(witness.FilePath, oldCopy, Ct);

        var found = await VerifyAsync(scope);
        var older = Assert.Single(found.Findings);
        Assert.Equal(signed.Sequence + 1, older.Sequence);
        Assert.Contains("older", older.Message, StringComparison.Ordinal);

        await audit.RecordAsync("view", "case:O-016", null, Ct);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > cut.Kept).OrderBy(e => e.Sequence).ToListAsync(Ct);
        Assert.Equal(("system", "trail_witness_rolled_back", "audit:trail"), (entries[0].Actor, entries[0].Action, entries[0].Target));
        Assert.Contains("cannot be vouched for", entries[0].Detail, StringComparison.Ordinal);
        Assert.Equal("case:O-016", entries[1].Target);
        await audit.RecordAsync("view", "case:O-017", null, Ct);
        Assert.Single(await db.AuditEntries.Where(e => e.Action == "trail_witness_rolled_back").ToListAsync(Ct));
        var later = Assert.Single((await VerifyAsync(scope)).Findings);
        Assert.Contains("older", later.Message, StringComparison.Ordinal);
    }

    /// <summary>A process started afresh checks the witness at its first append: one left in place is no alarm; one deleted while it was down is, once.</summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_restart_finds_a_witness_deleted_while_it_was_down_and_nothing_otherwise(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var sealing = scope.ServiceProvider.GetRequiredService<AuditSealing>();
        var checkpoints = scope.ServiceProvider.GetRequiredService<TrailCheckpoints>();
        for (var i = 1; i <= 5; i++) await audit.RecordAsync("view", $"case:R-{i:D3}", null, Ct);
        var signed = await scope.ServiceProvider.GetRequiredService<TrailCheckpointer>().WriteAsync(Ct);
        for (var i = 6; i <= 8; i++) await audit.RecordAsync("view", $"case:R-{i:D3}", null, Ct);
        await sealing.Witness!.FlushAsync();
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync(Ct);

        // Each a process of its own over the same folders, knowing nothing yet.
        TrailHeadWitness Restarted() => new(checkpoints.Folder, () => sealing.Chain, TimeProvider.System, null, checkpoints.In(checkpoints.Folder));
        Assert.Null(await Restarted().CheckAsync(head.Sequence, head.Hash));

        File.Delete(sealing.Witness.FilePath);
        var restarted = Restarted();
        var found = await restarted.CheckAsync(head.Sequence, head.Hash);
        Assert.Equal((TrailHeadWitness.Missing, signed.Sequence, head.Sequence), (found?.Lost, found?.CheckpointSequence, found?.FoundSequence));
        Assert.Null(await restarted.CheckAsync(head.Sequence, head.Hash));
        Assert.Null(await Restarted().CheckAsync(head.Sequence, head.Hash));
        Assert.Contains("missing", (await VerifyAsync(scope)).Findings.Single().Message, StringComparison.Ordinal);
    }

    /// <summary>No checkpoint has seen a witness: a new installation, or a witness folder configured afresh. Nothing to report.</summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_new_installation_and_a_fresh_witness_folder_report_nothing(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var checkpointer = scope.ServiceProvider.GetRequiredService<TrailCheckpointer>();
        var witness = scope.ServiceProvider.GetRequiredService<AuditSealing>().Witness!;
        for (var i = 1; i <= 5; i++) await audit.RecordAsync("view", $"case:N-{i:D3}", null, Ct);
        Assert.False((await checkpointer.WriteAsync(Ct)).Refused);
        for (var i = 6; i <= 10; i++) await audit.RecordAsync("view", $"case:N-{i:D3}", null, Ct);
        Assert.True((await VerifyAsync(scope)).Intact);

        // The folder configured afresh: no witness and no checkpoints.
        await witness.FlushAsync();
        foreach (var file in Directory.GetFiles(witness.Folder)) File.Delete(file);
        await audit.RecordAsync("view", "case:N-011", null, Ct);
        Assert.False((await checkpointer.WriteAsync(Ct)).Refused);
        await audit.RecordAsync("view", "case:N-012", null, Ct);

        var verified = await VerifyAsync(scope);
        Assert.True(verified.Intact, verified.Problem);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Target == "audit:trail", Ct));
    }

    /// <summary>Checkpoints signed before this change (schema /1) name no witness: a missing witness beside them is an upgrade.</summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Checkpoints_of_the_first_schema_still_verify_and_report_no_missing_witness(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var checkpoints = scope.ServiceProvider.GetRequiredService<TrailCheckpoints>();
        var witness = scope.ServiceProvider.GetRequiredService<AuditSealing>().Witness!;
        for (var i = 1; i <= 5; i++) await audit.RecordAsync("view", $"case:P-{i:D3}", null, Ct);
        await witness.FlushAsync();
        foreach (var old in Directory.GetFiles(checkpoints.Folder)) File.Delete(old);
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync(Ct);
        WriteFirstSchemaCheckpoint(scope, checkpoints.Folder, head.Sequence, head.Hash);

        var verified = await VerifyAsync(scope);
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(1, verified.CheckpointsChecked);

        await audit.RecordAsync("view", "case:P-006", null, Ct);
        var after = await VerifyAsync(scope);
        Assert.True(after.Intact, after.Problem);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Target == "audit:trail", Ct));

        // A /1 file claiming a witnessed head (the field is not signed there) is read as naming none.
        var file = Assert.Single(Directory.GetFiles(checkpoints.Folder, "checkpoint-*.json"));
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file, Ct)).Replace("\"schema\":", "\"witnessed_sequence\": 999999,\n  \"schema\":", StringComparison.Ordinal), Ct);
        Assert.True((await VerifyAsync(scope)).Intact);
    }

    /// <summary>The witnessed head is signed: a checkpoint whose witnessed head was edited (to hide a witness deleted) is forged.</summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_checkpoint_whose_witnessed_head_was_edited_fails_its_signature(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await using var scope = app.SystemScope();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var checkpointer = scope.ServiceProvider.GetRequiredService<TrailCheckpointer>();
        for (var i = 1; i <= 5; i++) await audit.RecordAsync("view", $"case:G-{i:D3}", null, Ct);
        var signed = await checkpointer.WriteAsync(Ct);
        var text = await File.ReadAllTextAsync(signed.File!, Ct);
        Assert.Contains("\"schema\": \"probity-trail-checkpoint/2\"", text, StringComparison.Ordinal);
        var witnessed = $"\"witnessed_sequence\": {signed.Sequence.ToString(CultureInfo.InvariantCulture)}";
        Assert.Contains(witnessed, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(signed.File!, text.Replace(witnessed, "\"witnessed_sequence\": null", StringComparison.Ordinal), Ct);

        var verified = await VerifyAsync(scope);
        Assert.Contains(verified.Findings, f => f.Kind == VerifyTrail.Tamper.BadCheckpoint && f.Message.Contains("signature does not match", StringComparison.Ordinal));
    }

    // A checkpoint as the first schema signed it, before the witnessed head was part of it.
    private static void WriteFirstSchemaCheckpoint(AsyncServiceScope scope, string folder, long sequence, string hash)
    {
        using var key = scope.ServiceProvider.GetRequiredService<KeyFolder>().SigningKey(TrailCheckpoints.SigningKeyName);
        var at = TimeProvider.System.GetUtcNow();
        var signedBytes = System.Text.Encoding.UTF8.GetBytes(string.Join('|', "probity-trail-checkpoint/1", sequence.ToString(CultureInfo.InvariantCulture), hash,
            at.UtcTicks.ToString(CultureInfo.InvariantCulture), "0"));
        var signature = Convert.ToBase64String(key.SignData(signedBytes, HashAlgorithmName.SHA256));
        File.WriteAllText(Path.Combine(folder, $"checkpoint-{sequence:D12}-{at.UtcDateTime:yyyyMMddTHHmmssfffZ}.json"), $$"""
            {
              "schema": "probity-trail-checkpoint/1",
              "sequence": {{sequence}},
              "hash": "{{hash}}",
              "written_at": "{{at.ToString("O", CultureInfo.InvariantCulture)}}",
              "unkeyed_through": 0,
              "signature": "{{signature}}"
            }
            """);
    }
}
