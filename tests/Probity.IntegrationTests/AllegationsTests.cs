using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;

namespace Probity.IntegrationTests;

/// <summary>
/// Allegations as the investigation learns (issue 13 item 3): the unknown officer identified later, a further allegation
/// added, each on the timeline with its reason and on the trail; and what an insider would try: naming themselves, naming
/// the officer who works the case, moving a decided allegation, a stale form.
/// </summary>
public sealed class AllegationsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_unknown_officer_identified_later_is_named_on_the_allegation_and_loses_sight_of_the_case(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var (first, second) = await OfficersAsync(app);
        // The officer identified is also a Probity user (a DPS member under investigation, at the worst).
        await AddPersonAsync(app, "identified", Roles.Investigator, first.Id);
        var investigator = await app.SignInAsync("investigator");
        var identified = await app.SignInAsync("identified");
        var id = await RecordWithUnknownOfficerAsync(investigator, app.Time.Today());
        Assert.Equal(HttpStatusCode.OK, (await identified.Http.GetAsync($"/cases/{id}", Ct)).StatusCode);

        await DoAsync(app, investigator, id, "allegations?handler=Reattribute", new()
        {
            ["allegationId"] = id + "-A1", ["newSubject"] = first.Name, ["reason"] = "Identified from the custody CCTV by the duty inspector.",
        });
        await DoAsync(app, investigator, id, "allegations?handler=Add", new()
        {
            ["category"] = "oppressive_conduct_or_harassment", ["subject"] = second.Id, ["reason"] = "The complainant's second statement names a second officer.",
        });

        var page = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains($"Allegation {id}-A1 re-attributed: unknown officer → {first.Name} ({first.Id})", page, StringComparison.Ordinal);
        Assert.Contains("Identified from the custody CCTV by the duty inspector.", page, StringComparison.Ordinal);
        Assert.Contains($"Allegation {id}-A2 added: Oppressive conduct or harassment against {second.Name} ({second.Id})", page, StringComparison.Ordinal);
        await using (var scope = app.SystemScope())
        {
            var subjects = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Allegations.Where(a => a.CaseId == id).OrderBy(a => a.Id).Select(a => a.StaffId).ToListAsync(Ct);
            Assert.Equal([first.Id, second.Id], subjects);
        }
        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "investigator" && e.Target == "case:" + id && e.Detail?.StartsWith("allegation_reattributed:", StringComparison.Ordinal) == true);
        Assert.Contains(trail, e => e.Actor == "investigator" && e.Target == "case:" + id && e.Detail?.StartsWith("allegation_added:", StringComparison.Ordinal) == true);
        // Now a subject of the case, the identified officer no longer sees it, exactly as if it had never existed.
        Assert.Equal(HttpStatusCode.NotFound, (await identified.Http.GetAsync($"/cases/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await identified.Http.GetAsync($"/cases/{id}/allegations", Ct)).StatusCode);
    }

    [Fact]
    public async Task Nobody_names_themselves_or_the_officer_working_the_case_and_a_decided_allegation_keeps_its_officer()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        var (first, second) = await OfficersAsync(app);
        await AddPersonAsync(app, "editor", Roles.Investigator, first.Id);
        await AddPersonAsync(app, "io", Roles.CaseHandler, second.Id);
        var editor = await app.SignInAsync("editor");
        var id = await RecordWithUnknownOfficerAsync(editor, app.Time.Today());
        var allegation = id + "-A1";

        Assert.Contains("you cannot name yourself", await RefusedAsync(app, editor, id, "Reattribute", new() { ["allegationId"] = allegation, ["newSubject"] = first.Id, ["reason"] = "r" }), StringComparison.Ordinal);
        await DoAsync(app, editor, id, "assign", new() { ["investigator"] = "io", ["supervisor"] = "" });
        Assert.Contains("named on case", await RefusedAsync(app, editor, id, "Add", new() { ["category"] = "incivility", ["subject"] = second.Id, ["reason"] = "r" }), StringComparison.Ordinal);
        Assert.Contains("Reason: say why", await RefusedAsync(app, editor, id, "Add", new() { ["category"] = "incivility", ["subject"] = "" }), StringComparison.Ordinal);
        Assert.Contains("Category: choose", await RefusedAsync(app, editor, id, "Add", new() { ["category"] = "not_a_category", ["reason"] = "r" }), StringComparison.Ordinal);
        Assert.Contains("has no allegation", await RefusedAsync(app, editor, id, "Reattribute", new() { ["allegationId"] = "OTHER-CASE-A1", ["newSubject"] = "", ["reason"] = "r" }), StringComparison.Ordinal);

        // A stale form (opened before a colleague's change) is refused, not applied over it.
        var stale = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id);
        await DoAsync(app, editor, id, "route", new() { ["route"] = "local_resolution", ["date"] = Iso(app.Time.Today()) });
        var conflict = await editor.PostFormAsync($"/cases/{id}/allegations?handler=Add", new() { ["version"] = stale, ["category"] = "incivility", ["reason"] = "r" }, $"/cases/{id}");
        Assert.Contains("changed by someone else", SignedInClient.Alert(await conflict.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        await DoAsync(app, editor, id, "finding", new() { ["allegationId"] = allegation, ["finding"] = "locally_resolved", ["date"] = Iso(app.Time.Today()) });
        Assert.Contains("cannot be changed", await RefusedAsync(app, editor, id, "Reattribute", new() { ["allegationId"] = allegation, ["newSubject"] = "", ["reason"] = "r" }), StringComparison.Ordinal);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Equal(1, await db.Allegations.CountAsync(a => a.CaseId == id, Ct));
        Assert.Null(await db.Allegations.Where(a => a.Id == allegation).Select(a => a.StaffId).SingleAsync(Ct));
    }

    private static async Task<((string Id, string Name) First, (string Id, string Name) Second)> OfficersAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        // Names nobody else's name is or ends with, so choosing by name is not refused as ambiguous.
        var staff = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.LeftOn == null)
            .Select(s => new { s.Id, s.DisplayName, s.StaffType }).ToListAsync(Ct);
        var officers = staff.Where(s => s.StaffType == "officer").OrderBy(s => s.Id, StringComparer.Ordinal)
            .Where(s => staff.Count(o => string.Equals(o.DisplayName, s.DisplayName, StringComparison.OrdinalIgnoreCase)
                || o.DisplayName.EndsWith(" " + s.DisplayName, StringComparison.OrdinalIgnoreCase)) == 1)
            .Select(s => (s.Id, s.DisplayName)).Take(2).ToList();
        return (officers[0], officers[1]);
    }

    private static async Task<string> RecordWithUnknownOfficerAsync(SignedInClient client, DateOnly today)
    {
        var created = await client.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = Iso(today), ["Input.RecordedOn"] = Iso(today),
            ["Input.LocationUnitId"] = "bor-camden", ["Input.Summary"] = "Pushed over in the custody suite by an officer nobody named.",
            ["Input.Allegations[0].Category"] = "oppressive_conduct_or_harassment", ["Input.Allegations[0].StaffId"] = "",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"recording: {SignedInClient.Alert(await created.Content.ReadAsStringAsync(Ct))}");
        return created.Headers.Location!.ToString()["/cases/".Length..];
    }

    private static async Task DoAsync(ProbityApp app, SignedInClient client, string id, string operation, Dictionary<string, string> fields)
    {
        fields["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id);
        var response = await client.PostFormAsync($"/cases/{id}/{operation}", fields, $"/cases/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{operation} on {id}: {SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct))}");
    }

    private static async Task<string> RefusedAsync(ProbityApp app, SignedInClient client, string id, string handler, Dictionary<string, string> fields)
    {
        fields["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id);
        var response = await client.PostFormAsync($"/cases/{id}/allegations?handler={handler}", fields, $"/cases/{id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task AddPersonAsync(ProbityApp app, string userName, string role, string staffId)
    {
        await app.AddUserAsync(userName, role);
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        user.StaffId = staffId;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
