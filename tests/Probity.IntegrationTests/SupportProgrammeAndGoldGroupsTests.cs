using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Identity;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.IntegrationTests.NeedToKnow;
using Probity.Workforce.Contracts;

namespace Probity.IntegrationTests;

/// <summary>
/// The Professional Standards Support Programme (a borough's pack, its deliveries and the complaints either side of
/// them) and gold groups (members, decisions, actions, minutes, the FOI export) through real HTTP: who may read and
/// record, what a pack counts and names (never a restricted case; never the reader's own entry), what the FOI export
/// withholds, and what a stale form cannot do.
/// </summary>
public sealed partial class SupportProgrammeAndGoldGroupsTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Readers = ["investigator", "senior"];
    private static readonly string[] Refused = ["handler", "analyst", "oversight", "admin", "intelligence"];

    /// <summary>A borough made for one test, its officers and the day a delivery is recorded for.</summary>
    private sealed record Borough(string Id, string Name, string Often, string OftenName, string Self, string SelfName, string Hidden, string HiddenName, DateOnly Delivered);

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_investigators_and_senior_managers_read_the_programme_and_gold_groups_and_only_senior_managers_record(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var b = await ArrangeAsync(app);
        var senior = await app.SignInAsync("senior");
        var group = await OpenGroupAsync(app, senior, "Role check incident");
        string[] routes = ["/registers/support", $"/registers/support/{b.Id}", $"/registers/support/{b.Id}/pdf", "/registers/gold", $"/registers/gold/{group}",
            $"/registers/gold/{group}/foi", $"/registers/gold/{group}/foi/pdf"];
        foreach (var user in Readers)
        {
            var client = await app.SignInAsync(user);
            foreach (var route in routes)
                Assert.True((await client.Http.GetAsync(route, Ct)).StatusCode == HttpStatusCode.OK, $"{user} should read {route}");
        }
        foreach (var user in Refused)
        {
            var client = await app.SignInAsync(user);
            foreach (var route in routes)
            {
                var answer = await client.Http.GetAsync(route, Ct);
                Assert.True(answer.StatusCode == HttpStatusCode.Redirect && answer.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal),
                    $"{user} must not read {route}: {answer.StatusCode} {answer.Headers.Location}");
            }
        }

        // An investigator reads but records nothing: no forms, and every post refused.
        var investigator = await app.SignInAsync("investigator");
        Assert.DoesNotContain("data-testid=\"record-delivery\"", await investigator.Http.GetStringAsync("/registers/support", Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"gold-decide\"", await investigator.Http.GetStringAsync($"/registers/gold/{group}", Ct), StringComparison.Ordinal);
        var token = await investigator.GetFormTokenAsync("/registers/support");
        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
        {
            ("/registers/support?handler=Record", new() { ["borough"] = b.Name, ["deliveredOn"] = Iso(b.Delivered), ["audience"] = "x", ["topics"] = "y" }),
            ("/registers/gold?handler=Open", new() { ["incident"] = "x", ["description"] = "y", ["triggeredOn"] = Iso(app.Time.Today()), ["chair"] = b.Often }),
            ($"/registers/gold/{group}?handler=Minutes", new() { ["minutes"] = "Investigator's minutes" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var posted = await investigator.Http.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
            Assert.True(posted.StatusCode is HttpStatusCode.Forbidden || posted.Headers.Location?.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal) == true,
                $"investigator posting {url}: {posted.StatusCode} {posted.Headers.Location}");
        }
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.False(await db.SupportDeliveries.AnyAsync(d => d.UnitId == b.Id, Ct));
        Assert.False(await db.GoldGroupMeetings.AnyAsync(m => m.GroupId == group, Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "investigator" && e.Action == "view" && e.Target == "support_pack:" + b.Id, Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "investigator" && e.Action == "view" && e.Target == "gold_group:" + group, Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_borough_pack_counts_topics_officers_and_complainants_from_the_shared_view_and_compares_complaints_before_and_after_a_delivery(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var b = await ArrangeAsync(app);
        var senior = await app.SignInAsync("senior");
        var recorded = await senior.PostFormAsync("/registers/support?handler=Record", new()
        {
            ["borough"] = b.Name, ["deliveredOn"] = Iso(b.Delivered), ["audience"] = "Response team sergeants", ["topics"] = "Incivility on the phone; searches of vehicles",
        }, "/registers/support");
        Assert.Equal($"/registers/support/{b.Id}#deliveries", recorded.Headers.Location!.OriginalString);

        var page = await senior.Http.GetStringAsync($"/registers/support/{b.Id}", Ct);
        // Six complaints everyone may count; the three restricted ones are in no figure and name nobody.
        Assert.Equal("6 complaints, 6 allegations.", SignedInClient.TestId(page, "pack-totals"));
        var topics = Table(page, "pack-topics");
        Assert.Contains("Incivility", topics, StringComparison.Ordinal);
        Assert.DoesNotContain("Corrupt", topics, StringComparison.Ordinal);
        var officers = Table(page, "pack-officers");
        Assert.Contains(b.OftenName, officers, StringComparison.Ordinal);
        Assert.Contains(b.SelfName, officers, StringComparison.Ordinal);
        Assert.DoesNotContain(b.HiddenName, page, StringComparison.Ordinal);
        Assert.Contains("6 complainants against 50,000 residents: 0.12 per 1,000 residents", WebUtility.HtmlDecode(SignedInClient.TestId(page, "pack-rate")!), StringComparison.Ordinal);

        // Four complaints in the six months before the delivery, two in the months after it that are over (the restricted three in them do not count).
        var trend = Regex.Match(page, "data-testid=\"delivery-trend\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal("0.7", SignedInClient.TestId(trend, "before-per-month"));
        var afterRow = Regex.Match(trend, "<th scope=\"row\">After</th>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(2, Regex.Matches(afterRow, "<td class=\"num\">([0-9]+)</td>").Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.Matches("[0-9] of 6 months over", SignedInClient.TestId(trend, "after-per-month")!);
        Assert.Contains("<svg class=\"spark\"", trend, StringComparison.Ordinal);

        // The PDF says the same, and its download is on the trail as an export.
        var pdf = await senior.Http.GetAsync($"/registers/support/{b.Id}/pdf", Ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = PdfText.Extract(await pdf.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(b.OftenName, text, StringComparison.Ordinal);
        Assert.Contains("0.12", text, StringComparison.Ordinal);
        Assert.DoesNotContain(b.HiddenName, text, StringComparison.Ordinal);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "senior" && e.Action == "export" && e.Target == "support_pack:" + b.Id, Ct));
        var delivery = await db.SupportDeliveries.Where(d => d.UnitId == b.Id).SingleAsync(Ct);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "senior" && e.Action == "create" && e.Target == "support_delivery:" + delivery.Id, Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_officer_named_in_a_pack_as_attracting_complaints_never_reads_the_entry_about_themself(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var b = await ArrangeAsync(app);
        var userName = $"pack-self-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.SystemScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(userName, "Pack self-subject", Roles.SeniorManager, null, ProbityApp.Password);
            user.StaffId = b.Self;
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
        }
        var self = await app.SignInAsync(userName);
        var page = await self.Http.GetStringAsync($"/registers/support/{b.Id}", Ct);
        Assert.Contains(b.OftenName, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain(b.SelfName, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain(b.Self, page, StringComparison.Ordinal);
        var text = PdfText.Extract(await self.Http.GetByteArrayAsync($"/registers/support/{b.Id}/pdf", Ct));
        Assert.Contains(b.OftenName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(b.SelfName, text, StringComparison.Ordinal);
        // Their colleague sees the entry.
        var senior = await app.SignInAsync("senior");
        Assert.Contains(b.SelfName, WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/registers/support/{b.Id}", Ct)), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_gold_group_keeps_members_decisions_actions_and_minutes_and_its_FOI_export_withholds_outside_members_names(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var b = await ArrangeAsync(app);
        var senior = await app.SignInAsync("senior");
        var group = await OpenGroupAsync(app, senior, "Death following police contact");
        var url = $"/registers/gold/{group}";
        var outsider = "Grace Okonkwo" + b.Id[^4..];
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Member", new() { ["staff"] = b.OftenName, ["role"] = "Directorate of Professional Standards" }),
            ("Member", new() { ["name"] = outsider, ["organisation"] = "Borough Independent Advisory Group", ["role"] = "Community representative" }),
            ("Decision", new() { ["decidedBy"] = b.Often, ["decision"] = "Refer the incident to the IOPC today", ["rationale"] = $"Mandatory referral; {outsider} asked for it in public" }),
            ("Action", new() { ["action"] = "Brief the family liaison officer", ["owner"] = b.Often, ["dueOn"] = Iso(app.Time.Today().AddDays(-1)) }),
            ("Minutes", new() { ["minutes"] = $"Mrs {outsider.Split(' ')[1]} reported tension at the estate.\nThe chair agreed a community meeting." }),
        })
        {
            var posted = await senior.PostFormAsync($"{url}?handler={handler}", fields, url);
            Assert.Equal(url, posted.Headers.Location!.OriginalString);
            Assert.DoesNotContain("role=\"alert\"", await senior.Http.GetStringAsync(url, Ct), StringComparison.Ordinal);
        }
        var page = WebUtility.HtmlDecode(await senior.Http.GetStringAsync(url, Ct));
        Assert.Contains(outsider, page, StringComparison.Ordinal);
        Assert.Contains("Overdue since", page, StringComparison.Ordinal);
        Assert.Contains("Refer the incident to the IOPC today", page, StringComparison.Ordinal);

        // The FOI export: the outside member is "Outside member A" everywhere, their organisation kept; staff named.
        var foi = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"{url}/foi", Ct));
        Assert.DoesNotContain(outsider, foi, StringComparison.Ordinal);
        Assert.DoesNotContain(outsider.Split(' ')[1], foi, StringComparison.Ordinal);
        Assert.Contains("Outside member A", foi, StringComparison.Ordinal);
        Assert.Contains("Borough Independent Advisory Group", foi, StringComparison.Ordinal);
        Assert.Contains("Mandatory referral; Outside member A asked for it in public", foi, StringComparison.Ordinal);
        Assert.Contains(b.OftenName, foi, StringComparison.Ordinal);
        var pdf = await senior.Http.GetAsync($"{url}/foi/pdf", Ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = PdfText.Extract(await pdf.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("Outside member A", text, StringComparison.Ordinal);
        Assert.DoesNotContain(outsider.Split(' ')[1], text, StringComparison.Ordinal);

        // Both staff and outside chosen at once, or neither, is refused naming the field; nothing is added.
        var both = await senior.PostFormAsync($"{url}?handler=Member", new() { ["staff"] = b.Often, ["name"] = "Someone", ["organisation"] = "Somewhere", ["role"] = "x" }, url);
        Assert.Contains("Member: type either", SignedInClient.Alert(await senior.Http.GetStringAsync(both.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        var future = await senior.PostFormAsync($"{url}?handler=Minutes", new() { ["heldOn"] = Iso(app.Time.Today().AddDays(3)), ["minutes"] = "Tomorrow's" }, url);
        Assert.Contains("Held on: cannot be after today.", SignedInClient.Alert(await senior.Http.GetStringAsync(future.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Equal(2, await db.GoldGroupMembers.CountAsync(m => m.GroupId == group, Ct));
        var trail = await db.AuditEntries.Where(e => e.Target == "gold_group:" + group && e.Action != "view").OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Detail }).ToListAsync(Ct);
        Assert.Equal(["open", "member", "member", "decision", "action", "minutes", "export", "export"], trail.Select(t => t.Action));
        Assert.DoesNotContain(trail, t => t.Detail?.Contains(outsider, StringComparison.Ordinal) == true); // the trail names the organisation, not the person
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_stale_edit_of_a_delivery_an_action_or_a_gold_group_is_refused_and_nothing_recorded_is_lost(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var b = await ArrangeAsync(app);
        var senior = await app.SignInAsync("senior");
        await senior.PostFormAsync("/registers/support?handler=Record", new()
        {
            ["borough"] = b.Id, ["deliveredOn"] = Iso(b.Delivered), ["audience"] = "Custody staff", ["topics"] = "Property handling",
        }, "/registers/support");
        var packUrl = $"/registers/support/{b.Id}";
        var opened = await senior.Http.GetStringAsync(packUrl, Ct);
        var (delivery, version) = (Regex.Match(opened, "name=\"delivery\" value=\"([^\"]+)\"").Groups[1].Value, Version(opened));
        var first = Correction(b, delivery, version, "Custody sergeants", "Property handling and receipts");
        Assert.Equal(HttpStatusCode.Redirect, (await senior.PostFormAsync($"{packUrl}?handler=Correct", first, packUrl)).StatusCode);
        var stale = Correction(b, delivery, version, "Everyone", "Nothing"); // the form opened before the first correction
        var refused = await senior.PostFormAsync($"{packUrl}?handler=Correct", stale, packUrl);
        var after = await senior.Http.GetStringAsync(refused.Headers.Location!.OriginalString, Ct);
        Assert.Contains("changed by someone else", SignedInClient.Alert(after), StringComparison.Ordinal);
        Assert.Contains("Property handling and receipts", after, StringComparison.Ordinal);

        var group = await OpenGroupAsync(app, senior, "Stale form incident");
        var url = $"/registers/gold/{group}";
        await senior.PostFormAsync($"{url}?handler=Action", new() { ["action"] = "Open a community hotline", ["owner"] = b.Often, ["dueOn"] = Iso(app.Time.Today().AddDays(7)) }, url);
        var page = await senior.Http.GetStringAsync(url, Ct);
        var actionId = Regex.Match(page, "name=\"actionId\" value=\"([^\"]+)\"").Groups[1].Value;
        var actionVersion = Regex.Match(page, "name=\"actionId\" value=\"[^\"]+\">\\s*<input type=\"hidden\" name=\"version\" value=\"([^\"]+)\"").Groups[1].Value;
        await senior.PostFormAsync($"{url}?handler=Move", new() { ["actionId"] = actionId, ["version"] = actionVersion, ["state"] = "done", ["note"] = "Hotline live" }, url);
        var staleMove = await senior.PostFormAsync($"{url}?handler=Move", new() { ["actionId"] = actionId, ["version"] = actionVersion, ["state"] = "dropped", ["note"] = "Not needed" }, url);
        page = await senior.Http.GetStringAsync(staleMove.Headers.Location!.OriginalString, Ct);
        Assert.Contains("changed by someone else", SignedInClient.Alert(page), StringComparison.Ordinal);
        Assert.StartsWith("Done", SignedInClient.TestId(page, "action-state"), StringComparison.Ordinal);

        var groupVersion = Regex.Match(page, "data-testid=\"gold-close\"[^>]*>\\s*<input type=\"hidden\" name=\"version\" value=\"([^\"]+)\"").Groups[1].Value;
        await senior.PostFormAsync($"{url}?handler=Close", new() { ["version"] = groupVersion, ["note"] = "Tension subsided" }, url);
        var staleClose = await senior.PostFormAsync($"{url}?handler=Close", new() { ["version"] = groupVersion, ["note"] = "Again" }, url);
        page = await senior.Http.GetStringAsync(staleClose.Headers.Location!.OriginalString, Ct);
        Assert.Contains("changed by someone else", SignedInClient.Alert(page), StringComparison.Ordinal);
        Assert.StartsWith("Stood down", SignedInClient.TestId(page, "gold-state"), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"gold-minutes-form\"", page, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Correction(Borough b, string delivery, string version, string audience, string topics) =>
        new() { ["delivery"] = delivery, ["version"] = version, ["deliveredOn"] = Iso(b.Delivered), ["audience"] = audience, ["topics"] = topics };

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Deliveries_and_gold_groups_go_out_and_back_in_the_interchange_format_and_a_bad_row_writes_nothing(Provider provider)
    {
        // An app of its own: the export and import read and write every delivery and group in the store, so other tests'
        // work on the shared app (running beside this one) must not come and go under it; and every account it runs
        // the command line as has signed in here first (the command asks for their authenticator's code).
        await using var app = await Apps.CreateAsync(provider);
        var b = await ArrangeAsync(app);
        var senior = await app.SignInAsync("senior");
        await app.SignInAsync("investigator");
        await senior.PostFormAsync("/registers/support?handler=Record", new() { ["borough"] = b.Id, ["deliveredOn"] = Iso(b.Delivered), ["audience"] = "Front counter staff", ["topics"] = "Courtesy" }, "/registers/support");
        var group = await OpenGroupAsync(app, senior, "Interchange incident");
        await senior.PostFormAsync($"/registers/gold/{group}?handler=Member", new() { ["name"] = "Ruth Ansah", ["organisation"] = "Faith leaders' forum", ["role"] = "Community representative" }, $"/registers/gold/{group}");
        var work = Directory.CreateTempSubdirectory("probity-gold-").FullName;
        try
        {
            var (exit, output) = await app.RunCliAsync("senior", "registers", "export", "support", "--out", Path.Combine(work, "support"));
            Assert.True(exit == 0, output);
            (exit, output) = await app.RunCliAsync("senior", "registers", "export", "gold", "--out", Path.Combine(work, "gold"));
            Assert.True(exit == 0, output);
            var deliveries = await File.ReadAllTextAsync(Path.Combine(work, "support", "register_support_deliveries.csv"), Ct);
            Assert.StartsWith("delivery_id,unit_id,delivered_on,audience,topics,", deliveries, StringComparison.Ordinal);
            Assert.Contains($",{b.Id},{Iso(b.Delivered)},Front counter staff,Courtesy,", deliveries, StringComparison.Ordinal);
            Assert.Contains($",{group},,Ruth Ansah,Faith leaders' forum,Community representative,", await File.ReadAllTextAsync(Path.Combine(work, "gold", "register_gold_group_members.csv"), Ct), StringComparison.Ordinal);

            // The same files back in change nothing.
            async Task<int> Count()
            {
                await using var scope = app.SystemScope();
                var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
                return await db.SupportDeliveries.CountAsync(Ct) + await db.GoldGroups.CountAsync(Ct) + await db.GoldGroupMembers.CountAsync(Ct);
            }
            var before = await Count();
            (exit, output) = await app.RunCliAsync("senior", "registers", "import", "support", Path.Combine(work, "support"));
            Assert.True(exit == 0, output);
            (exit, output) = await app.RunCliAsync("senior", "registers", "import", "gold", Path.Combine(work, "gold"));
            Assert.True(exit == 0, output);
            Assert.Equal(before, await Count());

            // A delivery to a unit that is not a borough and a member who is both staff and outsider: each named, nothing written.
            var bad = Directory.CreateDirectory(Path.Combine(work, "bad")).FullName;
            await File.WriteAllTextAsync(Path.Combine(bad, "register_support_deliveries.csv"),
                "delivery_id,unit_id,delivered_on,audience,topics,notes,recorded_by,recorded_at\r\nSD-IMPORT-1,tp,2010-05-01,Everyone,Courtesy,,senior,\r\n", Ct);
            (exit, output) = await app.RunCliAsync("senior", "registers", "import", "support", bad);
            Assert.Equal(2, exit);
            Assert.Contains("register_support_deliveries.csv:2 (unit_id): no borough has the id 'tp'", output, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(bad, "register_gold_group_members.csv"),
                $"member_id,group_id,staff_id,name,organisation,role,joined_on,recorded_by\r\nGM-IMPORT-1,{group},{b.Often},Someone,Somewhere,Member,2010-05-01,senior\r\n", Ct);
            (exit, output) = await app.RunCliAsync("senior", "registers", "import", "gold", bad);
            Assert.Equal(2, exit);
            Assert.Contains("register_gold_group_members.csv:2 (staff_id): give either", output, StringComparison.Ordinal);
            Assert.Equal(before, await Count());

            // Importing is the senior managers'.
            (exit, _) = await app.RunCliAsync("investigator", "registers", "import", "gold", Path.Combine(work, "gold"));
            Assert.NotEqual(0, exit);
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    private static string Iso(DateOnly d) => CanaryForce.Iso(d);

    /// <summary>A table's text, tags stripped.</summary>
    private static string Table(string html, string testId) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>(.*?)</table>", RegexOptions.Singleline).Groups[1].Value, "<[^>]+>", " "));

    private static string Version(string html) => Regex.Match(html, "name=\"version\" value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<string> OpenGroupAsync(ProbityApp app, SignedInClient senior, string incident)
    {
        string chair;
        await using (var scope = app.SystemScope())
            chair = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer").OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct);
        var opened = await senior.PostFormAsync("/registers/gold?handler=Open", new()
        {
            ["incident"] = $"{incident} {Guid.NewGuid().ToString("n")[..6]}", ["description"] = "Declared critical by the duty officer", ["triggeredOn"] = Iso(app.Time.Today().AddDays(-3)), ["chair"] = chair,
        }, "/registers/gold");
        var location = opened.Headers.Location?.OriginalString ?? "";
        Assert.True(location.StartsWith("/registers/gold/GG-", StringComparison.Ordinal), $"opening a gold group answered {opened.StatusCode} {location}");
        return location["/registers/gold/".Length..];
    }

    /// <summary>
    /// A new borough of 50,000 residents: three unrestricted complaints against one officer before the delivery day,
    /// one against a second officer before it and two after; and three restricted complaints (corrupt practice) against a
    /// third officer after it, which no figure may count.
    /// </summary>
    private static async Task<Borough> ArrangeAsync(ProbityApp app)
    {
        var m = Guid.NewGuid().ToString("n")[..8];
        var today = app.Time.Today();
        var d = today.AddDays(-120);
        var b = new Borough($"bor-pack-{m}", $"Packham {m}", $"s-pack-often-{m}", $"PC Olive Often{m}", $"s-pack-self-{m}", $"PS Sam Selfe{m}", $"s-pack-hidden-{m}", $"PC Hal Hidden{m}", d);
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        db.Units.Add(new Unit { Id = b.Id, Name = b.Name, Kind = "borough", ResidentPopulation = 50_000 });
        foreach (var (id, name) in new[] { (b.Often, b.OftenName), (b.Self, b.SelfName), (b.Hidden, b.HiddenName) })
            db.Staff.Add(new StaffMember { Id = id, DisplayName = name, StaffType = "officer", Rank = "constable", UnitId = b.Id });
        var n = 0;
        void Complaint(DateOnly received, string staff, string category, bool restricted)
        {
            var id = $"PK{m}-{++n}";
            db.Cases.Add(new Case
            {
                Id = id, CaseType = "public_complaint", ReceivedOn = received, RecordedOn = received, LocationUnitId = b.Id, HandlingUnitId = b.Id, Restricted = restricted,
                Allegations = [new Allegation { Id = id + "-A1", CaseId = id, Category = category, StaffId = staff }],
                Complainants = [new Complainant { Id = id + "-C1", CaseId = id }],
            });
        }
        foreach (var days in new[] { 10, 40, 70 }) Complaint(d.AddDays(-days), b.Often, "incivility", false);
        Complaint(d.AddDays(-100), b.Self, "other_neglect_or_failure_in_duty", false);
        foreach (var days in new[] { 5, 35 }) Complaint(d.AddDays(days), b.Self, "other_neglect_or_failure_in_duty", false);
        foreach (var days in new[] { 10, 20, 30 }) Complaint(d.AddDays(days), b.Hidden, "corrupt_practice", true);
        scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "unit:" + b.Id, "a borough with complaints for the support pack");
        await db.SaveChangesAsync(Ct);
        return b;
    }
}
