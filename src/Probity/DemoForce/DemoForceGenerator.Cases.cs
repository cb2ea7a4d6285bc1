using Probity.Cases.Contracts;
using static Probity.DemoForce.DemoForceReference;

namespace Probity.DemoForce;

internal sealed partial class DemoForceGenerator
{
    private enum CaseKind { PublicComplaint, ConductMatter, DeathOrSeriousInjury, CivilClaim, EmploymentTribunal, Grievance }

    private static readonly string[] CaseTypeCodes = ["public_complaint", "conduct_matter", "death_or_serious_injury", "civil_claim", "employment_tribunal", "grievance"];

    // Cases of each kind per year at scale 1: about 7,000 complaint cases plus civil claims, tribunals and grievances.
    private static readonly double[] CasesPerYear = [6405, 560, 35, 600, 150, 300];

    // Seasonal and weekday variation in receipts; each averages 1.
    private static readonly double[] MonthFactor = [0.95, 0.95, 1.0, 1.0, 1.05, 1.05, 1.1, 1.05, 1.0, 1.0, 0.95, 0.9];
    private static readonly double[] DayFactor = [0.7, 1.2, 1.15, 1.1, 1.1, 1.05, 0.7]; // Sunday first

    private const string LocalResolution = "local_resolution", LocalInvestigation = "local_investigation",
        SupervisedInvestigation = "supervised_investigation", ManagedInvestigation = "managed_investigation",
        IndependentInvestigation = "independent_investigation", Dispensation = "dispensation", Discontinuance = "discontinuance",
        Withdrawn = "withdrawn", Disapplication = "disapplication", OtherwiseThanByInvestigation = "otherwise_than_by_investigation",
        OutsideSchedule3 = "outside_schedule_3";

    private static readonly Choice<string> PublicComplaintRoutes2008 = new(
        (LocalResolution, 33), (LocalInvestigation, 38), (SupervisedInvestigation, 2.5), (ManagedInvestigation, 0.7),
        (IndependentInvestigation, 0.2), (Dispensation, 10), (Discontinuance, 1.5), (Withdrawn, 12.5), (Disapplication, 1.6));

    private static readonly Choice<string> PublicComplaintRoutes2020 = new(
        (OtherwiseThanByInvestigation, 26), (LocalResolution, 7), (OutsideSchedule3, 9), (LocalInvestigation, 33),
        (SupervisedInvestigation, 2), (ManagedInvestigation, 0.6), (IndependentInvestigation, 0.2), (Dispensation, 3),
        (Discontinuance, 1.2), (Withdrawn, 16), (Disapplication, 2));

    private static readonly Choice<string> SeriousRoutes = new(
        (LocalInvestigation, 20), (SupervisedInvestigation, 35), (ManagedInvestigation, 30), (IndependentInvestigation, 10), (Withdrawn, 5));

    private static readonly Choice<string> ConductRoutes = new(
        (LocalInvestigation, 72), (SupervisedInvestigation, 12), (ManagedInvestigation, 6), (IndependentInvestigation, 3), (Discontinuance, 3), (Withdrawn, 4));

    private static readonly Choice<string> DeathOrSeriousInjuryRoutes = new(
        (LocalInvestigation, 15), (SupervisedInvestigation, 30), (ManagedInvestigation, 35), (IndependentInvestigation, 20));

    private static readonly Choice<int> ComplaintAllegationCount = new((1, 55), (2, 28), (3, 10), (4, 4), (5, 2), (6, 1));
    private static readonly Choice<int> ConductAllegationCount = new((1, 75), (2, 20), (3, 5));
    private static readonly Choice<int> DeathOrSeriousInjuryAllegationCount = new((1, 85), (2, 15));
    private static readonly Choice<int> CivilClaimAllegationCount = new((1, 70), (2, 22), (3, 8));

    private static readonly Choice<string> ComplaintSources = new(("public", 88), ("partner_agency", 4), ("ipcc", 7), ("right_line", 1));
    private static readonly Choice<string> ConductSources = new(("internal", 68), ("right_line", 12), ("audit", 10), ("ipcc", 4), ("partner_agency", 6));

