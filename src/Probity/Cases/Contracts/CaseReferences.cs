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
    /// ("scanPRB-2026-00017v2"): a change between letter and digit, or from a small letter to a capital.
    /// </summary>
    public static IEnumerable<string> Words(string? text) => text is null ? [] : Word().Matches(text).SelectMany(m => Parts(m.Value));

    /// <summary>
    /// Whether a word of <see cref="Words"/> could name a case: no longer than an id's column, with a digit in it (the
    /// platform's ids, the demo force's and every imported series are numbered). Lets a long text ask about its few
    /// references instead of every word.
    /// </summary>
    public static bool MayBeCaseId(string word) => word.Length <= ColumnWidth.Id && word.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    /// <summary>The text with every hidden case id in it withheld (with the rest of an id it begins).</summary>
    public static string? Redact(string? text, IReadOnlySet<string> hidden) =>
        text is null || hidden.Count == 0 ? text : Word().Replace(text, m => Parts(m.Value).Any(hidden.Contains) ? Withheld : m.Value);

    /// <summary>
    /// Every run of a word from one part boundary to a later one (the word itself included): a word has few boundaries, so
    /// a handful of candidates, never every substring. A capital glued to a capital ("XPRB-…") has no boundary to find.
    /// </summary>
    private static IEnumerable<string> Parts(string word)
    {
        List<int> starts = [0], ends = [];
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
        }
        ends.Add(word.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in starts)
            foreach (var end in ends)
                if (end > start && seen.Add(word[start..end])) yield return word[start..end];
    }

    private static bool Glued(char before, char at) =>
        (char.IsLetter(before) && char.IsDigit(at)) || (char.IsDigit(before) && char.IsLetter(at)) || (char.IsLower(before) && char.IsUpper(at));

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9_\-]*[A-Za-z0-9]")]
    private static partial Regex Word();
}
