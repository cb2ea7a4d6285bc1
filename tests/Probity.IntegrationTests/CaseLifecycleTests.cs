using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>A complaint from intake to finalisation through the real pages, on each provider.</summary>
public sealed class CaseLifecycleTests(Apps apps)
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Handler_records_a_complaint_resolves_it_locally_and_it_appears_on_the_officers_profile(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        string officer;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            officer = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(TestContext.Current.CancellationToken);
        }
        var handler = await app.SignInAsync("handler");

        var created = await handler.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = "2026-11-02", ["Input.RecordedOn"] = "2026-11-02",
            ["Input.LocationUnitId"] = "bor-croydon", ["Input.HandlingUnitId"] = "cst", ["Input.Summary"] = "Officer was rude <b>and</b> searched without grounds",
            ["Input.ComplainantName"] = "A. Member", ["Input.Allegations[0].Category"] = "incivility", ["Input.Allegations[0].StaffId"] = officer,
            ["Input.Allegations[1].Category"] = "breach_pace_a", ["Input.Allegations[1].StaffId"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var caseUrl = created.Headers.Location!.ToString();
        Assert.StartsWith("/cases/PRB-2026-", caseUrl, StringComparison.Ordinal);

        var page = await handler.Http.GetStringAsync(caseUrl);
        Assert.Contains("Officer was rude &lt;b&gt;and&lt;/b&gt;", page, StringComparison.Ordinal); // encoded, not rendered
        Assert.Contains("Unknown officer", page, StringComparison.Ordinal);

        var version = await VersionAsync(app, caseUrl);
        var decided = await handler.PostFormAsync(caseUrl + "/route", new() { ["version"] = version, ["route"] = "local_resolution", ["date"] = "2026-11-03" }, caseUrl);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        foreach (var suffix in new[] { "-A1", "-A2" })
        {
            version = await VersionAsync(app, caseUrl);
            var id = caseUrl["/cases/".Length..] + suffix;
            await handler.PostFormAsync(caseUrl + "/finding", new() { ["version"] = version, ["allegationId"] = id, ["finding"] = "locally_resolved", ["date"] = "2026-11-10" }, caseUrl);
        }
        version = await VersionAsync(app, caseUrl);
        await handler.PostFormAsync(caseUrl + "/finalise", new() { ["version"] = version, ["date"] = "2026-11-12" }, caseUrl);

        page = await handler.Http.GetStringAsync(caseUrl);
        Assert.Contains("data-testid=\"status\">Finalised", page, StringComparison.Ordinal);
        Assert.Contains(">8</div>", page, StringComparison.Ordinal); // 2 Nov to 12 Nov 2026 = 8 working days

        var profile = await handler.Http.GetStringAsync($"/officers/{officer}");
        Assert.Contains(caseUrl["/cases/".Length..], profile, StringComparison.Ordinal);
        Assert.Contains("Incivility: Locally resolved", profile, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_illegal_route_change_is_refused_with_the_allowed_routes_named(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var created = await handler.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = "2026-10-01", ["Input.RecordedOn"] = "2026-10-01",
            ["Input.LocationUnitId"] = "bor-camden", ["Input.Summary"] = "Property not returned", ["Input.Allegations[0].Category"] = "mishandling_of_property",
        });
        var caseUrl = created.Headers.Location!.ToString();
        await handler.PostFormAsync(caseUrl + "/route", new() { ["version"] = await VersionAsync(app, caseUrl), ["route"] = "local_investigation", ["date"] = "2026-10-02" }, caseUrl);

        var refused = await handler.PostFormAsync(caseUrl + "/route", new() { ["version"] = await VersionAsync(app, caseUrl), ["route"] = "dispensation", ["date"] = "2026-10-05", ["reason"] = "try" }, caseUrl);
        // The route's own page again, with the reason and what was chosen.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var form = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("cannot move to dispensation", form, StringComparison.Ordinal);
        Assert.Contains("Allowed changes:", form, StringComparison.Ordinal);
        Assert.Matches("<option value=\"dispensation\" selected", form);
        Assert.Contains("value=\"try\"", form, StringComparison.Ordinal);
        var page = await handler.Http.GetStringAsync(caseUrl);
        Assert.Contains("Local investigation", page, StringComparison.Ordinal); // unchanged
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_stale_edit_is_refused_and_loses_nothing(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var created = await handler.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "conduct_matter", ["Input.Source"] = "internal", ["Input.ReceivedOn"] = "2026-09-01",
            ["Input.LocationUnitId"] = "bor-hackney", ["Input.Summary"] = "Late for duty", ["Input.Allegations[0].Category"] = "other_neglect_or_failure_in_duty",
        });
        var caseUrl = created.Headers.Location!.ToString();
        var stale = await VersionAsync(app, caseUrl);
        await handler.PostFormAsync(caseUrl + "/allocate", new() { ["version"] = stale, ["unitId"] = "bsu-1" }, caseUrl);
        var second = await handler.PostFormAsync(caseUrl + "/allocate", new() { ["version"] = stale, ["unitId"] = "cst" }, caseUrl);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("changed by someone else", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{stale}\"", page, StringComparison.Ordinal); // still the stale version: a resubmit cannot overwrite
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var id = caseUrl["/cases/".Length..];
        Assert.Equal("bsu-1", await db.Cases.Where(c => c.Id == id).Select(c => c.HandlingUnitId).SingleAsync(TestContext.Current.CancellationToken));
    }

    internal static async Task<string> VersionAsync(ProbityApp app, string caseUrl)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var id = caseUrl["/cases/".Length..];
        return (await db.Cases.Where(c => c.Id == id).Select(c => c.Version).SingleAsync()).ToString();
    }
}
