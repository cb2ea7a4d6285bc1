using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Identity;
using Probity.Infrastructure.Time;
using Probity.Identity.Contracts;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>A reader never sees a case about their own staff record, however the case names them.</summary>
public sealed class OwnRecordTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_case_whose_outcome_names_the_reader_is_hidden_from_them_even_where_no_allegation_does(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var today = app.Time.Today();
        var userName = $"self-outcome-{Guid.NewGuid():N}"[..24];
        string self, other, borough;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var officers = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderByDescending(s => s.Id).Select(s => s.Id).Take(2).ToListAsync(Ct);
            (self, other) = (officers[0], officers[1]);
            borough = await db.Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(Ct);
            // An analyst (reads every unrestricted case) who is also an officer on the force's books.
            var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(userName, "Self-subject analyst", Roles.Analyst, null, ProbityApp.Password);
            user.StaffId = self;
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
        }
        var senior = await app.SignInAsync("senior");
        var caseId = await CanaryForce.RecordByApiAsync(senior, new
        {
            caseType = "public_complaint", receivedOn = CanaryForce.Iso(today.AddDays(-30)), recordedOn = CanaryForce.Iso(today.AddDays(-29)), source = "public",
            locationUnitId = borough, handlingUnitId = "cst", summary = "Outcome recorded against a second officer", allegations = new[] { new { category = "incivility", staffId = other } },
        });
        var reader = await app.SignInAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await reader.Http.GetAsync($"/cases/{caseId}", Ct)).StatusCode);

        // An earlier system's export records an outcome for the reader on that case, with no allegation naming them.
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            db.Sanctions.Add(new Sanction { CaseId = caseId, StaffId = self, Outcome = "management_advice", DecidedOn = today.AddDays(-2) });
            scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "case:" + caseId, "imported outcome");
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync($"/cases/{caseId}", Ct)).StatusCode);
        Assert.DoesNotContain(caseId, await reader.Http.GetStringAsync($"/cases?officer={other}", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await senior.Http.GetAsync($"/cases/{caseId}", Ct)).StatusCode);
    }
}
