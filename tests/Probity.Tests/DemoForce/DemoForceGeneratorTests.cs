using Probity.Cases.Contracts;
using System.Globalization;
using System.Text;
using Probity.DemoForce;
using Probity.Kernel;
using Probity.Interchange.Contracts;

namespace Probity.Tests.DemoForce;

/// <summary>Generated once per test class: a recent force (2020 regime), one from the DPS papers' era (2008 regime) and one spanning the change.</summary>
public sealed class DemoForceFixture
{
    public static readonly DateOnly Today = new(2026, 11, 23);
    internal static readonly DemoForceOptions ModernOptions = new(Until: Today, Years: 2);

    internal PifBundle Modern { get; } = DemoForceGenerator.Generate(ModernOptions);
    internal PifBundle Legacy { get; } = DemoForceGenerator.Generate(new DemoForceOptions(Seed: 7, Until: new DateOnly(2010, 12, 31), Years: 2));
    internal PifBundle Crossing { get; } = DemoForceGenerator.Generate(new DemoForceOptions(Seed: 11, Until: new DateOnly(2021, 6, 30), Years: 3));

    internal IEnumerable<(string Name, PifBundle Bundle, DateOnly Until, int Years)> All =>
    [
        ("modern", Modern, Today, 2),
        ("legacy", Legacy, new DateOnly(2010, 12, 31), 2),
        ("crossing", Crossing, new DateOnly(2021, 6, 30), 3),
    ];
}

public sealed class DemoForceGeneratorTests(DemoForceFixture fixture) : IClassFixture<DemoForceFixture>
{
    private static readonly DateOnly Regime2020From = new(2020, 2, 1);

    private static readonly HashSet<string> Routes2008 = new(StringComparer.Ordinal)
    {
        "local_resolution", "local_investigation", "supervised_investigation", "managed_investigation", "independent_investigation",
        "dispensation", "discontinuance", "withdrawn", "disapplication",
    };

    private static readonly HashSet<string> Routes2020 = new(Routes2008.Append("otherwise_than_by_investigation").Append("outside_schedule_3"), StringComparer.Ordinal);

    private static readonly HashSet<string> ComplaintTypes = new(StringComparer.Ordinal) { "public_complaint", "conduct_matter", "death_or_serious_injury" };

    private static readonly string[] LondonBoroughs =
    [
        "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney",
        "Hammersmith and Fulham", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea",
        "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Southwark", "Sutton",
        "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster",
    ];

    private static string Regime(Case c) => c.Regime ?? (c.ReceivedOn >= Regime2020From ? "2020" : "2008");

    private static bool IsInvestigation(string? route) =>
        route is "local_investigation" or "supervised_investigation" or "managed_investigation" or "independent_investigation";

    [Fact]
    public void Same_options_give_an_identical_bundle_and_another_seed_a_different_one()
    {
        var again = DemoForceGenerator.Generate(DemoForceFixture.ModernOptions);
        Assert.Equal(Fingerprint(fixture.Modern), Fingerprint(again));
        Assert.Equal(fixture.Modern.Cases.Select(c => c.Version), again.Cases.Select(c => c.Version));

        var other = DemoForceGenerator.Generate(DemoForceFixture.ModernOptions with { Seed = 1 });
        Assert.NotEqual(Fingerprint(fixture.Modern), Fingerprint(other));
    }

    [Fact]
    public void Until_is_required()
    {
        Assert.Throws<ArgumentException>(() => DemoForceGenerator.Generate(new DemoForceOptions()));
    }

    [Fact]
    public void Units_are_the_32_boroughs_4_bsus_the_cst_and_the_business_groups()
    {
        var units = fixture.Modern.Units;
        var boroughs = units.Where(u => u.Kind == "borough").ToList();
        Assert.Equal(LondonBoroughs.Order(StringComparer.Ordinal), boroughs.Select(b => b.Name).Order(StringComparer.Ordinal));
        Assert.All(boroughs, b => Assert.Equal("tp", b.ParentUnitId));
        Assert.All(boroughs, b => Assert.StartsWith("bor-", b.Id, StringComparison.Ordinal));
        Assert.All(boroughs, b => Assert.InRange(b.ResidentPopulation ?? 0, 150_000, 360_000));
        Assert.Equal("bor-croydon", boroughs.MaxBy(b => b.ResidentPopulation)!.Id);
        Assert.InRange(boroughs.Sum(b => b.ResidentPopulation ?? 0), 7_200_000, 7_900_000);
        Assert.All(units.Where(u => u.Kind != "borough"), u => Assert.Null(u.ResidentPopulation));

        Assert.Equal(["bsu-1", "bsu-2", "bsu-3", "bsu-4"], units.Where(u => u.Kind == "bsu").Select(u => u.Id));
        Assert.All(units.Where(u => u.Kind == "bsu"), u => Assert.Equal("dps", u.ParentUnitId));
        var cst = Assert.Single(units, u => u.Kind == "cst");
        Assert.Equal(("cst", "dps"), (cst.Id, cst.ParentUnitId));
        Assert.Equal(
            new[] { "co", "doi", "dps", "hr", "resources", "scd", "so", "tp" },
            units.Where(u => u.Kind == "business_group").Select(u => u.Id));
        var ids = units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(units, u => Assert.True(u.ParentUnitId is null || ids.Contains(u.ParentUnitId), u.Id));

        // Every borough is covered by exactly one BSU, eight each.
        var coverage = fixture.Modern.Cases.Where(c => c.HandlingUnitId!.StartsWith("bsu-", StringComparison.Ordinal) && c.LocationUnitId!.StartsWith("bor-", StringComparison.Ordinal))
            .GroupBy(c => c.LocationUnitId!).ToDictionary(g => g.Key, g => g.Select(c => c.HandlingUnitId!).Distinct().ToList());
        Assert.Equal(32, coverage.Count);
        Assert.All(coverage.Values, bsus => Assert.Single(bsus));
        Assert.All(coverage.GroupBy(kv => kv.Value[0]), g => Assert.Equal(8, g.Count()));
    }

