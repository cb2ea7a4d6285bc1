using System.Diagnostics;
using System.Globalization;
using Probity.Cases.Letters;

/// <summary>
/// Letter generation: each built-in template rendered with made-up facts (Fluid), then drawn as a PDF (Skia) and written
/// as a Word document (OpenXml), as SendLetterHandler does before storing them. No database: storing a letter is the
/// document store's insert, measured by the tests' real HTTP path, not here.
/// Usage: dotnet run -c Release --project bench/Probity.Bench -- letters [--runs 200]
/// </summary>
internal static class LettersBench
{
    public static Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--runs");
        var runs = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 200;
        var today = new DateOnly(2026, 11, 30);
        // Warm up: fonts, Fluid's parser, OpenXml's schema.
        foreach (var (name, body) in LetterTemplates.BuiltIn) Letter(name, body, today);

        Console.WriteLine($"Letter generation, {runs} letters per template (render + PDF + DOCX), ms:");
        Console.WriteLine($"{"template",-20} {"render p50",11} {"PDF p50",8} {"DOCX p50",9} {"total p50",10} {"total p99",10} {"PDF bytes",10} {"DOCX bytes",11}");
        var all = new List<double>();
        foreach (var (name, body) in LetterTemplates.BuiltIn)
        {
            var render = new List<double>(); var pdf = new List<double>(); var docx = new List<double>(); var total = new List<double>();
            var (pdfBytes, docxBytes) = (0, 0);
            for (var i = 0; i < runs; i++)
            {
                var facts = SendLetterHandler.Sample(today.AddDays(-(i % 300)), name.EndsWith("2008", StringComparison.Ordinal) ? "2008" : "2020");
                var clock = Stopwatch.StartNew();
                var text = LetterTemplates.Render(body, facts);
                var rendered = clock.Elapsed.TotalMilliseconds;
                var p = LetterPdf.Render("Letter", text);
                var drawn = clock.Elapsed.TotalMilliseconds;
                var d = LetterDocx.Render("Letter", text);
                var written = clock.Elapsed.TotalMilliseconds;
                render.Add(rendered); pdf.Add(drawn - rendered); docx.Add(written - drawn); total.Add(written);
                (pdfBytes, docxBytes) = (p.Length, d.Length);
            }
            all.AddRange(total);
            Console.WriteLine($"{name,-20} {P(render, 50),11:F2} {P(pdf, 50),8:F2} {P(docx, 50),9:F2} {P(total, 50),10:F2} {P(total, 99),10:F2} {pdfBytes,10:N0} {docxBytes,11:N0}");
        }
        Console.WriteLine($"{"all letters",-20} {"",11} {"",8} {"",9} {P(all, 50),10:F2} {P(all, 99),10:F2}   (target: under 300 ms)");
        return Task.FromResult(P(all, 99) < 300 ? 0 : 1);
    }

    private static void Letter(string name, string body, DateOnly today)
    {
        var text = LetterTemplates.Render(body, SendLetterHandler.Sample(today, name.EndsWith("2008", StringComparison.Ordinal) ? "2008" : "2020"));
        LetterPdf.Render("Letter", text);
        LetterDocx.Render("Letter", text);
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
