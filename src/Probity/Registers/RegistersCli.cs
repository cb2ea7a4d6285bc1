using System.CommandLine;
using Probity.Registers.RegisterFiles;

namespace Probity.Registers;

/// <summary>
/// probity registers export|import interests|vetting|learning|risks|support|gold|resources, and export dip-samples|service-confidence: the registers in the interchange format
/// (docs/registers-interchange.md). Both act as the account named by --as (CliSignIn: reading the register to export
/// it needs ReadRegisters, importing needs ManageRegisters), so need-to-know and the audit trail apply as on the web.
/// </summary>
internal static class RegistersCli
{
    public static Command Build(string[] args, Func<string[], Func<IServiceProvider, Task<int>>, Task<int>> withServices)
    {
        var interestsOut = new Option<FileInfo>("--out") { Description = $"The file to write ({RegisterFilesHandler.InterestsFile})", Required = true };
        var exportInterests = new Command("interests", "Write the business interests register as CSV") { interestsOut };
        exportInterests.SetAction((p, ct) => withServices(args, async sp =>
        {
            var file = p.GetValue(interestsOut)!;
            int rows;
            await using (var w = new StreamWriter(file.FullName, append: false, Infrastructure.Csv.Utf8))
                rows = await sp.GetRequiredService<RegisterFilesHandler>().ExportInterestsAsync(w, ct);
            Console.WriteLine($"Wrote {rows:N0} business interests to {file.FullName}");
            return 0;
        }));
        var vettingOut = new Option<DirectoryInfo>("--out") { Description = "The folder to write the vetting files into (created if need be)", Required = true };
        var exportVetting = new Command("vetting", "Write the vetting register (posts, clearances, extended police family) as CSV files") { vettingOut };
        exportVetting.SetAction((p, ct) => withServices(args, async sp =>
        {
            var folder = p.GetValue(vettingOut)!;
            var written = await sp.GetRequiredService<RegisterFilesHandler>().ExportVettingAsync(folder, ct);
            Console.WriteLine($"Wrote {string.Join(", ", written.Select(w => $"{w.Key} ({w.Value:N0} rows)"))} to {folder.FullName}");
            return 0;
        }));

        var interestsIn = new Argument<FileInfo>("file") { Description = $"The {RegisterFilesHandler.InterestsFile} to read" };
        var importInterests = new Command("interests", "Read the business interests register from CSV: every row is checked first, and nothing is written if any is wrong") { interestsIn };
        importInterests.SetAction((p, ct) => withServices(args, async sp =>
        {
            var file = p.GetValue(interestsIn)!;
            if (!file.Exists) throw new Kernel.ActionRefusedException($"{file.FullName}: no such file.");
            using var reader = new StreamReader(file.FullName, Infrastructure.Csv.Utf8);
            var (rows, issues) = await sp.GetRequiredService<RegisterFilesHandler>().ImportInterestsAsync(reader, ct);
            return Report(issues, $"Imported {rows:N0} business interests from {file.FullName}");
        }));
        var vettingIn = new Argument<DirectoryInfo>("folder") { Description = "The folder holding the vetting files (any of them)" };
        var importVetting = new Command("vetting", "Read the vetting register from its CSV files: every row is checked first, and nothing is written if any is wrong") { vettingIn };
        importVetting.SetAction((p, ct) => withServices(args, async sp =>
        {
            var folder = p.GetValue(vettingIn)!;
            if (!folder.Exists) throw new Kernel.ActionRefusedException($"{folder.FullName}: no such folder.");
            var (rows, issues) = await sp.GetRequiredService<RegisterFilesHandler>().ImportVettingAsync(folder, ct);
            return Report(issues, $"Imported {string.Join(", ", rows.Select(r => $"{r.Key} ({r.Value:N0} rows)"))}");
        }));

        var (exportLearning, importLearning) = FolderVerbs("learning", "the organisational learning register (recommendations, progress, dissemination)",
            (h, f, ct) => h.ExportLearningAsync(f, ct), (h, f, ct) => h.ImportLearningAsync(f, ct));
        var (exportRisks, importRisks) = FolderVerbs("risks", "the corporate, business group and borough risk registers (risks and their history)",
            (h, f, ct) => h.ExportRisksAsync(f, ct), (h, f, ct) => h.ImportRisksAsync(f, ct));
        var (exportSupport, importSupport) = FolderVerbs("support", "the Professional Standards Support Programme's deliveries",
            (h, f, ct) => h.ExportSupportAsync(f, ct), (h, f, ct) => h.ImportSupportAsync(f, ct));
        var (exportGold, importGold) = FolderVerbs("gold", "the gold groups (groups, members, decisions, actions, minutes)",
            (h, f, ct) => h.ExportGoldGroupsAsync(f, ct), (h, f, ct) => h.ImportGoldGroupsAsync(f, ct));
        var (exportResources, importResources) = FolderVerbs("resources", "the Directorate's budget and staffing by year",
            (h, f, ct) => h.ExportResourcesAsync(f, ct), (h, f, ct) => h.ImportResourcesAsync(f, ct));

        // Export only: a sample's findings are the police authority's words and its responses the Directorate's, and a Service
        // Confidence record is kept by hand; a file that could write either party's words is not offered (ADR 0016).
        var exportDipSamples = ExportOnly("dip-samples", "the oversight dip samples (samples and their cases, findings and responses)", (h, f, ct) => h.ExportDipSamplesAsync(f, ct));
        var exportConfidence = ExportOnly("service-confidence", "the Service Confidence register (records, restrictions, reviews)", (h, f, ct) => h.ExportServiceConfidenceAsync(f, ct));

        return new Command("registers", "The business interests, vetting, organisational learning and risk registers, the support programme, gold groups, dip samples and the Service Confidence register in the interchange format")
        {
            new Command("export", "Write a register as CSV") { exportInterests, exportVetting, exportLearning, exportRisks, exportSupport, exportGold, exportResources, exportDipSamples, exportConfidence },
            new Command("import", "Read a register from CSV") { importInterests, importVetting, importLearning, importRisks, importSupport, importGold, importResources },
        };

        Command ExportOnly(string name, string what, Func<RegisterFilesHandler, DirectoryInfo, CancellationToken, Task<IReadOnlyDictionary<string, int>>> export)
        {
            var outFolder = new Option<DirectoryInfo>("--out") { Description = "The folder to write the files into (created if need be)", Required = true };
            var verb = new Command(name, $"Write {what} as CSV files") { outFolder };
            verb.SetAction((p, ct) => withServices(args, async sp =>
            {
                var folder = p.GetValue(outFolder)!;
                var written = await export(sp.GetRequiredService<RegisterFilesHandler>(), folder, ct);
                Console.WriteLine($"Wrote {string.Join(", ", written.Select(w => $"{w.Key} ({w.Value:N0} rows)"))} to {folder.FullName}");
                return 0;
            }));
            return verb;
        }

        // A register kept as a folder of files: export writes them all, import reads whichever are present.
        (Command Export, Command Import) FolderVerbs(string name, string what,
            Func<RegisterFilesHandler, DirectoryInfo, CancellationToken, Task<IReadOnlyDictionary<string, int>>> export,
            Func<RegisterFilesHandler, DirectoryInfo, CancellationToken, Task<(IReadOnlyDictionary<string, int> Rows, IReadOnlyList<RegisterFilesHandler.FileIssue> Issues)>> import)
        {
            var outFolder = new Option<DirectoryInfo>("--out") { Description = "The folder to write the files into (created if need be)", Required = true };
            var exportVerb = new Command(name, $"Write {what} as CSV files") { outFolder };
            exportVerb.SetAction((p, ct) => withServices(args, async sp =>
            {
                var folder = p.GetValue(outFolder)!;
                var written = await export(sp.GetRequiredService<RegisterFilesHandler>(), folder, ct);
                Console.WriteLine($"Wrote {string.Join(", ", written.Select(w => $"{w.Key} ({w.Value:N0} rows)"))} to {folder.FullName}");
                return 0;
            }));
            var inFolder = new Argument<DirectoryInfo>("folder") { Description = "The folder holding the files (any of them)" };
            var importVerb = new Command(name, $"Read {what} from CSV files: every row is checked first, and nothing is written if any is wrong") { inFolder };
            importVerb.SetAction((p, ct) => withServices(args, async sp =>
            {
                var folder = p.GetValue(inFolder)!;
                if (!folder.Exists) throw new Kernel.ActionRefusedException($"{folder.FullName}: no such folder.");
                var (rows, issues) = await import(sp.GetRequiredService<RegisterFilesHandler>(), folder, ct);
                return Report(issues, $"Imported {string.Join(", ", rows.Select(r => $"{r.Key} ({r.Value:N0} rows)"))}");
            }));
            return (exportVerb, importVerb);
        }
    }

    private static int Report(IReadOnlyList<RegisterFilesHandler.FileIssue> issues, string done)
    {
        if (issues.Count == 0)
        {
            Console.WriteLine(done);
            return 0;
        }
        Console.Error.WriteLine($"Nothing was imported: {issues.Count} problem{(issues.Count == 1 ? "" : "s")}.");
        foreach (var issue in issues.Take(200)) Console.Error.WriteLine(issue);
        return 2;
    }
}