    [Fact]
    public void Population_rows_sum_to_each_boroughs_residents()
    {
        var bundle = fixture.Modern;
        foreach (var borough in bundle.Units.Where(u => u.Kind == "borough"))
        {
            var rows = bundle.Population.Where(p => p.UnitId == borough.Id).ToList();
            Assert.Equal(5 * 2 * 7, rows.Count);
            Assert.Equal(borough.ResidentPopulation, rows.Sum(r => r.Residents));
            Assert.All(rows, r => Assert.Contains(r.Ethnicity, new[] { "white", "black", "asian", "mixed", "other" }));
        }
        var lambethBlack = bundle.Population.Where(p => p.UnitId == "bor-lambeth" && p.Ethnicity == "black").Sum(p => p.Residents);
        var havering = bundle.Population.Where(p => p.UnitId == "bor-havering" && p.Ethnicity == "black").Sum(p => p.Residents);
        Assert.True(lambethBlack > 4 * havering);
    }

    [Fact]
    public void Staff_volumes_and_profile_are_like_the_met()
    {
        var staff = fixture.Modern.Staff;
        var officers = staff.Where(s => s.StaffType == "officer").ToList();
        Assert.InRange(officers.Count, 31_000, 35_000);
        Assert.InRange(staff.Count(s => s.StaffType == "police_staff"), 13_000, 15_000);
        Assert.InRange(staff.Count(s => s.StaffType == "pcso"), 4_000, 5_000);
        Assert.Equal("s000001", staff[0].Id);

        Assert.InRange(Share(officers, s => s.Rank == "PC"), 0.72, 0.78);
        Assert.InRange(Share(officers, s => s.Rank == "PS"), 0.13, 0.17);
        Assert.Contains(officers, s => s.Rank == "Cdr");
        Assert.All(staff.Where(s => s.StaffType != "officer"), s => Assert.Null(s.Rank));
        Assert.InRange(Share(officers, s => s.Gender == "female"), 0.22, 0.28);
        var stated = officers.Where(s => s.Ethnicity != "not_stated").ToList();
        Assert.InRange(Share(stated, s => s.Ethnicity![0] != 'w'), 0.07, 0.10);
        Assert.InRange(Share(officers, s => s.UnitId!.StartsWith("bor-", StringComparison.Ordinal)), 0.58, 0.70);
        Assert.InRange(Share(staff, s => s.VettingExpiresOn < DemoForceFixture.Today && s.LeftOn is null), 0.03, 0.09);
        Assert.InRange(staff.Select(s => s.DisplayName).Distinct().Count(), 10_000, 60_000);

        var windowStart = DemoForceFixture.Today.AddYears(-2);
        var leavers = staff.Where(s => s.LeftOn is not null).ToList();
        Assert.InRange(Share(officers, s => s.LeftOn is not null), 0.05, 0.15);
        Assert.All(leavers, s => Assert.InRange(s.LeftOn!.Value, windowStart, DemoForceFixture.Today));
        Assert.All(staff, s => Assert.True(s.JoinedOn < (s.LeftOn ?? DemoForceFixture.Today.AddDays(1)), s.Id));
        Assert.All(staff, s => Assert.True(s.VettingExpiresOn > s.JoinedOn!.Value.AddYears(5), s.Id));
        Assert.InRange(staff.Min(s => s.JoinedOn!.Value), DemoForceFixture.Today.AddYears(-33), DemoForceFixture.Today.AddYears(-28));

        // Westminster has more officers than leafy Richmond despite a similar population.
        Assert.True(officers.Count(s => s.UnitId == "bor-westminster") > 2 * officers.Count(s => s.UnitId == "bor-richmond-upon-thames"));
    }

