using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail;
using Probity.Infrastructure.Database;

namespace Probity.IntegrationTests;

/// <summary>Every read is recorded, and the chain shows where it was tampered with.</summary>
public sealed class AuditTrailTests
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Viewing_searching_and_exporting_are_recorded_and_tampering_is_found(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        string caseId;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            caseId = await db.Cases.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        }
        var analyst = await app.SignInAsync("analyst");
        await analyst.Http.GetStringAsync($"/cases/{caseId}", TestContext.Current.CancellationToken);
        await analyst.Http.GetStringAsync("/cases?category=incivility", TestContext.Current.CancellationToken);
        await analyst.PostFormAsync("/interchange/export", new() { ["Filter.Status"] = "finalised" });

        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var mine = await db.AuditEntries.Where(e => e.Actor == "analyst").OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Contains(mine, e => e.Action == "sign_in");
            Assert.Contains(mine, e => e.Action == "view" && e.Target == $"case:{caseId}");
            Assert.Contains(mine, e => e.Action == "search" && e.Detail!.Contains("category=incivility", StringComparison.Ordinal));
            Assert.Contains(mine, e => e.Action == "export" && e.Detail!.Contains("status=finalised", StringComparison.Ordinal));
            Assert.All(mine, e => Assert.False(string.IsNullOrEmpty(e.Client)));

            var intact = await VerifyTrail.RunAsync(db, TestContext.Current.CancellationToken);
            Assert.True(intact.Intact, intact.Problem);
            Assert.True(intact.EntriesChecked >= 4);

            // The database refuses edits to the trail...
            var target = mine.First(e => e.Action == "view");
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync($"UPDATE audit_trail SET \"Actor\" = 'someone_else' WHERE \"Sequence\" = {target.Sequence}"));
            // ...and if someone with rights to drop the guard does it anyway, verification names the entry.
            if (provider == Provider.Sqlite) await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_trail_no_update");
            else await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_trail_no_change ON audit_trail");
            await db.Database.ExecuteSqlRawAsync($"UPDATE audit_trail SET \"Actor\" = 'someone_else' WHERE \"Sequence\" = {target.Sequence}");
            var broken = await VerifyTrail.RunAsync(db, TestContext.Current.CancellationToken);
            Assert.False(broken.Intact);
            Assert.Equal(target.Sequence, broken.FirstBrokenSequence);
            Assert.Contains("altered", broken.Problem, StringComparison.Ordinal);
        }
    }
}
