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
    /// and each of its leading parts up to a '-' or '_', since the ids of a case's allegations and complainants begin with
    /// the case's id, and a file name joins its words with '_' (a document's safe file name turns ':' and ';' into '_' too).
    /// </summary>
    public static IEnumerable<string> Words(string? text) => text is null ? [] : Word().Matches(text).SelectMany(m => Prefixes(m.Value));

    /// <summary>
    /// Whether a word of <see cref="Words"/> could name a case: no longer than an id's column, with a digit in it (the
    /// platform's ids, the demo force's and every imported series are numbered). Lets a long text ask about its few
    /// references instead of every word.
    /// </summary>
    public static bool MayBeCaseId(string word) => word.Length <= ColumnWidth.Id && word.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    /// <summary>The text with every hidden case id in it withheld (with the rest of an id it begins).</summary>
    public static string? Redact(string? text, IReadOnlySet<string> hidden) =>
        text is null || hidden.Count == 0 ? text : Word().Replace(text, m => Prefixes(m.Value).Any(hidden.Contains) ? Withheld : m.Value);

    private static IEnumerable<string> Prefixes(string word)
    {
        for (var i = word.IndexOfAny(PartEnds); i > 0; i = word.IndexOfAny(PartEnds, i + 1)) yield return word[..i];
        yield return word;
    }

    private static readonly char[] PartEnds = ['-', '_'];

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9_\-]*[A-Za-z0-9]")]
    private static partial Regex Word();
}
