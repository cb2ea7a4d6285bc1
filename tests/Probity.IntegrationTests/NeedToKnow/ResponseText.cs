using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Probity.IntegrationTests.NeedToKnow;

/// <summary>One searchable piece of an answer: the body, a header, a file inside a zip, a PDF's text layer.</summary>
internal sealed record TextPart(string Where, string Text);

/// <summary>
/// Everything a reader receives, as text to search: headers that carry data (Location, Content-Disposition), the
/// body as sent and with HTML entities and JSON escapes undone, every file inside a zip (recursively, gzip too), and
/// a PDF's text layer (<see cref="PdfText"/>).
/// </summary>
internal static partial class ResponseText
{
    public static IReadOnlyList<TextPart> Of(HttpResponseMessage response, byte[] body)
    {
        var parts = new List<TextPart>();
        if (response.Headers.Location is { } location) parts.Add(new("Location header", Uri.UnescapeDataString(location.OriginalString)));
        if (response.Content.Headers.ContentDisposition is { } disposition) parts.Add(new("Content-Disposition header", disposition.ToString()));
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "body";
        AddFile(parts, type, name, body, depth: 0);
        return parts;
    }

    private static void AddFile(List<TextPart> parts, string mediaType, string name, byte[] bytes, int depth)
    {
        if (depth > 3 || bytes.Length == 0) return;
        if (IsZip(bytes))
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries.Where(e => e.Name.Length > 0))
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                AddFile(parts, "", $"{name} › {entry.FullName}", copy.ToArray(), depth + 1);
            }
            return;
        }
        if (bytes.Length > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var copy = new MemoryStream();
            gzip.CopyTo(copy);
            AddFile(parts, "", name + " (gunzipped)", copy.ToArray(), depth + 1);
            return;
        }
        if (bytes.Length > 4 && Encoding.ASCII.GetString(bytes, 0, 4) == "%PDF")
        {
            parts.Add(new(name + " (PDF text layer and streams)", PdfText.Extract(bytes)));
            return;
        }
        var text = Encoding.UTF8.GetString(bytes);
        parts.Add(new(name, text));
        // Markers are plain letters, digits and dashes, but a page may still encode them (&#x2D;) or a JSON writer escape them (\u002D).
        if (mediaType.Contains("html", StringComparison.OrdinalIgnoreCase) || text.Contains("&#", StringComparison.Ordinal)) parts.Add(new(name + " (entities decoded)", WebUtility.HtmlDecode(text)));
        if (text.Contains("\\u", StringComparison.Ordinal)) parts.Add(new(name + " (JSON escapes undone)", JsonEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString())));
    }

    private static bool IsZip(byte[] bytes) => bytes.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial Regex JsonEscape();
}