    [Fact]
    public void Each_member_of_staff_has_one_to_three_contiguous_postings_ending_in_the_current_unit()
    {
        var bundle = fixture.Modern;
        var postings = bundle.Postings.GroupBy(p => p.StaffId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Assert.Equal(bundle.Staff.Count, postings.Count);
        foreach (var s in bundle.Staff)
        {
            var list = postings[s.Id];
            Assert.InRange(list.Count, 1, 3);
            Assert.Equal(s.JoinedOn, list[0].FromDate);
            Assert.Equal(s.UnitId, list[^1].UnitId);
            Assert.Equal(s.LeftOn, list[^1].ToDate);
            for (var i = 0; i + 1 < list.Count; i++)
            {
                Assert.Equal(list[i + 1].FromDate.AddDays(-1), list[i].ToDate);
                Assert.True(list[i].FromDate <= list[i].ToDate);
                Assert.NotEqual(list[i].UnitId, list[i + 1].UnitId);
            }
        }
        Assert.InRange(bundle.Postings.Count / (double)bundle.Staff.Count, 1.2, 2.0);
    }

    [Fact]
    public void Case_and_allegation_volumes_are_like_the_met()
    {
        foreach (var (name, bundle, _, years) in fixture.All)
        {
            var complaints = bundle.Cases.Where(c => ComplaintTypes.Contains(c.CaseType)).ToList();
            Assert.InRange(complaints.Count / (double)years, 6_500, 7_500);
            var complaintIds = complaints.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var complaintAllegations = bundle.Allegations.Count(a => complaintIds.Contains(a.CaseId));
            Assert.InRange(complaintAllegations / (double)complaints.Count, 1.6, 1.85);
            Assert.InRange(complaintAllegations / (double)years, 11_000, 13_000);
            Assert.InRange(Share(complaints, c => c.CaseType == "conduct_matter"), 0.06, 0.10);
            Assert.InRange(complaints.Count(c => c.CaseType == "death_or_serious_injury") / (double)years, 15, 60);
            Assert.InRange(bundle.Cases.Count(c => c.CaseType == "civil_claim") / (double)years, 520, 680);
            Assert.InRange(bundle.Cases.Count(c => c.CaseType == "employment_tribunal") / (double)years, 110, 190);
            Assert.InRange(bundle.Cases.Count(c => c.CaseType == "grievance") / (double)years, 240, 360);
            Assert.Matches(@"^C\d{4}-\d{6}$", bundle.Cases[0].Id);
            Assert.True(bundle.Cases.All(c => c.Id.AsSpan(1, 4).SequenceEqual(c.ReceivedOn.Year.ToString("D4", CultureInfo.InvariantCulture))), name);
        }
    }

    [Fact]
    public void Every_reference_resolves_and_ids_are_unique_short_and_sorted()
    {
        foreach (var (name, bundle, _, _) in fixture.All)
        {
            var units = bundle.Units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
            var staff = bundle.Staff.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var cases = bundle.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);

            AssertSortedUnique(bundle.Units.Select(u => u.Id), name + " units");
            AssertSortedUnique(bundle.Staff.Select(s => s.Id), name + " staff");
            AssertSortedUnique(bundle.Postings.Select(p => $"{p.StaffId}|{p.FromDate:yyyy-MM-dd}"), name + " postings");
            AssertSortedUnique(bundle.Cases.Select(c => c.Id), name + " cases");
            AssertSortedUnique(bundle.Allegations.Select(a => a.Id), name + " allegations");
            AssertSortedUnique(bundle.Sanctions.Select(s => $"{s.CaseId}|{s.StaffId}|{s.Outcome}"), name + " sanctions");
            AssertSortedUnique(bundle.Appeals.Select(a => a.Id), name + " appeals");
            AssertSortedUnique(bundle.Complainants.Select(c => c.Id), name + " complainants");
            AssertSortedUnique(bundle.Population.Select(p => $"{p.UnitId}|{p.Ethnicity}|{p.Gender}|{p.AgeBand}"), name + " population");
            AssertSortedUnique(bundle.BusinessInterests.Select(b => b.Id), name + " business interests");

            var allIds = bundle.Units.Select(u => u.Id).Concat(staff).Concat(cases.Keys).Concat(bundle.Allegations.Select(a => a.Id))
                .Concat(bundle.Appeals.Select(a => a.Id)).Concat(bundle.Complainants.Select(c => c.Id)).Concat(bundle.BusinessInterests.Select(b => b.Id));
            Assert.All(allIds, id => Assert.InRange(id.Length, 1, 64));

            Assert.All(bundle.Staff, s => Assert.Contains(s.UnitId!, units));
            Assert.All(bundle.Postings, p => Assert.True(staff.Contains(p.StaffId) && units.Contains(p.UnitId), p.StaffId));
            Assert.All(bundle.Cases, c => Assert.True(units.Contains(c.LocationUnitId!) && units.Contains(c.HandlingUnitId!), c.Id));
            Assert.All(bundle.Allegations, a => Assert.True(cases.ContainsKey(a.CaseId) && (a.StaffId is null || staff.Contains(a.StaffId)), a.Id));
            Assert.All(bundle.Sanctions, s => Assert.True(cases.ContainsKey(s.CaseId) && staff.Contains(s.StaffId), s.CaseId));
            Assert.All(bundle.Appeals, a => Assert.True(cases.ContainsKey(a.CaseId), a.Id));
            Assert.All(bundle.Complainants, c => Assert.True(cases.ContainsKey(c.CaseId) && (c.HomeUnitId is null || units.Contains(c.HomeUnitId)), c.Id));
            Assert.All(bundle.Population, p => Assert.Contains(p.UnitId, units));
            Assert.All(bundle.BusinessInterests, b => Assert.Contains(b.StaffId, staff));
            Assert.Empty(bundle.Persons);
            Assert.Empty(bundle.Associations);
            Assert.Empty(bundle.Assignments);
            Assert.Empty(bundle.Exposure);
        }
    }

