using System.IO.Compression;
using System.Text;
using Probity.Kernel;

namespace Probity.Cases.Documents;

/// <summary>
/// What a file is, read from its content (its first bytes, and for Office files the package inside), never from the
/// type the browser claims. Only the kinds a case file holds are accepted: PDF, Word and Excel (.docx, .xlsx), PNG,
/// JPEG and plain text; a program is refused by name, and a file whose name says one type while its content is another
/// is refused too, so nobody downloads "statement.pdf" and opens something else.
/// </summary>
internal static class DocumentTypes
{
    internal sealed record Found(string MediaType, string[] Extensions, string Words);

    private static readonly Found Pdf = new("application/pdf", [".pdf"], "a PDF");
    private static readonly Found Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"], "a Word document");
    private static readonly Found Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"], "an Excel workbook");
    private static readonly Found Png = new("image/png", [".png"], "a PNG image");
    private static readonly Found Jpeg = new("image/jpeg", [".jpg", ".jpeg"], "a JPEG image");
    private static readonly Found Text = new("text/plain; charset=utf-8", [".txt", ".csv", ".text"], "plain text");

    public const string Accepted = "PDF, Word (.docx), Excel (.xlsx), PNG, JPEG or plain text (.txt, .csv)";

    /// <summary>The type of <paramref name="content"/>, checked against the extension of <paramref name="fileName"/>; refuses anything else.</summary>
    public static Found Check(string fileName, byte[] content)
    {
        if (content.Length == 0) throw new ActionRefusedException($"'{fileName}' is empty: choose the document itself.");
        var found = Identify(content, fileName);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!found.Extensions.Contains(extension))
            throw new ActionRefusedException($"'{fileName}' is {found.Words} by its content, but its name says '{(extension.Length == 0 ? "no type" : extension)}'. Rename it {string.Join(" or ", found.Extensions)} if that is what it is.");
        return found;
    }

    private static Found Identify(byte[] b, string fileName)
    {
        static bool Starts(byte[] b, params byte[] magic) => b.Length >= magic.Length && b.AsSpan(0, magic.Length).SequenceEqual(magic);
        if (Starts(b, (byte)'M', (byte)'Z') || Starts(b, 0x7F, (byte)'E', (byte)'L', (byte)'F') || Starts(b, 0xCA, 0xFE, 0xBA, 0xBE)
            || Starts(b, 0xFE, 0xED, 0xFA, 0xCE) || Starts(b, 0xFE, 0xED, 0xFA, 0xCF) || Starts(b, 0xCF, 0xFA, 0xED, 0xFE) || Starts(b, 0xCE, 0xFA, 0xED, 0xFE)
            || Starts(b, (byte)'#', (byte)'!'))
            throw new ActionRefusedException($"'{fileName}' is a program or script; programs cannot be attached to a case.");
        if (Starts(b, "%PDF-"u8.ToArray())) return Pdf;
        if (Starts(b, 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Png;
        if (Starts(b, 0xFF, 0xD8, 0xFF)) return Jpeg;
        if (Starts(b, (byte)'P', (byte)'K', 0x03, 0x04)) return Office(b, fileName);
        if (IsPlainText(b)) return Text;
        throw new ActionRefusedException($"'{fileName}' is not a type a case file holds. Attach a {Accepted}.");
    }

    /// <summary>A ZIP is accepted only as the Office package it says it is (its parts name it), never as an archive of anything.</summary>
    private static Found Office(byte[] b, string fileName)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(b, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (names.Contains("[Content_Types].xml"))
            {
                if (names.Contains("word/document.xml")) return Docx;
                if (names.Contains("xl/workbook.xml")) return Xlsx;
            }
        }
        catch (InvalidDataException)
        {
            // not a readable ZIP: refused below
        }
        throw new ActionRefusedException($"'{fileName}' is a ZIP archive, not a Word or Excel document; archives cannot be attached. Attach a {Accepted}.");
    }

    private static bool IsPlainText(byte[] b)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(b);
            return text.All(c => !char.IsControl(c) || c is '\t' or '\r' or '\n' or '\f');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// The name a document is kept and served under: the last segment of what the browser sent, with anything that could
    /// break a header or a path (control characters, CR and LF, quotes, slashes, colons) replaced.
    /// </summary>
    public static string SafeFileName(string given)
    {
        var leaf = given.Replace('\\', '/');
        leaf = leaf[(leaf.LastIndexOf('/') + 1)..];
        var safe = new string([.. leaf.Select(c => char.IsControl(c) || c is '"' or ':' or '*' or '?' or '<' or '>' or '|' or ';' ? '_' : c)]).Trim().Trim('.');
        if (safe.Length > 120) safe = safe[..60] + "…" + safe[^59..];
        return safe.Length == 0 ? "document" : safe;
    }
}
