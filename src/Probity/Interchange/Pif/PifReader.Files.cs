using Probity.Workforce.Contracts;
using Probity.Registers.Contracts;
using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Interchange.Pif;

internal static partial class PifReader
{
    /// <summary>The first day of the 2020 regime (Police (Complaints and Misconduct) Regulations 2020); matches Rulebooks/2020.json.</summary>
    internal static readonly DateOnly Regime2020From = new(2020, 2, 1);

    internal const string Regime2008 = "2008";
    internal const string Regime2020 = "2020";

    /// <summary>Handling routes that exist only under the 2020 regime.</summary>
    internal static readonly IReadOnlySet<string> RoutesOnlyIn2020 = new HashSet<string>(StringComparer.Ordinal) { "otherwise_than_by_investigation", "outside_schedule_3" };

    private static class Codes
    {
        public static readonly CodeList UnitKinds = new("unit kind", Vocabulary.UnitKinds);
        public static readonly CodeList StaffTypes = new("staff type", Vocabulary.StaffTypes);
        public static readonly CodeList Genders = new("gender", Vocabulary.Genders);
        public static readonly CodeList Ethnicities = new("ethnicity", Vocabulary.Ethnicities);
        public static readonly CodeList VettingLevels = new("vetting level", Vocabulary.VettingLevels);
        public static readonly CodeList CaseTypes = new("case type", Vocabulary.CaseTypes);
        public static readonly CodeList Regimes = new("regime", Vocabulary.Regimes);
        public static readonly CodeList Sources = new("source", Vocabulary.Sources);
        public static readonly CodeList HandlingRoutes = new("handling route", Vocabulary.HandlingRoutes);
        public static readonly CodeList Categories = new("allegation category", Vocabulary.AllegationCategories);
        public static readonly CodeList Findings = new("finding", Vocabulary.Findings);
        public static readonly CodeList Outcomes = new("sanction outcome", Vocabulary.SanctionOutcomes);
        public static readonly CodeList AppealTypes = new("appeal type", Vocabulary.AppealTypes);
        public static readonly CodeList AgeBands = new("age band", Vocabulary.AgeBands);
        public static readonly CodeList Decisions = new("business interest decision", Vocabulary.InterestDecisions);
        public static readonly CodeList PersonFlags = new("person flag", Vocabulary.PersonFlags);
        public static readonly CodeList Relations = new("relation", Vocabulary.Relations);
        public static readonly CodeList AssociationSources = new("association source", Vocabulary.AssociationSources);
        public static readonly CodeList RecordTypes = new("record type", Vocabulary.RecordTypes);
    }

    private sealed partial class Session
    {
        private readonly StringPool _pool = new();
        private readonly List<(string UnitId, string ParentId, int Line)> _unitParents = [];
        private string _unitsLabel = PifSchema.Units.Name;

        private void ReadUnits(PifRows r)
        {
            Col id = r["unit_id"], name = r["name"], kind = r["kind"], parent = r["parent_unit_id"], population = r["resident_population"];
            r.IdsGoTo(_units, id);
            _unitsLabel = r.Label;
            Bundle.UnitLines.File = r.Label;
            while (r.Next())
            {
                var unit = new Unit
                {
                    Id = r.Id(id, _units) ?? "",
                    Name = r.Text(name, required: true) ?? "",
                    Kind = r.Code(kind, Codes.UnitKinds, required: true) ?? "",
                    ParentUnitId = r.Identifier(parent),
                    ResidentPopulation = r.Count(population),
                };
                if (unit.ParentUnitId is not null) _unitParents.Add((unit.Id, unit.ParentUnitId, r.Line));
                Bundle.UnitLines.Add(unit.Id, r.Line);
                Bundle.Units.Add(unit);
            }
        }

