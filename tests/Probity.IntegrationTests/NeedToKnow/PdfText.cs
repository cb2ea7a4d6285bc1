using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Probity.IntegrationTests.NeedToKnow;

/// <summary>
/// The text of a PDF as someone searching it would find it, without a PDF library: every object is read, FlateDecode
/// streams are inflated, and the text layer is decoded. Skia (which draws the PSPI report) writes text as 2-byte glyph
/// codes in Type0 fonts (<c>&lt;0026&gt; Tj</c>, one glyph per operator), so the codes are mapped back to characters
/// through each font's ToUnicode CMap, following the font the content stream selects with <c>/F4 11 Tf</c>. When a
/// font name is ambiguous (different objects on different pages) every candidate decoding is emitted: a superset, so a
/// marker can only be over-reported, never missed. The inflated streams and object dictionaries (links, metadata) are
/// added too; embedded font programs and images are left out (binary, and they hold no words).
/// </summary>
internal static partial class PdfText
{
    private sealed record PdfObject(int Number, string Dictionary, byte[]? Stream);

    /// <param name="separateRuns">Ends each text-showing operator with a line break, as a viewer that copies text sees
    /// glyphs placed one by one: a word drawn a glyph at a time then reads broken ("C\nases"), as it does when copied.</param>
    public static string Extract(byte[] pdf, bool separateRuns = false)
    {
        var objects = ReadObjects(pdf);
        var cmaps = new Dictionary<int, Dictionary<int, string>>();
        foreach (var o in objects.Values)
        {
            var toUnicode = ToUnicodeRef().Match(o.Dictionary);
            if (toUnicode.Success && objects.TryGetValue(Int(toUnicode.Groups[1].Value), out var cmapObject) && cmapObject.Stream is { } cmap)
                cmaps[o.Number] = ParseCMap(Encoding.Latin1.GetString(cmap));
        }

        // Font resource names (/F4) to font objects, over every resource dictionary in the file.
        var fontNames = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var o in objects.Values)
        {
            foreach (Match fonts in FontDictionary().Matches(o.Dictionary)) AddFontNames(fonts.Groups[1].Value, fontNames);
            foreach (Match indirect in FontDictionaryRef().Matches(o.Dictionary))
                if (objects.TryGetValue(Int(indirect.Groups[1].Value), out var dict)) AddFontNames(dict.Dictionary, fontNames);
        }

