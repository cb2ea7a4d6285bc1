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
        // Nine places a part may start and nine it may end: at most 45 runs, where every substring would be 630.
        Assert.InRange(CaseReferences.Words("case-PRB-2026-00017-A1_statement_v2").Count(), 10, 45);
    }
}
