using Probity.Workforce.Contracts;
using Probity.Cases.Contracts;
using System.CommandLine;
using Probity.Infrastructure;
using Probity.Interchange.ExportBundle;
using Probity.Interchange.ImportBundle;
using Probity.Interchange.Pif;

namespace Probity.Interchange;

/// <summary>probity import | export: PIF-1 bundles in and out (and other systems' exports through a mapping).</summary>
internal static class InterchangeCli
{
    public static Command BuildImport(string[] args, Func<string[], Func<IServiceProvider, Task<int>>, Task<int>> withServices)
    {
        var importPath = new Argument<DirectoryInfo>("bundle") { Description = "Folder holding a PIF-1 bundle (units.csv, staff.csv, cases.csv ...; .csv.gz accepted), or with --mapping the other system's export" };
        var importMapping = new Option<FileInfo?>("--mapping") { Description = "A mapping file (probity-mapping/1, docs/mapping.md): the folder holds another system's export, mapped to PIF-1 as it is read" };
        var importLenient = new Option<bool>("--lenient") { Description = "With --mapping: import what is valid and keep the rest in quarantine (default: all-or-nothing)" };
        var importQuarantine = new Option<FileInfo?>("--quarantine") { Description = "With --mapping: write the quarantined cells here as CSV (file,line,column,value,reason,target)" };
        var import = new Command("import", "Import a PIF-1 bundle, or another system's export through a mapping: validated first, all-or-nothing (unless --lenient), idempotent") { importPath, importMapping, importLenient, importQuarantine };
        import.SetAction((p, ct) => withServices(args, async sp =>
        {
            var folder = p.GetValue(importPath)!.FullName;
            ImportReport report;
            if (p.GetValue(importMapping) is { } mappingFile)
            {
                var mapping = Mapping.MappingFile.Load(mappingFile.FullName);
                (report, var quality) = await sp.GetRequiredService<ImportBundleHandler>().FromMappedFolderAsync(mapping, folder, p.GetValue(importLenient), new ConsoleProgress(), ct);
                Console.Error.WriteLine();
                Console.Error.Write(quality.ToText());
                if (p.GetValue(importQuarantine) is { } q) await File.WriteAllTextAsync(q.FullName, quality.QuarantineCsv(), Csv.Utf8, ct);
            }
            else if (p.GetValue(importLenient) || p.GetValue(importQuarantine) is not null)
                throw new Kernel.ActionRefusedException("--lenient and --quarantine go with --mapping: a PIF-1 bundle is always imported all-or-nothing.");
            else report = await sp.GetRequiredService<ImportBundleHandler>().FromFolderAsync(folder, new ConsoleProgress(), ct);
            Console.Error.WriteLine();
            foreach (var w in report.Warnings) Console.Error.WriteLine(w);
            foreach (var e in report.Errors) Console.Error.WriteLine(e);
            if (!report.Succeeded)
            {
                Console.Error.WriteLine($"Import rejected: {report.Errors.Count} error(s). Nothing was written.");
                return 1;
            }
            foreach (var (file, (rows, isNew)) in report.Files) Console.WriteLine($"{file,-24} {rows,9:N0} rows  {(isNew is int n ? n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "—"),9} new");
            Console.WriteLine($"Imported in {(report.ReadTime + report.WriteTime).TotalSeconds:F1}s (read {report.ReadTime.TotalSeconds:F1}s, write {report.WriteTime.TotalSeconds:F1}s)");
            return 0;
        }));
        return import;
    }

    public static Command BuildExport(string[] args, Func<string[], Func<IServiceProvider, Task<int>>, Task<int>> withServices)
    {
        var exportOut = new Option<DirectoryInfo>("--out") { Description = "Folder to write the PIF-1 files to", Required = true };
        var exportGzip = new Option<bool>("--gzip") { Description = "Write name.csv.gz files" };
        var exportUnit = new Option<string?>("--unit") { Description = "Only cases handled by or arising in this unit (its name or id) or the units within it" };
        var exportOfficer = new Option<string?>("--officer") { Description = "Only cases naming this staff id" };
        var exportStatus = new Option<string?>("--status") { Description = "received | recorded | in_hand | finalised | live" };
        var export = new Command("export", "Export everything, or a selection of cases, as a PIF-1 bundle") { exportOut, exportGzip, exportUnit, exportOfficer, exportStatus };
        export.SetAction((p, ct) => withServices(args, async sp =>
        {
            CaseFilter? filter = null;
            if (p.GetValue(exportUnit) is not null || p.GetValue(exportOfficer) is not null || p.GetValue(exportStatus) is not null)
                filter = new()
                {
                    // A unit named wrongly is refused, not exported as an almost empty bundle.
                    Unit = p.GetValue(exportUnit) is { } unit ? await sp.GetRequiredService<UnitDirectory>().ChooseAsync(unit, "--unit", handlingOnly: false, ct) : null,
                    Officer = p.GetValue(exportOfficer), Status = p.GetValue(exportStatus),
                };
            var bundle = await sp.GetRequiredService<ExportBundleHandler>().HandleAsync(filter, ct);
            PifWriter.Write(bundle, p.GetValue(exportOut)!.FullName, p.GetValue(exportGzip));
            Console.WriteLine($"Exported {bundle.Cases.Count:N0} cases, {bundle.Allegations.Count:N0} allegations, {bundle.Staff.Count:N0} staff to {p.GetValue(exportOut)!.FullName}");
            return 0;
        }));
        return export;
    }

    private sealed class ConsoleProgress : IProgress<ImportProgress>
    {
        private string _last = "";

        public void Report(ImportProgress value)
        {
            var line = $"\r{value.Stage,-8} {value.File,-24} {value.Fraction,6:P0}";
            if (line == _last) return;
            _last = line;
            Console.Error.Write(line);
        }
    }
}
