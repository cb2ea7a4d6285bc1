using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.DemoForce;
using Probity.Database;
using Probity.Interchange.ExportBundle;
using Probity.Interchange.ImportBundle;
using Probity.Interchange.Pif;

namespace Probity.IntegrationTests;

/// <summary>PIF-1 import into a real store: all-or-nothing, idempotent, and export reproduces the input.</summary>
public sealed class InterchangeTests
{
    private static string WriteDemoBundle()
    {
        var folder = Directory.CreateTempSubdirectory("probity-bundle-").FullName;
        var bundle = DemoForceGenerator.Generate(new DemoForceOptions(7, new DateOnly(2010, 12, 31), Years: 1, Scale: 1));
        PifWriter.Write(bundle, folder);
        return folder;
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Import_then_full_export_reproduces_the_bundle_and_reimport_changes_nothing(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        var input = WriteDemoBundle();
        var output = Directory.CreateTempSubdirectory("probity-export-").FullName;
        await using (var scope = app.SystemScope())
        {
            var import = scope.ServiceProvider.GetRequiredService<ImportBundleHandler>();
            var first = await import.FromFolderAsync(input, null, TestContext.Current.CancellationToken);
            Assert.True(first.Succeeded, string.Join("\n", first.Errors));
            Assert.True(first.Files["cases.csv"].New > 5000);

            var second = await import.FromFolderAsync(input, null, TestContext.Current.CancellationToken);
            Assert.True(second.Succeeded);
            Assert.All(second.Files.Values, f => Assert.True(f.New is null or 0, $"{f.New} new rows on re-import"));

            var bundle = await scope.ServiceProvider.GetRequiredService<ExportBundleHandler>().HandleAsync(null, TestContext.Current.CancellationToken);
            PifWriter.Write(bundle, output);
        }
        foreach (var file in Directory.GetFiles(input).Select(Path.GetFileName))
        {
            var expected = (await File.ReadAllLinesAsync(Path.Combine(input, file!), TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal);
            var actual = (await File.ReadAllLinesAsync(Path.Combine(output, file!), TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal);
            Assert.True(expected.SequenceEqual(actual), $"{file} differs after the round trip");
        }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Reimporting_a_bundle_with_a_unit_renamed_renames_the_unit(Provider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await Apps.CreateAsync(provider, demo: false);
        var folder = WriteDemoBundle();
        await using var scope = app.SystemScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportBundleHandler>();
        Assert.True((await import.FromFolderAsync(folder, null, ct)).Succeeded);

        var units = Path.Combine(folder, "units.csv");
        var lines = await File.ReadAllLinesAsync(units, ct);
        var header = lines[0].Split(',');
        int id = Array.IndexOf(header, "unit_id"), name = Array.IndexOf(header, "name");
        var row = lines[1].Split(',');
        var unitId = row[id];
        row[name] = "Renamed Borough Command Unit";
        lines[1] = string.Join(',', row);
        await File.WriteAllLinesAsync(units, lines, ct);

        var again = await import.FromFolderAsync(folder, null, ct);
        Assert.True(again.Succeeded, string.Join("\n", again.Errors));
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        db.ChangeTracker.Clear();
        Assert.Equal("Renamed Borough Command Unit", (await db.Units.SingleAsync(u => u.Id == unitId, ct)).Name);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Reimporting_the_bundle_keeps_each_case_s_named_investigating_officer_and_supervisor(Provider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await Apps.CreateAsync(provider, demo: false);
        var folder = WriteDemoBundle();
        await using var scope = app.SystemScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportBundleHandler>();
        Assert.True((await import.FromFolderAsync(folder, null, ct)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var named = await db.Cases.OrderBy(c => c.Id).FirstAsync(ct);
        named.InvestigatingOfficer = "investigator";
        named.Supervisor = "senior";
        scope.ServiceProvider.GetRequiredService<Probity.AuditTrail.Contracts.Audit>().Change("test_arrange", $"case:{named.Id}", "arranged: named officers");
        await db.SaveChangesAsync(ct);

        var again = await import.FromFolderAsync(folder, null, ct);
        Assert.True(again.Succeeded, string.Join("\n", again.Errors));
        db.ChangeTracker.Clear();
        var after = await db.Cases.SingleAsync(c => c.Id == named.Id, ct);
        Assert.Equal(("investigator", "senior"), (after.InvestigatingOfficer, after.Supervisor));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_bundle_with_errors_writes_nothing_and_names_every_error(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        var folder = WriteDemoBundle();
        var cases = Path.Combine(folder, "cases.csv");
        var lines = await File.ReadAllLinesAsync(cases, TestContext.Current.CancellationToken);
        lines[3] = lines[3].Replace(",public,", ",carrier_pigeon,", StringComparison.Ordinal);
        lines[7] = lines[7].Replace("-", "/", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(cases, lines, TestContext.Current.CancellationToken);

        await using var scope = app.SystemScope();
        var report = await scope.ServiceProvider.GetRequiredService<ImportBundleHandler>().FromFolderAsync(folder, null, TestContext.Current.CancellationToken);
        Assert.False(report.Succeeded);
        Assert.Contains(report.Errors, e => e.File == "cases.csv" && e.Line == 4 && e.Column == "source" && e.Reason.Contains("carrier_pigeon", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.File == "cases.csv" && e.Line == 8);
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Equal(0, await db.Cases.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Staff.CountAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A unit, an officer and a live case whose text an insider chose to run as formulas in whoever opens the exports.</summary>
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example/\",\"Open\")";

    [Fact]
    public async Task Exported_pif_files_and_the_report_csv_neutralise_formulas_and_reimport_gives_back_the_original_text()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("probity-hostile-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "units.csv"),
            "unit_id,name,kind,parent_unit_id,resident_population\n\"U-EVIL\",\"" + Hyperlink.Replace("\"", "\"\"", StringComparison.Ordinal) + "\",borough,,\n", ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "staff.csv"),
            "staff_id,display_name,staff_type,rank,unit_id,joined_on,left_on,gender,ethnicity,vetting_level,vetting_expires_on\nS-EVIL,@SUM(1),officer,+44 20 7946 0000,U-EVIL,2005-01-01,,,,,\n", ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "cases.csv"),
            "case_id,case_type,regime,received_on,recorded_on,source,location_unit_id,handling_unit_id,handling_route,route_decided_on,finalised_on,referred_to_ipcc\n"
            + "C-EVIL,public_complaint,,2009-01-05,2009-01-06,public,U-EVIL,U-EVIL,local_investigation,2009-01-20,,\n", ct);
        await using (var scope = app.SystemScope())
        {
            var imported = await scope.ServiceProvider.GetRequiredService<ImportBundleHandler>().FromFolderAsync(folder, null, ct);
            Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        }

        // The PIF-1 export a senior manager downloads.
        var senior = await app.SignInAsync("senior");
        var export = await senior.PostFormAsync("/interchange/export", new());
        Assert.Equal(System.Net.HttpStatusCode.OK, export.StatusCode);
        var exported = Directory.CreateTempSubdirectory("probity-hostile-export-").FullName;
        using (var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync(ct)))
            System.IO.Compression.ZipFileExtensions.ExtractToDirectory(zip, exported);
        var units = await File.ReadAllTextAsync(Path.Combine(exported, "units.csv"), ct);
        var staff = await File.ReadAllTextAsync(Path.Combine(exported, "staff.csv"), ct);
        Assert.Contains("U-EVIL,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Open\"\")\",borough,", units, StringComparison.Ordinal);
        Assert.Contains("S-EVIL,'@SUM(1),officer,'+44 20 7946 0000,U-EVIL,2005-01-01,", staff, StringComparison.Ordinal);

        // Importing that export back changes nothing: the text is as it was, not prefixed.
        await using (var scope = app.SystemScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<ImportBundleHandler>().FromFolderAsync(exported, null, ct);
            Assert.True(again.Succeeded, string.Join("\n", again.Errors));
            Assert.Equal(0, again.Files["units.csv"].New);
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            Assert.Equal(Hyperlink, (await db.Units.SingleAsync(u => u.Id == "U-EVIL", ct)).Name);
            var officer = await db.Staff.SingleAsync(s => s.Id == "S-EVIL", ct);
            Assert.Equal(("@SUM(1)", "+44 20 7946 0000"), (officer.DisplayName, officer.Rank));
        }

        // The quarterly report's CSV tables: the oldest live case is the hostile one, named by its handling unit.
        var posted = await senior.PostFormAsync("/performance/report", new Dictionary<string, string> { ["year"] = "2010", ["quarter"] = "3", ["unit"] = "" });
        var jobUrl = posted.Headers.Location!.OriginalString;
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while ((await senior.Http.GetStringAsync(jobUrl, ct)).Contains("data-testid=\"report-progress\"", StringComparison.Ordinal))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), "the report job did not finish");
            await Task.Delay(200, ct);
        }
        using var report = new System.IO.Compression.ZipArchive(new MemoryStream(await senior.Http.GetByteArrayAsync($"{jobUrl}/csv", ct)));
        using var reader = new StreamReader(report.GetEntry("oldest_live.csv")!.Open());
        var oldest = (await reader.ReadToEndAsync(ct)).Split("\r\n");
        Assert.StartsWith("C-EVIL,2009-01-05,", oldest[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(", oldest[1], StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
        Directory.Delete(exported, recursive: true);
    }
}