    private static readonly Choice<string> Sanctions2008Complaint = new(
        ("management_advice", 45), ("management_action", 25), ("written_warning", 9), ("final_written_warning", 4),
        ("dismissal_with_notice", 0.7), ("dismissal_without_notice", 0.8), ("no_action", 12), ("resigned_or_retired", 2.5), ("criminal_conviction", 0.3));
    private static readonly Choice<string> Sanctions2020Complaint = new(
        ("management_advice", 35), ("practice_requiring_improvement", 30), ("written_warning", 10), ("final_written_warning", 5),
        ("reduction_in_rank", 0.5), ("dismissal_with_notice", 0.5), ("dismissal_without_notice", 1), ("no_action", 15), ("resigned_or_retired", 3));
    private static readonly Choice<string> Sanctions2008Conduct = new(
        ("management_advice", 25), ("management_action", 20), ("written_warning", 18), ("final_written_warning", 14),
        ("extension_of_final_written_warning", 2), ("dismissal_with_notice", 4), ("dismissal_without_notice", 8), ("no_action", 4),
        ("resigned_or_retired", 4), ("criminal_conviction", 1));
    private static readonly Choice<string> Sanctions2020Conduct = new(
        ("management_advice", 20), ("practice_requiring_improvement", 15), ("written_warning", 18), ("final_written_warning", 15),
        ("extension_of_final_written_warning", 2), ("reduction_in_rank", 3), ("dismissal_with_notice", 4), ("dismissal_without_notice", 10),
        ("no_action", 5), ("resigned_or_retired", 5), ("criminal_conviction", 1));

    private static readonly Choice<string> ComplainantGender = new(("male", 62), ("female", 35), ("not_stated", 3));
    private static readonly Choice<string> ComplainantAge = new(
        ("under_18", 5), ("18_24", 20), ("25_34", 27), ("35_44", 22), ("45_54", 14), ("55_64", 7), ("65_plus", 3), ("not_stated", 2));
    // Complainants relative to residents: black and mixed-heritage Londoners complain (and are complained about) more often.
    private static readonly double[] ComplainantGroupFactor = [0.8, 2.2, 1.0, 1.4, 1.0];

    private static bool IsSeriousCategory(string category) => category is "serious_non_sexual_assault" or "sexual_assault" or "corrupt_practice";

    private static bool IsCorruptionCategory(string category) => category is "corrupt_practice" or "improper_use_of_it_systems"
        or "improper_disclosure_of_information" or "inappropriate_relationship" or "fraud" or "theft" or "business_interest";

    private static bool IsInvestigation(string? route) => route is LocalInvestigation or SupervisedInvestigation or ManagedInvestigation or IndependentInvestigation;

    private static bool NeedsReferral(string? route) => route is SupervisedInvestigation or ManagedInvestigation or IndependentInvestigation;

    /// <summary>Mean calendar days from receipt to finalisation (≈ working days × 7/5); local resolution ≈ 40 working days.</summary>
    private static double MeanDays(string? route, bool regime2020) => route switch
    {
        LocalResolution or OtherwiseThanByInvestigation => 56,
        OutsideSchedule3 => 45,
        LocalInvestigation => regime2020 ? 95 : 84,
        SupervisedInvestigation => 175,
        ManagedInvestigation => 210,
        IndependentInvestigation => 300,
        Dispensation => 56,
        Discontinuance => 120,
        Withdrawn => 46,
        Disapplication => 50,
        _ => 90,
    };

    private sealed class CaseContext
    {
        public readonly Choice<string>[] Categories =
        [
            new(ComplaintCategories), new(ConductCategories), new(DeathOrSeriousInjuryCategories),
            new(CivilClaimCategories), new(TribunalCategories), new(GrievanceCategories),
        ];
        public readonly Choice<string>[] DetailedEthnicity = DetailedCodes.Select(c => new Choice<string>(c)).ToArray();
        public WeightedPicker[] ComplainantGroups = [];
        public WeightedPicker Location = null!;
        public WeightedPicker Residence = null!;
        public WeightedPicker Kind = null!;
        public readonly string[] Categories0 = new string[8];
        public readonly int[] Subjects = new int[8];
        public readonly string?[] Findings = new string?[8];
        public readonly DateOnly?[] AllegationFinalised = new DateOnly?[8];
        public readonly List<int> Sanctioned = new(8);
        public readonly byte[] GuidBytes = new byte[16];
    }