    [Fact]
    public void Dates_are_in_order_and_never_after_until()
    {
        foreach (var (name, bundle, until, years) in fixture.All)
        {
            var windowStart = until.AddYears(-years).AddDays(1);
            var cases = bundle.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var staff = bundle.Staff.ToDictionary(s => s.Id, StringComparer.Ordinal);
            foreach (var c in bundle.Cases)
            {
                Assert.InRange(c.ReceivedOn, windowStart, until);
                DateOnly?[] chain = [c.ReceivedOn, c.RecordedOn, c.RouteDecidedOn, c.FinalisedOn];
                var last = c.ReceivedOn;
                foreach (var d in chain.Where(d => d is not null))
                {
                    Assert.True(d >= last && d <= until, $"{name} {c.Id}");
                    last = d!.Value;
                }
                Assert.True(c.RouteDecidedOn is null || c.RecordedOn is not null, c.Id);
                Assert.Equal(c.HandlingRoute is null, c.RouteDecidedOn is null);
                if (ComplaintTypes.Contains(c.CaseType))
                    Assert.True(c.FinalisedOn is null || c.HandlingRoute is not null, c.Id);
                Assert.True(c.FinalisedOn is null || c.RecordedOn is not null, c.Id);
            }
            foreach (var a in bundle.Allegations)
            {
                var c = cases[a.CaseId];
                if (c.FinalisedOn is null)
                {
                    Assert.Null(a.Finding);
                    Assert.Null(a.FinalisedOn);
                }
                else
                {
                    Assert.NotNull(a.Finding);
                    Assert.InRange(a.FinalisedOn!.Value, c.RouteDecidedOn ?? c.RecordedOn!.Value, c.FinalisedOn.Value);
                }
                if (a.StaffId is not null)
                {
                    var s = staff[a.StaffId];
                    Assert.True(s.JoinedOn <= c.ReceivedOn && (s.LeftOn is null || s.LeftOn >= c.ReceivedOn), $"{a.Id} subject not serving");
                }
            }
            Assert.All(bundle.Sanctions, s => Assert.Equal(cases[s.CaseId].FinalisedOn, s.DecidedOn));
            foreach (var a in bundle.Appeals)
            {
                var c = cases[a.CaseId];
                Assert.True(a.LodgedOn >= c.ReceivedOn && a.LodgedOn <= until, a.Id);
                Assert.True(a.DecidedOn is null || (a.DecidedOn > a.LodgedOn && a.DecidedOn <= until), a.Id);
                Assert.Equal(a.DecidedOn is null, a.Upheld is null);
                if (a.AppealType == "non_recording") Assert.True(a.DecidedOn < c.RecordedOn, a.Id);
                else Assert.True(a.LodgedOn > c.FinalisedOn, a.Id);
            }
            foreach (var b in bundle.BusinessInterests)
            {
                Assert.True(b.AppliedOn <= until, b.Id);
                Assert.Equal(b.Decision is null, b.DecidedOn is null);
                Assert.True(b.DecidedOn is null || (b.DecidedOn > b.AppliedOn && b.DecidedOn <= until), b.Id);
            }
        }
    }

