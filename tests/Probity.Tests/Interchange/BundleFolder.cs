using System.IO.Compression;
using System.Text;
using Probity.Interchange.Contracts;
using Probity.Interchange.Pif;

namespace Probity.Tests.Interchange;

/// <summary>A PIF-1 bundle written as text files into a temporary folder, deleted afterwards.</summary>
internal sealed class BundleFolder : IDisposable
{
    public const string UnitsHeader = "unit_id,name,kind,parent_unit_id,resident_population";
    public const string StaffHeader = "staff_id,display_name,staff_type,rank,unit_id,joined_on,left_on,gender,ethnicity,vetting_level,vetting_expires_on";
    public const string CasesHeader = "case_id,case_type,regime,received_on,recorded_on,source,location_unit_id,handling_unit_id,handling_route,route_decided_on,finalised_on,referred_to_ipcc";
    public const string AllegationsHeader = "allegation_id,case_id,staff_id,category,finding,finalised_on";

    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public BundleFolder() => Path = Directory.CreateTempSubdirectory("pif-test-").FullName;

    public string Path { get; }

    /// <summary>A bundle with just the two required files: units U1 (borough) and U2 (its BSU); staff S1 and S2.</summary>
    public static BundleFolder Minimal() => new BundleFolder()
        .File("units.csv",
            UnitsHeader,
            "U1,Westminster,borough,,255000",
            "U2,Westminster DPS BSU,bsu,U1,")
        .File("staff.csv",
            StaffHeader,
            "S1,PC 101 Smith,officer,PC,U1,2010-04-01,,male,w1,mv,2026-01-31",
            "S2,\"Jones, Ann\",police_staff,,U2,2015-09-01,2022-03-31,female,b2,rv,");

    /// <summary>Writes a file: the lines joined by LF, with a final LF.</summary>
    public BundleFolder File(string name, params string[] lines) => Raw(name, string.Join('\n', lines) + "\n");

    public BundleFolder Raw(string name, string content)
    {
        System.IO.File.WriteAllText(System.IO.Path.Combine(Path, name), content, Utf8NoBom);
        return this;
    }

    public BundleFolder Gzip(string name, params string[] lines)
    {
        using var file = System.IO.File.Create(System.IO.Path.Combine(Path, name));
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Utf8NoBom.GetBytes(string.Join('\n', lines) + "\n"));
        return this;
    }

    public BundleFolder Delete(string name)
    {
        System.IO.File.Delete(System.IO.Path.Combine(Path, name));
        return this;
    }

    public PifReadResult Read(IProgress<PifProgress>? progress = null) => PifReader.Read(Path, progress, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}

internal static class PifAssert
{
    public static void NoErrors(PifReadResult result) =>
        Assert.True(result.Errors.Count == 0, "expected no errors, got:\n" + string.Join('\n', result.Errors));

    /// <summary>Asserts one error at exactly this file, line and column whose reason contains every fragment.</summary>
    public static PifIssue Error(PifReadResult result, string file, int line, string? column, params string[] reasonContains) =>
        Find(result.Errors, "error", file, line, column, reasonContains);

    public static PifIssue Warning(PifReadResult result, string file, int line, string? column, params string[] reasonContains) =>
        Find(result.Warnings, "warning", file, line, column, reasonContains);

    private static PifIssue Find(IReadOnlyList<PifIssue> issues, string kind, string file, int line, string? column, string[] reasonContains)
    {
        var match = issues.FirstOrDefault(i => i.File == file && i.Line == line && i.Column == column
            && reasonContains.All(r => i.Reason.Contains(r, StringComparison.Ordinal)));
        Assert.True(match is not null,
            $"expected a {kind} at {file}:{line} column '{column}' containing [{string.Join("; ", reasonContains)}], got:\n{string.Join('\n', issues)}");
        return match!;
    }
}