    private void BuildCases()
    {
        var rng = DemoRandom.Stream(_options.Seed, 3);
        var ctx = new CaseContext
        {
            // Where complaints arise: residents weighted by how busy the borough is (Westminster's daytime population).
            Location = new WeightedPicker(Boroughs.Select(b => b.Population * Math.Pow(b.Busy, 1.3)).ToArray()),
            Residence = new WeightedPicker(Boroughs.Select(b => (double)b.Population).ToArray()),
            Kind = new WeightedPicker(CasesPerYear),
            ComplainantGroups = Boroughs.Select(b => new WeightedPicker(b.Ethnicity.Select((share, g) => share * ComplainantGroupFactor[g]).ToArray())).ToArray(),
        };
        var perDay = CasesPerYear.Sum() * _options.Scale / 365.25;
        var idFormat = "D" + Math.Max(6, ((int)(perDay * 366 * 1.5)).ToString().Length);
        var expectedCases = (int)(perDay * (_untilDay - _windowStartDay + 1) * 1.05);
        _bundle.Cases.Capacity = expectedCases;
        _bundle.Allegations.Capacity = (int)(expectedCases * 1.75);
        _bundle.Complainants.Capacity = (int)(expectedCases * 0.85);

        var year = 0;
        var sequence = 0;
        for (var day = _windowStart; day <= _until; day = day.AddDays(1))
        {
            if (day.Year != year)
            {
                year = day.Year;
                sequence = 0;
            }
            var received = rng.Poisson(perDay * MonthFactor[day.Month - 1] * DayFactor[(int)day.DayOfWeek]);
            for (var k = 0; k < received; k++)
            {
                var id = "C" + year.ToString("D4") + "-" + (++sequence).ToString(idFormat);
                GenerateCase(rng, ctx, id, day);
            }
        }
    }