    [Fact]
    public void Every_code_is_in_the_vocabulary()
    {
        foreach (var (name, bundle, _, _) in fixture.All)
        {
            Assert.All(bundle.Units, u => AssertCode(u.Kind, Vocabulary.UnitKinds));
            Assert.All(bundle.Staff, s =>
            {
                AssertCode(s.StaffType, Vocabulary.StaffTypes);
                AssertCode(s.Gender!, Vocabulary.Genders);
                AssertCode(s.Ethnicity!, Vocabulary.Ethnicities);
                AssertCode(s.VettingLevel!, Vocabulary.VettingLevels);
            });
            Assert.All(bundle.Cases, c =>
            {
                AssertCode(c.CaseType, Vocabulary.CaseTypes);
                Assert.True(c.Regime is null || Vocabulary.Regimes.Contains(c.Regime), c.Id);
                AssertCode(c.Source!, Vocabulary.Sources);
                Assert.True(c.HandlingRoute is null || Vocabulary.HandlingRoutes.Contains(c.HandlingRoute), c.Id);
            });
            Assert.All(bundle.Allegations, a =>
            {
                AssertCode(a.Category, Vocabulary.AllegationCategories);
                Assert.True(a.Finding is null || Vocabulary.Findings.Contains(a.Finding), a.Id);
            });
            Assert.All(bundle.Sanctions, s => AssertCode(s.Outcome, Vocabulary.SanctionOutcomes));
            Assert.All(bundle.Appeals, a => AssertCode(a.AppealType, Vocabulary.AppealTypes));
            Assert.All(bundle.Complainants, c =>
            {
                AssertCode(c.Gender!, Vocabulary.Genders);
                AssertCode(c.Ethnicity!, Vocabulary.Ethnicities);
                AssertCode(c.AgeBand!, Vocabulary.AgeBands);
            });
            Assert.All(bundle.Population, p =>
            {
                AssertCode(p.Ethnicity, Vocabulary.Ethnicities);
                AssertCode(p.Gender, Vocabulary.Genders);
                AssertCode(p.AgeBand, Vocabulary.AgeBands);
            });
            Assert.All(bundle.BusinessInterests, b => Assert.True(b.Decision is null || Vocabulary.InterestDecisions.Contains(b.Decision), b.Id));
            Assert.NotEmpty(name);
        }
    }

    [Fact]
    public void Routes_findings_sanctions_and_appeals_fit_the_regime()
    {
        var crossing = fixture.Crossing.Cases;
        Assert.Contains(crossing, c => Regime(c) == "2008");
        Assert.Contains(crossing, c => Regime(c) == "2020");
        Assert.Contains(crossing, c => c.Regime == "2008");
        Assert.Contains(crossing, c => c.Regime == "2020");
        Assert.Contains(crossing, c => c.HandlingRoute == "otherwise_than_by_investigation");
        Assert.Contains(crossing, c => c.HandlingRoute == "outside_schedule_3");

        foreach (var (name, bundle, _, _) in fixture.All)
        {
            var cases = bundle.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
            foreach (var c in bundle.Cases)
            {
                Assert.True(c.Regime is null || c.Regime == (c.ReceivedOn >= Regime2020From ? "2020" : "2008"), c.Id);
                if (c.HandlingRoute is not null)
                    Assert.Contains(c.HandlingRoute, Regime(c) == "2020" ? Routes2020 : Routes2008);
                if (!ComplaintTypes.Contains(c.CaseType)) Assert.Null(c.HandlingRoute);
            }
            foreach (var a in bundle.Allegations.Where(a => a.Finding is not null))
            {
                var route = cases[a.CaseId].HandlingRoute;
                string[] allowed = route switch
                {
                    "local_resolution" or "otherwise_than_by_investigation" => ["locally_resolved", "withdrawn", "no_finding"],
                    _ when IsInvestigation(route) => ["substantiated", "not_substantiated", "withdrawn", "no_finding"],
                    "dispensation" => ["dispensed"],
                    "discontinuance" => ["discontinued"],
                    "withdrawn" => ["withdrawn"],
                    _ => ["no_finding"],
                };
                Assert.Contains(a.Finding!, allowed);
            }
            var substantiated = bundle.Allegations.Where(a => a.Finding == "substantiated" && a.StaffId is not null)
                .Select(a => (a.CaseId, a.StaffId!)).ToHashSet();
            foreach (var s in bundle.Sanctions)
            {
                Assert.Contains((s.CaseId, s.StaffId), substantiated);
                var allowed = Regime(cases[s.CaseId]) == "2020"
                    ? new[] { "management_advice", "practice_requiring_improvement", "written_warning", "final_written_warning", "extension_of_final_written_warning", "reduction_in_rank", "dismissal_with_notice", "dismissal_without_notice", "no_action", "criminal_conviction", "resigned_or_retired" }
                    : ["management_advice", "management_action", "written_warning", "final_written_warning", "extension_of_final_written_warning", "dismissal_with_notice", "dismissal_without_notice", "no_action", "criminal_conviction", "resigned_or_retired"];
                Assert.Contains(s.Outcome, allowed);
            }
            Assert.Equal(substantiated.Count, bundle.Sanctions.Count);
            foreach (var a in bundle.Appeals)
            {
                var c = cases[a.CaseId];
                Assert.Equal("public_complaint", c.CaseType);
                if (a.AppealType == "non_recording") continue;
                var expected = Regime(c) == "2020" ? "review" : c.HandlingRoute switch
                {
                    "local_resolution" => "local_resolution",
                    "dispensation" => "dispensation",
                    "discontinuance" => "discontinuance",
                    _ when IsInvestigation(c.HandlingRoute) => "investigation",
                    _ => "none",
                };
                Assert.Equal(expected, a.AppealType);
                if (Regime(c) == "2020") Assert.Contains(c.HandlingRoute!, new[] { "local_resolution", "otherwise_than_by_investigation", "discontinuance", "local_investigation", "supervised_investigation", "managed_investigation", "independent_investigation" });
            }
        }
    }

