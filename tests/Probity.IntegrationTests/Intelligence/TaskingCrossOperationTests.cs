using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Contracts;

namespace Probity.IntegrationTests.Intelligence;

/// <summary>
/// Adversarial review (issue 15): a form's tactic or integrity test belongs to the operation in its URL. A senior manager
/// posting one operation's form (its version, so the edit is not stale) with another operation's tactic or test is
/// answered as if it did not exist, and the other operation is unchanged: the trail and the page agree on which
/// operation an authorisation or a result belongs to.
/// </summary>
public sealed partial class TaskingTests
{
    [Theory, MemberData(nameof(Providers))]
    public async Task A_tactic_or_test_of_another_operation_posted_through_this_ones_form_is_not_found_and_nothing_changes(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var i = await app.SignInAsync("i");
        var sm1 = await app.SignInAsync("sm1");
        var sm2 = await app.SignInAsync("sm2");
        var here = await OpenAsync(i, new() { ["Name"] = "Operation Hazel", ["Objective"] = "Nothing pending here." });
        var there = await OpenAsync(i, new() { ["Name"] = "Operation Rowan", ["Objective"] = "Tactics and a test pending.", ["Subject"] = "TK0002" });
        var thereId = there[(there.LastIndexOf('/') + 1)..];
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(sm1, there, "RequestTactic", new() { ["version"] = Version(await sm1.Http.GetStringAsync(there, Ct)), ["option"] = "integrity_test", ["reason"] = "Graded intelligence." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(sm1, there, "PlanTest", new() { ["version"] = Version(await sm1.Http.GetStringAsync(there, Ct)), ["scenario"] = "A marked wallet.", ["plannedFor"] = app.Time.Today().ToString("yyyy-MM-dd") })).StatusCode);
        var tactic = (await app.SystemScopeTacticAsync(thereId)).ToString();
        var test = (await app.SystemScopeTestAsync(thereId)).ToString();

        var version = Version(await sm2.Http.GetStringAsync(here, Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(sm2, here, "AuthoriseTactic", new() { ["version"] = version, ["tactic"] = tactic })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(sm2, here, "AuthoriseTest", new() { ["version"] = version, ["test"] = test })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(i, here, "RecordTest", new()
        {
            ["version"] = version, ["test"] = test, ["conductedOn"] = app.Time.Today().ToString("yyyy-MM-dd"), ["result"] = "passed", ["followUp"] = "no_further_action",
        })).StatusCode);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Null((await db.Set<OperationTactic>().SingleAsync(t => t.OperationId == thereId, Ct)).AuthorisedBy);
        var stored = await db.Set<IntegrityTest>().SingleAsync(t => t.OperationId == thereId, Ct);
        Assert.Equal((null, null), (stored.AuthorisedBy, stored.Result));
        Assert.DoesNotContain(await app.TrailAsync(), e => e.Action is "tasking_tactic_authorise" or "integrity_test_authorise" or "integrity_test_result");
    }
}
