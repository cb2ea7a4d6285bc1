using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Probity.Database;
using static Microsoft.Playwright.Assertions;

namespace Probity.BrowserTests;

/// <summary>
/// Issue 13's casework journey, through the pages only, as a complaints handler lives it: record a complaint, assess the
/// severity per subject officer, allocate it and name its investigator, acknowledge it, attach a statement, hold a
/// misconduct meeting, record its outcome, send the outcome letter with the right of review, lodge and decide the
/// review. Each step is checked as a person would see it (the notice, the timeline, names not ids, the letters listed
/// and downloadable), each page of it against WCAG 2.2 AA (the forms also at 390 px), and at the end the audit trail
/// as its administrator reads it and a refusal for someone without the need to know.
/// </summary>
public sealed partial class CaseworkJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Handler_takes_a_complaint_from_record_to_a_decided_review_through_the_pages()
    {
        var today = app.Routes.Today;
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var received = today.AddDays(-14);
        var people = await PeopleAsync();
        const string complainant = "Morgan Journeyman";

        var page = await app.SignInAsync("handler");
        await AxeCore.InstallAsync(page.Context);
        var problems = new List<string>();
        try
        {
            // 1. Record the complaint: the subject officer typed by name, as the complainant gave it.
            await page.GotoAsync("/cases/new");
            await CheckAsync(page, "record a case", problems, form: true);
            var record = page.Locator("form[data-testid=record-case]");
            await record.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Public complaint" });
            await record.GetByLabel("Source").SelectOptionAsync("public");
            await record.GetByLabel("Received on").FillAsync(Iso(received));
            await record.GetByLabel("Recorded on").FillAsync(Iso(received.AddDays(1)));
            await record.GetByLabel("Where it arose").SelectOptionAsync(new SelectOptionValue { Label = people.BoroughName });
            await record.GetByLabel("Complainant's name").FillAsync(complainant);
            await record.GetByLabel("Contact details", new() { Exact = true }).FillAsync("12 Journey Road, London");
            await record.GetByLabel("Summary").FillAsync("Casework journey: the officer was abusive at a roadside stop.");
            await record.GetByLabel("Allegation 1: category").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await record.GetByLabel("Allegation 1: subject officer").FillAsync(people.Subject.Name);
            await record.GetByRole(AriaRole.Button, new() { Name = "Record case" }).ClickAsync();
            await BrowserApp.ArrivedAsync(page, u => CasePage().IsMatch(u) && !u.EndsWith("/cases/new", StringComparison.Ordinal));
            var caseId = Uri.UnescapeDataString(CasePage().Match(page.Url).Groups[1].Value);
            var caseUrl = "/cases/" + Uri.EscapeDataString(caseId);
            await Expect(page.Locator("h1")).ToContainTextAsync(caseId);
            var allegations = page.Locator("[data-testid=allegations]");
            await Expect(allegations.GetByRole(AriaRole.Link, new() { Name = people.Subject.Name })).ToBeVisibleAsync();
            await Expect(allegations).Not.ToContainTextAsync(people.Subject.Id);
            await CheckAsync(page, "the new case", problems);

            // 2. Assess the severity of the matter against the officer.
            await page.GetByRole(AriaRole.Link, new() { Name = "Assess the severity" }).ClickAsync();
            var assess = page.Locator("form[data-testid=assess-severity]");
            await Expect(assess.GetByLabel("Officer").Locator("option:checked")).ToContainTextAsync(people.Subject.Name);
            await CheckAsync(page, "assess the severity", problems, form: true);
            await assess.GetByLabel("Severity").SelectOptionAsync(new SelectOptionValue { Label = "Misconduct" });
            await assess.GetByLabel("Assessed on").FillAsync(Iso(today));
            await assess.GetByLabel("Rationale").FillAsync("Abusive language to a member of the public: misconduct, not gross misconduct.");
            await assess.GetByRole(AriaRole.Button, new() { Name = "Record the assessment" }).ClickAsync();
            await ExpectNoticeAsync(page, caseUrl);
            var severity = page.Locator("[data-testid=severity] tr", new() { HasText = people.Subject.Name });
            await Expect(severity).ToContainTextAsync("Misconduct");
            await Expect(severity).ToContainTextAsync("Chris Handler");
            // Who did each thing reads as a name, not a sign-in name.
            await Expect(Timeline(page).Locator("li", new() { HasText = "Misconduct" }).Locator(".who")).ToContainTextAsync("Chris Handler");

            // 3. Allocate it to a unit, then name its investigator and supervisor, chosen by name.
            await page.GetByRole(AriaRole.Link, new() { Name = "Allocate", Exact = true }).ClickAsync();
            await CheckAsync(page, "allocate", problems, form: true);
            var allocate = page.Locator("form[data-testid=allocate]");
            await allocate.GetByLabel("Handling unit").FillAsync(people.HandlingUnitName);
            await allocate.GetByRole(AriaRole.Button, new() { Name = "Allocate" }).ClickAsync();
            await ExpectNoticeAsync(page, caseUrl);

            await page.GetByRole(AriaRole.Link, new() { Name = "Name the investigating officer" }).ClickAsync();
            await CheckAsync(page, "name the investigating officer", problems, form: true);
            var assign = page.Locator("form[data-testid=assign]");
            await assign.GetByLabel("Investigating officer").FillAsync("Sam Okafor");
            await assign.GetByLabel("Supervisor").FillAsync("Helen Marsh");
            await assign.GetByRole(AriaRole.Button, new() { Name = "Name them" }).ClickAsync();
            await ExpectNoticeAsync(page, caseUrl);
            await Expect(page.GetByTestId("investigating-officer")).ToContainTextAsync("Sam Okafor");
            await Expect(page.GetByTestId("supervisor")).ToContainTextAsync("Helen Marsh");
            await Expect(Timeline(page)).ToContainTextAsync("Sam Okafor");

            // 4. Send the acknowledgement: listed on the case as a PDF and a Word document, both downloadable.
            await SendLetterAsync(page, caseUrl, "Acknowledgement", complainant, problems);
            await Expect(Timeline(page)).ToContainTextAsync($"Acknowledgement letter to {complainant} sent");
            await DownloadLetterAsync(page, $"Acknowledgement letter to {complainant}", complainant);

            // 5. Attach the complainant's statement (a real upload), then download it: the same bytes come back.
            var statement = Encoding.UTF8.GetBytes($"Statement of {complainant}\r\nI was stopped on the roadside and the officer swore at me.\r\n{Guid.NewGuid()}\r\n");
            await page.GetByRole(AriaRole.Link, new() { Name = "Attach a document" }).ClickAsync();
            await CheckAsync(page, "attach a document", problems, form: true);
            var attach = page.Locator("form[data-testid=attach]");
            await attach.GetByLabel("What it is").SelectOptionAsync(new SelectOptionValue { Label = "Statement" });
            await attach.GetByLabel("Title").FillAsync("Complainant's first account");
            await attach.GetByLabel("The document").SetInputFilesAsync(new FilePayload { Name = "first-account.txt", MimeType = "text/plain", Buffer = statement });
            await attach.GetByRole(AriaRole.Button, new() { Name = "Attach" }).ClickAsync();
            await ExpectNoticeAsync(page, caseUrl);
            var attached = page.Locator("[data-testid=documents] tr", new() { HasText = "Complainant's first account" });
            await Expect(attached).ToContainTextAsync("Statement");
            await Expect(attached).ToContainTextAsync("by Chris Handler");
            await Expect(Timeline(page)).ToContainTextAsync("Statement attached: Complainant's first account");
            var statementLink = page.Locator("[data-testid=documents]").GetByRole(AriaRole.Link, new() { Name = "Complainant's first account" });
            var statementHref = await statementLink.GetAttributeAsync("href") ?? "";
            var downloaded = await DownloadAsync(page, statementLink);
            Assert.Equal(Convert.ToHexString(SHA256.HashData(statement)), Convert.ToHexString(SHA256.HashData(downloaded)));

            // 6. The handling route and the finding the investigation reached.
            await page.GetByRole(AriaRole.Link, new() { Name = "Decide the handling route" }).ClickAsync();
            await CheckAsync(page, "decide the handling route", problems, form: true);
            var route = page.Locator("form[data-testid=decide-route]");
            await route.GetByLabel("Route").SelectOptionAsync("local_investigation");
            await route.GetByLabel("Decided on").FillAsync(Iso(today));
            await route.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
            await ExpectNoticeAsync(page, caseUrl);

            await page.GetByRole(AriaRole.Link, new() { Name = "Record a finding" }).ClickAsync();
            await CheckAsync(page, "record a finding", problems, form: true);
            var finding = page.Locator("form[data-testid=finding]");
            await finding.GetByLabel("Allegation").SelectOptionAsync($"{caseId}-A1");
            await finding.GetByLabel("Finding").SelectOptionAsync(new SelectOptionValue { Label = "Substantiated" });
            await finding.GetByLabel("Decided on").FillAsync(Iso(today));
            await finding.GetByRole(AriaRole.Button, new() { Name = "Record finding" }).ClickAsync();
            await ExpectNoticeAsync(page, caseUrl);

            // 7. Hold the misconduct meeting: its date and panel chosen by name; then its attendance and outcome.
            await page.GetByRole(AriaRole.Link, new() { Name = "Misconduct meeting or hearing" }).ClickAsync();
            await CheckAsync(page, "arrange a misconduct meeting", problems, form: true);
            var arrange = page.Locator("form[data-testid=arrange-hearing]");
            await Expect(arrange.GetByLabel("Officer").Locator("option:checked")).ToContainTextAsync(people.Subject.Name);
            await arrange.GetByLabel("Kind").SelectOptionAsync("misconduct_meeting");
            await arrange.GetByLabel("Date", new() { Exact = true }).FillAsync(Iso(today));
            await arrange.GetByLabel("Chair").FillAsync(people.Chair.Name);
            await arrange.GetByLabel("Other panel members").FillAsync(people.Member.Name);
            await arrange.GetByRole(AriaRole.Button, new() { Name = "Arrange" }).ClickAsync();
            await ExpectNoticeAsync(page, caseUrl);
            var hearing = page.Locator("[data-testid=hearings] tbody tr").First;
            await Expect(hearing).ToContainTextAsync(new Regex(Regex.Escape(people.Chair.Name) + @"( \([^)]*\))? \(chair\)"));
            await Expect(hearing).ToContainTextAsync(people.Member.Name);
            await Expect(hearing).ToContainTextAsync("Awaited");
            await Expect(page.Locator("[data-testid=hearings]")).Not.ToContainTextAsync(people.Chair.Id);

            await page.GetByRole(AriaRole.Link, new() { Name = "Misconduct meeting or hearing" }).ClickAsync();
            await CheckAsync(page, "record the meeting's outcome", problems, form: true);
            var held = page.Locator("form[data-testid=hearing-outcome]");
            await Expect(held.GetByLabel("Meeting or hearing").Locator("option:checked")).ToContainTextAsync(people.Subject.Name);
            await held.GetByLabel("Attendance").SelectOptionAsync(new SelectOptionValue { Label = "Attended, with a representative" });
            await held.GetByLabel("Outcome", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Written warning" });
            await held.GetByLabel("Decided on").FillAsync(Iso(today));
            await held.GetByLabel("The panel's reasons").FillAsync("Admitted; first matter in eleven years' service.");
            await held.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
            await ExpectNoticeAsync(page, caseUrl);
            await Expect(hearing).ToContainTextAsync("Attended, with a representative");
            await Expect(hearing).ToContainTextAsync("Written warning");
            await Expect(Timeline(page).Locator("li", new() { HasText = "Misconduct meeting" }).Last).ToContainTextAsync(people.Subject.Name);
            await Expect(page.Locator("h2", new() { HasText = "Outcomes" })).ToBeVisibleAsync();

            // 8. The outcome letter, with the complainant's right of review (2020 regime).
            await SendLetterAsync(page, caseUrl, "Outcome", complainant, problems);
            await Expect(Timeline(page)).ToContainTextAsync($"Outcome letter to {complainant} sent");
            var outcomeWord = await DownloadLetterAsync(page, $"Outcome letter to {complainant}", complainant);
            Assert.Contains("review", outcomeWord, StringComparison.OrdinalIgnoreCase);

            // 9. The complainant asks for a review; it is decided.
            await page.GetByRole(AriaRole.Link, new() { Name = "Lodge an appeal" }).ClickAsync();
            await CheckAsync(page, "lodge an appeal", problems, form: true);
            var lodge = page.Locator("form[data-testid=lodge-appeal]");
            await lodge.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Review" });
            await lodge.GetByLabel("Lodged on").FillAsync(Iso(today));
            await lodge.GetByRole(AriaRole.Button, new() { Name = "Lodge appeal" }).ClickAsync();
            await ExpectNoticeAsync(page, caseUrl);
            await Expect(Timeline(page)).ToContainTextAsync($"Review appeal {caseId}-AP1 lodged");

            await page.GetByRole(AriaRole.Link, new() { Name = "Record an appeal decision" }).ClickAsync();
            await CheckAsync(page, "decide the appeal", problems, form: true);
            var decide = page.Locator("form[data-testid=decide-appeal]");
            await decide.GetByLabel("Appeal").SelectOptionAsync($"{caseId}-AP1");
            await decide.GetByLabel("Result").SelectOptionAsync(new SelectOptionValue { Label = "Not upheld" });
            await decide.GetByLabel("Decided on").FillAsync(Iso(today));
            await decide.GetByLabel("Reason").FillAsync("The investigation was reasonable and proportionate.");
            await decide.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
            await ExpectNoticeAsync(page, caseUrl);
            await Expect(Timeline(page)).ToContainTextAsync($"Appeal {caseId}-AP1 not upheld");
            await Expect(page.Locator("h2", new() { HasText = "Appeals" })).ToBeVisibleAsync();
            await CheckAsync(page, "the case after the journey", problems, form: true);

            // Names, not ids, all through what the handler reads.
            var text = await page.Locator("main").InnerTextAsync();
            foreach (var person in new[] { people.Subject, people.Chair, people.Member })
                Assert.DoesNotMatch(new Regex($@"(?<!\(){Regex.Escape(person.Id)}\b"), text);

            Assert.True(problems.Count == 0, $"{problems.Count} accessibility or layout problems on the journey's pages:\n" + string.Join("\n", problems));
            await page.Context.CloseAsync();

            // The administrator reads every step on the audit trail, and cannot open the case itself (no need to know).
            var admin = await app.SignInAsync("admin");
            await AxeCore.InstallAsync(admin.Context);
            try
            {
                await admin.GotoAsync("/admin/trail");
                await admin.GetByLabel("What").FillAsync("case:" + caseId);
                await admin.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
                var trail = admin.Locator("main table");
                foreach (var step in new[] { "severity_assessed", "allocated", "assigned", "letter_sent", "document_attached", "route_decided", "finding",
                             "hearing_arranged", "hearing_outcome", "appeal_lodged", "appeal_decided" })
                    await Expect(trail.Locator("tr", new() { HasText = step + ":" }).First).ToContainTextAsync("handler");
                await Expect(trail.Locator("tr", new() { HasText = "create" }).First).ToContainTextAsync("recorded public_complaint");
                await Expect(trail.Locator("tr", new() { HasText = "send_letter" })).ToHaveCountAsync(2);
                var adminProblems = new List<string>();
                await CheckAsync(admin, "audit trail", adminProblems);
                Assert.True(adminProblems.Count == 0, string.Join("\n", adminProblems));

                // The statement's downloads are on the trail too, with its SHA-256.
                var documentId = Regex.Match(statementHref, @"/documents/(\d+)").Groups[1].Value;
                await admin.GetByLabel("What").FillAsync("document:" + documentId);
                await admin.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
                await Expect(trail.Locator("tr", new() { HasText = "download" }).First).ToContainTextAsync(Convert.ToHexString(SHA256.HashData(statement)).ToLowerInvariant());

                foreach (var url in new[] { caseUrl, statementHref })
                {
                    var response = await admin.GotoAsync(url);
                    Assert.True(response!.Status is 403 or 404 || admin.Url.Contains("/account/denied", StringComparison.OrdinalIgnoreCase),
                        $"the administrator opened {url}: {response.Status} at {admin.Url}");
                    Assert.DoesNotContain("first account", await admin.ContentAsync(), StringComparison.OrdinalIgnoreCase);
                }
            }
            catch
            {
                Console.Error.WriteLine($"Screenshot: {await BrowserApp.ScreenshotAsync(admin, "casework-admin")} at {admin.Url}");
                throw;
            }
            finally
            {
                await admin.Context.CloseAsync();
            }
        }
        catch
        {
            if (!page.IsClosed) Console.Error.WriteLine($"Screenshot: {await BrowserApp.ScreenshotAsync(page, "casework")} at {page.Url}");
            throw;
        }
        finally
        {
            if (!page.IsClosed) await page.Context.CloseAsync();
        }
    }

    private static ILocator Timeline(IPage page) => page.Locator("[data-testid=timeline]");

    /// <summary>Back on the case page with the operation's notice, and no error.</summary>
    private static async Task ExpectNoticeAsync(IPage page, string caseUrl)
    {
        // Either the case page's notice or the operation's page again with why not: say which, and why.
        await Expect(page.GetByTestId("notice").Or(page.Locator("[data-testid=form-errors]:visible"))).ToBeVisibleAsync();
        if (await page.Locator("[data-testid=form-errors]:visible").CountAsync() > 0)
            Assert.Fail($"refused at {page.Url}: {await page.Locator("[data-testid=form-errors]").InnerTextAsync()}");
        Assert.Equal(caseUrl, new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByTestId("error")).ToHaveCountAsync(0);
    }

    private static async Task SendLetterAsync(IPage page, string caseUrl, string kind, string complainant, List<string> problems)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Send a letter" }).ClickAsync();
        await CheckAsync(page, $"send the {kind.ToLowerInvariant()} letter", problems, form: true);
        var letter = page.Locator("form[data-testid=send-letter]");
        var option = letter.GetByLabel("Letter").Locator("option", new() { HasText = kind });
        await letter.GetByLabel("Letter").SelectOptionAsync(new SelectOptionValue { Label = (await option.First.InnerTextAsync()).Trim() });
        await Expect(letter.GetByLabel("To").Locator("option:checked")).ToHaveTextAsync(complainant);
        await letter.GetByRole(AriaRole.Button, new() { Name = "Produce and record as sent" }).ClickAsync();
        await ExpectNoticeAsync(page, caseUrl);
        await Expect(page.GetByTestId("notice")).ToContainTextAsync($"{kind} letter to {complainant} produced as PDF and Word");
    }

    /// <summary>The letter's PDF and Word copies are listed on the case and download as what they say; returns the Word copy's text.</summary>
    private static async Task<string> DownloadLetterAsync(IPage page, string title, string complainant)
    {
        var documents = page.Locator("[data-testid=documents]");
        var pdf = await DownloadAsync(page, documents.GetByRole(AriaRole.Link, new() { Name = title + " (PDF)" }));
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        var docx = await DownloadAsync(page, documents.GetByRole(AriaRole.Link, new() { Name = title + " (Word)" }));
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        var words = Regex.Replace(xml, "<[^>]+>", "");
        Assert.Contains(complainant, words, StringComparison.Ordinal);
        return words;
    }

    private static async Task<byte[]> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        await download.DeleteAsync();
        return bytes;
    }

    /// <summary>axe-core's WCAG 2.2 AA rules on the page as it is; a form also at 390 px, where nothing may stick out sideways.</summary>
    private static async Task CheckAsync(IPage page, string where, List<string> problems, bool form = false)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        problems.AddRange((await AxeCore.CheckAsync(page)).Select(v => $"{where}: {v}"));
        if (!form) return;
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(390, 844);
        try
        {
            problems.AddRange((await AxeCore.CheckAsync(page)).Select(v => $"{where} at 390 px: {v}"));
            var widest = await page.EvaluateAsync<string?>(
                """
                () => {
                  const root = document.documentElement, width = root.clientWidth;
                  if (root.scrollWidth <= width) return null;
                  const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1)
                    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= width + 1)
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
                  return `document ${root.scrollWidth}px in a ${width}px viewport; ${out.join(', ')}`;
                }
                """);
            if (widest is not null) problems.Add($"{where}: wider than a 390 px phone: {widest}");
        }
        finally
        {
            await page.SetViewportSizeAsync(size?.Width ?? 1280, size?.Height ?? 900);
        }
    }

    private sealed record Person(string Id, string Name);

    private sealed record People(Person Subject, Person Chair, Person Member, string BoroughName, string HandlingUnitName);

    /// <summary>
    /// Who the journey names, read from the demo force as a handler would know them: serving officers whose names are
    /// each someone's alone (so a name chooses one person), and a borough and a professional standards unit.
    /// </summary>
    private async Task<People> PeopleAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var staff = await db.Staff.AsNoTracking().Select(s => new { s.Id, s.DisplayName, s.StaffType, s.LeftOn }).ToListAsync();
        bool Alone(string name) => staff.Count(s => string.Equals(s.DisplayName, name, StringComparison.OrdinalIgnoreCase)
            || s.DisplayName.EndsWith(" " + name, StringComparison.OrdinalIgnoreCase)) == 1;
        var subjects = await db.Allegations.AsNoTracking().Where(a => a.StaffId != null).Select(a => a.StaffId!).Distinct().ToListAsync();
        var serving = staff.Where(s => s.StaffType == "officer" && s.LeftOn == null && Alone(s.DisplayName))
            .OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        // Someone no other test's case is about, so this journey's case is the only one naming them.
        var subject = serving.First(s => !subjects.Contains(s.Id));
        var panel = serving.Where(s => s.Id != subject.Id).Take(2).ToList();
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync();
        var borough = units.Where(u => u.Kind == "borough").OrderBy(u => u.Id, StringComparer.Ordinal).First();
        var handling = units.Where(u => Probity.Workforce.Contracts.UnitDirectory.HandlingKinds.Contains(u.Kind)
                && units.Count(o => string.Equals(o.Name, u.Name, StringComparison.OrdinalIgnoreCase)) == 1)
            .OrderBy(u => u.Kind == "cst" ? 0 : 1).ThenBy(u => u.Id, StringComparer.Ordinal).First();
        return new People(new(subject.Id, subject.DisplayName), new(panel[0].Id, panel[0].DisplayName), new(panel[1].Id, panel[1].DisplayName),
            borough.Name, handling.Name);
    }

    [GeneratedRegex(@"/cases/([^/?#]+)$")]
    private static partial Regex CasePage();
}