    [Fact]
    public void About_a_third_of_public_complaints_are_locally_resolved()
    {
        var legacy = fixture.Legacy.Cases.Where(c => c.CaseType == "public_complaint" && c.HandlingRoute is not null).ToList();
        Assert.InRange(Share(legacy, c => c.HandlingRoute == "local_resolution"), 0.28, 0.38);
        Assert.InRange(Share(legacy, c => IsInvestigation(c.HandlingRoute)), 0.35, 0.50);
        Assert.InRange(Share(legacy, c => c.HandlingRoute == "independent_investigation"), 0.0, 0.01);

        var modern = fixture.Modern.Cases.Where(c => c.CaseType == "public_complaint" && c.HandlingRoute is not null).ToList();
        Assert.InRange(Share(modern, c => c.HandlingRoute is "local_resolution" or "otherwise_than_by_investigation"), 0.28, 0.38);
        Assert.InRange(Share(modern, c => c.HandlingRoute == "otherwise_than_by_investigation"), 0.18, 0.32);
        Assert.InRange(Share(modern, c => c.HandlingRoute == "outside_schedule_3"), 0.05, 0.13);
    }

    [Fact]
    public void Handling_is_shared_between_the_cst_the_bsus_and_the_rest()
    {
        var complaints = fixture.Modern.Cases.Where(c => c.CaseType == "public_complaint").ToList();
        Assert.InRange(Share(complaints, c => c.HandlingUnitId == "cst"), 0.35, 0.45);
        Assert.InRange(Share(complaints, c => c.HandlingUnitId!.StartsWith("bsu-", StringComparison.Ordinal)), 0.25, 0.35);
        Assert.InRange(Share(complaints, c => c.Source == "public"), 0.8, 0.95);
        Assert.All(complaints, c => Assert.StartsWith("bor-", c.LocationUnitId!, StringComparison.Ordinal));
        Assert.All(fixture.Modern.Cases.Where(c => c.CaseType == "death_or_serious_injury"), c => Assert.True(c.ReferredToIpcc));
        Assert.InRange(Share(complaints, c => c.ReferredToIpcc == true), 0.01, 0.10);
        Assert.All(fixture.Modern.Cases.Where(c => c.HandlingRoute is "supervised_investigation" or "managed_investigation" or "independent_investigation"),
            c => Assert.True(c.ReferredToIpcc, c.Id));
        Assert.All(fixture.Modern.Cases.Where(c => c.HandlingRoute is "local_resolution" or "otherwise_than_by_investigation"),
            c => Assert.False(c.ReferredToIpcc, c.Id));
    }

    [Fact]
    public void Receipt_to_finalisation_averages_about_fifty_working_days_with_a_long_tail()
    {
        foreach (var (name, bundle, _, _) in fixture.All)
        {
            var finalised = bundle.Cases.Where(c => c.CaseType == "public_complaint" && c.FinalisedOn is not null).ToList();
            var days = finalised.Select(c => c.FinalisedOn!.Value.DayNumber - c.ReceivedOn.DayNumber).ToList();
            Assert.InRange(days.Average(), 68, 79);
            var localResolution = finalised.Where(c => c.HandlingRoute is "local_resolution" or "otherwise_than_by_investigation")
                .Average(c => c.FinalisedOn!.Value.DayNumber - c.ReceivedOn.DayNumber);
            Assert.InRange(localResolution * 5 / 7, 36, 46);
            days.Sort();
            Assert.True(days[(int)(days.Count * 0.99)] > 3 * days[days.Count / 2], name + ": long right tail");
            Assert.All(bundle.Cases.Where(c => c.RecordedOn is not null), c => Assert.InRange(c.RecordedOn!.Value.DayNumber - c.ReceivedOn.DayNumber, 0, 22));
        }
    }

    [Fact]
    public void Recent_cases_are_often_still_live()
    {
        var until = DemoForceFixture.Today;
        var complaints = fixture.Modern.Cases.Where(c => ComplaintTypes.Contains(c.CaseType)).ToList();
        var lastMonth = complaints.Where(c => c.ReceivedOn > until.AddDays(-30)).ToList();
        var fourMonthsBack = complaints.Where(c => c.ReceivedOn > until.AddDays(-150) && c.ReceivedOn <= until.AddDays(-90)).ToList();
        var yearBack = complaints.Where(c => c.ReceivedOn <= until.AddDays(-365)).ToList();
        Assert.True(Share(lastMonth, c => c.FinalisedOn is null) > 0.9);
        Assert.Contains(lastMonth, c => c.HandlingRoute is null);
        Assert.Contains(lastMonth, c => c.RecordedOn is null);
        Assert.InRange(Share(fourMonthsBack, c => c.FinalisedOn is null), 0.05, 0.5);
        Assert.InRange(Share(yearBack, c => c.FinalisedOn is null), 0.0, 0.03);
    }

