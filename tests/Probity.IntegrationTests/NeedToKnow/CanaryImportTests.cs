using System.Net;
using System.Text.RegularExpressions;

namespace Probity.IntegrationTests.NeedToKnow;

/// <summary>
/// An import is a write to any case its bundle names, including one the importer may not know about. A senior manager
/// outside the team uploads, through the web import, a bundle that touches a restricted case: it must be refused,
/// the refusal must give away nothing about the case, and the case must be exactly as it was.
/// </summary>
/// <remarks>
/// Runs on the planted force after the read-only sweep has finished (it waits for it), on a restricted case of its
/// own, so the sweep's answers are not disturbed by what this test writes.
/// </remarks>
public sealed partial class CanaryImportTests(CanaryForces forces)
{
    public static TheoryData<Provider, string> Attempts()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
            foreach (var attempt in new[] { "close the case", "add an allegation", "add an outcome" })
                data.Add(provider, attempt);
        return data;
    }

    [Theory, MemberData(nameof(Attempts))]
    public async Task A_senior_manager_outside_the_team_cannot_import_into_a_restricted_case(Provider provider, string attempt)
    {
        var f = await forces.GetAsync(provider);
        await f.SweepAsync();
        var grantee = await f.App.SignInAsync(CanaryForce.Grantee);
        var summary = f.Marker + "SUMIMPORT" + attempt.Length;
        var received = f.Today.AddDays(-30);
        var caseId = await CanaryForce.RecordByApiAsync(grantee, new
        {
            caseType = "conduct_matter", receivedOn = CanaryForce.Iso(received), recordedOn = CanaryForce.Iso(received), source = "internal",
            locationUnitId = f.Unit, handlingUnitId = f.Unit, summary = summary + ": a second matter about the same officer",
            allegations = new[] { new { category = "corrupt_practice", staffId = f.Subject } },
        });
        // A restricted case never sits with a borough (ADR 0026 addendum): the Directorate's unit takes it, then it is restricted.
        await CanaryForce.EditAsync(grantee, caseId, "allocate", new() { ["unitId"] = f.DirectorateUnit });
        await CanaryForce.EditAsync(grantee, caseId, "restrict", new() { ["principals"] = "team:" + CanaryForce.Team, ["reason"] = "Need to know" });
        await CanaryForce.EditAsync(grantee, caseId, "route", new() { ["route"] = "local_investigation", ["date"] = CanaryForce.Iso(received.AddDays(2)) });
        await CanaryForce.EditAsync(grantee, caseId, "finding", new() { ["allegationId"] = caseId + "-A1", ["finding"] = "substantiated", ["date"] = CanaryForce.Iso(received.AddDays(9)) });
        var before = await f.CaseSnapshotAsync(caseId);

        var files = new Dictionary<string, string>
        {
            ["units.csv"] = CanaryForce.Csv("unit_id,name,kind,parent_unit_id,resident_population", $"{f.Unit},Canary Vale,borough,,120000",
                $"{f.DirectorateUnit},{CanaryForce.DirectorateUnitName},team,,"),
            ["staff.csv"] = CanaryForce.Csv("staff_id,display_name,staff_type,rank,unit_id,joined_on,left_on,gender,ethnicity,vetting_level,vetting_expires_on",
                $"{f.Subject},PC {f.SubjectName},officer,Constable,{f.Unit},2001-04-02,,male,white,mv,2031-01-01"),
        };
        var routeOn = CanaryForce.Iso(received.AddDays(2));
        var caseRow = $"{caseId},conduct_matter,,{CanaryForce.Iso(received)},{CanaryForce.Iso(received)},internal,{f.Unit},{f.DirectorateUnit},local_investigation,{routeOn},,false";
        const string CasesHeader = "case_id,case_type,regime,received_on,recorded_on,source,location_unit_id,handling_unit_id,handling_route,route_decided_on,finalised_on,referred_to_ipcc";
        switch (attempt)
        {
            case "close the case":
                files["cases.csv"] = CanaryForce.Csv(CasesHeader, $"{caseId},conduct_matter,,{CanaryForce.Iso(received)},{CanaryForce.Iso(received)},internal,{f.Unit},{f.DirectorateUnit},local_resolution,{routeOn},{CanaryForce.Iso(received.AddDays(3))},false");
                files["allegations.csv"] = CanaryForce.Csv("allegation_id,case_id,staff_id,category,finding,finalised_on", $"{caseId}-A1,{caseId},{f.Subject},corrupt_practice,locally_resolved,{CanaryForce.Iso(received.AddDays(3))}");
                break;
            case "add an allegation":
                files["cases.csv"] = CanaryForce.Csv(CasesHeader, caseRow);
                files["allegations.csv"] = CanaryForce.Csv("allegation_id,case_id,staff_id,category,finding,finalised_on", $"{caseId}-A9,{caseId},{f.Subject},theft,,");
                break;
            default:
                files["cases.csv"] = CanaryForce.Csv(CasesHeader, caseRow);
                files["sanctions.csv"] = CanaryForce.Csv("staff_id,case_id,outcome,decided_on", $"{f.Subject},{caseId},no_action,{CanaryForce.Iso(received.AddDays(12))}");
                break;
        }

        var senior = await f.App.SignInAsync("senior");
        var (job, page) = await CanaryForce.ImportFilesAsync(senior, files);
        var after = await f.CaseSnapshotAsync(caseId);

        var told = WebUtility.HtmlDecode(Tags().Replace(page, " "));
        var secrets = new[] { summary, f.OldCase, f.NewCase, f.MonitoringCase, CanaryForce.Team, CanaryForce.Grantee, "restricted" }
            .Where(s => told.Contains(s, StringComparison.OrdinalIgnoreCase)).ToList();
        var problems = new List<string>();
        if (page.Contains("data-testid=\"import-done\"", StringComparison.Ordinal)) problems.Add($"the import (job {job}) was written: {Squash(told)}");
        if (secrets.Count > 0) problems.Add($"the import's answer names {string.Join(", ", secrets)}: {Squash(told)}");
        if (before != after) problems.Add($"the restricted case changed:\nbefore: {before}\nafter:  {after}");
        Assert.True(problems.Count == 0, $"senior (outside team:{CanaryForce.Team}) importing a bundle to {attempt} of restricted case {caseId} on {provider}:\n" + string.Join("\n", problems));
    }

    private static string Squash(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