        /// <summary>Parents may come later in the file, so they are checked once all units are known; a cycle would hang every roll-up.</summary>
        private void CheckUnitParents()
        {
            var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (unitId, parentId, line) in _unitParents)
            {
                if (parentId.Length > PifFormat.MaxIdentifierLength) continue; // already reported
                if (!_units.Contains(parentId))
                {
                    Log.Error(_unitsLabel, line, "parent_unit_id", $"{PifFormat.Quote(parentId)} is not a unit_id in units.csv");
                    continue;
                }
                parentOf.TryAdd(unitId, parentId);
                lineOf.TryAdd(unitId, line);
            }
            var settled = new HashSet<string>(StringComparer.Ordinal);
            foreach (var start in parentOf.Keys)
            {
                var path = new List<string>();
                var onPath = new HashSet<string>(StringComparer.Ordinal);
                var current = start;
                while (!settled.Contains(current) && onPath.Add(current))
                {
                    path.Add(current);
                    if (!parentOf.TryGetValue(current, out var next)) break;
                    current = next;
                }
                if (onPath.Contains(current) && !settled.Contains(current) && parentOf.ContainsKey(current))
                {
                    var cycle = path[path.IndexOf(current)..];
                    Log.Error(_unitsLabel, lineOf[current], "parent_unit_id",
                        $"units form a cycle: {string.Join(" → ", cycle.Append(current).Select(u => $"'{u}'"))}");
                }
                settled.UnionWith(path);
            }
        }

        private void ReadStaff(PifRows r)
        {
            Col id = r["staff_id"], name = r["display_name"], type = r["staff_type"], rank = r["rank"], unit = r["unit_id"],
                joined = r["joined_on"], left = r["left_on"], gender = r["gender"], ethnicity = r["ethnicity"],
                vetting = r["vetting_level"], vettingExpires = r["vetting_expires_on"];
            r.IdsGoTo(_staff, id);
            while (r.Next())
            {
                var s = new StaffMember
                {
                    Id = r.Id(id, _staff) ?? "",
                    DisplayName = r.Text(name, required: true) ?? "",
                    StaffType = r.Code(type, Codes.StaffTypes, required: true) ?? "",
                    Rank = r.Text(rank, _pool),
                    UnitId = r.Ref(unit, _units),
                    JoinedOn = r.Date(joined),
                    LeftOn = r.Date(left),
                    Gender = r.Code(gender, Codes.Genders),
                    Ethnicity = r.Code(ethnicity, Codes.Ethnicities),
                    VettingLevel = r.Code(vetting, Codes.VettingLevels),
                    VettingExpiresOn = r.Date(vettingExpires),
                };
                r.NotBefore(left, s.LeftOn, joined, s.JoinedOn);
                Bundle.Staff.Add(s);
            }
        }

        private void ReadPostings(PifRows r)
        {
            Col staff = r["staff_id"], unit = r["unit_id"], from = r["from_date"], to = r["to_date"];
            var seen = new Dictionary<(int, int, int), int>();
            while (r.Next())
            {
                DateOnly? fromDate;
                var p = new Posting
                {
                    StaffId = r.Ref(staff, _staff, out var staffKey, required: true) ?? "",
                    UnitId = r.Ref(unit, _units, out var unitKey, required: true) ?? "",
                    FromDate = (fromDate = r.Date(from, required: true)) ?? default,
                    ToDate = r.Date(to),
                };
                r.NotBefore(to, p.ToDate, from, p.FromDate);
                if (staffKey != 0 && unitKey != 0 && fromDate is { } f && !seen.TryAdd((staffKey, unitKey, f.DayNumber), r.Line))
                    Duplicate(r, "staff_id, unit_id, from_date", $"'{p.StaffId}', '{p.UnitId}', {PifFormat.Date(f)}", seen[(staffKey, unitKey, f.DayNumber)]);
                Bundle.Postings.Add(p);
            }
        }