    [Fact]
    public void Allegations_have_a_realistic_mix_and_a_few_officers_attract_far_more_than_their_peers()
    {
        var bundle = fixture.Modern;
        var cases = bundle.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var complaintAllegations = bundle.Allegations.Where(a => cases[a.CaseId].CaseType == "public_complaint").ToList();
        Assert.InRange(Share(complaintAllegations, a => a.Category == "other_neglect_or_failure_in_duty"), 0.21, 0.29);
        Assert.InRange(Share(complaintAllegations, a => a.Category == "incivility"), 0.16, 0.24);
        Assert.InRange(Share(complaintAllegations, a => a.Category == "oppressive_conduct_or_harassment"), 0.09, 0.15);
        Assert.InRange(Share(complaintAllegations, a => a.Category == "other_assault"), 0.07, 0.13);
        Assert.InRange(Share(complaintAllegations, a => a.StaffId is null), 0.08, 0.20);

        var investigated = complaintAllegations.Where(a => IsInvestigation(cases[a.CaseId].HandlingRoute) && a.Finding is "substantiated" or "not_substantiated").ToList();
        Assert.InRange(Share(investigated, a => a.Finding == "substantiated"), 0.06, 0.14);

        // Subjects come mostly from the borough where the matter arose.
        var staffUnit = bundle.Staff.ToDictionary(s => s.Id, s => s.UnitId, StringComparer.Ordinal);
        var identified = complaintAllegations.Where(a => a.StaffId is not null).ToList();
        Assert.InRange(Share(identified, a => staffUnit[a.StaffId!] == cases[a.CaseId].LocationUnitId), 0.55, 0.9);

        var officers = bundle.Staff.Where(s => s.StaffType == "officer").Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var perOfficer = bundle.Allegations.Where(a => a.StaffId is not null && officers.Contains(a.StaffId))
            .GroupBy(a => a.StaffId!).Select(g => g.Count()).OrderDescending().ToList();
        var median = perOfficer[perOfficer.Count / 2];
        var top3Percent = perOfficer.Take(officers.Count * 3 / 100).ToList();
        Assert.True(top3Percent[^1] >= 3 * median, $"median {median}, 3rd percentile from the top {top3Percent[^1]}");
        Assert.True(perOfficer[0] >= 8 * median, $"median {median}, max {perOfficer[0]}");
        Assert.InRange(top3Percent.Sum() / (double)perOfficer.Sum(), 0.2, 0.6);
    }

