using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail;
using Probity.AuditTrail.Contracts;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>
/// The head witness (ADR 0031) as an administrator would try to outlast it: truncating twice, making it fail to write,
/// putting something else in its place; and as the application itself could fool it: a savepoint rolled back.
/// </summary>
public sealed partial class AuditTrailTests
{
    /// <summary>After a truncation is found, the witness follows the database: a second truncation is found too.</summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_second_truncation_after_a_found_one_is_found_as_well(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        for (var i = 1; i <= 20; i++) await audit.RecordAsync("view", $"case:T-{i:D3}", null, Ct);
        await DropGuardsAsync(db, provider);

        var first = await TruncateAsync(db, 5);
        await audit.RecordAsync("view", "case:T-021", null, Ct);
        for (var i = 22; i <= 30; i++) await audit.RecordAsync("view", $"case:T-{i:D3}", null, Ct);
        var second = await TruncateAsync(db, 3);
        await audit.RecordAsync("view", "case:T-031", null, Ct);

        var found = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "trail_truncated").OrderBy(e => e.Sequence).ToListAsync(Ct);
        Assert.Equal(2, found.Count);
        Assert.Contains($"the trail's head was entry {first.Kept}, but entry {first.Newest} had been committed", found[0].Detail, StringComparison.Ordinal);
        Assert.Contains($"the trail's head was entry {second.Kept}, but entry {second.Newest} had been committed", found[1].Detail, StringComparison.Ordinal);
        var verified = await VerifyAsync(scope);
        Assert.Equal([first.Kept + 1, second.Kept + 1], verified.Findings.Where(f => f.Kind == VerifyTrail.Tamper.Truncated).Select(f => f.Sequence).Order().ToArray());
        // No time of day anywhere in the witness (ADR 0014: an anonymous reporter's act may have moved it).
        var text = await File.ReadAllTextAsync(scope.ServiceProvider.GetRequiredService<AuditSealing>().Witness!.FilePath, Ct);
        Assert.DoesNotMatch(@"\d\d:\d\d", text);
    }

    /// <summary>Entries appended inside a savepoint that is rolled back were never committed: the witness must not name them.</summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_savepoint_rolled_back_leaves_no_false_alarm(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        await audit.RecordAsync("view", "case:S-001", null, Ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            audit.Change("view", "case:S-002");
            await db.SaveChangesAsync(Ct);
            await transaction.CreateSavepointAsync("before-third", Ct);
            audit.Change("view", "case:S-003");
            audit.Change("view", "case:S-004");
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackToSavepointAsync("before-third", Ct);
            await transaction.CommitAsync(Ct);
        }
        await audit.RecordAsync("view", "case:S-005", null, Ct);

        var targets = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.Target).ToListAsync(Ct);
        Assert.Equal(["case:S-001", "case:S-002", "case:S-005"], targets.Where(t => t.StartsWith("case:S-", StringComparison.Ordinal)).ToArray());
        Assert.DoesNotContain("audit:trail", targets);
        var verified = await VerifyAsync(scope);
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(await db.AuditEntries.MaxAsync(e => e.Sequence, Ct), verified.WitnessedThrough);
    }

    /// <summary>A witness that cannot be written must neither fail the request nor swallow the finding; it is recorded once.</summary>
    [Fact]
    public async Task A_truncation_is_recorded_even_when_the_witness_cannot_be_written()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var witness = scope.ServiceProvider.GetRequiredService<AuditSealing>().Witness!;
        for (var i = 1; i <= 10; i++) await audit.RecordAsync("view", $"case:U-{i:D3}", null, Ct);
        await witness.FlushAsync();
        // Every write of the witness goes through a temporary file beside it; a folder in its place makes writing fail.
        Directory.CreateDirectory(witness.FilePath + ".tmp");
        await DropGuardsAsync(db, Provider.Sqlite);
        var cut = await TruncateAsync(db, 4);

        await audit.RecordAsync("view", "case:U-011", null, Ct);
        await audit.RecordAsync("view", "case:U-012", null, Ct);

        var found = Assert.Single(await db.AuditEntries.AsNoTracking().Where(e => e.Action == "trail_truncated").ToListAsync(Ct));
        Assert.Contains($"entry {cut.Newest} had been committed", found.Detail, StringComparison.Ordinal);
        Assert.Equal(["case:U-011", "case:U-012"], await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > found.Sequence).OrderBy(e => e.Sequence).Select(e => e.Target).ToArrayAsync(Ct));
        Directory.Delete(witness.FilePath + ".tmp");
    }

    /// <summary>Something other than a witness file in its place is reported by verification, and appends carry on.</summary>
    [Fact]
    public async Task A_folder_in_the_witness_place_is_reported_and_appends_carry_on()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        await using var scope = app.SystemScope();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var witness = scope.ServiceProvider.GetRequiredService<AuditSealing>().Witness!;
        await audit.RecordAsync("view", "case:V-001", null, Ct);
        await witness.FlushAsync();
        File.Delete(witness.FilePath);
        Directory.CreateDirectory(witness.FilePath);

        await audit.RecordAsync("view", "case:V-002", null, Ct);
        var verified = await VerifyAsync(scope);
        Assert.Contains(verified.Findings, f => f.Message.Contains("unreadable", StringComparison.Ordinal) && f.Message.Contains(TrailHeadWitness.FileName, StringComparison.Ordinal));
        Assert.Null(verified.WitnessedThrough);
        Directory.Delete(witness.FilePath);
    }

    /// <summary>A hundred breaks are kept: the first ninety-nine (where it began) and the newest.</summary>
    [Fact]
    public async Task The_breaks_kept_are_the_first_ones_and_the_newest()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        var sealing = app.Services.GetRequiredService<AuditSealing>();
        var folder = Directory.CreateTempSubdirectory("probity-witness-").FullName;
        try
        {
            var witness = new TrailHeadWitness(folder, () => sealing.Chain, TimeProvider.System);
            for (var n = 1; n <= 105; n++)
            {
                witness.Advance(n * 10, $"h{n}");
                await witness.FlushAsync();
                var found = await witness.CheckAsync(n * 10 - 1, $"g{n}");
                Assert.Equal((n * 10L, n * 10L - 1), (found!.WitnessedSequence, found.FoundSequence));
                Assert.Null(await witness.CheckAsync(n * 10 - 1, $"g{n}"));
            }
            var kept = (await witness.ReadAsync()).Head!.Breaks;
            Assert.Equal([.. Enumerable.Range(1, 99).Select(n => n * 10L), 1050L], kept.Select(b => b.WitnessedSequence).ToArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Deletes the newest entries and moves the head back to the last one kept, as an administrator without the key would.
    private static async Task<(long Newest, long Kept)> TruncateAsync(ProbityDb db, int entries)
    {
        var newest = await db.AuditEntries.MaxAsync(e => e.Sequence, Ct);
        var kept = newest - entries;
        var keptHash = await db.AuditEntries.Where(e => e.Sequence == kept).Select(e => e.Hash).SingleAsync(Ct);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM audit_trail WHERE \"Sequence\" > {kept}", Ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_head SET \"Sequence\" = {0}, \"Hash\" = {1} WHERE \"Id\" = 1", [kept, keptHash], Ct);
        return (newest, kept);
    }
}