        private void ReadCases(PifRows r)
        {
            Col id = r["case_id"], type = r["case_type"], regime = r["regime"], received = r["received_on"], recorded = r["recorded_on"],
                source = r["source"], location = r["location_unit_id"], handling = r["handling_unit_id"], route = r["handling_route"],
                routeDecided = r["route_decided_on"], finalised = r["finalised_on"], referred = r["referred_to_ipcc"];
            r.IdsGoTo(_cases, id);
            Bundle.CaseLines.File = r.Label;
            while (r.Next())
            {
                DateOnly? receivedOn;
                var c = new Case
                {
                    Id = r.Id(id, _cases) ?? "",
                    CaseType = r.Code(type, Codes.CaseTypes, required: true) ?? "",
                    Regime = r.Code(regime, Codes.Regimes),
                    ReceivedOn = (receivedOn = r.CaseDate(received, required: true)) ?? default,
                    RecordedOn = r.CaseDate(recorded),
                    Source = r.Code(source, Codes.Sources),
                    LocationUnitId = r.Ref(location, _units),
                    HandlingUnitId = r.Ref(handling, _units),
                    HandlingRoute = r.Code(route, Codes.HandlingRoutes),
                    RouteDecidedOn = r.CaseDate(routeDecided),
                    FinalisedOn = r.CaseDate(finalised),
                    ReferredToIpcc = r.Bool(referred),
                };

                // received ≤ recorded ≤ route decided ≤ finalised, skipping dates not given
                var lastCol = received;
                var last = receivedOn;
                InOrder(r, ref lastCol, ref last, recorded, c.RecordedOn);
                InOrder(r, ref lastCol, ref last, routeDecided, c.RouteDecidedOn);
                InOrder(r, ref lastCol, ref last, finalised, c.FinalisedOn);

                CheckRegime(r, c, receivedOn, regime, route);
                Bundle.CaseLines.Add(c.Id, r.Line);
                Bundle.Cases.Add(c);
            }
        }

        private static void InOrder(PifRows r, ref Col lastCol, ref DateOnly? last, Col col, DateOnly? value)
        {
            if (value is not { } v) return;
            if (last is { } l && v < l)
            {
                r.Error(col, $"{col.Name} {PifFormat.Date(v)} is before {lastCol.Name} {PifFormat.Date(l)}");
                return;
            }
            lastCol = col;
            last = v;
        }

        private static void CheckRegime(PifRows r, Case c, DateOnly? receivedOn, Col regime, Col route)
        {
            string? effective = c.Regime;
            if (receivedOn is { } rec)
            {
                var byDate = rec >= Regime2020From ? Regime2020 : Regime2008;
                if (c.Regime is { } given && given != byDate)
                {
                    r.Error(regime, given == Regime2020
                        ? $"regime '2020' applies only to matters received on or after {PifFormat.Date(Regime2020From)}, but received_on is {PifFormat.Date(rec)}"
                        : $"regime '2008' applies only to matters received before {PifFormat.Date(Regime2020From)}, but received_on is {PifFormat.Date(rec)}");
                }
                effective ??= byDate;
            }
            if (effective == Regime2008 && c.HandlingRoute is { } code && RoutesOnlyIn2020.Contains(code))
            {
                r.Error(route, c.Regime is null
                    ? $"'{code}' is a handling route of the 2020 regime only, and a case received on {PifFormat.Date(c.ReceivedOn)} falls under the 2008 regime"
                    : $"'{code}' is a handling route of the 2020 regime only, and this case is under the 2008 regime");
            }
        }

        private void ReadAllegations(PifRows r)
        {
            Col id = r["allegation_id"], caseId = r["case_id"], staff = r["staff_id"], category = r["category"], finding = r["finding"], finalised = r["finalised_on"];
            r.IdsGoTo(_allegations, id);
            while (r.Next())
            {
                Bundle.Allegations.Add(new Allegation
                {
                    Id = r.Id(id, _allegations) ?? "",
                    CaseId = r.Ref(caseId, _cases, required: true) ?? "",
                    StaffId = r.Ref(staff, _staff),
                    Category = r.Code(category, Codes.Categories, required: true) ?? "",
                    Finding = r.Code(finding, Codes.Findings),
                    FinalisedOn = r.CaseDate(finalised),
                });
            }
        }

        private void ReadSanctions(PifRows r)
        {
            Col staff = r["staff_id"], caseId = r["case_id"], outcome = r["outcome"], decided = r["decided_on"];
            var seen = new Dictionary<(int, int, string), int>();
            while (r.Next())
            {
                var s = new Sanction
                {
                    StaffId = r.Ref(staff, _staff, out var staffKey, required: true) ?? "",
                    CaseId = r.Ref(caseId, _cases, out var caseKey, required: true) ?? "",
                    Outcome = r.Code(outcome, Codes.Outcomes, required: true) ?? "",
                    DecidedOn = r.CaseDate(decided),
                };
                var key = (caseKey, staffKey, s.Outcome);
                if (staffKey != 0 && caseKey != 0 && s.Outcome.Length > 0 && !seen.TryAdd(key, r.Line))
                    Duplicate(r, "case_id, staff_id, outcome", $"'{s.CaseId}', '{s.StaffId}', '{s.Outcome}'", seen[key]);
                Bundle.Sanctions.Add(s);
            }
        }

