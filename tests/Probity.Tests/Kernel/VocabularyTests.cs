using Probity.Kernel;

namespace Probity.Tests.Kernel;

/// <summary>Codes as people read them (issue 14): words, initialisms in capitals, ranges with a dash, the oversight body of the day.</summary>
public sealed class VocabularyTests
{
    [Theory]
    [InlineData("cst", "Customer service team")]
    [InlineData("bsu", "Borough support unit")]
    [InlineData("ocu", "Operational command unit")]
    [InlineData("pcso", "PCSO")]
    [InlineData("ipcc", "IPCC")]
    [InlineData("ocn_nominal", "OCN nominal")]
    [InlineData("vip", "VIP")]
    [InlineData("18_24", "18–24")]
    [InlineData("65_plus", "65 and over")]
    [InlineData("under_18", "Under 18")]
    [InlineData("breach_pace_a", "Breach of PACE code A")]
    [InlineData("improper_use_of_it_systems", "Improper use of IT systems")]
    [InlineData("a1", "Asian or Asian British: Indian")]
    [InlineData("dv", "Developed vetting")]
    [InlineData("oppressive_conduct_or_harassment", "Oppressive conduct or harassment")]
    public void A_code_reads_as_words(string code, string words) => Assert.Equal(words, Vocabulary.Describe(code));

    [Fact]
    public void No_built_in_code_reads_as_a_capitalised_abbreviation_or_with_underscores()
    {
        var lists = new[]
        {
            Vocabulary.UnitKinds, Vocabulary.StaffTypes, Vocabulary.Genders, Vocabulary.Ethnicities, Vocabulary.VettingLevels, Vocabulary.CaseTypes,
            Vocabulary.Sources, Vocabulary.HandlingRoutes, Vocabulary.AllegationCategories, Vocabulary.Findings, Vocabulary.SanctionOutcomes,
            Vocabulary.AppealTypes, Vocabulary.AgeBands, Vocabulary.InterestDecisions, Vocabulary.PersonFlags, Vocabulary.Relations,
            Vocabulary.AssociationSources, Vocabulary.AccessActions, Vocabulary.RecordTypes,
        };
        // "Cst", "Ipcc", "Npp1": an abbreviation with only its first letter raised is one nobody writes that way.
        foreach (var code in lists.SelectMany(l => l))
        {
            var words = Vocabulary.Describe(code);
            Assert.DoesNotContain('_', words);
            Assert.False(words.Split(' ', '(', ')', ',', ':').Any(Abbreviations.Contains), $"{code} reads as '{words}'");
        }
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal) { "Cst", "Bsu", "Ocu", "Pcso", "Ipcc", "Rv", "Ctc", "Mv", "Sc", "Dv", "Npp1", "Npp2", "Npp3", "A1", "W9", "Vip", "Ocn" };

    [Theory]
    [InlineData("2017-12-31", "IPCC")]
    [InlineData("2018-01-08", "IOPC")]
    [InlineData("2020-02-01", "IOPC")]
    public void The_oversight_body_is_the_one_of_the_day(string on, string body)
    {
        var date = DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(body, Vocabulary.OversightBody(date));
        Assert.Equal(body, Vocabulary.Describe("ipcc", date));
        Assert.Equal("Public", Vocabulary.Describe("public", date));
    }
}