    private void GenerateCase(Random rng, CaseContext ctx, string id, DateOnly receivedOn)
    {
        var kind = (CaseKind)ctx.Kind.Next(rng);
        var day = receivedOn.DayNumber;
        var regime2020 = receivedOn >= Regime2020From;
        var complaintLike = kind is CaseKind.PublicComplaint or CaseKind.ConductMatter or CaseKind.DeathOrSeriousInjury;

        // The allegations: how many, what about, and who (if identified).
        var count = kind switch
        {
            CaseKind.PublicComplaint => ComplaintAllegationCount.Next(rng),
            CaseKind.ConductMatter => ConductAllegationCount.Next(rng),
            CaseKind.DeathOrSeriousInjury => DeathOrSeriousInjuryAllegationCount.Next(rng),
            CaseKind.CivilClaim => CivilClaimAllegationCount.Next(rng),
            _ => 1,
        };
        var serious = false;
        var corruption = false;
        for (var a = 0; a < count; a++)
        {
            var category = ctx.Categories[(int)kind].Next(rng);
            ctx.Categories0[a] = category;
            serious |= IsSeriousCategory(category);
            corruption |= IsCorruptionCategory(category);
        }

        int location;
        switch (kind)
        {
            case CaseKind.ConductMatter:
                {
                    var subject = PickServing(rng, rng.Chance(0.5) ? _everyonePool : _forcePool, day);
                    if (subject < 0) subject = PickServing(rng, _everyonePool, day);
                    location = subject >= 0 ? _staffUnit[subject] : ctx.Location.Next(rng);
                    for (var a = 0; a < count; a++) ctx.Subjects[a] = subject >= 0 && (a == 0 || rng.Chance(0.8)) ? subject : PickServing(rng, _forcePool, day);
                    break;
                }
            case CaseKind.EmploymentTribunal or CaseKind.Grievance:
                {
                    var subject = rng.Chance(0.95) ? PickServing(rng, _everyonePool, day) : -1;
                    location = subject >= 0 ? _staffUnit[subject] : ctx.Location.Next(rng);
                    ctx.Subjects[0] = subject;
                    break;
                }
            default:
                {
                    location = ctx.Location.Next(rng);
                    var unknown = kind switch { CaseKind.PublicComplaint => 0.15, CaseKind.DeathOrSeriousInjury => 0.10, _ => 0.20 };
                    for (var a = 0; a < count; a++)
                    {
                        if (a > 0 && ctx.Subjects[a - 1] >= 0 && rng.Chance(0.55))
                        {
                            ctx.Subjects[a] = ctx.Subjects[a - 1];
                            continue;
                        }
                        if (rng.Chance(unknown))
                        {
                            ctx.Subjects[a] = -1;
                            continue;
                        }
                        var subject = PickServing(rng, rng.Chance(0.72) ? _boroughPools[location] : _forcePool, day);
                        if (subject < 0) subject = PickServing(rng, _forcePool, day);
                        ctx.Subjects[a] = subject;
                    }
                    break;
                }
        }

        // The route, and the dates: recorded, route decided, finalised (empty when still to come).
        string? route = kind switch
        {
            CaseKind.PublicComplaint when serious => SeriousRoutes.Next(rng),
            CaseKind.PublicComplaint => (regime2020 ? PublicComplaintRoutes2020 : PublicComplaintRoutes2008).Next(rng),
            CaseKind.ConductMatter => ConductRoutes.Next(rng),
            CaseKind.DeathOrSeriousInjury => DeathOrSeriousInjuryRoutes.Next(rng),
            _ => null,
        };
        var recorded = DemoRandom.Weekday(receivedOn.AddDays(complaintLike ? Math.Min(20, (int)rng.Exponential(4.5)) : rng.Next(10)));
        DateOnly? recordedOn = recorded <= _until ? recorded : null;
        DateOnly? routeDecidedOn = null;
        DateOnly? finalisedOn = null;
        var floor = recorded;
        if (route is not null)
        {
            var decided = DemoRandom.Weekday(recorded.AddDays(1 + Math.Min(12, (int)rng.Exponential(3))));
            if (recordedOn is not null && decided <= _until) routeDecidedOn = decided;
            else route = null;
            floor = decided;
        }
        var mean = kind switch
        {
            CaseKind.CivilClaim => 420,
            CaseKind.EmploymentTribunal => 270,
            CaseKind.Grievance => 95,
            CaseKind.ConductMatter => MeanDays(route, regime2020) * 1.4,
            CaseKind.DeathOrSeriousInjury => MeanDays(route, regime2020) * 1.2,
            _ => MeanDays(route, regime2020),
        };
        var duration = rng.LogNormal(mean, 0.55);
        if (rng.Chance(0.03)) duration *= 2 + 2 * rng.NextDouble(); // stalled: sub judice, sickness, linked proceedings
        var finalised = DemoRandom.Weekday(receivedOn.AddDays((int)duration));
        if (finalised <= floor) finalised = DemoRandom.Weekday(floor.AddDays(1 + rng.Next(5)));
        var live = recordedOn is null || (complaintLike && route is null);
        if (!live && finalised <= _until) finalisedOn = finalised;

        var regimeCode = regime2020 ? "2020" : "2008";
        var referred = kind switch
        {
            CaseKind.DeathOrSeriousInjury => true,
            CaseKind.PublicComplaint => NeedsReferral(route) || (serious ? rng.Chance(0.85) : IsInvestigation(route) && rng.Chance(0.03)),
            CaseKind.ConductMatter => NeedsReferral(route) || (corruption ? rng.Chance(0.3) : rng.Chance(0.05)),
            _ => false,
        };

        rng.NextBytes(ctx.GuidBytes);
        var c = new Case
        {
            Id = id,
            CaseType = CaseTypeCodes[(int)kind],
            Regime = complaintLike && rng.Chance(0.1) ? regimeCode : null,
            ReceivedOn = receivedOn,
            RecordedOn = recordedOn,
            Source = kind switch
            {
                CaseKind.PublicComplaint => ComplaintSources.Next(rng),
                CaseKind.ConductMatter => ConductSources.Next(rng),
                CaseKind.DeathOrSeriousInjury => rng.Chance(0.7) ? "internal" : "ipcc",
                CaseKind.CivilClaim => "public",
                _ => "internal",
            },
            LocationUnitId = _unitIds[location],
            HandlingUnitId = HandlingUnit(rng, kind, route, location, corruption),
            HandlingRoute = route,
            RouteDecidedOn = routeDecidedOn,
            FinalisedOn = finalisedOn,
            ReferredToIpcc = referred,
            Version = new Guid(ctx.GuidBytes),
        };
        _bundle.Cases.Add(c);

        // Findings follow the route; finalised allegations end with the case (withdrawn ones sometimes earlier).
        var substantiatedRate = kind switch
        {
            CaseKind.ConductMatter => 0.35,
            CaseKind.DeathOrSeriousInjury => 0.10,
            _ => route switch { LocalInvestigation => 0.09, SupervisedInvestigation => 0.14, ManagedInvestigation => 0.18, _ => 0.20 },
        };
        ctx.Sanctioned.Clear();
        for (var a = 0; a < count; a++)
        {
            string? finding = null;
            DateOnly? allegationFinalised = null;
            if (finalisedOn is { } done)
            {
                allegationFinalised = done;
                finding = route switch
                {
                    LocalResolution or OtherwiseThanByInvestigation => rng.Chance(0.95) ? "locally_resolved" : "withdrawn",
                    LocalInvestigation or SupervisedInvestigation or ManagedInvestigation or IndependentInvestigation =>
                        rng.Chance(0.03) ? "withdrawn" : rng.Chance(substantiatedRate) ? "substantiated" : "not_substantiated",
                    Dispensation => "dispensed",
                    Discontinuance => "discontinued",
                    Withdrawn => "withdrawn",
                    _ => "no_finding",
                };
                if (finding == "withdrawn" && route is not Withdrawn && routeDecidedOn is { } decided && decided < done)
                    allegationFinalised = DateOnly.FromDayNumber(decided.DayNumber + rng.Next(done.DayNumber - decided.DayNumber + 1));
                var staff = ctx.Subjects[a];
                if (finding == "substantiated" && staff >= 0 && !ctx.Sanctioned.Contains(staff)) ctx.Sanctioned.Add(staff);
            }
            var subject = ctx.Subjects[a];
            _bundle.Allegations.Add(new Allegation
            {
                Id = id + "-A" + (a + 1).ToString("D2"),
                CaseId = id,
                StaffId = subject >= 0 ? _staffIds[subject] : null,
                Category = ctx.Categories0[a],
                Finding = finding,
                FinalisedOn = allegationFinalised,
            });
        }

        // One sanction per member of staff with a substantiated allegation, in staff id order.
        if (ctx.Sanctioned.Count > 0)
        {
            ctx.Sanctioned.Sort();
            var outcomes = (kind == CaseKind.ConductMatter, regime2020) switch
            {
                (true, true) => Sanctions2020Conduct,
                (true, false) => Sanctions2008Conduct,
                (false, true) => Sanctions2020Complaint,
                _ => Sanctions2008Complaint,
            };
            foreach (var staff in ctx.Sanctioned)
                _bundle.Sanctions.Add(new Sanction { CaseId = id, StaffId = _staffIds[staff], Outcome = outcomes.Next(rng), DecidedOn = finalisedOn });
        }

        if (kind == CaseKind.PublicComplaint)
        {
            AddAppeals(rng, id, route, regime2020, receivedOn, recordedOn, finalisedOn);
            AddComplainants(rng, ctx, id, location);
        }
    }

