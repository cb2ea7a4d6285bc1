using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Probity.Host;
using Probity.Database;
using Probity.Performance.Facts;
using Probity.Performance.Measures;
using Probity.Performance.Report;

/// <summary>
/// Performance Management Framework timings on an existing store (e.g. the one `import` filled):
/// loading the facts snapshot, then every dashboard view (force, BSU, borough; quarter, 12 and 3 months).
/// Usage: dotnet run -c Release --project bench/Probity.Bench -- pmf --store "Data Source=/tmp/probity-bench/bench.db" [--as-of 2025-03-31] [--save FOLDER]
/// </summary>
internal static class PmfBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
        var store = Arg("--store") ?? throw new ArgumentException("--store CONNECTION is required");
        var asOf = DateOnly.ParseExact(Arg("--as-of") ?? "2025-03-31", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Probity"] = store });
        builder.Services.AddProbityCore(builder.Configuration);
        using var host = builder.Build();
        await DatabaseSetup.MigrateAsync(host.Services);
        var cache = host.Services.GetRequiredService<FactsCache>();
        var calculator = host.Services.GetRequiredService<PmfCalculator>();

        var clock = Stopwatch.StartNew();
        var facts = await cache.GetAsync(CancellationToken.None);
        Console.WriteLine($"Facts loaded in {clock.ElapsedMilliseconds} ms: {facts.Cases.Count:N0} cases, {facts.Allegations.Count:N0} allegations, {facts.Staff.Count:N0} staff");

        var views = new (string Name, string Period, string? Unit)[]
        {
            ("force, quarter", "q", null), ("force, 12 months", "12m", null), ("force, 3 months", "3m", null),
            ("CST, quarter", "q", "cst"), ("BSU 1, 12 months", "12m", "bsu-1"), ("Croydon, quarter", "q", "bor-croydon"),
        };
        Console.WriteLine();
        Console.WriteLine("| Dashboard view (with 8-period trend) | first ms | mean ms (10 runs) | max ms |");
        Console.WriteLine("|---|--:|--:|--:|");
        foreach (var (name, period, unit) in views)
        {
            var p = Period.Parse(period, asOf);
            clock.Restart();
            calculator.Compute(facts, p, unit);
            var first = clock.Elapsed.TotalMilliseconds;
            var times = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                clock.Restart();
                calculator.Compute(facts, p, unit);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"| {name} | {first:0} | {times.Average():0} | {times.Max():0} |");
        }

        // The quarterly report as the background job builds it: fresh facts, measures, HTML, PDF, CSV.
        var report = host.Services.GetRequiredService<PspiReport>();
        var quarter = Period.QuarterOf(asOf).Previous();
        Console.WriteLine();
        Console.WriteLine($"| Quarterly report ({quarter.Label}) | ms |");
        Console.WriteLine("|---|--:|");
        clock.Restart();
        var freshFacts = await cache.GetAsync(CancellationToken.None, fresh: true);
        var document = report.Build(freshFacts, quarter);
        var built = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var html = PspiHtml.Render(document);
        var htmlMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var pdf = PspiPdf.Render(document);
        var pdfMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var csv = PspiCsv.Zip(document);
        var csvMs = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"| measures (facts cached) | {built:0} |");
        Console.WriteLine($"| HTML ({html.Length / 1024:N0} KB) | {htmlMs:0} |");
        Console.WriteLine($"| PDF ({pdf.Length / 1024:N0} KB) | {pdfMs:0} |");
        Console.WriteLine($"| CSV zip ({csv.Length / 1024:N0} KB) | {csvMs:0} |");
        Console.WriteLine($"| **total** | **{built + htmlMs + pdfMs + csvMs:0}** |");
        if (Arg("--save") is { } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, document.FileStem + ".pdf"), pdf);
            await File.WriteAllTextAsync(Path.Combine(folder, document.FileStem + ".html"), html);
            Console.WriteLine($"Saved the report to {folder}");
        }
        return 0;
    }
}
