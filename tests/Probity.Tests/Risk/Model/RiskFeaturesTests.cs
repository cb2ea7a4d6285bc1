using Probity.Risk.Model;
using F = Probity.Risk.Model.RiskFeatures;

namespace Probity.Tests.Risk.Model;

public sealed class RiskFeaturesTests
{
    private static readonly DateOnly T = new(2024, 6, 30);

    private static float[] RowOf(RiskSnapshot snapshot, Probity.Risk.Facts.RiskFacts facts, string id) =>
        snapshot.Rows[Array.IndexOf(snapshot.Officers, facts.StaffIndex[id])];

    [Fact]
    public void Counts_allegations_in_windows_and_groups_and_only_serving_officers()
    {
        var b = new RiskTestFacts()
            .Officer("a").Officer("b").Officer("gone", left: new DateOnly(2024, 1, 1)).Officer("clerk", type: "police_staff")
            .Allegation("a", T.AddMonths(-1), "other_assault")
            .Allegation("a", T.AddMonths(-6), "serious_non_sexual_assault")
            .Allegation("a", T.AddMonths(-20), "theft")
            .Allegation("a", T.AddMonths(-40), "incivility")
            .Allegation("a", T.AddMonths(-2), "other", caseType: "civil_claim")
            .Allegation("a", T.AddMonths(-5), "other", caseType: "grievance");
        var facts = b.Build();
        var snap = new F(facts).Build(T);

        Assert.Equal(2, snap.Officers.Length);
        var a = RowOf(snap, facts, "a");
        Assert.Equal(1, a[F.Complaints3m]);
        Assert.Equal(2, a[F.Complaints12m]);
        Assert.Equal(3, a[F.Complaints36m]);
        Assert.Equal(2, a[F.Group12m + 0]);
        Assert.Equal(1, a[F.Group36m + 2]);
        Assert.Equal(1, a[F.CivilClaims36m]);
        Assert.Equal(1, a[F.Grievances36m]);
        Assert.Equal(6, a[F.OpenAllegations]);
        Assert.True(float.IsNaN(a[F.Arrests12m]), "no activity data is missing, not zero");
        Assert.True(float.IsNaN(a[F.ComplaintsPer100Arrests]));
        // Peers (same rank and unit): a has 2, b has 0; median 1.
        Assert.Equal(1, snap.PeerMedians[Array.IndexOf(snap.Officers, facts.StaffIndex["a"])][F.Complaints12m]);
        Assert.Equal(1, a[F.PeerComplaintsExcess]);
        Assert.Equal(F.Count, F.Names.Length);
        Assert.All(F.Descriptions, d => Assert.False(string.IsNullOrWhiteSpace(d)));
        Assert.Equal(F.Count, F.Names.Distinct().Count());
    }

    [Fact]
    public void Exposure_rates_use_the_last_twelve_months()
    {
        var facts = new RiskTestFacts().Officer("a")
            .Activity("a", new DateOnly(2023, 1, 1), 24, arrests: 5)
            .Allegation("a", T.AddMonths(-3)).Allegation("a", T.AddMonths(-4))
            .Build();
        var row = new F(facts).Build(T).Rows[0];
        Assert.Equal(60, row[F.Arrests12m]); // 2023-07 .. 2024-06
        Assert.Equal(100f * 2 / (60 + 5), row[F.ComplaintsPer100Arrests], 3);
    }

    [Fact]
    public void A_finding_finalised_after_the_date_does_not_change_the_features()
    {
        RiskTestFacts Make(string? finding, DateOnly? finalised) => new RiskTestFacts().Officer("a")
            .Allegation("a", T.AddMonths(-5), "theft", finding, finalised);
        var open = new F(Make(null, null).Build()).Build(T).Rows[0];
        var later = new F(Make("substantiated", T.AddDays(1)).Build()).Build(T).Rows[0];
        var known = new F(Make("substantiated", T.AddDays(-1)).Build()).Build(T).Rows[0];
        Assert.Equal(open, later);
        Assert.Equal(1, known[F.SubstantiatedKnown12m]);
        Assert.Equal(0, known[F.OpenAllegations]);
    }

    [Fact]
    public void An_allegation_or_sanction_after_the_date_is_invisible()
    {
        var before = new RiskTestFacts().Officer("a").Allegation("a", T.AddMonths(-1));
        var after = new RiskTestFacts().Officer("a").Allegation("a", T.AddMonths(-1)).Allegation("a", T.AddDays(1), "theft", "substantiated", T.AddDays(2));
        after.Sanctions.Add(new("a", "cx", "written_warning", T.AddDays(3)));
        after.Activity("a", new DateOnly(2024, 7, 1), 3, arrests: 9);
        Assert.Equal(new F(before.Build()).Build(T).Rows[0], new F(after.Build()).Build(T).Rows[0]);
    }

    [Fact]
    public void Explanations_read_as_words_with_the_peer_median()
    {
        Assert.Equal("5 complaint allegations in the last 12 months (peers in the same rank and unit: median 1)",
            RiskModel.Describe(F.Complaints12m, 5, 1));
        Assert.Equal("\"a,b\"", Probity.Infrastructure.Csv.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", Probity.Infrastructure.Csv.Field("say \"hi\""));
        Assert.Equal("plain", Probity.Infrastructure.Csv.Field("plain"));
    }
}