    /// <summary>A serving member of staff from the pool (a few tries), or -1.</summary>
    private int PickServing(Random rng, StaffPool pool, int day)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var s = pool.Next(rng);
            if (ServingOn(s, day)) return s;
        }
        return -1;
    }

    /// <summary>Who handles the case: the CST takes about 40% (mostly local resolution), the BSUs about 30%, the rest boroughs and DPS.</summary>
    private string HandlingUnit(Random rng, CaseKind kind, string? route, int location, bool corruption)
    {
        var borough = IsBorough(location);
        var bsu = borough ? "bsu-" + Boroughs[location].Bsu : "dps-investigations";
        var local = borough ? _unitIds[location] : _unitIds[_unitBusinessGroup[location]];
        switch (kind)
        {
            case CaseKind.CivilClaim: return "resources-legal";
            case CaseKind.EmploymentTribunal or CaseKind.Grievance: return "hr";
            case CaseKind.DeathOrSeriousInjury: return "dps-investigations";
            case CaseKind.ConductMatter:
                if (corruption) return rng.Chance(0.7) ? "dps-anti-corruption" : "dps-investigations";
                return rng.NextDouble() switch { < 0.4 => "dps-investigations", < 0.75 => bsu, _ => local };
        }
        var x = rng.NextDouble();
        return route switch
        {
            null => x < 0.6 ? "cst" : bsu,
            LocalResolution or OtherwiseThanByInvestigation => x switch { < 0.55 => "cst", < 0.75 => bsu, _ => local },
            LocalInvestigation => x switch { < 0.48 => bsu, < 0.68 => "cst", < 0.95 => local, _ => "dps-investigations" },
            SupervisedInvestigation or ManagedInvestigation => x < 0.6 ? "dps-investigations" : bsu,
            IndependentInvestigation => "dps-investigations",
            _ => x switch { < 0.55 => "cst", < 0.85 => bsu, _ => local },
        };
    }

    private void AddAppeals(Random rng, string id, string? route, bool regime2020, DateOnly receivedOn, DateOnly? recordedOn, DateOnly? finalisedOn)
    {
        var number = 0;
        // A late-recorded complaint was sometimes recorded only after a successful appeal against non-recording.
        if (recordedOn is { } recorded && recorded.DayNumber - receivedOn.DayNumber >= 15 && rng.Chance(0.2))
        {
            var lodged = receivedOn.AddDays(2 + rng.Next(4));
            var decided = DemoRandom.Weekday(lodged.AddDays(3 + rng.Next(5)));
            if (decided >= recorded) decided = recorded.AddDays(-1);
            if (decided > lodged)
                _bundle.Appeals.Add(new Appeal { Id = id + "-AP" + ++number, CaseId = id, AppealType = "non_recording", LodgedOn = lodged, DecidedOn = decided, Upheld = true });
        }
        if (finalisedOn is not { } done) return;
        var (type, rate, upheld) = route switch
        {
            LocalResolution or OtherwiseThanByInvestigation => (regime2020 ? "review" : "local_resolution", 0.10, 0.33),
            LocalInvestigation or SupervisedInvestigation or ManagedInvestigation or IndependentInvestigation => (regime2020 ? "review" : "investigation", 0.18, 0.28),
            Dispensation when !regime2020 => ("dispensation", 0.08, 0.30),
            Discontinuance => (regime2020 ? "review" : "discontinuance", 0.15, 0.30),
            _ => ((string?)null, 0.0, 0.0),
        };
        if (type is null || !rng.Chance(rate)) return;
        var lodgedOn = done.AddDays(2 + rng.Next(27));
        if (lodgedOn > _until) return;
        var decidedOn = DemoRandom.Weekday(lodgedOn.AddDays(20 + rng.Next(41)));
        var isDecided = decidedOn <= _until;
        _bundle.Appeals.Add(new Appeal
        {
            Id = id + "-AP" + ++number,
            CaseId = id,
            AppealType = type,
            LodgedOn = lodgedOn,
            DecidedOn = isDecided ? decidedOn : null,
            Upheld = isDecided ? rng.Chance(upheld) : null,
        });
    }

    private void AddComplainants(Random rng, CaseContext ctx, string id, int location)
    {
        var count = rng.NextDouble() switch { < 0.92 => 1, < 0.99 => 2, _ => 3 };
        for (var k = 1; k <= count; k++)
        {
            var borough = IsBorough(location) ? location : ctx.Residence.Next(rng);
            string ethnicity = rng.Chance(0.14) ? "not_stated" : ctx.DetailedEthnicity[ctx.ComplainantGroups[borough].Next(rng)].Next(rng);
            var home = rng.NextDouble() switch { < 0.80 => _unitIds[borough], < 0.97 => _unitIds[ctx.Residence.Next(rng)], _ => null };
            _bundle.Complainants.Add(new Complainant
            {
                Id = id + "-P" + k,
                CaseId = id,
                Gender = ComplainantGender.Next(rng),
                Ethnicity = ethnicity,
                AgeBand = ComplainantAge.Next(rng),
                HomeUnitId = home,
            });
        }
    }
}
