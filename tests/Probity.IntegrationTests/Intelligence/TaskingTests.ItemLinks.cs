using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Probity.Infrastructure.Time;

namespace Probity.IntegrationTests.Intelligence;

/// <summary>
/// An intelligence item's operations are the tasking register's, chosen by reference or name: an unknown name, a name two
/// operations share and an operation about the person recording are refused alike; the item links to the operation and the
/// operation lists the item; the officer the operation is about sees neither the link nor, in an export, its reference.
/// </summary>
public sealed partial class TaskingTests
{
    private static Dictionary<string, string> ItemNaming(string operations) => new()
    {
        ["on"] = "2024-03-01", ["SourceType"] = "covert_human_source", ["SourceGrade"] = "B", ["IntelligenceGrade"] = "2", ["HandlingCode"] = "P",
        ["HandlingConditions"] = "", ["Text"] = "The store's keys were signed out at night.", ["Staff"] = "", ["Priorities"] = "theft_from_police_premises",
        ["Readers"] = "", ["Operations"] = operations,
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task An_item_names_operations_from_the_register_and_the_officer_they_are_about_never_sees_the_link(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var i = await app.SignInAsync("i");
        var url = await OpenAsync(i, Opening("Operation Osprey", "TK-CASE-1"));
        var id = url[(url.LastIndexOf('/') + 1)..];
        await OpenAsync(i, new() { ["Name"] = "Operation Twin", ["Objective"] = "One of two." });
        await OpenAsync(i, new() { ["Name"] = "operation twin", ["Objective"] = "The other of two." });

        // Free text is no longer a link: an operation nobody opened, or a name two share, is refused naming the field.
        var refused = await i.PostFormAsync("/intelligence/items/new", ItemNaming("Operation Nowhere"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith("Operations: there is no operation 'Operation Nowhere' that you can see", SignedInClient.Alert(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        refused = await i.PostFormAsync("/intelligence/items/new", ItemNaming("OPERATION TWIN"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith("Operations: 2 operations are called 'OPERATION TWIN'; give the reference", SignedInClient.Alert(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        // By name, without regard to case, and by reference: one link, kept as the reference.
        var response = await i.PostFormAsync("/intelligence/items/new", ItemNaming($"operation osprey\n{id.ToLowerInvariant()}"));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct)));
        var item = response.Headers.Location!.OriginalString;
        var itemPage = await i.Http.GetStringAsync(item, Ct);
        Assert.Contains($"<a href=\"/intelligence/tasking/operations/{id}\">Operation Osprey</a> ({id})", itemPage, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(itemPage, "/intelligence/tasking/operations/"));
        Assert.Contains(item["/intelligence/items/".Length..], SignedInClient.TestId(await i.Http.GetStringAsync(url, Ct), "items"), StringComparison.Ordinal);

        // The officer the operation is about reads the log (an investigator) but not the operation: recording an item that
        // names it is refused as if it did not exist, the item shows no link, and their export carries no reference.
        var subject = await app.SignInAsync("subj");
        refused = await subject.PostFormAsync("/intelligence/items/new", ItemNaming(id));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith($"Operations: there is no operation '{id}' that you can see", SignedInClient.Alert(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var seen = await subject.Http.GetStringAsync(item, Ct);
        Assert.DoesNotContain(id, seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Osprey", seen, StringComparison.Ordinal);
        var file = Path.Combine(Directory.CreateDirectory(app.UploadFolder).FullName, "subject-items.csv");
        var (code, output) = await app.RunCliAsync("subj", "intelligence", "export", "--out", file);
        Assert.True(code == 0, output);
        var exported = await File.ReadAllTextAsync(file, Ct);
        Assert.Contains(item["/intelligence/items/".Length..], exported, StringComparison.Ordinal);
        Assert.DoesNotContain(id, exported, StringComparison.Ordinal);
        // The Bureau's export keeps it.
        await app.SignInAsync("b1");
        (code, output) = await app.RunCliAsync("b1", "intelligence", "export", "--out", file);
        Assert.True(code == 0, output);
        Assert.Contains(id, await File.ReadAllTextAsync(file, Ct), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Asking_for_an_operation_item_or_register_entry_one_may_not_see_is_on_the_trail(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var url = await OpenAsync(await app.SignInAsync("i"), Opening("Operation Osprey", "TK-CASE-1"));
        var id = url[(url.LastIndexOf('/') + 1)..];
        var subject = await app.SignInAsync("subj");
        foreach (var (path, target) in new[] { (url, $"operation:{id}"), ("/intelligence/items/IN-NOTTHERE1", "intelligence:IN-NOTTHERE1"), ("/risk/concerns/POC-NOTTHERE", "person_of_concern:POC-NOTTHERE") })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.GetAsync(path, Ct)).StatusCode);
            Assert.Contains(await app.TrailAsync(), e => e.Actor == "subj" && e.Action == "view_missing" && e.Target == target);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Free_text_quoting_a_case_the_reader_may_not_see_shows_it_withheld(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        await using (var scope = app.SystemScope())
        {
            // Case references are numbered (CaseReferences.MayBeCaseId): a restricted one like the force's own.
            var db = scope.ServiceProvider.GetRequiredService<Probity.Database.ProbityDb>();
            var today = app.Time.Today();
            db.Cases.Add(new Probity.Cases.Contracts.Case { Id = "TK-2026-0042", CaseType = "conduct_matter", ReceivedOn = today.AddDays(-3), RecordedOn = today.AddDays(-3), Restricted = true });
            scope.ServiceProvider.GetRequiredService<Probity.AuditTrail.Contracts.Audit>().Change("test_arrange", "case:TK-2026-0042", "a restricted case");
            await db.SaveChangesAsync(Ct);
        }
        var i = await app.SignInAsync("i");
        var url = await OpenAsync(i, new() { ["Name"] = "Operation Wagtail", ["Objective"] = "Find who leaked TK-2026-0042 and whether TK-CASE-1 is linked." });
        var page = await i.Http.GetStringAsync(url, Ct);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(i, url, "Progress", new() { ["version"] = Version(page), ["text"] = "Interviewed the witness in TK-2026-0042-A1.", ["nextAction"] = "Review TK-2026-0042.", ["nextActionDue"] = app.Time.Today().AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })).StatusCode);
        foreach (var shown in new[] { await i.Http.GetStringAsync(url, Ct), await i.Http.GetStringAsync(Meeting, Ct) })
        {
            Assert.DoesNotContain("TK-2026-0042", shown, StringComparison.Ordinal);
            Assert.Contains(Probity.Cases.Contracts.CaseReferences.Withheld, System.Net.WebUtility.HtmlDecode(shown), StringComparison.Ordinal);
        }
        Assert.Contains("TK-CASE-1 is linked", await i.Http.GetStringAsync(url, Ct), StringComparison.Ordinal);
    }
}
