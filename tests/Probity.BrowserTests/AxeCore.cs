using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;

namespace Probity.BrowserTests;

/// <summary>One accessibility rule broken on a page: axe-core's rule id, its impact, what it asks, and where (CSS selectors).</summary>
public sealed record AxeViolation(string Rule, string Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Rule} ({Impact}): {Help} at {string.Join(" | ", Targets)}";
}

/// <summary>
/// axe-core, the accessibility engine, from the npm registry: a pinned version whose tarball is checked against the
/// registry's sha512 integrity on every run (a cached copy that changed is refused, not trusted), so the README's test
/// command works on a machine with only the .NET SDK and Chromium.
/// </summary>
public static class AxeCore
{
    public const string Version = "4.10.3";
    private const string Tarball = $"https://registry.npmjs.org/axe-core/-/axe-core-{Version}.tgz";
    // `npm view axe-core@4.10.3 dist.integrity`
    private const string Integrity = "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg==";

    /// <summary>WCAG 2.2 AA, as axe tags it: levels A and AA of WCAG 2.0, 2.1 and 2.2.</summary>
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    // Served to the page from its own origin (see InstallAsync), so the strict CSP (script-src 'self') stays on.
    private const string ServedPath = "/__browser-tests/axe.min.js";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _script;

    public static async Task<string> ScriptAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _script ??= Extract(await TarballAsync());
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<byte[]> TarballAsync()
    {
        var cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "probity-browser-tests", $"axe-core-{Version}.tgz");
        if (File.Exists(cache))
        {
            var cached = await File.ReadAllBytesAsync(cache);
            if (Verified(cached)) return cached;
            File.Delete(cache);
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var bytes = await http.GetByteArrayAsync(new Uri(Tarball));
        if (!Verified(bytes))
            throw new InvalidOperationException($"{Tarball} does not match its registry integrity {Integrity}: refusing to run it in the browser");
        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        var partial = cache + "." + Guid.NewGuid().ToString("n");
        await File.WriteAllBytesAsync(partial, bytes);
        File.Move(partial, cache, overwrite: true);
        return bytes;
    }

    private static bool Verified(byte[] tarball) =>
        string.Equals("sha512-" + Convert.ToBase64String(SHA512.HashData(tarball)), Integrity, StringComparison.Ordinal);

    private static string Extract(byte[] tarball)
    {
        using var gzip = new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name != "package/axe.min.js" || entry.DataStream is null) continue;
            using var reader = new StreamReader(entry.DataStream);
            return reader.ReadToEnd();
        }
        throw new InvalidOperationException($"{Tarball} has no package/axe.min.js");
    }

    /// <summary>Lets the context's pages load axe from their own origin: the request never reaches the app.</summary>
    public static async Task InstallAsync(IBrowserContext context)
    {
        var script = await ScriptAsync();
        await context.RouteAsync("**" + ServedPath, route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200, ContentType = "text/javascript", Body = script,
        }));
    }

    /// <summary>Runs the WCAG 2.2 AA rules on the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> CheckAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = ServedPath });
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async tags => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return r.violations.map(v => ({ rule: v.id, impact: v.impact ?? '', help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
            }
            """, WcagTags);
        return result.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("rule").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
    }
}
