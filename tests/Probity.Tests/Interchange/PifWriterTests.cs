using Probity.Workforce.Contracts;
using Probity.Registers.Contracts;
using Probity.Cases.Contracts;
using System.IO.Compression;
using System.Text;
using Probity.Interchange.Contracts;
using Probity.Interchange.Pif;

namespace Probity.Tests.Interchange;

public sealed class PifWriterTests
{
    /// <summary>A bundle with rows in every file, nulls and awkward text (commas, quotes, CR, LF, CRLF, non-ASCII).</summary>
    private static PifBundle EveryFile()
    {
        var b = new PifBundle();
        b.Units.Add(new Unit { Id = "U1", Name = "Westminster, \"North\"\r\nand South", Kind = "borough", ResidentPopulation = 255000 });
        b.Units.Add(new Unit { Id = "U2", Name = "DPS BSU — Westminster", Kind = "bsu", ParentUnitId = "U1" });
        b.Staff.Add(new StaffMember
        {
            Id = "S1", DisplayName = "O'Brien, Siobhán", StaffType = "officer", Rank = "PS", UnitId = "U1", JoinedOn = new(2004, 2, 29),
            Gender = "female", Ethnicity = "w9", VettingLevel = "mv", VettingExpiresOn = new(2027, 12, 31),
        });
        b.Staff.Add(new StaffMember { Id = "S2", DisplayName = "PCSO 7", StaffType = "pcso", LeftOn = new(2022, 1, 1) });
        b.Postings.Add(new Posting { StaffId = "S1", UnitId = "U2", FromDate = new(2010, 1, 1), ToDate = new(2012, 6, 30) });
        b.Cases.Add(new Case
        {
            Id = "C1", CaseType = "public_complaint", Regime = "2008", ReceivedOn = new(2019, 5, 2), RecordedOn = new(2019, 5, 3), Source = "public",
            LocationUnitId = "U1", HandlingUnitId = "U2", HandlingRoute = "local_investigation", RouteDecidedOn = new(2019, 5, 10),
            FinalisedOn = new(2019, 9, 1), ReferredToIpcc = true,
        });
        b.Cases.Add(new Case { Id = "C2", CaseType = "conduct_matter", ReceivedOn = new(2021, 1, 10), HandlingRoute = "outside_schedule_3", ReferredToIpcc = false });
        b.Allegations.Add(new Allegation { Id = "A1", CaseId = "C1", StaffId = "S1", Category = "incivility", Finding = "not_substantiated", FinalisedOn = new(2019, 9, 1) });
        b.Allegations.Add(new Allegation { Id = "A2", CaseId = "C2", Category = "corrupt_practice" });
        b.Sanctions.Add(new Sanction { StaffId = "S1", CaseId = "C1", Outcome = "written_warning", DecidedOn = new(2019, 9, 1) });
        b.Appeals.Add(new Appeal { Id = "P1", CaseId = "C1", AppealType = "investigation", LodgedOn = new(2019, 9, 20), DecidedOn = new(2019, 10, 20), Upheld = false });
        b.Complainants.Add(new Complainant { Id = "K1", CaseId = "C1", Gender = "male", Ethnicity = "m1", AgeBand = "65_plus", HomeUnitId = "U1", Name = "never exported" });
        b.Population.Add(new PopulationCount { UnitId = "U1", Ethnicity = "asian", Gender = "female", AgeBand = "under_18", Residents = 0 });
        b.Exposure.Add(new ExposureMonth { StaffId = "S1", Month = "2021-01", HoursOnDuty = 151.50m, CallsAttended = 87, Arrests = 0, StopSearches = 11, UsesOfForce = 1 });
        b.Exposure.Add(new ExposureMonth { StaffId = "S1", Month = "2021-02", HoursOnDuty = 160m });
        b.BusinessInterests.Add(new BusinessInterest
        {
            Id = "B1", StaffId = "S1", InterestType = "second_job", Description = "Driving instructor,\nweekends \"only\"", AppliedOn = new(2020, 1, 6),
            Decision = "approved_with_conditions", DecidedOn = new(2020, 2, 1), ReviewOn = new(2021, 2, 1),
        });
        b.Persons.Add(new RecordPerson { Id = "N1", Flags = "ocn_nominal;vip" });
        b.Persons.Add(new RecordPerson { Id = "N2" });
        b.Associations.Add(new StaffAssociation { StaffId = "S1", PersonId = "N1", Relation = "former_partner", Source = "declared", FromDate = new(2001, 1, 1), ToDate = new(2005, 1, 1) });
        var assignment = new Assignment
        {
            RowKey = "", StaffId = "S1", ReasonRef = "CAD 1234/21", RecordType = "person", RecordId = "R9", SubjectPersonId = "N1",
            FromTime = new DateTimeOffset(2021, 3, 4, 10, 15, 0, TimeSpan.Zero), ToTime = new DateTimeOffset(2021, 3, 5, 10, 15, 0, 500, TimeSpan.FromMinutes(-330)),
        };
        assignment.RowKey = PifFormat.AssignmentRowKey(assignment);
        b.Assignments.Add(assignment);
        return b;
    }

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

    [Fact]
    public void Read_then_write_gives_back_the_same_bytes_for_every_file()
    {
        using var first = new BundleFolder();
        using var second = new BundleFolder();
        PifWriter.Write(EveryFile(), first.Path);

        var read = first.Read();
        PifWriter.Write(read.Bundle, second.Path);

        PifAssert.NoErrors(read);
        Assert.Empty(read.Warnings);
        var expected = Files(first.Path);
        var actual = Files(second.Path);
        Assert.Equal(14, expected.Count);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs:\n{Encoding.UTF8.GetString(bytes)}\n---\n{Encoding.UTF8.GetString(actual[name])}");
    }

