using System.Text.RegularExpressions;

namespace Probity.Tests.Architecture;

/// <summary>
/// The calls that step round a safety mechanism are listed here, each with its reason; any other use fails the build's
/// tests, naming the file and line. Need-to-know is EF's global query filters, and IgnoreQueryFilters lifts every filter
/// from the whole query it appears in. The audit trail's guarantee (no change saved without its entry) lives in
/// ProbityDb.SaveChangesAsync, and set-based writes and raw SQL do not pass through it.
/// </summary>
public sealed partial class SafetyBypassTests
{
    private static readonly Dictionary<string, string> NeedToKnowBypasses = new(StringComparer.Ordinal)
    {
        ["Database/NeedToKnowBypass.cs"] = "questions about ids only: is an id taken, which of these cases may the reader not see",
    };

    private static readonly Dictionary<string, string> WritesOutsideSaveChanges = new(StringComparer.Ordinal)
    {
        ["AuditTrail/AuditAppender.cs"] = "the trail itself: locks the head row and inserts the entries inside the caller's transaction",
        ["Interchange/ImportBundle/BulkUpsert.cs"] = "bulk import rows; ImportBundleHandler stages the import's audit entry in the same transaction",
        ["Interchange/ImportBundle/ImportBundleHandler.cs"] = "moves the version of cases an import changed; audited in the same transaction",
        ["Database/DatabaseSetup.cs"] = "SQLite pragmas and WAL checkpoints: no data",
        ["Identity/TwoFactor/TwoFactorReset.cs"] = "Identity's own token rows; the reset is audited by the page that asks for it",
        ["AccessMonitoring/EventStore/DuckDbEventStore.cs"] = "the DuckDB event store, not the relational store",
        ["AccessMonitoring/EventStore/DuckDbEventStore.Ingest.cs"] = "the DuckDB event store, not the relational store",
    };

    [Fact]
    public void IgnoreQueryFilters_is_called_only_from_the_listed_bypass() =>
        Assert.Empty(Uses(IgnoreQueryFilters(), NeedToKnowBypasses));

    [Fact]
    public void Writes_that_do_not_pass_the_audited_save_are_only_in_the_listed_places() =>
        Assert.Empty(Uses(SetBasedWrite(), WritesOutsideSaveChanges));

    [Fact]
    public void Every_listed_place_still_exists_and_still_needs_its_exception()
    {
        foreach (var (file, _) in NeedToKnowBypasses)
            Assert.Matches(IgnoreQueryFilters(), File.ReadAllText(Path.Combine(Source, file)));
        foreach (var (file, _) in WritesOutsideSaveChanges)
            Assert.Matches(SetBasedWrite(), File.ReadAllText(Path.Combine(Source, file)));
    }

    private static List<string> Uses(Regex call, Dictionary<string, string> allowed)
    {
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Source, path).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal) || relative.Contains("/Migrations/", StringComparison.Ordinal)) continue;
            if (allowed.ContainsKey(relative)) continue;
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal)) continue;
                if (call.IsMatch(code)) found.Add($"{relative}:{i + 1}: {code}");
            }
        }
        return found;
    }

    internal static string Source { get; } = FindSource();

    private static string FindSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Probity.slnx"))) return Path.Combine(dir.FullName, "src", "Probity");
        throw new InvalidOperationException("The repository root (Probity.slnx) is not above the test's folder.");
    }

    [GeneratedRegex(@"\.IgnoreQueryFilters\s*\(")]
    private static partial Regex IgnoreQueryFilters();

    [GeneratedRegex(@"\.(ExecuteUpdate|ExecuteDelete|ExecuteSqlRaw|ExecuteSqlInterpolated|ExecuteSql|ExecuteNonQuery)(Async)?\s*\(")]
    private static partial Regex SetBasedWrite();
}
