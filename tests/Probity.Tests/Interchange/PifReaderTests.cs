using System.Text;
using Probity.Interchange.Pif;
using static Probity.Tests.Interchange.BundleFolder;

namespace Probity.Tests.Interchange;

public sealed class PifReaderTests
{
    /// <summary>Every PIF-1 file with valid rows, written the way a force's export might: LF endings, columns in spec order.</summary>
    private static BundleFolder FullBundle() => Minimal()
        .File("postings.csv",
            "staff_id,unit_id,from_date,to_date",
            "S1,U2,2012-01-01,2014-12-31",
            "S1,U1,2015-01-01,")
        .File("cases.csv",
            CasesHeader,
            "C1,public_complaint,2008,2019-05-02,2019-05-03,public,U1,U2,local_resolution,2019-05-10,2019-06-01,false",
            "C2,conduct_matter,,2021-01-10,,internal,U1,U2,otherwise_than_by_investigation,,,")
        .File("allegations.csv",
            AllegationsHeader,
            "A1,C1,S1,incivility,locally_resolved,2019-06-01",
            "A2,C2,,other_neglect_or_failure_in_duty,,")
        .File("sanctions.csv",
            "staff_id,case_id,outcome,decided_on",
            "S1,C1,management_action,2019-06-01")
        .File("appeals.csv",
            "appeal_id,case_id,appeal_type,lodged_on,decided_on,upheld",
            "P1,C1,local_resolution,2019-06-10,2019-07-01,true",
            "P2,C2,review,2021-03-01,,")
        .File("complainants.csv",
            "complainant_id,case_id,gender,ethnicity,age_band,home_unit_id",
            "K1,C1,female,a1,25_34,U1",
            "K2,C2,,,,")
        .File("population.csv",
            "unit_id,ethnicity,gender,age_band,residents",
            "U1,white,male,18_24,12000",
            "U1,black,female,18_24,3400")
        .File("exposure.csv",
            "staff_id,month,hours_on_duty,calls_attended,arrests,stop_searches,uses_of_force",
            "S1,2021-01,151.50,87,4,11,1",
            "S1,2021-02,,,,,")
        .File("business_interests.csv",
            "interest_id,staff_id,interest_type,description,applied_on,decision,decided_on,review_on",
            "B1,S1,second_job,\"Driving instructor, weekends \"\"only\"\"\",2020-01-06,approved_with_conditions,2020-02-01,2021-02-01")
        .File("persons.csv",
            "person_id,flags",
            "N1,ocn_nominal;vip",
            "N2,")
        .File("associations.csv",
            "staff_id,person_id,relation,source,from_date,to_date",
            "S1,N1,family,declared,2001-01-01,",
            "S1,N1,family,vetting,2019-01-01,2020-01-01")
        .File("assignments.csv",
            "staff_id,reason_ref,record_type,record_id,subject_person_id,from_time,to_time",
            "S1,CAD-123,person,R9,N1,2021-03-04T10:15:00Z,2021-03-05T10:15:00.5+01:00",
            "S2,,,,,,");

