using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Probity.Database;

namespace Probity.Cases.Contracts;

/// <summary>
/// Other records quote case ids: a tasking's reason, the case an alert was raised as, an access's reason reference, an
/// audit entry's detail. Need-to-know covers the quotation as well as the case: before a page shows such a reference,
/// it asks which of them name a case the reader may not see, and withholds those (exactly as it would show an id that
/// names no case at all would be shown otherwise: the reader learns nothing either way).
/// </summary>
internal sealed partial class CaseReferences(ProbityDb db)
{
    public const string Withheld = "(withheld)";

    /// <summary>Of <paramref name="references"/>, those that name a case the reader may not see.</summary>
    public async Task<IReadOnlySet<string>> HiddenAsync(IEnumerable<string?> references, CancellationToken ct)
    {
        var candidates = references.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!).Distinct(StringComparer.Ordinal).ToList();
        if (candidates.Count == 0 || db.Scope.SeesEverything) return new HashSet<string>();
        return await NeedToKnowBypass.HiddenCasesAsync(db, candidates, ct);
    }

    /// <summary>The items whose case the reader may see (data-quality warnings, lists computed from shared figures).</summary>
    public async Task<IReadOnlyList<T>> VisibleAsync<T>(IReadOnlyList<T> items, Func<T, string> caseOf, CancellationToken ct)
    {
        if (items.Count == 0 || db.Scope.SeesEverything) return items;
        // Through the need-to-know filter: a case the reader may not open (restricted, live for oversight, about themselves) drops out.
        var ids = items.Select(caseOf).Distinct(StringComparer.Ordinal).ToList();
        var visible = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(1000))
            visible.UnionWith(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Cases.Where(c => chunk.Contains(c.Id)).Select(c => c.Id), ct));
        return [.. items.Where(i => visible.Contains(caseOf(i)))];
    }

    /// <summary>
    /// The words of a free text (an audit detail) that could be case ids, to pass to <see cref="HiddenAsync"/>: each word
    /// and each of its parts between '-' or '_' and the places a reference can be glued to the text around it, since the
    /// ids of a case's allegations and complainants begin with the case's id, a file name joins its words with '_' (a
    /// document's safe file name turns ':' and ';' into '_' too), and a title typed quickly glues an id to a word
    /// ("scanPRB-2026-00017v2", "XPRB-2026-00017", "scanprb-2026-00017"). Words are read as a person reads them
    /// (<see cref="Fold"/>: invisible characters, dashes, full-width and look-alike letters, a hyphen wrapped onto the
    /// next line, a percent-encoded link), and each part is asked as written and in capitals (ids are capitals; a
    /// reference typed in small letters names the same case to its reader).
    /// </summary>
    public static IEnumerable<string> Words(string? text) => text is null ? [] : FoldedWords(text).SelectMany(w => Parts(w.Word)).SelectMany(AsAsked).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Whether a word of <see cref="Words"/> could name a case: no longer than an id's column, with a digit in it (the
    /// platform's ids, the demo force's and every imported series are numbered). Lets a long text ask about its few
    /// references instead of every word.
    /// </summary>
    public static bool MayBeCaseId(string word) => word.Length <= ColumnWidth.Id && word.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    /// <summary>
    /// The text with every hidden case id in it withheld (with the rest of the word it is glued into, and whatever
    /// invisible or look-alike characters it was written with). Everything else is left exactly as typed.
    /// </summary>
    public static string? Redact(string? text, IReadOnlySet<string> hidden)
    {
        if (text is null || hidden.Count == 0) return text;
        var asRead = hidden.Select(h => Fold(h).Text.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var shown = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (word, from, to) in FoldedWords(text))
        {
            if (!Parts(word).Any(p => asRead.Contains(p.ToUpperInvariant()))) continue;
            shown.Append(text, at, from - at).Append(Withheld);
            at = to;
        }
        return at == 0 ? text : shown.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>A part as the store is asked about it: as written, and in capitals when that differs.</summary>
    private static IEnumerable<string> AsAsked(string part)
    {
        yield return part;
        // Only a part that could be an id (it has a digit) is asked in capitals too: a word of letters is asked once.
        var capitals = part.ToUpperInvariant();
        if (!string.Equals(capitals, part, StringComparison.Ordinal) && part.AsSpan().IndexOfAnyInRange('0', '9') >= 0) yield return capitals;
    }

    /// <summary>The words of the text as read (<see cref="Fold"/>), each with the span of the text it was read from.</summary>
    private static IEnumerable<(string Word, int From, int To)> FoldedWords(string text)
    {
        var folded = Fold(text);
        foreach (Match m in Word().Matches(folded.Text))
            yield return (m.Value, folded.From[m.Index], folded.To[m.Index + m.Length - 1]);
    }

    /// <summary>
    /// The text as a reader reads it, for finding references only (it is never shown): characters that show nothing
    /// (zero-width spaces and joiners, soft hyphens, the byte-order mark and other format characters, combining marks,
    /// the Hangul fillers and the Braille blank) left out; full-width and mathematical letters and digits, other scripts'
    /// digits, circled and raised digits, and accented letters as their plain letters and digits; Cyrillic and Greek
    /// letters that look like Latin ones as those; every dash, the non-breaking hyphen and the minus sign as '-'; a hyphen
    /// at the end of a line joined to the next line's word; and a percent-encoded letter, digit, '-' or '_' (a link) as
    /// itself. Each folded character keeps the span of the original it came from, so a withheld word withholds what was
    /// written.
    /// </summary>
    private static (string Text, int[] From, int[] To) Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        var from = new List<int>(text.Length);
        var to = new List<int>(text.Length);
        void Add(char c, int start, int end)
        {
            folded.Append(c);
            from.Add(start);
            to.Add(end);
        }
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2])
                && (char)Convert.ToInt32(text.Substring(i + 1, 2), 16) is var decoded && (char.IsAsciiLetterOrDigit(decoded) || decoded is '-' or '_'))
            {
                Add(decoded, i, i + 3);
                i += 3;
                continue;
            }
            if (folded.Length > 0 && folded[^1] == '-' && char.IsWhiteSpace(text[i]))
            {
                // A reference wrapped at its hyphen ("PRB-2026-⏎00017") reads as one; a space alone does not join.
                var next = i;
                while (next < text.Length && char.IsWhiteSpace(text[next])) next++;
                if (text.AsSpan(i, next - i).IndexOfAny('\n', '\r', '\u2028') >= 0 || text.AsSpan(i, next - i).Contains('\u2029'))
                {
                    i = next;
                    continue;
                }
            }
            if (char.IsAscii(text[i]))
            {
                Add(text[i], i, i + 1);
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length) != OperationStatus.Done)
            {
                Add(text[i], i, i + 1);
                i++;
                continue;
            }
            foreach (var c in AsRead(rune)) Add(c, i, i + length);
            i += length;
        }
        return (folded.ToString(), [.. from], [.. to]);
    }

    /// <summary>One character as a reader reads it in a reference (nothing, for one that shows nothing). The platform runs
    /// without ICU (invariant globalisation), so Unicode normalisation is not there to lean on: the forms are mapped here.</summary>
    private static string AsRead(Rune rune)
    {
        if (!Shows(rune)) return "";
        var v = rune.Value;
        if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.DashPunctuation || v is 0x2212 or 0xFE63) return "-";
        // Any digit (full-width, Arabic-Indic, mathematical ...) and a digit drawn in a circle, raised or lowered.
        if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber
            && Rune.GetNumericValue(rune) is var n && n is >= 0 and <= 9 && n == Math.Floor(n))
            return ((char)('0' + (int)n)).ToString();
        // Full-width letters and the low line.
        if (v is >= 0xFF21 and <= 0xFF3A or >= 0xFF41 and <= 0xFF5A or 0xFF3F) return ((char)(v - 0xFEE0)).ToString();
        // Mathematical bold, italic, script ... letters: 52 to a style, capitals first.
        if (v is >= 0x1D400 and <= 0x1D6A3)
        {
            var letter = (v - 0x1D400) % 52;
            return (letter < 26 ? (char)('A' + letter) : (char)('a' + letter - 26)).ToString();
        }
        if (LookAlikes.TryGetValue(v, out var latin)) return latin.ToString();
        // Accented Latin letters (Latin-1 and Latin Extended-A) as their letter; a combining accent is left out above.
        if (v is >= 0xC0 and <= 0x17F && Accented[v - 0xC0] is not '.' and var plain) return plain.ToString();
        return rune.ToString();
    }

    /// <summary>The plain letter of U+00C0 to U+017F ('.' where there is none: ligatures, thorn, sharp s, signs).</summary>
    private const string Accented = "AAAAAA.CEEEEIIIIDNOOOOO.OUUUUY..aaaaaa.ceeeeiiiidnooooo.ouuuuy.yAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi..JjKk.LlLlLlLlLlNnNnNn.NnOoOoOo..RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

    /// <summary>False for a character that shows nothing on its own (as <see cref="CaseEditing.Readable"/> counts them, white space apart).</summary>
    private static bool Shows(Rune r) => !IsBlankFiller(r)
        && Rune.GetUnicodeCategory(r) is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark);

    /// <summary>
    /// The letters drawn as nothing that Unicode does not class as format characters: the Hangul fillers and the Braille
    /// blank. A text made only of them reads as empty (<see cref="CaseEditing.Readable"/>), and a reference written with them
    /// in it reads as the reference.
    /// </summary>
    internal static bool IsBlankFiller(Rune r) => r.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;

    /// <summary>Cyrillic and Greek letters drawn as Latin ones (a reference typed or pasted with them reads as the Latin).</summary>
    private static readonly Dictionary<int, char> LookAlikes = new()
    {
        // Cyrillic capitals and small letters
        [0x0410] = 'A', [0x0412] = 'B', [0x0415] = 'E', [0x041A] = 'K', [0x041C] = 'M', [0x041D] = 'H', [0x041E] = 'O', [0x0420] = 'P',
        [0x0421] = 'C', [0x0422] = 'T', [0x0423] = 'Y', [0x0425] = 'X', [0x0405] = 'S', [0x0406] = 'I', [0x0408] = 'J',
        [0x0430] = 'a', [0x0435] = 'e', [0x043E] = 'o', [0x0440] = 'p', [0x0441] = 'c', [0x0443] = 'y', [0x0445] = 'x',
        [0x0455] = 's', [0x0456] = 'i', [0x0458] = 'j',
        // Greek capitals and small omicron
        [0x0391] = 'A', [0x0392] = 'B', [0x0395] = 'E', [0x0396] = 'Z', [0x0397] = 'H', [0x0399] = 'I', [0x039A] = 'K', [0x039C] = 'M',
        [0x039D] = 'N', [0x039F] = 'O', [0x03A1] = 'P', [0x03A4] = 'T', [0x03A5] = 'Y', [0x03A7] = 'X', [0x03BF] = 'o',
    };

    /// <summary>
    /// Every run of a word from one part boundary to a later one (the word itself included): a word has few boundaries, so
    /// a handful of candidates, never every substring. A reference glued to letters without a change of case
    /// ("XPRB-…", "scanprb-…") has no boundary to find, so each of the last <see cref="GluedPrefix"/> letters of a run of
    /// letters that a digit or '-' follows may start one too, for the runs from it that end after a digit.
    /// </summary>
    private static IEnumerable<string> Parts(string word)
    {
        List<int> starts = [0], ends = [], glued = [];
        for (var i = 1; i < word.Length; i++)
        {
            char before = word[i - 1], at = word[i];
            if (at is '-' or '_') ends.Add(i);
            else if (before is '-' or '_') starts.Add(i);
            else if (Glued(before, at))
            {
                ends.Add(i);
                starts.Add(i);
            }
            if ((at is '-' || char.IsAsciiDigit(at)) && char.IsAsciiLetter(before))
            {
                var run = i - 1;
                while (run > 0 && char.IsAsciiLetter(word[run - 1])) run--;
                for (var s = Math.Max(run + 1, i - GluedPrefix); s < i; s++)
                    if (!starts.Contains(s)) glued.Add(s);
            }
        }
        ends.Add(word.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in starts)
            foreach (var end in ends)
                if (end > start && seen.Add(word[start..end])) yield return word[start..end];
        foreach (var start in glued)
            foreach (var end in ends)
                if (end > start && end - start <= ColumnWidth.Id && char.IsAsciiDigit(word[end - 1]) && seen.Add(word[start..end])) yield return word[start..end];
    }

    /// <summary>How many letters glued before a reference are tried as the start of its prefix ("PRB", "CMP" ...).</summary>
    private const int GluedPrefix = 6;

    private static bool Glued(char before, char at) =>
        (char.IsLetter(before) && char.IsDigit(at)) || (char.IsDigit(before) && char.IsLetter(at)) || (char.IsLower(before) && char.IsUpper(at));

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9_\-]*[A-Za-z0-9]")]
    private static partial Regex Word();
}
