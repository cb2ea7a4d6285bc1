using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.BrowserTests;

/// <summary>
/// Every page (the need-to-know sweep's list of GET routes) as every role: WCAG 2.2 AA by axe-core, no content
/// security policy violation, nothing wider than a 390 px phone, no form or button on paper; a screenshot of each at
/// 1440 and 390 px for a reviewer.
/// </summary>
/// <remarks>One class per role (the demo force's accounts, and nobody signed in), so the roles run side by side.</remarks>
public abstract partial class EveryPageTests(BrowserApp app, string role)
{
    /// <summary>Where the screenshots go: beside the test assembly, one folder per role.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "page-screenshots");

    [Fact]
    public async Task Every_page_meets_WCAG_2_2_AA_fits_a_phone_prints_without_forms_and_breaks_no_content_security_policy()
    {
        var folder = Path.Combine(ScreenshotFolder, role);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);

        var page = role == "anonymous" ? await AnonymousAsync() : await app.SignInAsync(role);
        await AxeCore.InstallAsync(page.Context);
        var console = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") lock (console) console.Add(m.Text); };
        page.PageError += (_, e) => { lock (console) console.Add("page error: " + e); };

        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var clock = new System.Diagnostics.Stopwatch();
        TimeSpan loading = default, checking = default, drawing = default;
        var context = new SweepContext(app.Routes, role, new Dictionary<string, string>());
        try
        {
            foreach (var route in CanaryRoutes.Table.Where(r => !r.Template.StartsWith("/api/", StringComparison.Ordinal)))
            {
                // The first URL of each route: its first parameter value, unfiltered.
                var url = route.Urls(context).FirstOrDefault();
                if (url is null) continue;
                await page.SetViewportSizeAsync(1440, 900);
                lock (console) console.Clear();
                clock.Restart();
                var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                if (response is null || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal)) continue;
                // A refusal, a redirect to sign-in or to the home page lands on a page already checked (whatever its ReturnUrl).
                var landedUri = new Uri(page.Url);
                var landed = landedUri.PathAndQuery;
                var redirected = !string.Equals(landedUri.AbsolutePath, new Uri(app.BaseAddress, url).AbsolutePath, StringComparison.Ordinal);
                if (!seen.Add(redirected ? landedUri.AbsolutePath : landed)) continue;
                var where = landed == url ? url : $"{url} (→ {landed})";

                loading += clock.Elapsed; clock.Restart();
                problems.AddRange((await AxeCore.CheckAsync(page)).Select(v => $"{where}: {v}"));

                checking += clock.Elapsed; clock.Restart();
                var name = FileName(landed);
                await page.ScreenshotAsync(Screenshot(folder, name + "-1440"));

                await page.SetViewportSizeAsync(390, 844);
                var widest = await page.EvaluateAsync<string?>(WiderThanViewport);
                if (widest is not null) problems.Add($"{where}: wider than a 390 px phone: {widest}");
                await page.ScreenshotAsync(Screenshot(folder, name + "-390"));

                await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
                var printed = await page.EvaluateAsync<string[]>(VisibleControls);
                if (printed.Length > 0) problems.Add($"{where}: prints form controls: {string.Join(" | ", printed)}");
                await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

                drawing += clock.Elapsed;
                lock (console)
                    problems.AddRange(console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.StartsWith("page error", StringComparison.Ordinal))
                        .Select(m => $"{where}: console: {m}"));
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{seen.Count} pages as {role}; screenshots in {folder}");
        Console.WriteLine($"Screenshots of {seen.Count} pages as {role} (1440 and 390 px): {folder} (loading {loading.TotalSeconds:0}s, axe {checking.TotalSeconds:0}s, screenshots, phone and print {drawing.TotalSeconds:0}s)");
        Assert.True(seen.Count >= 3, $"only {seen.Count} pages reached as {role}: {string.Join(", ", seen)}");
        Assert.True(problems.Count == 0, $"{problems.Count} problems as {role}:\n" + string.Join("\n", problems));
    }

    private async Task<IPage> AnonymousAsync()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Null if the document fits its viewport; otherwise the document's width and the widest elements that stick out.</summary>
    private const string WiderThanViewport =
        """
        () => {
          const root = document.documentElement, width = root.clientWidth;
          if (root.scrollWidth <= width) return null;
          const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1)
            .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= width + 1)
            .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
          return `document ${root.scrollWidth}px in a ${width}px viewport; ${out.join(', ')}`;
        }
        """;

    /// <summary>Forms, fields and buttons a printout would show (links styled as buttons count as buttons).</summary>
    private const string VisibleControls =
        """
        () => [...document.querySelectorAll('form, button, input:not([type=hidden]), select, textarea, .button')]
          .filter(e => e.checkVisibility()).slice(0, 5).map(e => e.outerHTML.slice(0, 100))
        """;

    // JPEG: encoding a long page's PNG twice per page doubled the suite's time, for no difference a reviewer would see.
    private static PageScreenshotOptions Screenshot(string folder, string name) =>
        new() { Path = Path.Combine(folder, name + ".jpg"), FullPage = true, Type = ScreenshotType.Jpeg, Quality = 80 };

    private static string FileName(string pathAndQuery)
    {
        var name = Unsafe().Replace(pathAndQuery.Trim('/'), "_");
        return name.Length == 0 ? "home" : name.Length > 120 ? name[..120] : name;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex Unsafe();
}

public sealed class EveryPageAnonymousTests(BrowserApp app) : EveryPageTests(app, "anonymous");
public sealed class EveryPageAsHandlerTests(BrowserApp app) : EveryPageTests(app, "handler");
public sealed class EveryPageAsInvestigatorTests(BrowserApp app) : EveryPageTests(app, "investigator");
public sealed class EveryPageAsAnalystTests(BrowserApp app) : EveryPageTests(app, "analyst");
public sealed class EveryPageAsSeniorTests(BrowserApp app) : EveryPageTests(app, "senior");
public sealed class EveryPageAsOversightTests(BrowserApp app) : EveryPageTests(app, "oversight");
public sealed class EveryPageAsAdminTests(BrowserApp app) : EveryPageTests(app, "admin");
public sealed class EveryPageAsIntelligenceTests(BrowserApp app) : EveryPageTests(app, "intelligence");
public sealed class EveryPageAsSuperintendentTests(BrowserApp app) : EveryPageTests(app, "superintendent");
