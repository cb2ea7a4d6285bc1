using Probity.AuditTrail.Contracts;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail;
using Probity.Cases.Contracts;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>
/// Every read and change is on the trail; a change and its entry commit together; many writers append safely; and
/// whatever a database administrator does to the trail — edit, re-chain, delete, reorder, truncate — verification
/// names it.
/// </summary>
public sealed partial class AuditTrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Viewing_searching_and_exporting_are_recorded_and_the_trail_verifies(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var caseId = await FirstCaseAsync(app);
        var analyst = await app.SignInAsync("analyst");
        await analyst.Http.GetStringAsync($"/cases/{caseId}", Ct);
        await analyst.Http.GetStringAsync("/cases?category=incivility", Ct);
        await analyst.PostFormAsync("/interchange/export", new() { ["Filter.Status"] = "finalised" });

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var mine = await db.AuditEntries.Where(e => e.Actor == "analyst").OrderBy(e => e.Sequence).ToListAsync(Ct);
        Assert.Contains(mine, e => e.Action == "sign_in");
        Assert.Contains(mine, e => e.Action == "view" && e.Target == $"case:{caseId}");
        Assert.Contains(mine, e => e.Action == "search" && e.Detail!.Contains("category=incivility", StringComparison.Ordinal));
        Assert.Contains(mine, e => e.Action == "export" && e.Detail!.Contains("status=finalised", StringComparison.Ordinal));
        Assert.All(mine, e => Assert.False(string.IsNullOrEmpty(e.Client)));

        var result = await VerifyAsync(scope);
        Assert.True(result.Intact, result.Problem);
        Assert.True(result.EntriesChecked >= 4);
        // Start-up anchored the trail outside the database.
        Assert.True(result.CheckpointsChecked >= 1);

        // The database refuses edits to the trail (its triggers), before anyone drops them.
        var target = mine.First(e => e.Action == "view");
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync($"UPDATE audit_trail SET \"Actor\" = 'someone_else' WHERE \"Sequence\" = {target.Sequence}", Ct));
    }

    public static TheoryData<Provider, string> TamperVariants()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
            foreach (var tamper in new[] { "edit", "rechain", "delete", "reorder", "truncate", "rewrite-with-key", "forge-checkpoint" })
                data.Add(provider, tamper);
        return data;
    }

    [Theory, MemberData(nameof(TamperVariants))]
    public async Task Verification_names_each_way_a_database_administrator_can_tamper_with_the_trail(Provider provider, string tamper)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        // A trail of 40 entries, anchored by a checkpoint after the first 30.
        for (var i = 1; i <= 30; i++) await audit.RecordAsync("view", $"case:C-{i:D3}", $"read {i}", Ct);
        var checkpointer = scope.ServiceProvider.GetRequiredService<TrailCheckpointer>();
        var anchored = await checkpointer.WriteAsync(Ct);
        Assert.False(anchored.Refused);
        for (var i = 31; i <= 40; i++) await audit.RecordAsync("view", $"case:C-{i:D3}", $"read {i}", Ct);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Target.StartsWith("case:C-")).OrderBy(e => e.Sequence).ToListAsync(Ct);
        var last = entries[^1].Sequence;
        var middle = entries[20].Sequence;
        Assert.True((await VerifyAsync(scope)).Intact);

        await DropGuardsAsync(db, provider);
        var expected = tamper switch
        {
            "edit" => await EditAsync(db, middle),
            "rechain" => await RechainAsync(db, middle),
            "delete" => await ExecAsync(db, $"DELETE FROM audit_trail WHERE \"Sequence\" = {middle}", VerifyTrail.Tamper.Deleted),
            "reorder" => await SwapAsync(db, middle, middle + 1),
            // The newest entries, including some the checkpoint anchored.
            "truncate" => await ExecAsync(db, $"DELETE FROM audit_trail WHERE \"Sequence\" > {entries[25].Sequence}", VerifyTrail.Tamper.Truncated),
            // An insider who stole the key rewrites an entry and re-seals the chain after it; the checkpoint still knows.
            "rewrite-with-key" => await ResealAsync(scope, db, entries[10].Sequence),
            "forge-checkpoint" => ForgeCheckpoint(scope),
            _ => throw new ArgumentOutOfRangeException(nameof(tamper)),
        };
        var result = await VerifyAsync(scope);
        Assert.False(result.Intact, $"{tamper} went unnoticed");
        Assert.Contains(result.Findings, f => f.Kind == expected);
        TestContext.Current.TestOutputHelper?.WriteLine($"{tamper}: {string.Join(" | ", result.Findings.Select(f => f.Message))}");
        // Nothing is signed on top of a trail whose anchored entry was removed or rewritten (a checkpoint checks what
        // was written since the last one; the whole trail is what verification is for).
        if (tamper is "rechain" or "truncate" or "rewrite-with-key") Assert.True((await checkpointer.WriteAsync(Ct)).Refused);
        Assert.True(last > 0);
    }

    /// <summary>
    /// The gap a chain and checkpoints alone leave: a database administrator drops the triggers, deletes the entries
    /// written since the last checkpoint and moves the head back to the last one kept. The chain holds and the next
    /// checkpoint would have signed the shorter trail; the head witness kept outside the database says otherwise.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Deleting_the_newest_entries_and_moving_the_head_back_is_found_by_the_witness_outside_the_database(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var checkpointer = scope.ServiceProvider.GetRequiredService<TrailCheckpointer>();
        for (var i = 1; i <= 10; i++) await audit.RecordAsync("view", $"case:W-{i:D3}", $"read {i}", Ct);
        Assert.False((await checkpointer.WriteAsync(Ct)).Refused);
        for (var i = 11; i <= 20; i++) await audit.RecordAsync("view", $"case:W-{i:D3}", $"read {i}", Ct);
        var newest = await db.AuditEntries.MaxAsync(e => e.Sequence, Ct);
        var intact = await VerifyAsync(scope);
        Assert.True(intact.Intact, intact.Problem);
        Assert.Equal(newest, intact.WitnessedThrough);

        // The administrator removes the last five reads (all after the checkpoint) and leaves a consistent head.
        var kept = newest - 5;
        var keptHash = await db.AuditEntries.Where(e => e.Sequence == kept).Select(e => e.Hash).SingleAsync(Ct);
        await DropGuardsAsync(db, provider);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM audit_trail WHERE \"Sequence\" > {kept}", Ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_head SET \"Sequence\" = {0}, \"Hash\" = {1} WHERE \"Id\" = 1", [kept, keptHash], Ct);

        var found = await VerifyAsync(scope);
        Assert.False(found.Intact, "the truncation went unnoticed");
        var truncated = Assert.Single(found.Findings);
        Assert.Equal(VerifyTrail.Tamper.Truncated, truncated.Kind);
        Assert.Contains($"entry {newest} was committed and witnessed outside the database", truncated.Message, StringComparison.Ordinal);
        Assert.Contains($"the trail ends at entry {kept}", truncated.Message, StringComparison.Ordinal);
        var refused = await checkpointer.WriteAsync(Ct);
        Assert.True(refused.Refused, "a checkpoint signed the shortened trail");
        Assert.Contains(refused.Findings, f => f.Kind == VerifyTrail.Tamper.Truncated);

        // The next append finds the head behind its witness and says so on the trail, before its own entry.
        await audit.RecordAsync("view", "case:W-021", "read after the deletion", Ct);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > kept).OrderBy(e => e.Sequence).ToListAsync(Ct);
        Assert.Equal(("system", "trail_truncated", "audit:trail"), (entries[0].Actor, entries[0].Action, entries[0].Target));
        Assert.Contains($"the trail's head was entry {kept}, but entry {newest} had been committed", entries[0].Detail, StringComparison.Ordinal);
        Assert.Equal("case:W-021", entries[1].Target);

        // Appending past the old head does not wash it out: the break is kept in the witness for good.
        for (var i = 22; i <= 30; i++) await audit.RecordAsync("view", $"case:W-{i:D3}", $"read {i}", Ct);
        var later = await VerifyAsync(scope);
        Assert.True(later.WitnessedThrough > newest);
        var kept1 = Assert.Single(later.Findings);
        Assert.Equal((VerifyTrail.Tamper.Truncated, kept + 1), (kept1.Kind, kept1.Sequence));
        Assert.Contains("entries were removed and the head moved back", kept1.Message, StringComparison.Ordinal);
        Assert.Single(await db.AuditEntries.Where(e => e.Action == "trail_truncated").ToListAsync(Ct));
        // The trail as it now stands is anchored again; verification still names what was lost.
        Assert.False((await checkpointer.WriteAsync(Ct)).Refused);
        Assert.False((await VerifyAsync(scope)).Intact);
    }

    /// <summary>Whoever can write the witness's folder but lacks the trail's key cannot lower it to hide a truncation.</summary>
    [Fact]
    public async Task A_witness_written_without_the_key_is_set_aside_and_reported()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var witness = scope.ServiceProvider.GetRequiredService<AuditSealing>().Witness!;
        for (var i = 1; i <= 5; i++) await audit.RecordAsync("view", $"case:F-{i:D3}", null, Ct);
        var newest = await db.AuditEntries.MaxAsync(e => e.Sequence, Ct);

        // Lowered to an earlier entry, with the seal left as it was (once the newest head is written: that is in the background).
        await witness.FlushAsync();
        var text = await File.ReadAllTextAsync(witness.FilePath, Ct);
        Assert.Contains($"\"sequence\": {newest},", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(witness.FilePath, text.Replace($"\"sequence\": {newest},", "\"sequence\": 1,", StringComparison.Ordinal), Ct);
        var forged = await VerifyAsync(scope);
        Assert.Contains(forged.Findings, f => f.Kind == VerifyTrail.Tamper.BadCheckpoint && f.Message.Contains("seal does not hold", StringComparison.Ordinal));
        Assert.Null(forged.WitnessedThrough);

        // The next commit sets it aside (kept for whoever investigates) and witnesses afresh; the set-aside file stays reported.
        await audit.RecordAsync("view", "case:F-006", null, Ct);
        var after = await VerifyAsync(scope);
        Assert.Single(Directory.GetFiles(witness.Folder, "trail-head-unsealed-*.json"));
        Assert.Equal(newest + 1, after.WitnessedThrough);
        var aside = Assert.Single(after.Findings);
        Assert.Contains("set aside", aside.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_change_whose_audit_entry_cannot_be_written_is_not_saved(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var caseId = await LiveUnroutedCaseAsync(app);
        var handler = await app.SignInAsync("handler");
        var version = await CaseLifecycleTests.VersionAsync(app, $"/cases/{caseId}");
        var token = await handler.GetFormTokenAsync($"/cases/{caseId}");
        await using (var scope = app.SystemScope())
        {
            // A database administrator removes the trail's head row: appending is now impossible.
            await scope.ServiceProvider.GetRequiredService<ProbityDb>().Database.ExecuteSqlRawAsync("DELETE FROM audit_head", Ct);
        }
        var response = await handler.Http.PostAsync($"/cases/{caseId}/route", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = version, ["route"] = "local_resolution", ["date"] = "2010-12-20", ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId, Ct);
            Assert.Null(c.HandlingRoute);
            Assert.Equal(version, c.Version.ToString());
            Assert.DoesNotContain(await db.CaseEvents.Where(e => e.CaseId == caseId).Select(e => e.Kind).ToListAsync(Ct), k => k == "route_decided");
        }
    }

    /// <summary>
    /// A save retried differently (intake taking the next case number after a collision) forgets only what was added and
    /// staged since its mark: the change its caller tracked before it, and that change's entry, are still written.
    /// </summary>
    [Fact]
    public async Task Forgetting_a_failed_attempt_keeps_what_the_caller_tracked_before_it()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var c = await db.Cases.OrderBy(x => x.Id).FirstAsync(Ct);
        c.Summary = "kept: the caller's change";
        audit.Change("test_caller", "case:" + c.Id, "the caller's change");
        var mark = db.MarkUnsaved();
        db.CaseEvents.Add(new CaseEvent { CaseId = c.Id, Kind = "forgotten_attempt", OccurredOn = new DateOnly(2010, 12, 20), RecordedAt = DateTimeOffset.UnixEpoch, Actor = "test", Detail = "the attempt" });
        audit.Change("test_attempt", "case:" + c.Id, "the attempt");
        db.ForgetSince(mark);
        await db.SaveChangesAsync(Ct);

        await using var check = app.SystemScope();
        var fresh = check.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Equal("kept: the caller's change", (await fresh.Cases.AsNoTracking().SingleAsync(x => x.Id == c.Id, Ct)).Summary);
        Assert.False(await fresh.CaseEvents.AnyAsync(e => e.Kind == "forgotten_attempt", Ct));
        var actions = await fresh.Set<AuditEntry>().AsNoTracking().Where(e => e.Target == "case:" + c.Id).Select(e => e.Action).ToListAsync(Ct);
        Assert.Contains("test_caller", actions);
        Assert.DoesNotContain("test_attempt", actions);
    }

    [Fact]
    public async Task A_change_saved_without_an_audit_entry_is_refused_by_the_store()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var c = await db.Cases.OrderBy(x => x.Id).FirstAsync(Ct);
        c.Summary = "changed behind the trail's back";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        Assert.Contains("without an audit entry", error.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        Assert.NotEqual("changed behind the trail's back", (await db.Cases.AsNoTracking().SingleAsync(x => x.Id == c.Id, Ct)).Summary);
    }

    /// <summary>
    /// The command line writes to the trail while the web application serves reads and changes: before, the web
    /// application's remembered head was stale, its next audited write failed with 500 and the change committed
    /// without an entry. Now the database orders every writer.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Two_processes_writing_at_once_keep_one_unbroken_trail(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var handler = await app.SignInAsync("handler");
        var analyst = await app.SignInAsync("analyst");
        // Complaints of its own: the demo's live unrouted cases are claims, tribunals and grievances, which take no handling route (ADR 0024).
        var caseIds = new List<string>();
        for (var i = 0; i < 6; i++)
            caseIds.Add(await NeedToKnow.CanaryForce.RecordByApiAsync(handler, new
            {
                caseType = "public_complaint", receivedOn = "2010-12-01", recordedOn = "2010-12-01", source = "public", locationUnitId = "bor-camden",
                summary = $"Concurrency test complaint {i}", allegations = new[] { new { category = "incivility" } },
            }));

        var cli = Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                var (code, output) = await app.RunCliAsync(null, "audit", "leak", "--id", $"LEAK-CLI-{i}", "--record", $"rec-{i}", "--at", "2010-12-20T10:00:00Z", "--description", "concurrency test");
                Assert.True(code == 0, output);
            }
        }, Ct);
        var web = Task.Run(async () =>
        {
            foreach (var caseId in caseIds)
            {
                await analyst.Http.GetStringAsync($"/cases/{caseId}", Ct);
                var version = await CaseLifecycleTests.VersionAsync(app, $"/cases/{caseId}");
                var decided = await handler.PostFormAsync($"/cases/{caseId}/route", new() { ["version"] = version, ["route"] = "local_resolution", ["date"] = "2010-12-20" }, $"/cases/{caseId}");
                Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
            }
        }, Ct);
        await Task.WhenAll(cli, web);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        // Every change has its entry...
        foreach (var caseId in caseIds)
            Assert.Contains(await db.AuditEntries.Where(e => e.Target == "case:" + caseId).Select(e => e.Action).ToListAsync(Ct), a => a == "update");
        Assert.Equal(4, await db.AuditEntries.CountAsync(e => e.Target.StartsWith("leak/LEAK-CLI-"), Ct));
        // ...numbered without gaps or forks, and the whole trail verifies.
        var result = await VerifyAsync(scope);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(await db.AuditEntries.CountAsync(Ct), result.LastSequence);
    }

    [Fact]
    public async Task The_command_line_verifies_and_names_the_tampering_with_exit_code_3()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        await using (var scope = app.SystemScope())
            for (var i = 0; i < 5; i++) await scope.ServiceProvider.GetRequiredService<Audit>().RecordAsync("view", $"case:C-{i}", null, Ct);
        var (ok, okOut) = await app.RunCliAsync(null, "trail", "verify");
        Assert.True(ok == 0, okOut);
        Assert.Contains("intact", okOut, StringComparison.Ordinal);
        var (cp, cpOut) = await app.RunCliAsync(null, "trail", "checkpoint");
        Assert.True(cp == 0, cpOut);

        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            await DropGuardsAsync(db, Provider.Sqlite);
            var newest = await db.AuditEntries.MaxAsync(e => e.Sequence, Ct);
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM audit_trail WHERE \"Sequence\" >= {newest - 1}", Ct);
        }
        var (broken, brokenOut) = await app.RunCliAsync(null, "trail", "verify");
        Assert.Equal(3, broken);
        Assert.Contains("Truncated", brokenOut, StringComparison.Ordinal);
    }

    private static async Task<VerifyTrail.Result> VerifyAsync(AsyncServiceScope scope)
    {
        var sealing = scope.ServiceProvider.GetRequiredService<AuditSealing>();
        return await VerifyTrail.RunAsync(scope.ServiceProvider.GetRequiredService<ProbityDb>(), sealing.ExistingChain(),
            scope.ServiceProvider.GetRequiredService<TrailCheckpoints>(), sealing.Witness, Ct);
    }

    private static async Task DropGuardsAsync(ProbityDb db, Provider provider)
    {
        if (provider == Provider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_trail_no_update", Ct);
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_trail_no_delete", Ct);
        }
        else await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_trail_no_change ON audit_trail", Ct);
    }

    private static async Task<VerifyTrail.Tamper> ExecAsync(ProbityDb db, string sql, VerifyTrail.Tamper expected)
    {
        await db.Database.ExecuteSqlRawAsync(sql, Ct);
        return expected;
    }

    private static Task<VerifyTrail.Tamper> EditAsync(ProbityDb db, long sequence) =>
        ExecAsync(db, $"UPDATE audit_trail SET \"Actor\" = 'someone_else' WHERE \"Sequence\" = {sequence}", VerifyTrail.Tamper.Altered);

    /// <summary>Edits an entry and recomputes every hash after it, as the old unkeyed chain allowed.</summary>
    private static async Task<VerifyTrail.Tamper> RechainAsync(ProbityDb db, long from)
    {
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from).OrderBy(e => e.Sequence).ToListAsync(Ct);
        var previous = await db.AuditEntries.Where(e => e.Sequence == from - 1).Select(e => e.Hash).SingleAsync(Ct);
        entries[0].Actor = "someone_else";
        foreach (var e in entries)
        {
            e.PreviousHash = previous;
            e.Hash = AuditChain.UnkeyedHashOf(e);
            previous = e.Hash;
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_trail SET \"Actor\" = {0}, \"PreviousHash\" = {1}, \"Hash\" = {2} WHERE \"Sequence\" = {3}",
                [e.Actor, e.PreviousHash, e.Hash, e.Sequence], Ct);
        }
        return VerifyTrail.Tamper.Rechained;
    }

    /// <summary>Moves two entries past each other: each keeps its content and seal, under the other's number.</summary>
    private static async Task<VerifyTrail.Tamper> SwapAsync(ProbityDb db, long a, long b)
    {
        await db.Database.ExecuteSqlRawAsync($"UPDATE audit_trail SET \"Sequence\" = -1 WHERE \"Sequence\" = {a}", Ct);
        await db.Database.ExecuteSqlRawAsync($"UPDATE audit_trail SET \"Sequence\" = {a} WHERE \"Sequence\" = {b}", Ct);
        await db.Database.ExecuteSqlRawAsync($"UPDATE audit_trail SET \"Sequence\" = {b} WHERE \"Sequence\" = -1", Ct);
        return VerifyTrail.Tamper.Reordered;
    }

    /// <summary>Someone holding the key (but not the write-once checkpoints) rewrites an anchored entry and re-seals everything after it.</summary>
    private static async Task<VerifyTrail.Tamper> ResealAsync(AsyncServiceScope scope, ProbityDb db, long from)
    {
        var chain = scope.ServiceProvider.GetRequiredService<AuditSealing>().ExistingChain();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from).OrderBy(e => e.Sequence).ToListAsync(Ct);
        var previous = await db.AuditEntries.Where(e => e.Sequence == from - 1).Select(e => e.Hash).SingleAsync(Ct);
        entries[0].Detail = "nothing to see here";
        foreach (var e in entries)
        {
            e.PreviousHash = previous;
            e.Hash = chain.HashOf(e);
            previous = e.Hash;
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_trail SET \"Detail\" = {0}, \"PreviousHash\" = {1}, \"Hash\" = {2} WHERE \"Sequence\" = {3}",
                [e.Detail ?? "", e.PreviousHash, e.Hash, e.Sequence], Ct);
        }
        return VerifyTrail.Tamper.RewrittenSinceCheckpoint;
    }

    /// <summary>A checkpoint written by someone without the signing key (claiming the trail is shorter than it is).</summary>
    private static VerifyTrail.Tamper ForgeCheckpoint(AsyncServiceScope scope)
    {
        var folder = scope.ServiceProvider.GetRequiredService<TrailCheckpoints>().Folder;
        var real = Directory.GetFiles(folder, "checkpoint-*.json").Order(StringComparer.Ordinal).First();
        File.WriteAllText(Path.Combine(folder, "checkpoint-000000000001-forged.json"),
            File.ReadAllText(real).Replace("\"sequence\": ", "\"sequence\": 1", StringComparison.Ordinal));
        return VerifyTrail.Tamper.BadCheckpoint;
    }

    private static async Task<string> FirstCaseAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(Ct);
    }

    private static async Task<string> LiveUnroutedCaseAsync(ProbityApp app) => (await LiveUnroutedCasesAsync(app, 1))[0];

    private static async Task<List<string>> LiveUnroutedCasesAsync(ProbityApp app, int count)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases
            .Where(c => c.FinalisedOn == null && c.HandlingRoute == null && c.RecordedOn != null && c.RecordedOn < new DateOnly(2010, 12, 20))
            .OrderBy(c => c.Id).Select(c => c.Id).Take(count).ToListAsync(Ct);
    }
}
