using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Performance.Measures;
using Probity.Performance.Report;

namespace Probity.IntegrationTests;

/// <summary>The quarterly PSPI report end to end: the form, the background job, the downloads, the audit trail.</summary>
public sealed partial class PerformanceReportTests(Apps apps)
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_senior_manager_produces_the_quarterly_report_and_downloads_it(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var ct = TestContext.Current.CancellationToken;

        var form = await senior.Http.GetStringAsync("/performance/report", ct);
        Assert.Contains("data-testid=\"report-form\"", form, StringComparison.Ordinal);

        var posted = await senior.PostFormAsync("/performance/report", new Dictionary<string, string> { ["year"] = "2010", ["quarter"] = "3", ["unit"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var jobUrl = posted.Headers.Location!.OriginalString;
        Assert.Matches("^/performance/report/[0-9a-f]{32}$", jobUrl);

        string page;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            page = await senior.Http.GetStringAsync(jobUrl, ct);
            if (!page.Contains("data-testid=\"report-progress\"", StringComparison.Ordinal)) break;
            Assert.Contains("<meta http-equiv=\"refresh\" content=\"1\">", page, StringComparison.Ordinal);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the report job did not finish within 60 s");
            await Task.Delay(200, ct);
        }
        Assert.Contains("data-testid=\"report-done\"", page, StringComparison.Ordinal);

        var pdf = await senior.Http.GetAsync($"{jobUrl}/pdf", ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var pdfBytes = await pdf.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdfBytes, 0, 4));
        Assert.Matches(@"/Count \d+", Encoding.Latin1.GetString(pdfBytes));

        var zipBytes = await senior.Http.GetByteArrayAsync($"{jobUrl}/csv", ct);
        using (var zip = new ZipArchive(new MemoryStream(zipBytes)))
        {
            Assert.NotNull(zip.GetEntry("measures.csv"));
            Assert.NotNull(zip.GetEntry("by_category.csv"));
            using var reader = new StreamReader(zip.GetEntry("measures.csv")!.Open());
            var measures = await reader.ReadToEndAsync(ct);
            Assert.StartsWith("key,title,group,", measures, StringComparison.Ordinal);
            Assert.Equal(MeasureCatalogue.All.Count + 1, measures.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }

        var html = await senior.Http.GetAsync($"{jobUrl}/html", ct);
        // The HTML report opens in the browser (it is a web page), and its headings wrap between words, never inside one ("Valu e").
        Assert.Equal("inline", html.Content.Headers.ContentDisposition?.DispositionType);
        var htmlText = await html.Content.ReadAsStringAsync(ct);
        Assert.DoesNotContain("overflow-wrap:anywhere", htmlText, StringComparison.Ordinal);
        Assert.Contains("th{", htmlText, StringComparison.Ordinal);
        Assert.Contains("style-src 'sha256-", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("Professional Standards Performance Indicators — Q3 2010/11", await html.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        var ipcc = await senior.Http.GetStringAsync($"{jobUrl}/ipcc-return.csv", ct);
        Assert.StartsWith("section,item,value\r\n", ipcc, StringComparison.Ordinal);
        var received = ReceivedPattern().Match(ipcc);
        Assert.True(received.Success && int.Parse(received.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "no cases received in Q3 2010/11 in the return");

        // Another user cannot see the job or its files.
        var analyst = await app.SignInAsync("analyst");
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.Http.GetAsync(jobUrl, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.Http.GetAsync($"{jobUrl}/pdf", ct)).StatusCode);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var jobId = jobUrl[(jobUrl.LastIndexOf('/') + 1)..];
        var trail = await db.AuditEntries.Where(a => a.Target == "performance_report" && a.Actor == "senior").ToListAsync(ct);
        Assert.Contains(trail, a => a.Action == "export" && a.Detail!.Contains("generate", StringComparison.Ordinal) && a.Detail.Contains(jobId, StringComparison.Ordinal));
        Assert.Contains(trail, a => a.Detail!.Contains("download pdf", StringComparison.Ordinal) && a.Detail.Contains(jobId, StringComparison.Ordinal));
    }

    // How fast the report builds is measured by bench/ (`pmf --store`), not asserted here.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_full_quarterly_report_builds_every_format_it_offers(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var jobs = app.Services.GetRequiredService<ReportJobs>();
        var job = new ReportJobs.Job { Reader = Probity.Kernel.CaseAccessScope.System, Quarter = Period.Quarter(2010, 3), Created = DateTimeOffset.MinValue };
        var results = await jobs.BuildAsync(job, TestContext.Current.CancellationToken);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(results.Pdf, 0, 4));
        // Text copied from the PDF reads as whole words: each line is drawn as one run, not glyph by glyph ("C ases").
        var copied = NeedToKnow.PdfText.Extract(results.Pdf, separateRuns: true);
        Assert.Contains("Cases received", copied, StringComparison.Ordinal);
        Assert.Contains("Professional Standards Performance Indicators", copied, StringComparison.Ordinal);
        Assert.Contains("Professional Standards Performance Indicators — Q3 2010/11", Encoding.UTF8.GetString(results.Html), StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(results.CsvZip));
        Assert.NotNull(zip.GetEntry("measures.csv"));
        Assert.StartsWith("section,item,value\r\n", Encoding.UTF8.GetString(results.IpccReturn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_handler_may_not_produce_the_report()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var handler = await app.SignInAsync("handler");
        var response = await handler.Http.GetAsync("/performance/report", TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex(@"\r\ncases,received,(\d+)\r\n")]
    private static partial Regex ReceivedPattern();
}
