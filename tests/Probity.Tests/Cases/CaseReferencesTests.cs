using Probity.Cases.Contracts;

namespace Probity.Tests.Cases;

/// <summary>
/// A restricted case's reference is withheld wherever a text quotes it: as a word, as the start of an allegation's id, in
/// a file name joined with '_', and glued to the words around it.
/// </summary>
public sealed class CaseReferencesTests
{
    private static readonly IReadOnlySet<string> Hidden = new HashSet<string>(StringComparer.Ordinal) { "PRB-2026-00017" };

    [Theory]
    [InlineData("Duplicate of PRB-2026-00017", "Duplicate of (withheld)")]
    [InlineData("PRB-2026-00017-A1 upheld", "(withheld) upheld")]
    [InlineData("PRB-2026-00017_statement.pdf", "(withheld).pdf")]
    [InlineData("scanPRB-2026-00017.pdf", "(withheld).pdf")]
    [InlineData("PRB-2026-00017v2.pdf", "(withheld).pdf")]
    [InlineData("notes(PRB-2026-00017)final", "notes((withheld))final")]
    [InlineData("2PRB-2026-00017", "(withheld)")]
    public void A_hidden_reference_is_withheld_however_it_is_quoted(string text, string shown)
    {
        Assert.Equal(shown, CaseReferences.Redact(text, Hidden));
        Assert.Contains("PRB-2026-00017", CaseReferences.Words(text));
    }

    /// <summary>
    /// What an adversarial review (2026-12-03) found shown: a reference glued capital to capital or in small letters, typed
    /// in small letters, with an invisible character, a soft or non-breaking hyphen, a dash or a minus sign in it, in
    /// full-width or accented forms, with Cyrillic or Greek look-alike capitals, wrapped at a hyphen onto the next line,
    /// or percent-encoded in a link. A reader who may not open the case reads each of them as its reference.
    /// </summary>
    [Theory]
    [InlineData("XPRB-2026-00017", "(withheld)")]
    [InlineData("DRAFTPRB-2026-00017.pdf", "(withheld).pdf")]
    [InlineData("scanprb-2026-00017.pdf", "(withheld).pdf")]
    [InlineData("see prb-2026-00017", "see (withheld)")]
    [InlineData("Prb-2026-00017v2", "(withheld)")]
    [InlineData("PRB-2026\u200B-00017 duplicate", "(withheld) duplicate")]
    [InlineData("P\u200DRB-2026-00017", "(withheld)")]
    [InlineData("PRB-20\u00AD26-00017", "(withheld)")]
    [InlineData("PRB\u20112026\u201100017", "(withheld)")]
    [InlineData("PRB\u20132026\u201400017", "(withheld)")]
    [InlineData("PRB\u22122026\u221200017", "(withheld)")]
    [InlineData("\uFF30\uFF32\uFF22\uFF0D\uFF12\uFF10\uFF12\uFF16\uFF0D\uFF10\uFF10\uFF10\uFF11\uFF17 again", "(withheld) again")]
    [InlineData("PRB-2026-0001\u2466", "(withheld)")]
    [InlineData("\u0420R\u0412-2026-00017", "(withheld)")]
    [InlineData("\u03A1RB-2026-00017", "(withheld)")]
    [InlineData("P\u0301RB-2026-00017", "(withheld)")]
    [InlineData("P\u0154B-2026-00017", "(withheld)")]
    [InlineData("\U0001D40F\U0001D411\U0001D401-\U0001D7D0\U0001D7CE\U0001D7D0\U0001D7D4-00017", "(withheld)")]
    [InlineData("PRB-\u0662\u0660\u0662\u0666-00017", "(withheld)")]
    [InlineData("Duplicate of PRB-2026-\n00017 (see above)", "Duplicate of (withheld) (see above)")]
    [InlineData("Duplicate of PRB-2026-\r\n   00017", "Duplicate of (withheld)")]
    [InlineData("https://probity.example/cases/PRB%2D2026%2D00017", "https://probity.example/cases/(withheld)")]
    [InlineData("https://probity.example/cases/%50RB-2026-00017?tab=docs", "https://probity.example/cases/(withheld)?tab=docs")]
    public void A_hidden_reference_disguised_by_accident_or_by_typing_is_withheld(string text, string shown)
    {
        Assert.Equal(shown, CaseReferences.Redact(text, Hidden));
        // The reference itself is asked about: the hidden set is the store's answer to exactly these words.
        Assert.Contains("PRB-2026-00017", CaseReferences.Words(text));
    }

    /// <summary>Quoted in markdown, a reference is a word like any other (the platform shows markdown as typed).</summary>
    [Theory]
    [InlineData("[PRB-2026-00017](https://probity.example/cases/PRB-2026-00017)", "[(withheld)](https://probity.example/cases/(withheld))")]
    [InlineData("**PRB-2026-00017** and `PRB-2026-00017-A1`", "**(withheld)** and `(withheld)`")]
    [InlineData("> quoted: _PRB-2026-00017_", "> quoted: _(withheld)_")]
    public void A_hidden_reference_in_markdown_is_withheld(string text, string shown) =>
        Assert.Equal(shown, CaseReferences.Redact(text, Hidden));

    /// <summary>Only the words that hold a hidden reference change: the rest of a text is shown exactly as typed.</summary>
    [Theory]
    [InlineData("Caf\u00E9 PRB-2026-00018 \u2013 see PRB\u20112026\u201100018, \uFF30\uFF32\uFF22 and x\u200By")]
    [InlineData("prb-2026-000171 and XPRB-2026-000170 are other cases")]
    [InlineData("PRB-2026-\n000171 is another case")]
    [InlineData("50% off, 100%2D and %zz")]
    public void Text_with_no_hidden_reference_is_shown_exactly_as_typed(string text)
    {
        Assert.Equal(text, CaseReferences.Redact(text, Hidden));
    }

    [Theory]
    [InlineData("PRB-2026-000171 is another case")]
    [InlineData("PRB-2026-0001 is another case")]
    [InlineData("Statement of PRB-2026-00018")]
    public void Another_reference_that_merely_looks_alike_is_left_as_it_is(string text) =>
        Assert.Equal(text, CaseReferences.Redact(text, Hidden));

    [Fact]
    public void A_long_word_offers_a_handful_of_candidates_not_every_substring()
    {
        var word = string.Concat(Enumerable.Repeat("abcdefgh", 8));
        Assert.Equal([word], CaseReferences.Words(word));
        // Nine places a part may start and nine it may end: at most 45 runs; five letters glued before "PRB-" and "2026"
        // may start a prefix too, ending after one of four digits (20 more); each is asked as written and, with a small
        // letter and a digit in it, in capitals. Well under 130, where every substring would be 630 (1,260 both ways).
        var words = CaseReferences.Words("case-PRB-2026-00017-A1_statement_v2").ToList();
        Assert.InRange(words.Count, 10, 130);
        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
    }
}