    [Fact]
    public void Values_survive_the_round_trip()
    {
        using var folder = new BundleFolder();
        var original = EveryFile();
        PifWriter.Write(original, folder.Path);

        var b = folder.Read().Bundle;

        Assert.Equal(original.Units[0].Name, b.Units[0].Name);
        Assert.Equal(original.Staff[0].DisplayName, b.Staff[0].DisplayName);
        Assert.Equal(original.BusinessInterests[0].Description, b.BusinessInterests[0].Description);
        Assert.Equal(original.Assignments[0].ToTime, b.Assignments[0].ToTime);
        Assert.Equal(original.Assignments[0].ToTime!.Value.Offset, b.Assignments[0].ToTime!.Value.Offset);
        Assert.Equal(original.Assignments[0].RowKey, b.Assignments[0].RowKey);
        Assert.Equal(151.50m, b.Exposure[0].HoursOnDuty);
        Assert.Null(b.Complainants[0].Name);
        Assert.Equal(original.Cases.Select(c => (c.Id, c.Regime, c.ReceivedOn, c.FinalisedOn, c.ReferredToIpcc)),
            b.Cases.Select(c => (c.Id, c.Regime, c.ReceivedOn, c.FinalisedOn, c.ReferredToIpcc)));
    }

    [Fact]
    public void The_writer_spells_values_canonically_with_crlf_and_minimal_quoting()
    {
        using var folder = new BundleFolder();

        PifWriter.Write(EveryFile(), folder.Path);

        var units = File.ReadAllText(Path.Combine(folder.Path, "units.csv"));
        Assert.Equal(
            "unit_id,name,kind,parent_unit_id,resident_population\r\n" +
            "U1,\"Westminster, \"\"North\"\"\r\nand South\",borough,,255000\r\n" +
            "U2,DPS BSU — Westminster,bsu,U1,\r\n", units);
        var assignments = File.ReadAllText(Path.Combine(folder.Path, "assignments.csv"));
        Assert.EndsWith("S1,CAD 1234/21,person,R9,N1,2021-03-04T10:15:00Z,2021-03-05T10:15:00.5-05:30\r\n", assignments, StringComparison.Ordinal);
        var exposure = File.ReadAllText(Path.Combine(folder.Path, "exposure.csv"));
        Assert.Contains("S1,2021-01,151.50,87,0,11,1\r\nS1,2021-02,160,,,,\r\n", exposure, StringComparison.Ordinal);
        Assert.False(File.ReadAllBytes(Path.Combine(folder.Path, "staff.csv")).AsSpan().StartsWith("\uFEFF"u8), "no byte order mark");
    }

    [Fact]
    public void A_gzipped_bundle_round_trips_too_and_replaces_a_plain_copy()
    {
        using var first = new BundleFolder();
        using var second = new BundleFolder();
        PifWriter.Write(EveryFile(), first.Path, gzip: true);
        PifWriter.Write(new PifBundle(), second.Path); // a stale plain units.csv and staff.csv, to be replaced

        var read = first.Read();
        PifWriter.Write(read.Bundle, second.Path, gzip: true);

        PifAssert.NoErrors(read);
        Assert.All(Directory.EnumerateFiles(first.Path), f => Assert.EndsWith(".csv.gz", f, StringComparison.Ordinal));
        var expected = Files(first.Path);
        var actual = Files(second.Path);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, bytes) in expected)
            Assert.Equal(Gunzip(bytes), Gunzip(actual[name]));
    }

    private static string Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public void A_zip_holds_the_same_csv_files_and_reads_back()
    {
        using var folder = new BundleFolder();
        var bundle = EveryFile();
        PifWriter.Write(bundle, folder.Path);
        using var zip = new MemoryStream();

        PifWriter.WriteZip(bundle, zip);
        zip.Position = 0;
        var read = PifReader.ReadZip(zip, ct: TestContext.Current.CancellationToken);

        PifAssert.NoErrors(read);
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Path, entry.Name)), copy.ToArray());
        }
        Assert.Equal(14, archive.Entries.Count);
        Assert.Equal(bundle.Cases.Count, read.Bundle.Cases.Count);
    }

    [Fact]
    public void Files_written_are_units_and_staff_plus_the_files_present_or_with_rows_or_those_asked_for()
    {
        var bundle = new PifBundle();
        bundle.Cases.Add(new Case { Id = "C1", CaseType = "grievance", ReceivedOn = new(2022, 1, 1) });
        bundle.FilesPresent.Add("appeals.csv");

        Assert.Equal(["units.csv", "staff.csv", "cases.csv", "appeals.csv"], PifWriter.FilesToWrite(bundle));
        Assert.Equal(["units.csv", "staff.csv", "exposure.csv"], PifWriter.FilesToWrite(bundle, ["exposure.csv"]));
        Assert.Throws<ArgumentException>(() => PifWriter.FilesToWrite(bundle, ["access_events.csv"]));

        using var folder = new BundleFolder();
        PifWriter.Write(bundle, folder.Path);
        Assert.Equal("appeal_id,case_id,appeal_type,lodged_on,decided_on,upheld\r\n", File.ReadAllText(Path.Combine(folder.Path, "appeals.csv")));
        var read = folder.Read();
        PifAssert.NoErrors(read);
        Assert.Equal(["appeals.csv", "cases.csv", "staff.csv", "units.csv"], read.Bundle.FilesPresent);
    }
}