    [Fact]
    public void A_valid_bundle_reads_with_no_errors_and_the_values_given()
    {
        using var folder = FullBundle();

        var result = folder.Read();

        PifAssert.NoErrors(result);
        Assert.Empty(result.Warnings);
        var b = result.Bundle;
        Assert.Equal(
            ["allegations.csv", "appeals.csv", "assignments.csv", "associations.csv", "business_interests.csv", "cases.csv", "complainants.csv",
             "exposure.csv", "persons.csv", "population.csv", "postings.csv", "sanctions.csv", "staff.csv", "units.csv"],
            b.FilesPresent);
        Assert.Equal([2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 2, 2, 2],
            new[] { b.Units.Count, b.Staff.Count, b.Postings.Count, b.Cases.Count, b.Allegations.Count, b.Sanctions.Count, b.Appeals.Count,
                b.Complainants.Count, b.Population.Count, b.Exposure.Count, b.BusinessInterests.Count, b.Persons.Count, b.Associations.Count, b.Assignments.Count });

        Assert.Equal(255000, b.Units[0].ResidentPopulation);
        Assert.Equal("U1", b.Units[1].ParentUnitId);
        Assert.Null(b.Units[1].ResidentPopulation);

        var jones = b.Staff[1];
        Assert.Equal(("S2", "Jones, Ann", "police_staff", null, "U2"), (jones.Id, jones.DisplayName, jones.StaffType, jones.Rank, jones.UnitId));
        Assert.Equal(new DateOnly(2022, 3, 31), jones.LeftOn);
        Assert.Equal(("female", "b2", "rv", (DateOnly?)null), (jones.Gender, jones.Ethnicity, jones.VettingLevel, jones.VettingExpiresOn));

        var c1 = b.Cases[0];
        Assert.Equal(("public_complaint", "2008", new DateOnly(2019, 5, 2), "local_resolution", false),
            (c1.CaseType, c1.Regime, c1.ReceivedOn, c1.HandlingRoute, c1.ReferredToIpcc));
        Assert.Equal(new DateOnly(2019, 6, 1), c1.FinalisedOn);
        var c2 = b.Cases[1];
        Assert.Null(c2.Regime);
        Assert.Null(c2.RecordedOn);
        Assert.Null(c2.ReferredToIpcc);

        Assert.Null(b.Allegations[1].StaffId);
        Assert.Null(b.Allegations[1].Finding);
        Assert.True(b.Appeals[0].Upheld);
        Assert.Null(b.Appeals[1].Upheld);
        Assert.Equal(151.50m, b.Exposure[0].HoursOnDuty);
        Assert.Equal("151.50", b.Exposure[0].HoursOnDuty!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2021-01", b.Exposure[0].Month);
        Assert.Null(b.Exposure[1].CallsAttended);
        Assert.Equal("Driving instructor, weekends \"only\"", b.BusinessInterests[0].Description);
        Assert.Equal("ocn_nominal;vip", b.Persons[0].Flags);
        Assert.Null(b.Persons[1].Flags);
        Assert.Null(b.Associations[0].ToDate);

        var a = b.Assignments[0];
        Assert.Equal(new DateTimeOffset(2021, 3, 4, 10, 15, 0, TimeSpan.Zero), a.FromTime);
        Assert.Equal(new DateTimeOffset(2021, 3, 5, 10, 15, 0, 500, TimeSpan.FromHours(1)), a.ToTime);
        Assert.Matches("^[0-9a-f]{32}$", a.RowKey);
        Assert.NotEqual(a.RowKey, b.Assignments[1].RowKey);
    }

    [Fact]
    public void Columns_are_matched_by_name_in_any_order_and_optional_ones_may_be_left_out()
    {
        using var folder = new BundleFolder()
            .File("units.csv", "kind,name,unit_id", "borough,Camden,U9")
            .File("staff.csv", "unit_id,staff_type,display_name,staff_id", "U9,pcso,PCSO Lee,S9");

        var result = folder.Read();

        PifAssert.NoErrors(result);
        Assert.Equal(("U9", "Camden", "borough"), (result.Bundle.Units[0].Id, result.Bundle.Units[0].Name, result.Bundle.Units[0].Kind));
        Assert.Equal(("S9", "PCSO Lee", "pcso", "U9"), (result.Bundle.Staff[0].Id, result.Bundle.Staff[0].DisplayName, result.Bundle.Staff[0].StaffType, result.Bundle.Staff[0].UnitId));
    }

    [Fact]
    public void A_bad_date_is_reported_with_file_line_column_and_the_value()
    {
        using var folder = Minimal().File("cases.csv",
            CasesHeader,
            "C1,public_complaint,,2019-05-02,,,,,,,,",
            "C2,public_complaint,,2021-02-30,,,,,,,,",
            "C3,public_complaint,,03/04/2021,,,,,,,,");

        var result = folder.Read();

        PifAssert.Error(result, "cases.csv", 3, "received_on", "'2021-02-30'", "YYYY-MM-DD");
        PifAssert.Error(result, "cases.csv", 4, "received_on", "'03/04/2021'");
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void A_case_date_outside_the_working_day_calendar_is_reported_with_file_line_column_and_the_range()
    {
        using var folder = Minimal()
            .File("cases.csv",
                CasesHeader,
                "C1,public_complaint,,1900-01-01,,public,U1,,,,,",
                "C2,public_complaint,,2019-05-02,2019-05-03,public,U1,U2,local_resolution,2019-05-10,2036-01-02,",
                "C3,conduct_matter,,2019-05-02,,internal,U1,,,,,")
            .File("allegations.csv",
                AllegationsHeader,
                "A1,C3,S1,incivility,locally_resolved,1999-12-31")
            .File("sanctions.csv",
                "staff_id,case_id,outcome,decided_on",
                "S1,C3,written_warning,9999-12-31")
            .File("appeals.csv",
                "appeal_id,case_id,appeal_type,lodged_on,decided_on,upheld",
                "P1,C3,review,0001-01-01,,");

        var result = folder.Read();

        PifAssert.Error(result, "cases.csv", 2, "received_on", "1900-01-01 is outside 2000-01-01 to 2035-12-31", "working days");
        PifAssert.Error(result, "cases.csv", 3, "finalised_on", "2036-01-02 is outside 2000-01-01 to 2035-12-31");
        PifAssert.Error(result, "allegations.csv", 2, "finalised_on", "1999-12-31 is outside");
        PifAssert.Error(result, "sanctions.csv", 2, "decided_on", "9999-12-31 is outside");
        PifAssert.Error(result, "appeals.csv", 2, "lodged_on", "0001-01-01 is outside");
        // One error per bad date: no knock-on "before received_on" or regime errors from a date already refused.
        Assert.Equal(5, result.Errors.Count);
    }

    [Fact]
    public void Dates_of_staff_and_registers_may_precede_the_working_day_calendar()
    {
        // Officers serving today joined long before 2000; their dates are never counted in working days.
        using var folder = new BundleFolder()
            .File("units.csv", UnitsHeader, "U1,Westminster,borough,,255000")
            .File("staff.csv", StaffHeader, "S1,PC 101 Smith,officer,PC,U1,1978-04-01,,male,w1,mv,")
            .File("postings.csv", "staff_id,unit_id,from_date,to_date", "S1,U1,1978-04-01,");

        PifAssert.NoErrors(folder.Read());
    }

    [Fact]
    public void A_code_outside_the_vocabulary_is_reported_with_the_allowed_codes()
    {
        using var folder = Minimal().File("staff.csv",
            StaffHeader,
            "S1,PC 101 Smith,officer,PC,U1,2010-04-01,,Male,w1,mv,",
            "S2,PC 102 Brown,constable,PC,U1,2010-04-01,,male,w1,mv,");

        var result = folder.Read();

        var gender = PifAssert.Error(result, "staff.csv", 2, "gender", "'Male'", "gender");
        Assert.Contains("not_stated", gender.Reason, StringComparison.Ordinal);
        PifAssert.Error(result, "staff.csv", 3, "staff_type", "'constable'", "officer");
    }

    [Fact]
    public void Other_bad_values_name_the_value()
    {
        using var folder = Minimal()
            .File("units.csv", UnitsHeader, "U1,Westminster,borough,,lots", "U2,BSU,bsu,U1,-5")
            .File("cases.csv", CasesHeader, "C1,public_complaint,,2019-05-02,,,,,,,,yes")
            .File("exposure.csv", "staff_id,month,hours_on_duty,calls_attended,arrests,stop_searches,uses_of_force", "S1,2021-13,1e3,,,,")
            .File("persons.csv", "person_id,flags", "N1,vip;celebrity", "N2,vip;;journalist")
            .File("assignments.csv", "staff_id,reason_ref,record_type,record_id,subject_person_id,from_time,to_time",
                $"S1,{new string('x', 65)},,,,2021-03-04T10:15:00,2021-03-04 10:15Z");

        var result = folder.Read();

        PifAssert.Error(result, "units.csv", 2, "resident_population", "'lots'", "whole number");
        PifAssert.Error(result, "units.csv", 3, "resident_population", "'-5'", "negative");
        PifAssert.Error(result, "cases.csv", 2, "referred_to_ipcc", "'yes'", "true or false");
        PifAssert.Error(result, "exposure.csv", 2, "month", "'2021-13'", "YYYY-MM");
        PifAssert.Error(result, "exposure.csv", 2, "hours_on_duty", "'1e3'");
        PifAssert.Error(result, "persons.csv", 2, "flags", "'celebrity'", "person flag");
        PifAssert.Error(result, "persons.csv", 3, "flags", "empty entry");
        PifAssert.Error(result, "assignments.csv", 2, "reason_ref", "65 characters", "at most 64");
        PifAssert.Error(result, "assignments.csv", 2, "from_time", "'2021-03-04T10:15:00'", "no UTC offset");
        PifAssert.Error(result, "assignments.csv", 2, "to_time", "'2021-03-04 10:15Z'", "ISO 8601");
        Assert.Equal(10, result.Errors.Count);
    }

    [Fact]
    public void An_empty_required_field_is_an_error()
    {
        using var folder = Minimal().File("staff.csv", StaffHeader, ",PC 101 Smith,officer,,,,,,,,", "S2,,officer,,,,,,,,");

        var result = folder.Read();

        PifAssert.Error(result, "staff.csv", 2, "staff_id", "required");
        PifAssert.Error(result, "staff.csv", 3, "display_name", "required");
    }

    [Fact]
    public void A_missing_required_column_is_an_error_on_the_header_line()
    {
        using var folder = Minimal()
            .File("cases.csv", CasesHeader, "C1,public_complaint,,2019-05-02,,,,,,,,")
            .File("allegations.csv", "allegation_id,case_id,staff_id,finding", "A1,C1,S1,");

        var result = folder.Read();

        PifAssert.Error(result, "allegations.csv", 1, "category", "required column", "missing");
        Assert.Single(result.Errors);
    }

    [Fact]
    public void An_unknown_column_is_a_warning_naming_it_and_is_ignored()
    {
        using var folder = Minimal().File("units.csv", UnitsHeader + ",colour", "U1,Westminster,borough,,,blue", "U2,BSU,bsu,U1,,red");

        var result = folder.Read();

        PifAssert.NoErrors(result);
        PifAssert.Warning(result, "units.csv", 1, "colour", "unknown column", "'colour'");
        Assert.Equal("Westminster", result.Bundle.Units[0].Name);
    }

    [Fact]
    public void A_duplicate_id_names_both_lines()
    {
        using var folder = Minimal().File("cases.csv",
            CasesHeader,
            "C1,public_complaint,,2019-05-02,,,,,,,,",
            "C2,public_complaint,,2019-05-02,,,,,,,,",
            "C1,conduct_matter,,2019-05-02,,,,,,,,");

        var result = folder.Read();

        PifAssert.Error(result, "cases.csv", 4, "case_id", "'C1'", "line 2");
        Assert.Single(result.Errors);
    }

    [Fact]
    public void A_duplicate_natural_key_names_both_lines()
    {
        using var folder = Minimal()
            .File("postings.csv", "staff_id,unit_id,from_date,to_date", "S1,U1,2015-01-01,", "S1,U2,2015-01-01,", "S1,U1,2015-01-01,2016-01-01")
            .File("exposure.csv", "staff_id,month", "S1,2021-01", "S1,2021-01")
            .File("assignments.csv", "staff_id,reason_ref", "S1,CAD-1", "S1,CAD-2", "S1,CAD-1");

        var result = folder.Read();

        PifAssert.Error(result, "postings.csv", 4, null, "duplicate", "'S1', 'U1', 2015-01-01", "line 2");
        PifAssert.Error(result, "exposure.csv", 3, null, "duplicate", "line 2");
        PifAssert.Error(result, "assignments.csv", 4, null, "duplicate", "line 2");
        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void A_dangling_reference_names_the_referring_file_line_and_column()
    {
        using var folder = Minimal()
            .File("staff.csv", StaffHeader, "S1,PC 101 Smith,officer,PC,U7,,,,,,")
            .File("cases.csv", CasesHeader, "C1,public_complaint,,2019-05-02,,,U1,U8,,,,")
            .File("allegations.csv", AllegationsHeader, "A1,C1,S1,incivility,,", "A2,C9,S1,incivility,,", "A3,C1,S5,incivility,,")
            .File("persons.csv", "person_id,flags", "N1,")
            .File("associations.csv", "staff_id,person_id,relation,source,from_date,to_date", "S1,N2,friend,,,");

        var result = folder.Read();

        PifAssert.Error(result, "staff.csv", 2, "unit_id", "'U7'", "units.csv");
        PifAssert.Error(result, "cases.csv", 2, "handling_unit_id", "'U8'", "units.csv");
        PifAssert.Error(result, "allegations.csv", 3, "case_id", "'C9'", "cases.csv");
        PifAssert.Error(result, "allegations.csv", 4, "staff_id", "'S5'", "staff.csv");
        PifAssert.Error(result, "associations.csv", 2, "person_id", "'N2'", "persons.csv");
        Assert.Equal(5, result.Errors.Count);
    }

    [Fact]
    public void References_to_a_file_missing_from_the_bundle_are_reported_once_per_column()
    {
        using var folder = Minimal().File("allegations.csv", AllegationsHeader, "A1,C1,S1,incivility,,", "A2,C2,S1,incivility,,");

        var result = folder.Read();

        PifAssert.Error(result, "allegations.csv", 2, "case_id", "cases.csv", "not in the bundle");
        Assert.Single(result.Errors);
    }

    [Fact]
    public void A_unit_parent_must_exist_and_the_hierarchy_must_not_loop()
    {
        using var folder = Minimal().File("units.csv", UnitsHeader, "U1,A,borough,U3,", "U2,B,bsu,U1,", "U3,C,team,U2,", "U4,D,team,U9,");

        var result = folder.Read();

        PifAssert.Error(result, "units.csv", 5, "parent_unit_id", "'U9'");
        PifAssert.Error(result, "units.csv", 2, "parent_unit_id", "cycle", "'U1' → 'U3' → 'U2' → 'U1'");
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void A_quoted_field_with_embedded_newlines_shifts_the_line_numbers_of_later_rows()
    {
        using var folder = Minimal().Raw("units.csv",
            UnitsHeader + "\r\n" +
            "U1,\"Westminster\r\nNorth, \"\"Central\"\"\nand South\",borough,,\r\n" + // lines 2–4
            "U2,BSU,bsu,U1,\r\n" + // line 5
            "U3,Team,squad,,\r\n"); // line 6

        var result = folder.Read();

        PifAssert.Error(result, "units.csv", 6, "kind", "'squad'");
        Assert.Single(result.Errors);
        Assert.Equal("Westminster\r\nNorth, \"Central\"\nand South", result.Bundle.Units[0].Name);
    }

    [Fact]
    public void Malformed_csv_is_reported_and_the_rest_of_the_file_still_checked()
    {
        using var folder = Minimal().Raw("units.csv",
            UnitsHeader + "\n" +
            "U1,West\"minster,borough,,\n" + // quote in unquoted field
            "U2,BSU,bsu,U1\n" + // too few fields
            "U3,\"Team\"x,team,,\n" +
            "U4,Team,squad,,\n" +
            "U5,\"never closed,team,,\n");

        var result = folder.Read();

        PifAssert.Error(result, "units.csv", 2, null, "double quote inside unquoted field 2");
        PifAssert.Error(result, "units.csv", 3, null, "4 fields", "header has 5");
        PifAssert.Error(result, "units.csv", 4, null, "after the closing quote");
        PifAssert.Error(result, "units.csv", 5, "kind", "'squad'");
        PifAssert.Error(result, "units.csv", 6, null, "never closed");
        Assert.Equal(5, result.Errors.Count); // and no knock-on "U2 is not a unit" for staff S2
    }

    [Fact]
    public void A_missing_required_file_is_an_error_on_line_0()
    {
        using var folder = Minimal().Delete("units.csv");

        var result = folder.Read();

        PifAssert.Error(result, "units.csv", 0, null, "required", "missing");
        Assert.Single(result.Errors); // staff.unit_id is not checked against a file that is not there
    }

    [Fact]
    public void Dates_out_of_order_are_errors_on_the_later_date()
    {
        using var folder = Minimal()
            .File("staff.csv", StaffHeader, "S1,PC 101 Smith,officer,PC,U1,2010-04-01,2009-01-01,,,,")
            .File("cases.csv", CasesHeader,
                "C1,public_complaint,,2019-05-02,2019-05-01,,,,,,,",
                "C2,public_complaint,,2019-05-02,2019-05-03,,,,local_resolution,2019-05-10,2019-05-09,")
            .File("appeals.csv", "appeal_id,case_id,appeal_type,lodged_on,decided_on,upheld", "P1,C1,local_resolution,2019-06-10,2019-06-01,")
            .File("postings.csv", "staff_id,unit_id,from_date,to_date", "S1,U1,2015-01-01,2014-01-01");

        var result = folder.Read();

        PifAssert.Error(result, "staff.csv", 2, "left_on", "2009-01-01", "before joined_on 2010-04-01");
        PifAssert.Error(result, "cases.csv", 2, "recorded_on", "2019-05-01", "before received_on 2019-05-02");
        PifAssert.Error(result, "cases.csv", 3, "finalised_on", "2019-05-09", "before route_decided_on 2019-05-10");
        PifAssert.Error(result, "appeals.csv", 2, "decided_on", "2019-06-01", "before lodged_on");
        PifAssert.Error(result, "postings.csv", 2, "to_date", "before from_date");
        Assert.Equal(5, result.Errors.Count);
    }

    [Fact]
    public void The_regime_must_fit_the_received_date_and_2020_routes_need_the_2020_regime()
    {
        using var folder = Minimal().File("cases.csv", CasesHeader,
            "C1,public_complaint,2020,2020-01-31,,,,,,,,",
            "C2,public_complaint,2008,2020-02-01,,,,,,,,",
            "C3,public_complaint,,2019-12-01,,,,,otherwise_than_by_investigation,,,",
            "C4,public_complaint,2020,2020-02-01,,,,,outside_schedule_3,,,",
            "C5,public_complaint,,2020-02-01,,,,,otherwise_than_by_investigation,,,");

        var result = folder.Read();

        PifAssert.Error(result, "cases.csv", 2, "regime", "'2020'", "2020-01-31");
        PifAssert.Error(result, "cases.csv", 3, "regime", "'2008'", "2020-02-01");
        PifAssert.Error(result, "cases.csv", 4, "handling_route", "'otherwise_than_by_investigation'", "2008 regime");
        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        using var folder = Minimal()
            .File("staff.csv", StaffHeader, "S1,PC 101 Smith,sergeant,PC,U1,2010-13-01,,x,y,z,", "S1,PC 102,officer,,U1,,,,,,")
            .File("cases.csv", CasesHeader, "C1,complaint,1999,,,,,,,,,")
            .File("allegations.csv", AllegationsHeader, "A1,C1,S1,rudeness,guilty,");

        var result = folder.Read();

        string[] expected =
        [
            "staff.csv:2:staff_type", "staff.csv:2:joined_on", "staff.csv:2:gender", "staff.csv:2:ethnicity", "staff.csv:2:vetting_level",
            "staff.csv:3:staff_id",
            "cases.csv:2:case_type", "cases.csv:2:regime", "cases.csv:2:received_on",
            "allegations.csv:2:category", "allegations.csv:2:finding",
        ];
        Assert.Equal(expected, result.Errors.Select(e => $"{e.File}:{e.Line}:{e.Column}"));
    }

    [Fact]
    public void Errors_are_capped_with_a_count_of_the_rest()
    {
        var rows = Enumerable.Range(1, 1500).Select(i => $"C{i},public_complaint,,not-a-date,,,,,,,,");
        using var folder = Minimal().File("cases.csv", [CasesHeader, .. rows]);

        var result = folder.Read();

        Assert.Equal(IssueLog.DefaultCap + 1, result.Errors.Count);
        Assert.Equal(1001, result.Errors[IssueLog.DefaultCap - 1].Line);
        Assert.Contains("500 more errors", result.Errors[^1].Reason, StringComparison.Ordinal);
        Assert.Equal(1500, result.Bundle.Cases.Count); // reading carried on to count them
    }

    [Fact]
    public void A_gzipped_file_is_read_like_a_plain_one()
    {
        using var folder = Minimal().Gzip("cases.csv.gz", CasesHeader, "C1,public_complaint,,2019-05-02,,,,,,,,", "C2,public_complaint,,2019-02-30,,,,,,,,");

        var result = folder.Read();

        PifAssert.Error(result, "cases.csv.gz", 3, "received_on", "'2019-02-30'");
        Assert.Single(result.Errors);
        Assert.Equal("C1", result.Bundle.Cases[0].Id);
        Assert.Contains("cases.csv", result.Bundle.FilesPresent);
    }

    [Fact]
    public void A_file_present_both_plain_and_gzipped_is_an_error()
    {
        using var folder = Minimal()
            .File("cases.csv", CasesHeader, "C1,public_complaint,,2019-05-02,,,,,,,,")
            .Gzip("cases.csv.gz", CasesHeader, "C1,public_complaint,,2019-05-02,,,,,,,,");

        var result = folder.Read();

        var error = PifAssert.Error(result, "cases.csv", 0, null, "more than once", "cases.csv.gz");
        Assert.Single(result.Errors);
        Assert.Empty(result.Bundle.Cases);
        _ = error;
    }

    [Fact]
    public void A_corrupt_gzip_file_is_an_error()
    {
        using var folder = Minimal().Raw("cases.csv.gz", "this is not gzip");

        var result = folder.Read();

        PifAssert.Error(result, "cases.csv.gz", 1, null, "not a valid gzip file");
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Reading_stops_when_cancelled()
    {
        using var folder = Minimal();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => PifReader.Read(folder.Path, ct: cancelled.Token));
    }

    [Fact]
    public void Access_events_and_unknown_files_are_warned_about_and_not_read()
    {
        using var folder = Minimal()
            .Gzip("access_events.csv.gz", "event_time,staff_id,system,action", "garbage,,,")
            .File("notes.txt", "hello");

        var result = folder.Read();

        PifAssert.NoErrors(result);
        PifAssert.Warning(result, "access_events.csv.gz", 0, null, "information-misuse event store", "not read");
        PifAssert.Warning(result, "notes.txt", 0, null, "not a PIF-1 file");
        Assert.DoesNotContain("access_events.csv", result.Bundle.FilesPresent);
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_endings_are_accepted()
    {
        using var folder = Minimal().Raw("units.csv", "\uFEFF" + UnitsHeader + "\r\nU1,Westminster,borough,,\r\nU2,BSU,bsu,U1,\r\n");

        var result = folder.Read();

        PifAssert.NoErrors(result);
        Assert.Empty(result.Warnings);
        Assert.Equal(["U1", "U2"], result.Bundle.Units.Select(u => u.Id));
    }

    [Fact]
    public void Invalid_utf8_is_an_error()
    {
        using var folder = Minimal();
        File.WriteAllBytes(Path.Combine(folder.Path, "persons.csv"), [.. "person_id,flags\nN1,\nN"u8, 0xFF, 0xFE, .. ",\n"u8]);

        var result = folder.Read();

        PifAssert.Error(result, "persons.csv", 3, null, "not valid UTF-8");
    }

    [Fact]
    public void Uploaded_streams_are_read_like_a_folder_and_progress_is_reported()
    {
        var files = new (string, Func<Stream>)[]
        {
            ("C:\\Users\\me\\units.csv", () => new MemoryStream(Encoding.UTF8.GetBytes(UnitsHeader + "\nU1,Westminster,borough,,\n"))),
            ("staff.csv", () => new MemoryStream(Encoding.UTF8.GetBytes(StaffHeader + "\nS1,PC 101 Smith,officer,,U1,,,,,,\n"))),
        };
        var reports = new List<PifProgress>();

        var result = PifReader.Read(files, new SynchronousProgress<PifProgress>(reports.Add), TestContext.Current.CancellationToken);

        PifAssert.NoErrors(result);
        Assert.Equal("U1", result.Bundle.Staff[0].UnitId);
        var lastUnits = reports.Last(p => p.File == "units.csv");
        Assert.Equal((1, lastUnits.TotalBytes), (lastUnits.RowsRead, (long?)lastUnits.BytesRead));
    }
}
