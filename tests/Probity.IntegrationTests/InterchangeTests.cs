using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.DemoForce;
using Probity.Infrastructure.Database;
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
            var import = scope.ServiceProvider.GetRequiredService<ImportBundle>();
            var first = await import.FromFolderAsync(input, null, TestContext.Current.CancellationToken);
            Assert.True(first.Succeeded, string.Join("\n", first.Errors));
            Assert.True(first.Files["cases.csv"].New > 5000);

            var second = await import.FromFolderAsync(input, null, TestContext.Current.CancellationToken);
            Assert.True(second.Succeeded);
            Assert.All(second.Files.Values, f => Assert.True(f.New is null or 0, $"{f.New} new rows on re-import"));

            var bundle = await scope.ServiceProvider.GetRequiredService<ExportBundle>().HandleAsync(null, TestContext.Current.CancellationToken);
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
        var report = await scope.ServiceProvider.GetRequiredService<ImportBundle>().FromFolderAsync(folder, null, TestContext.Current.CancellationToken);
        Assert.False(report.Succeeded);
        Assert.Contains(report.Errors, e => e.File == "cases.csv" && e.Line == 4 && e.Column == "source" && e.Reason.Contains("carrier_pigeon", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.File == "cases.csv" && e.Line == 8);
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Equal(0, await db.Cases.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Staff.CountAsync(TestContext.Current.CancellationToken));
    }
}
