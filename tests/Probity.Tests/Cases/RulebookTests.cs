using Probity.Cases.Contracts;
using Probity.Kernel;
using RulebookSet = Probity.Cases.Contracts.RulebookCatalogue;

namespace Probity.Tests.Cases;

public sealed class RulebookTests
{
    private static readonly RulebookSet Books = RulebookSet.LoadBuiltIn();

    public static TheoryData<string> Regimes => ["2008", "2020"];

    private static void IsPif(string code, System.Collections.Frozen.FrozenSet<string> vocabulary, string what) =>
        Assert.True(vocabulary.Contains(code), $"'{code}' is not a PIF-1 {what} code");

    private static Rulebook Book(string regime) => Books.For(regime, new DateOnly(2024, 1, 1));

    [Fact]
    public void Both_regimes_are_built_in_in_date_order()
    {
        Assert.Equal(["2008", "2020"], Books.All.Select(b => b.Regime));
    }

    [Theory]
    [InlineData(2020, 1, 31, "2008")]
    [InlineData(2020, 2, 1, "2020")]
    [InlineData(2009, 6, 15, "2008")]
    [InlineData(2026, 3, 2, "2020")]
    [InlineData(2001, 1, 1, "2008")] // before any regime applies: the earliest
    public void Regime_is_chosen_by_received_date(int y, int m, int d, string expected)
    {
        Assert.Equal(expected, Books.For(null, new DateOnly(y, m, d)).Regime);
        Assert.Equal(expected, Books.For("", new DateOnly(y, m, d)).Regime);
    }

    [Fact]
    public void An_explicit_regime_wins_over_the_received_date()
    {
        Assert.Equal("2008", Books.For("2008", new DateOnly(2023, 5, 1)).Regime);
        Assert.Equal("2020", Books.For("2020", new DateOnly(2015, 5, 1)).Regime);
    }

    [Fact]
    public void A_case_uses_its_own_regime_or_its_received_date()
    {
        var given = new Probity.Cases.Contracts.Case { Id = "C1", CaseType = "public_complaint", Regime = "2008", ReceivedOn = new DateOnly(2022, 1, 1) };
        var implied = new Probity.Cases.Contracts.Case { Id = "C2", CaseType = "public_complaint", ReceivedOn = new DateOnly(2022, 1, 1) };
        Assert.Equal("2008", Books.For(given).Regime);
        Assert.Equal("2020", Books.For(implied).Regime);
    }

    [Fact]
    public void An_unknown_regime_is_refused()
    {
        var ex = Assert.Throws<ActionRefusedException>(() => Books.For("1999", new DateOnly(2022, 1, 1)));
        Assert.Contains("1999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_2020_regime_has_handling_otherwise_than_by_investigation_and_outside_schedule_3()
    {
        var y2020 = Book("2020");
        var y2008 = Book("2008");
        Assert.NotNull(y2020.Route("otherwise_than_by_investigation"));
        Assert.NotNull(y2020.Route("outside_schedule_3"));
        Assert.Null(y2008.Route("otherwise_than_by_investigation"));
        Assert.Null(y2008.Route("outside_schedule_3"));
    }

    [Fact]
    public void Route_of_null_or_unknown_code_is_null()
    {
        Assert.Null(Book("2020").Route(null));
        Assert.Null(Book("2020").Route("no_such_route"));
        Assert.Null(Book("2020").Route("Local_Resolution")); // codes are exact
    }

    [Theory]
    [MemberData(nameof(Regimes))]
    public void Local_resolution_has_43_working_days_and_the_default_is_64(string regime)
    {
        var book = Book(regime);
        Assert.Equal(43, book.RequireRoute("local_resolution").TargetWorkingDays);
        Assert.Equal(64, book.DefaultTargetWorkingDays);
        Assert.Null(book.RequireRoute("local_investigation").TargetWorkingDays);
    }

    [Fact]
    public void RequireRoute_of_a_route_outside_the_regime_names_the_allowed_routes()
    {
        var ex = Assert.Throws<ActionRefusedException>(() => Book("2008").RequireRoute("outside_schedule_3"));
        Assert.Contains("'Outside schedule 3' is not a handling route under the 2008 regime", ex.Message, StringComparison.Ordinal);
        foreach (var route in Book("2008").Routes)
            Assert.Contains(Vocabulary.Describe(route.Code), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Otherwise than by investigation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireRoute_of_a_known_route_returns_it()
    {
        var rule = Book("2020").RequireRoute("otherwise_than_by_investigation");
        Assert.Equal("otherwise_than_by_investigation", rule.Code);
        Assert.Contains("locally_resolved", rule.Findings);
    }

    [Theory]
    [MemberData(nameof(Regimes))]
    public void Every_code_in_the_rulebook_is_a_PIF1_code(string regime)
    {
        var book = Book(regime);
        Assert.NotEmpty(book.Routes);
        foreach (var route in book.Routes)
        {
            IsPif(route.Code, Vocabulary.HandlingRoutes, "handling_route");
            Assert.NotEmpty(route.Findings);
            foreach (var f in route.Findings) IsPif(f, Vocabulary.Findings, "finding");
            if (route.AppealType is not null) IsPif(route.AppealType, Vocabulary.AppealTypes, "appeal_type");
        }
        foreach (var a in book.AppealTypes) IsPif(a, Vocabulary.AppealTypes, "appeal_type");
        foreach (var o in book.Sanctions) IsPif(o, Vocabulary.SanctionOutcomes, "sanction outcome");
        foreach (var f in book.SanctionableFindings) IsPif(f, Vocabulary.Findings, "finding");
    }

    [Theory]
    [MemberData(nameof(Regimes))]
    public void A_routes_appeal_type_is_one_the_regime_allows(string regime)
    {
        var book = Book(regime);
        foreach (var route in book.Routes.Where(r => r.AppealType is not null))
            Assert.Contains(route.AppealType!, book.AppealTypes);
    }

    [Theory]
    [MemberData(nameof(Regimes))]
    public void Route_codes_are_unique(string regime)
    {
        var codes = Book(regime).Routes.Select(r => r.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Regimes))]
    public void No_route_can_change_to_itself(string regime)
    {
        foreach (var route in Book(regime).Routes)
            Assert.DoesNotContain(route.Code, route.CanChangeTo);
    }

    [Theory]
    [MemberData(nameof(Regimes))]
    public void Every_route_change_target_exists_in_the_same_rulebook(string regime)
    {
        var book = Book(regime);
        foreach (var route in book.Routes)
            foreach (var target in route.CanChangeTo)
                Assert.True(book.Route(target) is not null, $"{regime}: {route.Code} can change to {target}, which is not a route of the regime");
    }

    [Fact]
    public void The_2008_regime_ends_the_day_before_the_2020_regime_starts()
    {
        var y2008 = Book("2008");
        var y2020 = Book("2020");
        Assert.Equal(y2020.AppliesFrom.AddDays(-1), y2008.AppliesUntil);
        Assert.Null(y2020.AppliesUntil);
    }
}
