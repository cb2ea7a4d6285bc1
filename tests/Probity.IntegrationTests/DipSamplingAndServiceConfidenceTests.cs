using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// Oversight dip sampling and the Service Confidence register through real HTTP: who may read, draw, find and respond;
/// a sample drawn again from its recorded seed; a restricted case never reached through a sample; the member of staff a
/// record is about never reading it; a stale form refused.
/// </summary>
public sealed partial class DipSamplingAndServiceConfidenceTests(Apps apps, CanaryForces forces)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_oversight_and_senior_managers_read_dip_samples_and_only_investigators_and_senior_managers_read_service_confidence(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var oversight = await app.SignInAsync("oversight");
        var sample = await DrawAsync(oversight, ProbityApp.DemoUntil.AddDays(-365), ProbityApp.DemoUntil, 5, seed: null);
        var senior = await app.SignInAsync("senior");
        var record = await RecordConfidenceAsync(senior, await AStaffMemberAsync(app), "Role check " + Guid.NewGuid().ToString("n")[..6], app.Time.Today().AddDays(60));
        var readers = new Dictionary<string, string[]>
        {
            ["/registers/dip-samples"] = ["oversight", "senior"], [$"/registers/dip-samples/{sample}"] = ["oversight", "senior"],
            ["/registers/service-confidence"] = ["investigator", "senior"], [$"/registers/service-confidence/{record}"] = ["investigator", "senior"],
        };
        foreach (var user in new[] { "handler", "investigator", "analyst", "senior", "oversight", "admin", "intelligence" })
        {
            var client = await app.SignInAsync(user);
            foreach (var (route, allowed) in readers)
            {
                var answer = await client.Http.GetAsync(route, Ct);
                if (allowed.Contains(user)) Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{user} should read {route}: {answer.StatusCode}");
                else Assert.True(answer.StatusCode == HttpStatusCode.Redirect && answer.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal),
                    $"{user} must not read {route}: {answer.StatusCode} {answer.Headers.Location}");
            }
        }

        // Drawing is the police authority's, not the Directorate's; changing a service confidence record is a senior manager's.
        var token = await senior.GetFormTokenAsync("/registers/dip-samples");
        Assert.True(Refused(await senior.Http.PostAsync("/registers/dip-samples?handler=Draw", Form(token, ("from", "2026-01-01"), ("to", "2026-02-01"), ("size", "3")), Ct)));
        var investigator = await app.SignInAsync("investigator");
        var page = await investigator.Http.GetStringAsync($"/registers/service-confidence/{record}", Ct);
        Assert.DoesNotContain("data-testid=\"confidence-review\"", page, StringComparison.Ordinal);
        token = await investigator.GetFormTokenAsync("/registers/service-confidence");
        Assert.True(Refused(await investigator.Http.PostAsync($"/registers/service-confidence/{record}?handler=Review",
            Form(token, ("version", Version(page)), ("outcome", "confidence_restored"), ("note", "Fine")), Ct)));

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Null(await db.ServiceConfidence.Where(r => r.Id == record).Select(r => r.ClosedOn).SingleAsync(Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "investigator" && e.Action == "view" && e.Target == "service_confidence:" + record, Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "senior" && e.Action == "view" && e.Target == "dip_sample:" + sample, Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_sample_is_reviewed_by_oversight_answered_by_the_directorate_counted_by_quarter_and_the_same_seed_draws_the_same_cases(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var oversight = await app.SignInAsync("oversight");
        var senior = await app.SignInAsync("senior");
        var today = app.Time.Today();
        var seed = Random.Shared.Next(1, int.MaxValue);
        var first = await DrawAsync(oversight, ProbityApp.DemoUntil.AddYears(-2), ProbityApp.DemoUntil, 6, seed);
        var second = await DrawAsync(oversight, ProbityApp.DemoUntil.AddYears(-2), ProbityApp.DemoUntil, 6, seed);
        var page = await oversight.Http.GetStringAsync($"/registers/dip-samples/{first}", Ct);
        var cases = CaseLinks(page);
        Assert.Equal(6, cases.Count);
        Assert.Equal(cases, CaseLinks(await oversight.Http.GetStringAsync($"/registers/dip-samples/{second}", Ct)));
        Assert.NotEqual(cases, CaseLinks(await oversight.Http.GetStringAsync($"/registers/dip-samples/{await DrawAsync(oversight, ProbityApp.DemoUntil.AddYears(-2), ProbityApp.DemoUntil, 6, seed + 1)}", Ct)));
        Assert.Equal(seed.ToString(System.Globalization.CultureInfo.InvariantCulture), SignedInClient.TestId(page, "dip-seed"));

        // Concerns need words; then the finding stands and the Directorate answers it.
        var bare = await oversight.PostFormAsync($"/registers/dip-samples/{first}?handler=Finding", Finding(page, 1, "concerns", " "), $"/registers/dip-samples/{first}");
        Assert.Contains("What the concerns are: required.", SignedInClient.Alert(await oversight.Http.GetStringAsync(bare.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        await oversight.PostFormAsync($"/registers/dip-samples/{first}?handler=Finding", Finding(page, 1, "concerns", "Complainant not told of the outcome within 10 days"), $"/registers/dip-samples/{first}");
        await oversight.PostFormAsync($"/registers/dip-samples/{first}?handler=Finding", Finding(page, 2, "handled_well", ""), $"/registers/dip-samples/{first}");
        page = await senior.Http.GetStringAsync($"/registers/dip-samples/{first}", Ct);
        Assert.Contains("Concerns", SignedInClient.TestId(page, "dip-finding"), StringComparison.Ordinal);
        Assert.DoesNotContain("dip-finding-form-1", page, StringComparison.Ordinal); // senior managers do not record findings
        var responded = await senior.PostFormAsync($"/registers/dip-samples/{first}?handler=Respond", Respond(page, 1, "Letters now go out from the case system on finalisation"), $"/registers/dip-samples/{first}");
        Assert.Equal(HttpStatusCode.Redirect, responded.StatusCode);

        // The oversight member cannot rewrite the Directorate's response, nor their own finding once it is answered.
        // (The item's id and version as a friend in the Directorate would pass them on: from the senior manager's page.)
        Assert.DoesNotContain("dip-respond-form-1", await oversight.Http.GetStringAsync($"/registers/dip-samples/{first}", Ct), StringComparison.Ordinal);
        var directorate = await senior.Http.GetStringAsync($"/registers/dip-samples/{first}", Ct);
        Assert.True(Refused(await oversight.PostFormAsync($"/registers/dip-samples/{first}?handler=Respond", Respond(directorate, 1, "Nothing to see"), $"/registers/dip-samples/{first}")));
        var late = await oversight.PostFormAsync($"/registers/dip-samples/{first}?handler=Finding", Finding(directorate, 1, "handled_well", ""), $"/registers/dip-samples/{first}");
        Assert.Contains("no longer changed", SignedInClient.Alert(await oversight.Http.GetStringAsync(late.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        page = await oversight.Http.GetStringAsync($"/registers/dip-samples/{first}", Ct);
        Assert.Matches("data-testid=\"dip-response\"><strong>The Directorate's response</strong> \\(senior, [^)]+\\): Letters now go out from the case system on finalisation</p>", Section(page, 1));
        Assert.Contains("Concerns", SignedInClient.TestId(page, "dip-finding"), StringComparison.Ordinal);

        // The quarter this was drawn in counts it (with whatever else other tests drew this quarter).
        var (year, quarter) = (today.Month >= 4 ? today.Year : today.Year - 1, ((today.Month + 8) % 12 / 3) + 1);
        var row = Regex.Match(await senior.Http.GetStringAsync("/registers/dip-samples", Ct), $"data-testid=\"dip-quarter-{year}-{quarter}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var cells = Regex.Matches(row, "<td>(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, cells.Count);
        Assert.True(cells[1] >= 18 && cells[2] >= 2 && cells[3] >= 1 && cells[4] >= 1, row);

        // Redrawing from the recorded seed gives the same cases; a seed sent with the request is not the one used.
        var check = await senior.Http.GetStringAsync($"/registers/dip-samples/{first}?check=true&seed={seed + 1}&Seed={seed + 1}", Ct);
        Assert.StartsWith($"Redrawn from seed {seed}: the same 6 cases", SignedInClient.TestId(check, "dip-check"), StringComparison.Ordinal);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var trail = await db.AuditEntries.Where(e => e.Target.StartsWith("dip_sample") && e.Detail!.Contains(first) || e.Target == "dip_sample:" + first)
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(["draw", "finding", "finding", "respond"], trail.Where(a => a is not ("view" or "check")));
        Assert.Contains("check", trail);
        // A database administrator who edits the stored seed is caught by the check.
        db.DipSamples.Single(s => s.Id == first).Seed = seed + 1;
        scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "dip_sample:" + first, "seed tampered with");
        await db.SaveChangesAsync(Ct);
        check = await senior.Http.GetStringAsync($"/registers/dip-samples/{first}?check=true", Ct);
        Assert.Contains("the sample differs", SignedInClient.TestId(check, "dip-check"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_restricted_case_is_never_drawn_and_a_sampled_case_restricted_later_leaves_the_sample_for_readers_outside_it(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var oversight = await app.SignInAsync("oversight");
        // Its own cases, finalised on a day no other case was, so restricting one changes no other test's figures.
        var (day, cases) = await FinalisedOnAFreeDayAsync(app, 2);
        var caseId = cases[0];
        var before = await DrawAsync(oversight, day, day, 200, seed: 7);
        Assert.Contains(caseId, CaseLinks(await oversight.Http.GetStringAsync($"/registers/dip-samples/{before}", Ct)));
        await SetRestrictedAsync(app, caseId, true);
        var after = await DrawAsync(oversight, day, day, 200, seed: 7);
        foreach (var reader in new[] { oversight, await app.SignInAsync("senior") })
        {
            Assert.DoesNotContain(caseId, await reader.Http.GetStringAsync($"/registers/dip-samples/{after}", Ct), StringComparison.Ordinal);
            Assert.DoesNotContain(caseId, await reader.Http.GetStringAsync($"/registers/dip-samples/{before}", Ct), StringComparison.Ordinal);
            Assert.DoesNotContain(caseId, await reader.Http.GetStringAsync($"/registers/dip-samples/{before}?check=true", Ct), StringComparison.Ordinal);
        }
        // Nor can a finding be written on it by its id: it answers as a missing record.
        await using var scope = app.SystemScope();
        var item = await scope.ServiceProvider.GetRequiredService<ProbityDb>().DipSampleCases.Where(d => d.SampleId == before && d.CaseId == caseId).SingleAsync(Ct);
        var posted = await oversight.PostFormAsync($"/registers/dip-samples/{before}?handler=Finding", new()
        {
            ["item"] = item.Id, ["version"] = item.Version.ToString(), ["finding"] = "concerns", ["text"] = "Probe",
        }, $"/registers/dip-samples/{before}");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }

    /// <summary>
    /// <paramref name="count"/> unrestricted public complaints of the test's own, finalised on a day of 2000 on which no
    /// other case was finalised (the demo force's cases begin later): a sample over that day draws only from them.
    /// </summary>
    internal static async Task<(DateOnly Day, IReadOnlyList<string> Cases)> FinalisedOnAFreeDayAsync(ProbityApp app, int count)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var (first, last) = (new DateOnly(2000, 1, 3), new DateOnly(2000, 12, 22));
        var taken = (await db.Cases.Where(c => c.FinalisedOn >= first && c.FinalisedOn <= last).Select(c => c.FinalisedOn!.Value).Distinct().ToListAsync(Ct)).ToHashSet();
        var free = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).Where(d => !taken.Contains(d)).ToList();
        var day = free[System.Security.Cryptography.RandomNumberGenerator.GetInt32(free.Count)];
        var m = Guid.NewGuid().ToString("n")[..8];
        var ids = Enumerable.Range(1, count).Select(i => $"DIP{m}-{i}").ToList();
        foreach (var id in ids)
            db.Cases.Add(new Probity.Cases.Contracts.Case
            {
                Id = id, CaseType = "public_complaint", ReceivedOn = day.AddDays(-20), RecordedOn = day.AddDays(-19), RouteDecidedOn = day.AddDays(-18),
                HandlingRoute = "local_resolution", FinalisedOn = day,
                Complainants = [new Probity.Cases.Contracts.Complainant { Id = id + "-C1", CaseId = id }],
            });
        scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "case:" + ids[0], $"{count} cases finalised on {day:yyyy-MM-dd} for a dip sample");
        await db.SaveChangesAsync(Ct);
        return (day, ids);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_member_of_staff_a_service_confidence_record_is_about_never_sees_it_nor_records_one_about_themselves(Provider provider)
    {
        var f = await forces.GetAsync(provider);
        var self = await f.App.SignInAsync(CanaryForce.SelfUser);
        Assert.Equal(HttpStatusCode.NotFound, (await self.Http.GetAsync($"/registers/service-confidence/{f.SelfConfidence}", Ct)).StatusCode);
        var list = await self.Http.GetStringAsync("/registers/service-confidence?show=all", Ct);
        Assert.DoesNotContain(f.SelfConfidence, list, StringComparison.Ordinal);
        Assert.DoesNotContain(f.SelfConfidenceText, list, StringComparison.Ordinal);
        var own = await self.PostFormAsync("/registers/service-confidence?handler=Record", new()
        {
            ["staff"] = f.SelfStaff, ["decidedBy"] = "Me", ["reasons"] = "Clearing my name", ["firstReviewOn"] = CanaryForce.Iso(f.Today.AddDays(1)),
        }, "/registers/service-confidence");
        Assert.Contains("you cannot record an entry about yourself", SignedInClient.Alert(await self.Http.GetStringAsync(own.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        // A friend's stale form, replayed by the subject against their own record, finds nothing to change.
        var senior = await f.App.SignInAsync("senior");
        var page = await senior.Http.GetStringAsync($"/registers/service-confidence/{f.SelfConfidence}", Ct);
        Assert.Contains(f.SelfConfidenceText, page, StringComparison.Ordinal);
        var replay = await self.PostFormAsync($"/registers/service-confidence/{f.SelfConfidence}?handler=Review", new()
        {
            ["version"] = Version(page), ["outcome"] = "confidence_restored", ["note"] = "All clear",
        }, "/registers/service-confidence");
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        await using (var scope = f.App.SystemScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ProbityDb>().ServiceConfidence.Where(r => r.Id == f.SelfConfidence).Select(r => r.ClosedOn).SingleAsync(Ct));

        // Nor through the interchange files: the export as the subject leaves the record out; a senior manager's holds it.
        // The dip samples' export is the oversight member's and the senior managers', not an investigator's.
        var work = Directory.CreateTempSubdirectory("probity-oversight-registers-").FullName;
        try
        {
            var (exit, output) = await f.App.RunCliAsync(CanaryForce.SelfUser, "registers", "export", "service-confidence", "--out", Path.Combine(work, "self"));
            Assert.True(exit == 0, output);
            var mine = string.Concat(Directory.GetFiles(Path.Combine(work, "self")).Select(File.ReadAllText));
            Assert.DoesNotContain(f.SelfConfidenceText, mine, StringComparison.Ordinal);
            Assert.DoesNotContain(f.SelfConfidence, mine, StringComparison.Ordinal);
            (exit, output) = await f.App.RunCliAsync("senior", "registers", "export", "service-confidence", "--out", Path.Combine(work, "senior"));
            Assert.True(exit == 0, output);
            var lines = await File.ReadAllLinesAsync(Path.Combine(work, "senior", "register_service_confidence.csv"), Ct);
            Assert.Equal("record_id,staff_id,decided_by,decided_on,reasons,next_review_on,outcome,closed_on,recorded_by,recorded_at", lines[0]);
            Assert.Contains(lines, l => l.StartsWith($"{f.SelfConfidence},{f.SelfStaff},Head of Anti-Corruption,", StringComparison.Ordinal) && l.Contains(f.SelfConfidenceText, StringComparison.Ordinal));
            await f.App.SignInAsync("oversight");
            (exit, output) = await f.App.RunCliAsync("oversight", "registers", "export", "dip-samples", "--out", Path.Combine(work, "dip"));
            Assert.True(exit == 0, output);
            var sampled = await File.ReadAllLinesAsync(Path.Combine(work, "dip", "register_dip_sample_cases.csv"), Ct);
            Assert.Contains(sampled, l => l.Contains($",{f.DipSample},", StringComparison.Ordinal));
            foreach (var hidden in new[] { f.OldCase, f.NewCase, f.MonitoringCase, f.LiveCase })
                Assert.DoesNotContain(hidden, string.Concat(sampled), StringComparison.Ordinal);
            await f.App.SignInAsync("investigator");
            (exit, output) = await f.App.RunCliAsync("investigator", "registers", "export", "dip-samples", "--out", Path.Combine(work, "refused"));
            Assert.Equal(5, exit);
            Assert.Contains("may not", output, StringComparison.Ordinal);
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Restrictions_are_reviewed_overdue_reviews_head_the_register_and_a_stale_form_is_refused(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var today = app.Time.Today();
        var staff = await AStaffMemberAsync(app);
        var marker = Guid.NewGuid().ToString("n")[..8];
        var overdue = await RecordConfidenceAsync(senior, staff, "Associating with a convicted supplier " + marker, today.AddDays(-10), decidedOn: today.AddDays(-90));
        var register = await senior.Http.GetStringAsync("/registers/service-confidence?show=overdue", Ct);
        Assert.Contains($"/registers/service-confidence/{overdue}", register, StringComparison.Ordinal);
        var first = Regex.Match(register, "<tbody>\\s*<tr>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Review overdue since", first, StringComparison.Ordinal);

        var page = await senior.Http.GetStringAsync($"/registers/service-confidence/{overdue}", Ct);
        Assert.StartsWith("Review overdue since", SignedInClient.TestId(page, "confidence-state"), StringComparison.Ordinal);
        var opened = Version(page);
        await senior.PostFormAsync($"/registers/service-confidence/{overdue}?handler=Restrict", new()
        {
            ["version"] = opened, ["kind"] = "posting", ["detail"] = "Moved from the borough intelligence unit to a back-office post",
        }, $"/registers/service-confidence/{overdue}");
        // A second manager's form, opened before the restriction, is refused and changes nothing.
        var stale = await senior.PostFormAsync($"/registers/service-confidence/{overdue}?handler=Review", new()
        {
            ["version"] = opened, ["outcome"] = "confidence_restored", ["note"] = "Nothing further",
        }, $"/registers/service-confidence/{overdue}");
        page = await senior.Http.GetStringAsync(stale.Headers.Location!.OriginalString, Ct);
        Assert.Contains("changed by someone else", SignedInClient.Alert(page), StringComparison.Ordinal);
        Assert.StartsWith("Review overdue since", SignedInClient.TestId(page, "confidence-state"), StringComparison.Ordinal);

        var missing = await senior.PostFormAsync($"/registers/service-confidence/{overdue}?handler=Review", new()
        {
            ["version"] = Version(page), ["outcome"] = "restrictions_continued", ["note"] = "Investigation continuing",
        }, $"/registers/service-confidence/{overdue}");
        Assert.Contains("Next review on: required", SignedInClient.Alert(await senior.Http.GetStringAsync(missing.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        await senior.PostFormAsync($"/registers/service-confidence/{overdue}?handler=Review", new()
        {
            ["version"] = Version(page), ["outcome"] = "restrictions_continued", ["note"] = "Investigation continuing", ["nextReviewOn"] = CanaryForce.Iso(today.AddDays(28)),
        }, $"/registers/service-confidence/{overdue}");
        page = await senior.Http.GetStringAsync($"/registers/service-confidence/{overdue}", Ct);
        Assert.StartsWith("Review due", SignedInClient.TestId(page, "confidence-state"), StringComparison.Ordinal);
        await senior.PostFormAsync($"/registers/service-confidence/{overdue}?handler=Review", new()
        {
            ["version"] = Version(page), ["outcome"] = "confidence_restored", ["note"] = "No case to answer; association ended",
        }, $"/registers/service-confidence/{overdue}");
        page = await senior.Http.GetStringAsync($"/registers/service-confidence/{overdue}", Ct);
        Assert.StartsWith("Confidence restored", SignedInClient.TestId(page, "confidence-state"), StringComparison.Ordinal);
        Assert.DoesNotContain("In force", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"confidence-review\"", page, StringComparison.Ordinal);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Equal(["create", "restrict", "review", "review"],
            await db.AuditEntries.Where(e => e.Target == "service_confidence:" + overdue && e.Action != "view").OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Ct));
        Assert.All(await db.ServiceConfidenceRestrictions.Where(r => r.RecordId == overdue).ToListAsync(Ct), r => Assert.Equal(today, r.LiftedOn));
    }

    internal static async Task<string> DrawAsync(SignedInClient oversight, DateOnly from, DateOnly to, int size, int? seed)
    {
        var fields = new Dictionary<string, string> { ["from"] = CanaryForce.Iso(from), ["to"] = CanaryForce.Iso(to), ["size"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (seed is { } s) fields["seed"] = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var posted = await oversight.PostFormAsync("/registers/dip-samples?handler=Draw", fields, "/registers/dip-samples");
        var location = posted.Headers.Location?.OriginalString ?? "";
        Assert.True(location.StartsWith("/registers/dip-samples/", StringComparison.Ordinal),
            $"drawing a sample went to '{location}': {SignedInClient.Alert(await oversight.Http.GetStringAsync(location == "" ? "/registers/dip-samples" : location, Ct))}");
        return Uri.UnescapeDataString(location["/registers/dip-samples/".Length..]);
    }

    private static async Task<string> RecordConfidenceAsync(SignedInClient senior, string staff, string reasons, DateOnly firstReviewOn, DateOnly? decidedOn = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["staff"] = staff, ["decidedBy"] = "Det Ch Supt, Head of Anti-Corruption", ["reasons"] = reasons, ["restriction"] = "system_access",
            ["restrictionDetail"] = "No access to intelligence systems",
        };
        if (decidedOn is { } d) fields["decidedOn"] = CanaryForce.Iso(d);
        fields["firstReviewOn"] = CanaryForce.Iso(firstReviewOn);
        var posted = await senior.PostFormAsync("/registers/service-confidence?handler=Record", fields, "/registers/service-confidence");
        var location = posted.Headers.Location?.OriginalString ?? "";
        Assert.True(location.StartsWith("/registers/service-confidence/", StringComparison.Ordinal),
            $"recording went to '{location}': {SignedInClient.Alert(await senior.Http.GetStringAsync(location == "" ? "/registers/service-confidence" : location, Ct))}");
        return Uri.UnescapeDataString(location["/registers/service-confidence/".Length..]);
    }

    private static async Task<string> AStaffMemberAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.OrderBy(s => s.Id).Select(s => s.Id).Skip(40).FirstAsync(Ct);
    }

    internal static async Task SetRestrictedAsync(ProbityApp app, string caseId, bool restricted)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        (await db.Cases.SingleAsync(c => c.Id == caseId, Ct)).Restricted = restricted;
        scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "case:" + caseId, restricted ? "restricted" : "unrestricted");
        await db.SaveChangesAsync(Ct);
    }

    internal static List<string> CaseLinks(string html) => [.. Regex.Matches(html, "<h3>\\d+\\. <a href=\"/cases/([^\"]+)\">").Select(m => Uri.UnescapeDataString(m.Groups[1].Value))];

    internal static Dictionary<string, string> Finding(string page, int position, string finding, string text) => new()
    {
        ["item"] = Item(page, position), ["version"] = ItemVersion(page, position), ["finding"] = finding, ["text"] = text,
    };

    internal static Dictionary<string, string> Respond(string page, int position, string response) => new()
    {
        ["item"] = Item(page, position), ["version"] = ItemVersion(page, position), ["response"] = response,
    };

    private static string Section(string page, int position) => Regex.Match(page, $"data-testid=\"dip-case-{position}\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;

    private static string Item(string page, int position) => Regex.Match(Section(page, position), "name=\"item\" value=\"([^\"]+)\"").Groups[1].Value;

    private static string ItemVersion(string page, int position) => VersionField().Match(Section(page, position)).Groups[1].Value;

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    private static bool Refused(HttpResponseMessage answer) =>
        answer.StatusCode is HttpStatusCode.Forbidden || answer.Headers.Location?.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal) == true;

    private static string Version(string html) => VersionField().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