    [Fact]
    public void Sanctions_appeals_and_complainants_look_right()
    {
        var bundle = fixture.Modern;
        var cases = bundle.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        Assert.InRange(Share(bundle.Sanctions, s => s.Outcome is "management_advice" or "practice_requiring_improvement" or "management_action"), 0.5, 0.8);
        Assert.Contains(bundle.Sanctions, s => s.Outcome == "final_written_warning");

        var finalisedComplaints = bundle.Cases.Where(c => c.CaseType == "public_complaint" && c.FinalisedOn is not null).ToList();
        var appealed = bundle.Appeals.Where(a => a.AppealType != "non_recording").Select(a => a.CaseId).ToHashSet(StringComparer.Ordinal);
        Assert.InRange(appealed.Count / (double)finalisedComplaints.Count, 0.09, 0.16);
        var decided = bundle.Appeals.Where(a => a.Upheld is not null).ToList();
        Assert.InRange(Share(decided.Where(a => a.AppealType != "non_recording").ToList(), a => a.Upheld == true), 0.22, 0.38);
        Assert.Contains(bundle.Appeals, a => a.DecidedOn is null);
        Assert.Contains(bundle.Appeals, a => a.AppealType == "non_recording");
        Assert.All(decided.Where(a => a.AppealType != "non_recording"), a => Assert.InRange(a.DecidedOn!.Value.DayNumber - a.LodgedOn.DayNumber, 20, 63));

        var publicComplaints = bundle.Cases.Where(c => c.CaseType == "public_complaint").ToList();
        var perCase = bundle.Complainants.GroupBy(c => c.CaseId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.All(publicComplaints, c => Assert.InRange(perCase.GetValueOrDefault(c.Id), 1, 3));
        Assert.All(perCase.Keys, id => Assert.Equal("public_complaint", cases[id].CaseType));
        Assert.InRange(Share(bundle.Complainants, c => c.HomeUnitId == cases[c.CaseId].LocationUnitId), 0.75, 0.9);

        // Black complainants are over-represented relative to London's residents.
        var stated = bundle.Complainants.Where(c => c.Ethnicity != "not_stated").ToList();
        var blackComplainants = Share(stated, c => c.Ethnicity![0] == 'b');
        var blackResidents = bundle.Population.Where(p => p.Ethnicity == "black").Sum(p => (double)p.Residents) / bundle.Population.Sum(p => (double)p.Residents);
        Assert.True(blackComplainants > 1.5 * blackResidents, $"{blackComplainants:P1} vs {blackResidents:P1}");

        Assert.InRange(bundle.BusinessInterests.Count / (double)bundle.Staff.Count, 0.02, 0.04);
        Assert.Contains(bundle.BusinessInterests, b => b.Decision == "refused");
        Assert.Contains(bundle.BusinessInterests, b => b.Decision is null);
    }

    [Fact]
    public void Exposure_is_generated_only_when_asked_and_busy_boroughs_are_busier()
    {
        var bundle = DemoForceGenerator.Generate(new DemoForceOptions(Until: DemoForceFixture.Today, Years: 1, IncludeExposure: true));
        Assert.Equal(Fingerprint(DemoForceGenerator.Generate(new DemoForceOptions(Until: DemoForceFixture.Today, Years: 1))), Fingerprint(bundle, exposure: false));
        var officers = bundle.Staff.Where(s => s.StaffType == "officer").ToDictionary(s => s.Id, StringComparer.Ordinal);
        Assert.InRange(bundle.Exposure.Count, officers.Count * 10, officers.Count * 13);
        Assert.All(bundle.Exposure, e => Assert.True(officers.ContainsKey(e.StaffId), e.StaffId));
        Assert.All(bundle.Exposure, e => Assert.Matches(@"^\d{4}-\d{2}$", e.Month));
        AssertSortedUnique(bundle.Exposure.Select(e => e.StaffId + "|" + e.Month), "exposure");

        double MeanCalls(string unit) => bundle.Exposure.Where(e => officers[e.StaffId].UnitId == unit && officers[e.StaffId].Rank == "PC").Average(e => e.CallsAttended!.Value);
        Assert.True(MeanCalls("bor-westminster") > 1.5 * MeanCalls("bor-richmond-upon-thames"));
        Assert.True(MeanCalls("bor-lambeth") > 10 * MeanCalls("hr"));
        Assert.InRange(bundle.Exposure.Average(e => (double)e.HoursOnDuty!.Value), 120, 160);
    }

    private static void AssertCode(string? code, System.Collections.Frozen.FrozenSet<string> vocabulary) =>
        Assert.True(code is not null && vocabulary.Contains(code), $"'{code}' is not in the vocabulary");

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? 0 : items.Count(predicate) / (double)items.Count;

    private static void AssertSortedUnique(IEnumerable<string> keys, string what)
    {
        string? previous = null;
        foreach (var key in keys)
        {
            Assert.True(previous is null || string.CompareOrdinal(previous, key) < 0, $"{what}: '{previous}' then '{key}'");
            previous = key;
        }
    }

    /// <summary>Every PIF-1 field of every row, as text, so two bundles can be compared exactly.</summary>
    private static string Fingerprint(PifBundle b, bool exposure = true)
    {
        var sb = new StringBuilder();
        foreach (var x in b.Units) sb.Append($"{x.Id}|{x.Name}|{x.Kind}|{x.ParentUnitId}|{x.ResidentPopulation}\n");
        foreach (var x in b.Staff) sb.Append($"{x.Id}|{x.DisplayName}|{x.StaffType}|{x.Rank}|{x.UnitId}|{x.JoinedOn}|{x.LeftOn}|{x.Gender}|{x.Ethnicity}|{x.VettingLevel}|{x.VettingExpiresOn}\n");
        foreach (var x in b.Postings) sb.Append($"{x.StaffId}|{x.UnitId}|{x.FromDate}|{x.ToDate}\n");
        foreach (var x in b.Cases) sb.Append($"{x.Id}|{x.CaseType}|{x.Regime}|{x.ReceivedOn}|{x.RecordedOn}|{x.Source}|{x.LocationUnitId}|{x.HandlingUnitId}|{x.HandlingRoute}|{x.RouteDecidedOn}|{x.FinalisedOn}|{x.ReferredToIpcc}\n");
        foreach (var x in b.Allegations) sb.Append($"{x.Id}|{x.CaseId}|{x.StaffId}|{x.Category}|{x.Finding}|{x.FinalisedOn}\n");
        foreach (var x in b.Sanctions) sb.Append($"{x.StaffId}|{x.CaseId}|{x.Outcome}|{x.DecidedOn}\n");
        foreach (var x in b.Appeals) sb.Append($"{x.Id}|{x.CaseId}|{x.AppealType}|{x.LodgedOn}|{x.DecidedOn}|{x.Upheld}\n");
        foreach (var x in b.Complainants) sb.Append($"{x.Id}|{x.CaseId}|{x.Gender}|{x.Ethnicity}|{x.AgeBand}|{x.HomeUnitId}\n");
        foreach (var x in b.Population) sb.Append($"{x.UnitId}|{x.Ethnicity}|{x.Gender}|{x.AgeBand}|{x.Residents}\n");
        if (exposure) foreach (var x in b.Exposure) sb.Append($"{x.StaffId}|{x.Month}|{x.HoursOnDuty}|{x.CallsAttended}|{x.Arrests}|{x.StopSearches}|{x.UsesOfForce}\n");
        foreach (var x in b.BusinessInterests) sb.Append($"{x.Id}|{x.StaffId}|{x.InterestType}|{x.Description}|{x.AppliedOn}|{x.Decision}|{x.DecidedOn}|{x.ReviewOn}\n");
        return sb.ToString();
    }
}
