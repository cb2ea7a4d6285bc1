using System.CommandLine;
using Probity.Intelligence.ItemFiles;

namespace Probity.Intelligence;

/// <summary>
/// probity intelligence export|import: intelligence items as a file (docs/intelligence-interchange.md). Both act as the
/// account named by --as (CliSignIn: exporting needs ReadIntelligence, importing RecordIntelligence), so need-to-know and
/// the audit trail apply as on the web.
/// </summary>
internal static class IntelligenceCli
{
    public static Command Build(string[] args, Func<string[], Func<IServiceProvider, Task<int>>, Task<int>> withServices)
    {
        var output = new Option<FileInfo>("--out") { Description = $"The file to write ({ItemFilesHandler.ItemsFile})", Required = true };
        var export = new Command("export", "Write the intelligence items you may read as CSV, with NAME.sanitised.csv and NAME.disseminations.csv beside it") { output };
        export.SetAction((p, ct) => withServices(args, async sp =>
        {
            var file = p.GetValue(output)!;
            if (file.Directory is { Exists: false } folder) throw new Kernel.ActionRefusedException($"{folder.FullName}: no such folder.");
            int rows;
            var (sanitised, disseminations) = ItemFilesHandler.CompanionPaths(file.FullName);
            await using (var w = new StreamWriter(file.FullName, append: false, Infrastructure.Csv.Utf8))
            await using (var s = new StreamWriter(sanitised, append: false, Infrastructure.Csv.Utf8))
            await using (var d = new StreamWriter(disseminations, append: false, Infrastructure.Csv.Utf8))
                rows = await sp.GetRequiredService<ItemFilesHandler>().ExportAsync(w, s, d, ct);
            Console.WriteLine($"Wrote {rows:N0} intelligence items to {file.FullName}, their sanitised versions to {sanitised} and their disseminations to {disseminations}");
            return 0;
        }));

        var input = new Argument<FileInfo>("file") { Description = $"The {ItemFilesHandler.ItemsFile} to read" };
        var import = new Command("import", "Read intelligence items from CSV (and NAME.sanitised.csv and NAME.disseminations.csv beside it, when there): every row is checked first, and nothing is written if any is wrong") { input };
        import.SetAction((p, ct) => withServices(args, async sp =>
        {
            var file = p.GetValue(input)!;
            if (!file.Exists) throw new Kernel.ActionRefusedException($"{file.FullName}: no such file.");
            using var reader = new StreamReader(file.FullName, Infrastructure.Csv.Utf8);
            // The companions are read when they are there: an items file alone imports items without sanitised versions or disseminations.
            var (sanitised, disseminations) = ItemFilesHandler.CompanionPaths(file.FullName);
            using var sanitisedReader = File.Exists(sanitised) ? new StreamReader(sanitised, Infrastructure.Csv.Utf8) : null;
            using var disseminationsReader = File.Exists(disseminations) ? new StreamReader(disseminations, Infrastructure.Csv.Utf8) : null;
            var (rows, issues) = await sp.GetRequiredService<ItemFilesHandler>().ImportAsync(reader, file.Name,
                new ItemFilesHandler.Companions(sanitisedReader, Path.GetFileName(sanitised), disseminationsReader, Path.GetFileName(disseminations)), ct);
            if (issues.Count == 0)
            {
                Console.WriteLine($"Imported {rows:N0} intelligence items from {file.FullName}");
                return 0;
            }
            Console.Error.WriteLine($"Nothing was imported: {issues.Count} problem{(issues.Count == 1 ? "" : "s")}.");
            foreach (var issue in issues.Take(200)) Console.Error.WriteLine(issue);
            return 2;
        }));

        return new Command("intelligence", "Intelligence items as files") { export, import };
    }
}
