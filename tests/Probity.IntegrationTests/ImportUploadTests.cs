using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Probity.Infrastructure.Web;

namespace Probity.IntegrationTests;

/// <summary>
/// Uploading a bundle on /interchange/import: limits on size and file count with a clear message, file names that are
/// no file names refused (never a 500, never a path), and the upload kept in a folder Probity owns and removes, even
/// after a process was killed mid-way.
/// </summary>
public sealed partial class ImportUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Units = "unit_id,name,kind,parent_unit_id,resident_population\nU-UP,Uploaded borough,borough,,\n";
    private const string Staff = "staff_id,display_name,staff_type,rank,unit_id,joined_on,left_on,gender,ethnicity,vetting_level,vetting_expires_on\nS-UP,PC Upload,officer,PC,U-UP,2010-01-01,,,,,\n";

    private static async Task<HttpResponseMessage> UploadAsync(SignedInClient client, bool token = true, params (string Name, string Content)[] files)
    {
        var form = new MultipartFormDataContent();
        if (token) form.Add(new StringContent(await client.GetFormTokenAsync("/interchange/import")), "__RequestVerificationToken");
        foreach (var (name, content) in files)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            // Set by hand: HttpClient would tidy a name such as ".." into something else.
            file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileName = $"\"{name}\"" };
            form.Add(file);
        }
        return await client.Http.PostAsync("/interchange/import", form, Ct);
    }

    private static async Task<string> ErrorAfterAsync(SignedInClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/interchange/import", response.Headers.Location!.OriginalString);
        var page = await client.Http.GetStringAsync("/interchange/import", Ct);
        var match = ErrorPattern().Match(page);
        Assert.True(match.Success, "no error message on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static void AssertNothingLeft(ProbityApp app) =>
        Assert.Empty(Directory.Exists(app.UploadFolder) ? Directory.EnumerateFileSystemEntries(app.UploadFolder) : []);

    [Fact]
    public async Task Names_that_are_no_file_names_too_many_files_and_too_many_bytes_are_refused_with_a_message_and_leave_nothing()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, settings: new Dictionary<string, string?>
        {
            [Uploads.MaxFilesSetting] = "3", [Uploads.MaxBytesSetting] = "100000",
        });
        var senior = await app.SignInAsync("senior");

        foreach (var name in new[] { "..", ".", "sub/..", "" + '\u0001' + "units.csv" })
        {
            var message = await ErrorAfterAsync(senior, await UploadAsync(senior, files: [(name, Units)]));
            Assert.Contains("is not a file name", message, StringComparison.Ordinal);
            AssertNothingLeft(app);
        }

        var tooMany = await ErrorAfterAsync(senior, await UploadAsync(senior, files: [("units.csv", Units), ("staff.csv", Staff), ("cases.csv", ""), ("appeals.csv", "")]));
        Assert.Contains($"More than 3 files ({Uploads.MaxFilesSetting})", tooMany, StringComparison.Ordinal);
        AssertNothingLeft(app);

        var tooLarge = await ErrorAfterAsync(senior, await UploadAsync(senior, files: [("units.csv", Units + new string('x', 120_000))]));
        Assert.Contains($"larger than 100,000 bytes ({Uploads.MaxBytesSetting})", tooLarge, StringComparison.Ordinal);
        AssertNothingLeft(app);

        var twice = await ErrorAfterAsync(senior, await UploadAsync(senior, files: [("units.csv", Units), ("a/units.csv", Units)]));
        Assert.Contains("Two files are named 'units.csv'", twice, StringComparison.Ordinal);
        AssertNothingLeft(app);

        // Without the antiforgery token before the files, nothing is kept.
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(senior, token: false, files: [("units.csv", Units)])).StatusCode);
        AssertNothingLeft(app);
    }

    [Fact]
    public async Task A_name_with_a_path_keeps_its_leaf_the_bundle_imports_and_the_upload_is_removed_when_the_job_ends()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        var senior = await app.SignInAsync("senior");

        var posted = await UploadAsync(senior, files: [("C:\\exports\\units.csv", Units), ("../../staff.csv", Staff)]);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var jobUrl = posted.Headers.Location!.OriginalString;
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        string page;
        while (!(page = await senior.Http.GetStringAsync(jobUrl, Ct)).Contains("data-testid=\"import-done\"", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("data-testid=\"import-rejected\"", page, StringComparison.Ordinal);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the import did not finish");
            await Task.Delay(100, Ct);
        }
        Assert.Contains("<td>units.csv</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>staff.csv</td>", page, StringComparison.Ordinal);
        AssertNothingLeft(app);

        // A job that fails (a broken gzip file) removes its upload too.
        posted = await UploadAsync(senior, files: [("units.csv.gz", "not gzip at all"), ("staff.csv", Staff)]);
        jobUrl = posted.Headers.Location!.OriginalString;
        while ((await senior.Http.GetStringAsync(jobUrl, Ct)).Contains("data-testid=\"import-progress\"", StringComparison.Ordinal))
            await Task.Delay(100, Ct);
        AssertNothingLeft(app);
    }

    [Fact]
    public async Task Uploads_a_killed_process_left_are_swept_at_start_up_and_one_in_use_is_kept()
    {
        var folder = Directory.CreateTempSubdirectory("probity-uploads-").FullName;
        // Left by a process killed mid-import: the folder, its lock file, nobody holding it.
        Directory.CreateDirectory(Path.Combine(folder, "left"));
        await File.WriteAllTextAsync(Path.Combine(folder, "left", "staff.csv"), Staff, Ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "left.lock"), "", Ct);
        // Held by a live process (here, this test).
        Directory.CreateDirectory(Path.Combine(folder, "busy"));
        await using var held = new FileStream(Path.Combine(folder, "busy.lock"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);

        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false, new Dictionary<string, string?> { [Uploads.FolderSetting] = folder });

        Assert.False(Directory.Exists(Path.Combine(folder, "left")));
        Assert.False(File.Exists(Path.Combine(folder, "left.lock")));
        Assert.True(Directory.Exists(Path.Combine(folder, "busy")));
        await held.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [GeneratedRegex("data-testid=\"error\">([^<]*)<")]
    private static partial Regex ErrorPattern();
}