        private void ReadAppeals(PifRows r)
        {
            Col id = r["appeal_id"], caseId = r["case_id"], type = r["appeal_type"], lodged = r["lodged_on"], decided = r["decided_on"], upheld = r["upheld"];
            r.IdsGoTo(_appeals, id);
            while (r.Next())
            {
                DateOnly? lodgedOn;
                var a = new Appeal
                {
                    Id = r.Id(id, _appeals) ?? "",
                    CaseId = r.Ref(caseId, _cases, required: true) ?? "",
                    AppealType = r.Code(type, Codes.AppealTypes, required: true) ?? "",
                    LodgedOn = (lodgedOn = r.CaseDate(lodged, required: true)) ?? default,
                    DecidedOn = r.CaseDate(decided),
                    Upheld = r.Bool(upheld),
                };
                r.NotBefore(decided, a.DecidedOn, lodged, lodgedOn);
                Bundle.Appeals.Add(a);
            }
        }

        private void ReadComplainants(PifRows r)
        {
            Col id = r["complainant_id"], caseId = r["case_id"], gender = r["gender"], ethnicity = r["ethnicity"], age = r["age_band"], home = r["home_unit_id"];
            r.IdsGoTo(_complainants, id);
            while (r.Next())
            {
                Bundle.Complainants.Add(new Complainant
                {
                    Id = r.Id(id, _complainants) ?? "",
                    CaseId = r.Ref(caseId, _cases, required: true) ?? "",
                    Gender = r.Code(gender, Codes.Genders),
                    Ethnicity = r.Code(ethnicity, Codes.Ethnicities),
                    AgeBand = r.Code(age, Codes.AgeBands),
                    HomeUnitId = r.Ref(home, _units),
                });
            }
        }

        private void ReadPopulation(PifRows r)
        {
            Col unit = r["unit_id"], ethnicity = r["ethnicity"], gender = r["gender"], age = r["age_band"], residents = r["residents"];
            var seen = new Dictionary<(int, string, string, string), int>();
            while (r.Next())
            {
                var p = new PopulationCount
                {
                    UnitId = r.Ref(unit, _units, out var unitKey, required: true) ?? "",
                    Ethnicity = r.Code(ethnicity, Codes.Ethnicities, required: true) ?? "",
                    Gender = r.Code(gender, Codes.Genders, required: true) ?? "",
                    AgeBand = r.Code(age, Codes.AgeBands, required: true) ?? "",
                    Residents = r.Count(residents, required: true) ?? 0,
                };
                var key = (unitKey, p.Ethnicity, p.Gender, p.AgeBand);
                if (unitKey != 0 && !seen.TryAdd(key, r.Line))
                    Duplicate(r, "unit_id, ethnicity, gender, age_band", $"'{p.UnitId}', '{p.Ethnicity}', '{p.Gender}', '{p.AgeBand}'", seen[key]);
                Bundle.Population.Add(p);
            }
        }

        private void ReadExposure(PifRows r)
        {
            Col staff = r["staff_id"], month = r["month"], hours = r["hours_on_duty"], calls = r["calls_attended"], arrests = r["arrests"],
                stops = r["stop_searches"], force = r["uses_of_force"];
            var seen = new Dictionary<long, int>(); // (staff, month) packed: millions of rows, so no strings in the key
            while (r.Next())
            {
                var e = new ExposureMonth
                {
                    StaffId = r.Ref(staff, _staff, out var staffKey, required: true) ?? "",
                    Month = r.Month(month, _pool, required: true) ?? "",
                    HoursOnDuty = r.Amount(hours),
                    CallsAttended = r.Count(calls),
                    Arrests = r.Count(arrests),
                    StopSearches = r.Count(stops),
                    UsesOfForce = r.Count(force),
                };
                var key = ((long)staffKey << 32) | (uint)(e.Month.Length == 0 ? 0 : PifFormat.MonthNumber(e.Month));
                if (staffKey != 0 && e.Month.Length > 0 && !seen.TryAdd(key, r.Line))
                    Duplicate(r, "staff_id, month", $"'{e.StaffId}', '{e.Month}'", seen[key]);
                Bundle.Exposure.Add(e);
            }
        }

