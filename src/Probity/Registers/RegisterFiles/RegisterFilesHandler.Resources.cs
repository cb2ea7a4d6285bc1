using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Probity.Infrastructure.Time;
using Probity.Registers.Contracts;
using Probity.Registers.Resources;

namespace Probity.Registers.RegisterFiles;

// The Directorate's budget and staffing by year in the interchange format (docs/registers-interchange.md): one file, one row a
// year. total_staff is written for a reader's convenience and, on import, must equal officers plus staff when given.
internal sealed partial class RegisterFilesHandler
{
    public const string ResourcesFile = "register_resources.csv";
    public static readonly string[] ResourceColumns = ["year", "budget_pounds", "police_officers", "police_staff", "total_staff", "recorded_by", "recorded_at"];

    public async Task<IReadOnlyDictionary<string, int>> ExportResourcesAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var years = await db.DirectorateResourceYears.AsNoTracking().OrderBy(r => r.Year).ToListAsync(ct);
        await audit.RecordAsync("export", "directorate_resources", $"{years.Count} years", ct);
        folder.Create();
        await WriteAsync(folder, ResourcesFile, ResourceColumns, years.Select(y => new[]
        {
            N(y.Year), y.BudgetPounds.ToString(CultureInfo.InvariantCulture), N(y.PoliceOfficers), N(y.PoliceStaff), N(y.TotalStaff), y.RecordedBy, T(y.RecordedAt),
        }), ct);
        return new Dictionary<string, int>(StringComparer.Ordinal) { [ResourcesFile] = years.Count };
    }

    public async Task<(IReadOnlyDictionary<string, int> Rows, IReadOnlyList<FileIssue> Issues)> ImportResourcesAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var issues = new List<FileIssue>();
        var years = new List<DirectorateResourceYear>();
        using (var reader = OpenIn(folder, ResourcesFile))
        {
            if (reader is null) return (new Dictionary<string, int>(), [new FileIssue(folder.FullName, 0, null, $"{ResourcesFile} is not in the folder")]);
            foreach (var r in Read(reader, ResourcesFile, ResourceColumns, issues))
            {
                var year = (int)Whole(r, "year", WorkingDays.FirstDate.Year, WorkingDays.LastDate.Year, required: true);
                var officers = (int)Whole(r, "police_officers", 0, DirectorateResourcesHandler.MaxStaff, required: true);
                var staff = (int)Whole(r, "police_staff", 0, DirectorateResourcesHandler.MaxStaff, required: true);
                var total = Whole(r, "total_staff", 0, 2L * DirectorateResourcesHandler.MaxStaff, required: false);
                if (total >= 0 && total != officers + staff) r.Issue("total_staff", $"{total} is not police officers plus police staff ({officers + staff})");
                years.Add(new DirectorateResourceYear
                {
                    Year = year, BudgetPounds = Whole(r, "budget_pounds", 0, DirectorateResourcesHandler.MaxBudgetPounds, required: true), PoliceOfficers = officers, PoliceStaff = staff,
                    RecordedBy = r.Text("recorded_by", 256) ?? db.Scope.Actor, RecordedAt = r.Time("recorded_at") ?? time.GetUtcNow(),
                });
            }
        }
        Duplicates(years.Select(y => N(y.Year)), ResourcesFile, issues);
        if (issues.Count > 0) return (new Dictionary<string, int>(), issues);
        var wanted = years.Select(y => y.Year).ToList();
        var existing = await db.DirectorateResourceYears.Where(r => wanted.Contains(r.Year)).ToDictionaryAsync(r => r.Year, ct);
        foreach (var y in years)
            if (existing.TryGetValue(y.Year, out var e)) { db.Entry(e).CurrentValues.SetValues(y); e.Version = Guid.NewGuid(); }
            else db.DirectorateResourceYears.Add(y);
        audit.Change("import", "directorate_resources", $"{years.Count} years ({years.Count - existing.Count} new)");
        await db.SaveChangesAsync(ct);
        return (new Dictionary<string, int>(StringComparer.Ordinal) { [ResourcesFile] = years.Count }, []);
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/> (no separators, no sign); -1 when empty and not required.</summary>
    private static long Whole(Row r, string column, long min, long max, bool required)
    {
        var v = r.Text(column, 20, required);
        if (string.IsNullOrEmpty(v)) return -1;
        if (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            r.Issue(column, $"'{v}' is not a whole number from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}");
            return -1;
        }
        return n;
    }
}