        var text = new StringBuilder();
        foreach (var o in objects.Values.OrderBy(o => o.Number))
        {
            text.Append(o.Dictionary).Append('\n');
            if (o.Stream is null || o.Dictionary.Contains("/Length1", StringComparison.Ordinal) || o.Dictionary.Contains("/Subtype /Image", StringComparison.Ordinal)) continue;
            var content = Encoding.Latin1.GetString(o.Stream);
            text.Append(content).Append('\n');
            if (content.Contains("Tf", StringComparison.Ordinal) && (content.Contains("Tj", StringComparison.Ordinal) || content.Contains("TJ", StringComparison.Ordinal)))
                text.Append(DecodeTextLayer(content, fontNames, cmaps, separateRuns)).Append('\n');
        }
        return text.ToString();
    }

    private static Dictionary<int, PdfObject> ReadObjects(byte[] pdf)
    {
        // Latin-1 keeps one char per byte, so string offsets are byte offsets.
        var raw = Encoding.Latin1.GetString(pdf);
        var objects = new Dictionary<int, PdfObject>();
        var position = 0;
        while (true)
        {
            var header = ObjectHeader().Match(raw, position);
            if (!header.Success) break;
            var start = header.Index + header.Length;
            var end = raw.IndexOf("endobj", start, StringComparison.Ordinal);
            if (end < 0) break;
            var streamAt = raw.IndexOf("stream", start, StringComparison.Ordinal);
            if (streamAt < 0 || streamAt > end)
            {
                objects[Int(header.Groups[1].Value)] = new PdfObject(Int(header.Groups[1].Value), raw[start..end], null);
                position = end + 6;
                continue;
            }
            var dictionary = raw[start..streamAt];
            var dataStart = streamAt + "stream".Length;
            if (raw[dataStart] == '\r') dataStart++;
            if (raw[dataStart] == '\n') dataStart++;
            var length = DirectLength().Match(dictionary);
            int dataEnd;
            if (length.Success) dataEnd = dataStart + Int(length.Groups[1].Value);
            else
            {
                dataEnd = raw.IndexOf("endstream", dataStart, StringComparison.Ordinal);
                if (dataEnd < 0) break;
            }
            var data = pdf.AsSpan(dataStart, dataEnd - dataStart).ToArray();
            if (dictionary.Contains("/FlateDecode", StringComparison.Ordinal)) data = Inflate(data);
            objects[Int(header.Groups[1].Value)] = new PdfObject(Int(header.Groups[1].Value), dictionary, data);
            var after = raw.IndexOf("endobj", dataEnd, StringComparison.Ordinal);
            if (after < 0) break;
            position = after + 6;
        }
        return objects;
    }

    private static byte[] Inflate(byte[] data)
    {
        try
        {
            using var input = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return data; // not what the dictionary says: searched as it is
        }
    }

    private static void AddFontNames(string dictionary, Dictionary<string, HashSet<int>> names)
    {
        foreach (Match m in NamedRef().Matches(dictionary))
        {
            if (!names.TryGetValue(m.Groups[1].Value, out var set)) names[m.Groups[1].Value] = set = [];
            set.Add(Int(m.Groups[2].Value));
        }
    }

    /// <summary>bfchar and bfrange entries of a ToUnicode CMap: glyph code to the characters it stands for.</summary>
    internal static Dictionary<int, string> ParseCMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match block in BfCharBlock().Matches(cmap))
            foreach (Match pair in HexPair().Matches(block.Groups[1].Value))
                map[Convert.ToInt32(pair.Groups[1].Value, 16)] = Utf16(pair.Groups[2].Value);
        foreach (Match block in BfRangeBlock().Matches(cmap))
            foreach (Match range in RangeLine().Matches(block.Groups[1].Value))
            {
                var low = Convert.ToInt32(range.Groups[1].Value, 16);
                var high = Convert.ToInt32(range.Groups[2].Value, 16);
                if (range.Groups[3].Success)
                {
                    var first = Utf16(range.Groups[3].Value);
                    for (var code = low; code <= high && code - low < 65536; code++)
                        map[code] = first[..^1] + (char)(first[^1] + (code - low));
                }
                else
                {
                    var targets = HexString().Matches(range.Groups[4].Value).Select(t => Utf16(t.Groups[1].Value)).ToList();
                    for (var code = low; code <= high && code - low < targets.Count; code++) map[code] = targets[code - low];
                }
            }
        return map;
    }

    private static string DecodeTextLayer(string content, Dictionary<string, HashSet<int>> fontNames, Dictionary<int, Dictionary<int, string>> cmaps, bool separateRuns)
    {
        var candidates = new List<Dictionary<int, string>>();
        var outputs = new List<StringBuilder> { new() };
        foreach (Match op in TextOperator().Matches(content))
        {
            if (op.Groups["font"].Success)
            {
                candidates = fontNames.TryGetValue(op.Groups["font"].Value, out var fonts)
                    ? fonts.Where(cmaps.ContainsKey).Select(f => cmaps[f]).ToList()
                    : [];
                while (outputs.Count < Math.Max(1, candidates.Count)) outputs.Add(new StringBuilder(outputs[0].ToString()));
                foreach (var o in outputs) o.Append(' ');
                continue;
            }
            if (op.Groups["end"].Success)
            {
                foreach (var o in outputs) o.Append('\n');
                continue;
            }
            var hex = op.Groups["hex"].Success ? [op.Groups["hex"].Value]
                : op.Groups["array"].Success ? HexString().Matches(op.Groups["array"].Value).Select(h => h.Groups[1].Value).ToList()
                : new List<string>();
            for (var i = 0; i < outputs.Count; i++)
            {
                var map = candidates.Count == 0 ? null : candidates[Math.Min(i, candidates.Count - 1)];
                foreach (var h in hex) outputs[i].Append(Decode(h, map));
                if (separateRuns) outputs[i].Append('\n');
            }
        }
        return string.Join("\n\u0001\n", outputs.Select(o => o.ToString()));
    }

    private static string Decode(string hex, Dictionary<int, string>? map)
    {
        hex = string.Concat(hex.Where(Uri.IsHexDigit));
        var text = new StringBuilder();
        // Identity-H fonts use 2-byte codes; a simple font (no map) is read a byte at a time.
        var width = map is null ? 2 : 4;
        for (var i = 0; i + width <= hex.Length; i += width)
        {
            var code = Convert.ToInt32(hex.Substring(i, width), 16);
            text.Append(map is null ? ((char)code).ToString() : map.GetValueOrDefault(code, "\uFFFD"));
        }
        return text.ToString();
    }

    private static string Utf16(string hex)
    {
        hex = string.Concat(hex.Where(Uri.IsHexDigit));
        var chars = new char[hex.Length / 4];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)Convert.ToInt32(hex.Substring(i * 4, 4), 16);
        return new string(chars);
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d+)\s+\d+\s+obj\b")]
    private static partial Regex ObjectHeader();

    [GeneratedRegex(@"/Length\s+(\d+)(?!\s+\d+\s+R)")]
    private static partial Regex DirectLength();

    [GeneratedRegex(@"/ToUnicode\s+(\d+)\s+\d+\s+R")]
    private static partial Regex ToUnicodeRef();

    [GeneratedRegex(@"/Font\s*<<(.*?)>>", RegexOptions.Singleline)]
    private static partial Regex FontDictionary();

    [GeneratedRegex(@"/Font\s+(\d+)\s+\d+\s+R")]
    private static partial Regex FontDictionaryRef();

    [GeneratedRegex(@"/([^\s/<>\[\]()]+)\s+(\d+)\s+\d+\s+R")]
    private static partial Regex NamedRef();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfCharBlock();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRangeBlock();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexPair();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])")]
    private static partial Regex RangeLine();

    [GeneratedRegex(@"<([0-9A-Fa-f\s]*)>")]
    private static partial Regex HexString();

    [GeneratedRegex(@"/(?<font>[^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf|(?<end>\bET\b)|<(?<hex>[0-9A-Fa-f\s]*)>\s*Tj|\[(?<array>[^\]]*)\]\s*TJ")]
    private static partial Regex TextOperator();
}