        private void ReadBusinessInterests(PifRows r)
        {
            Col id = r["interest_id"], staff = r["staff_id"], type = r["interest_type"], description = r["description"], applied = r["applied_on"],
                decision = r["decision"], decided = r["decided_on"], review = r["review_on"];
            r.IdsGoTo(_interests, id);
            while (r.Next())
            {
                Bundle.BusinessInterests.Add(new BusinessInterest
                {
                    Id = r.Id(id, _interests) ?? "",
                    StaffId = r.Ref(staff, _staff, required: true) ?? "",
                    InterestType = r.Text(type, _pool, required: true) ?? "",
                    Description = r.Text(description),
                    AppliedOn = r.Date(applied),
                    Decision = r.Code(decision, Codes.Decisions),
                    DecidedOn = r.Date(decided),
                    ReviewOn = r.Date(review),
                });
            }
        }

        private void ReadPersons(PifRows r)
        {
            Col id = r["person_id"], flags = r["flags"];
            r.IdsGoTo(_persons, id);
            while (r.Next())
                Bundle.Persons.Add(new RecordPerson { Id = r.Id(id, _persons) ?? "", Flags = r.Codes(flags, Codes.PersonFlags) });
        }

        private void ReadAssociations(PifRows r)
        {
            Col staff = r["staff_id"], person = r["person_id"], relation = r["relation"], source = r["source"], from = r["from_date"], to = r["to_date"];
            var seen = new Dictionary<(int, int, string, DateOnly?), int>();
            while (r.Next())
            {
                var a = new StaffAssociation
                {
                    StaffId = r.Ref(staff, _staff, out var staffKey, required: true) ?? "",
                    PersonId = r.Ref(person, _persons, out var personKey, required: true) ?? "",
                    Relation = r.Code(relation, Codes.Relations, required: true) ?? "",
                    Source = r.Code(source, Codes.AssociationSources),
                    FromDate = r.Date(from),
                    ToDate = r.Date(to),
                };
                r.NotBefore(to, a.ToDate, from, a.FromDate);
                var key = (staffKey, personKey, a.Relation, a.FromDate);
                if (staffKey != 0 && personKey != 0 && a.Relation.Length > 0 && !seen.TryAdd(key, r.Line))
                    Duplicate(r, "staff_id, person_id, relation, from_date",
                        $"'{a.StaffId}', '{a.PersonId}', '{a.Relation}', {(a.FromDate is { } d ? PifFormat.Date(d) : "(empty)")}", seen[key]);
                Bundle.Associations.Add(a);
            }
        }

        private void ReadAssignments(PifRows r)
        {
            Col staff = r["staff_id"], reason = r["reason_ref"], recordType = r["record_type"], recordId = r["record_id"],
                subject = r["subject_person_id"], from = r["from_time"], to = r["to_time"];
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            while (r.Next())
            {
                var a = new Assignment
                {
                    RowKey = "",
                    StaffId = r.Ref(staff, _staff, required: true) ?? "",
                    ReasonRef = r.Identifier(reason),
                    RecordType = r.Code(recordType, Codes.RecordTypes),
                    RecordId = r.Identifier(recordId),
                    SubjectPersonId = r.Identifier(subject),
                    FromTime = r.Timestamp(from),
                    ToTime = r.Timestamp(to),
                };
                if (a is { FromTime: { } f, ToTime: { } t } && t < f)
                    r.Error(to, $"to_time {PifFormat.Timestamp(t)} is before from_time {PifFormat.Timestamp(f)}");
                a.RowKey = PifFormat.AssignmentRowKey(a);
                if (!seen.TryAdd(a.RowKey, r.Line))
                    r.Error((string?)null, $"duplicate row: the same assignment is on line {seen[a.RowKey]}");
                Bundle.Assignments.Add(a);
            }
        }

        private static void Duplicate(PifRows r, string key, string values, int firstLine) =>
            r.Error((string?)null, $"duplicate row: ({key}) = ({values}) is already on line {firstLine}");
    }
}
