using System.Text;
using Probity.Kernel;
using Probity.Interchange.Mapping;

namespace Probity.Tests.Interchange;

/// <summary>The mapping file (probity-mapping/1) and the mapped import: lenient quarantine and the all-or-nothing default.</summary>
public sealed class MappedImportTests
{
    /// <summary>A small "legacy system" export: one file of complaints, one of officer allegations, and its mapping.</summary>
    private const string Mapping = """
        // comments are allowed
        {
          "format": "probity-mapping/1",
          "name": "Legacy test system",
          "nulls": ["NA"],
          "sources": {
            "complaints": { "file": "complaints.csv" },
            "lines": { "file": "lines.csv", "lookups": { "complaint": { "source": "complaints", "on": "ref" } } }
          },
          "maps": {
            "category": { "Rude": "incivility", "Force": "other_assault", "Placeholder": null },
            "finding": { "Upheld": "substantiated", "Not upheld": "not_substantiated", "Open": null },
            "kind": { "patterns": { "DISTRICT$": "borough" }, "otherwise": "ocu", "ignoreCase": true }
          },
          "targets": [
            { "file": "units.csv", "from": "lines", "duplicates": "first", "skipWhenEmpty": ["unit_id"],
              "fields": { "unit_id": { "column": "unit", "pattern": "^(\\d{2}) ", "optional": true }, "name": "unit", "kind": { "column": "unit", "map": "kind" } } },
            { "file": "staff.csv", "from": "lines", "duplicates": "last", "skipWhenEmpty": ["staff_id"],
              "fields": { "staff_id": "officer", "display_name": { "template": "Officer {officer}" }, "staff_type": { "value": "officer" },
                          "unit_id": { "column": "unit", "pattern": "^(\\d{2}) ", "optional": true } } },
            { "file": "cases.csv", "from": "complaints",
              "fields": { "case_id": "ref", "case_type": { "value": "public_complaint" }, "received_on": { "column": "received", "date": ["d/M/yyyy", "yyyy-MM-dd"] },
                          "finalised_on": { "column": "closed", "date": "d/M/yyyy" } } },
            { "file": "allegations.csv", "from": "lines",
              "fields": { "allegation_id": { "template": "{ref}-{officer}-{#}" }, "case_id": "ref", "staff_id": "officer",
                          "category": { "column": ["what", "complaint.kind"], "map": "category" }, "finding": { "column": "outcome", "map": "finding" } } }
          ]
        }
        """;

    private static readonly string Complaints = """
        ref,received,closed,kind
        C1,3/1/2019,,Rude
        C2,2019-02-10,1/3/2019,Force
        C3,31/2/2019,,Rude
        C4,5/5/2019,1/4/2019,Rude
        """.ReplaceLineEndings("\n");

    private static readonly string Lines = """
        ref,officer,unit,what,outcome
        C1,100,10 NORTH DISTRICT,Rude,Upheld
        C1,100,10 NORTH DISTRICT,Rude,Not upheld
        C2,200,20 TRAFFIC,Placeholder,Open
        C2,NA,NA,Force,Open
        C3,300,10 NORTH DISTRICT,Rude,Upheld
        C4,400,10 NORTH DISTRICT,Rude,Upheld
        C1,500,10 NORTH DISTRICT,#VALUE!,Upheld
        C9,600,10 NORTH DISTRICT,Rude,Upheld
        """.ReplaceLineEndings("\n");

    private static MappingFile Parse(string json = Mapping) => MappingFile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.mapping.json");

    private static MappedBundle Map(bool lenient, string? complaints = null, string? lines = null, string json = Mapping) =>
        MappedImport.Map(Parse(json), new Dictionary<string, Func<Stream>>(StringComparer.OrdinalIgnoreCase)
        {
            ["complaints.csv"] = () => new MemoryStream(Encoding.UTF8.GetBytes(complaints ?? Complaints)),
            ["lines.csv"] = () => new MemoryStream(Encoding.UTF8.GetBytes(lines ?? Lines)),
        }, lenient);

    [Fact]
    public void Lenient_mode_imports_what_is_valid_and_quarantines_the_rest_with_file_line_column_value_and_reason()
    {
        var mapped = Map(lenient: true);
        var q = mapped.Report.Quarantine;
        Assert.True(mapped.Report.FitToImport);

        // A date that does not exist (31 February): the case, and in turn the line naming it.
        var badDate = Assert.Single(q, x => x.File == "complaints.csv" && x.Line == 4);
        Assert.Equal("received", badDate.Column);
        Assert.Equal("31/2/2019", badDate.Value);
        Assert.Contains("is not a date in the form d/M/yyyy or yyyy-MM-dd", badDate.Reason, StringComparison.Ordinal);
        // Finalised before it was received: the PIF-1 reader's own rule, traced back to the source cell.
        var backwards = Assert.Single(q, x => x.File == "complaints.csv" && x.Line == 5);
        Assert.Equal("closed", backwards.Column);
        Assert.Equal("1/4/2019", backwards.Value);
        Assert.Contains("finalised_on 2019-04-01 is before received_on 2019-05-05", backwards.Reason, StringComparison.Ordinal);
        // A spreadsheet error in a coded column.
        var value = Assert.Single(q, x => x.File == "lines.csv" && x.Line == 8);
        Assert.Equal(("what", "#VALUE!"), (value.Column, value.Value));
        Assert.Contains("'#VALUE!' is not in the value map 'category'", value.Reason, StringComparison.Ordinal);
        // A lookup that finds nothing.
        var orphan = Assert.Single(q, x => x.File == "lines.csv" && x.Line == 9);
        Assert.Equal(("ref", "C9"), (orphan.Column, orphan.Value));
        Assert.Contains("no row of complaints.csv has ref 'C9'", orphan.Reason, StringComparison.Ordinal);
        // Lines whose case was quarantined follow it (C3 and C4).
        Assert.Contains(q, x => x.File == "lines.csv" && x.Line == 6 && x.Reason.Contains("'C3' is not a case_id in cases.csv", StringComparison.Ordinal));
        Assert.Contains(q, x => x.File == "lines.csv" && x.Line == 7);

        var b = mapped.Bundle;
        Assert.Equal(["C1", "C2"], b.Cases.Select(c => c.Id).Order());
        Assert.Equal(new DateOnly(2019, 1, 3), b.Cases.Single(c => c.Id == "C1").ReceivedOn);
        // The same officer twice for one kind of allegation: numbered, not merged.
        Assert.Equal(["C1-100-1", "C1-100-2", "C2--1", "C2-200-1"], b.Allegations.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal("substantiated", b.Allegations.Single(a => a.Id == "C1-100-1").Finding);
        Assert.Null(b.Allegations.Single(a => a.Id == "C2-200-1").Finding);
        // A placeholder category falls back to the complaint's kind through the lookup; NA is empty.
        Assert.Equal("other_assault", b.Allegations.Single(a => a.Id == "C2-200-1").Category);
        Assert.Null(b.Allegations.Single(a => a.Id == "C2--1").StaffId);
        Assert.Equal(["10", "20"], b.Units.Select(u => u.Id).Order());
        Assert.Equal("borough", b.Units.Single(u => u.Id == "10").Kind);
        Assert.Equal("ocu", b.Units.Single(u => u.Id == "20").Kind);
        Assert.Equal(["100", "200"], b.Staff.Select(s => s.Id).Order());

        var lines = mapped.Report.Sources.Single(s => s.File == "lines.csv");
        Assert.Equal(8, lines.Rows);
        Assert.Equal(4, lines.Quarantined);
        Assert.Contains("quarantined, by reason", mapped.Report.ToText(), StringComparison.Ordinal);
        var csv = mapped.Report.QuarantineCsv();
        Assert.StartsWith("file,line,column,value,reason,target\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("lines.csv,8,what,#VALUE!,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void By_default_any_problem_refuses_the_whole_import_and_every_problem_is_reported()
    {
        var mapped = Map(lenient: false);
        Assert.False(mapped.Report.FitToImport);
        Assert.Contains(mapped.Report.Quarantine, x => x.File == "complaints.csv" && x.Line == 4);
        Assert.Contains(mapped.Report.Quarantine, x => x.File == "lines.csv" && x.Line == 8);
        Assert.Contains(mapped.Report.Quarantine, x => x.File == "complaints.csv" && x.Line == 5);
    }

    [Fact]
    public void A_clean_export_is_fit_to_import_in_either_mode_and_repeats_are_merged()
    {
        var complaints = "ref,received,closed,kind\nC1,3/1/2019,,Rude\n";
        var lines = "ref,officer,unit,what,outcome\nC1,100,10 NORTH DISTRICT,Rude,Upheld\nC1,100,11 SOUTH DISTRICT,Force,Open\n";
        var mapped = Map(lenient: false, complaints, lines);
        Assert.True(mapped.Report.FitToImport, string.Join("; ", mapped.Report.Quarantine));
        Assert.Empty(mapped.Report.Quarantine);
        // The officer's later row wins ("last"); the unit rows each make a unit.
        Assert.Equal("11", Assert.Single(mapped.Bundle.Staff).UnitId);
        Assert.Equal(1, mapped.Report.Targets.Single(t => t.File == "staff.csv").Merged);
        Assert.Equal(2, mapped.Bundle.Allegations.Count);
    }

    [Fact]
    public void A_repeat_that_disagrees_is_quarantined_naming_both_lines()
    {
        var complaints = "ref,received,closed,kind\nC1,3/1/2019,,Rude\nC1,4/1/2019,,Rude\n";
        var mapped = Map(lenient: true, complaints, "ref,officer,unit,what,outcome\nC1,100,10 NORTH DISTRICT,Rude,Upheld\n");
        var conflict = Assert.Single(mapped.Report.Quarantine);
        Assert.Equal(("complaints.csv", 3, "received", "4/1/2019"), (conflict.File, conflict.Line, conflict.Column, conflict.Value));
        Assert.Contains("of complaints.csv line 2 with a different received_on ('2019-01-03' there, '2019-01-04' here)", conflict.Reason, StringComparison.Ordinal);
    }

    /// <summary>Two complaints rows share a reference and disagree on the kind an allegation falls back to.</summary>
    private const string RepeatedComplaint = "ref,received,closed,kind\nC1,3/1/2019,,Rude\nC1,3/1/2019,,Force\n";
    private const string LineWithoutKind = "ref,officer,unit,what,outcome\nC1,100,10 NORTH DISTRICT,,Upheld\n";

    [Fact]
    public void A_lookup_to_a_repeated_key_whose_rows_disagree_is_a_problem_naming_both_lines_not_the_first_row_silently()
    {
        var mapped = Map(lenient: true, RepeatedComplaint, LineWithoutKind);
        // Reported where the value was read (the first of the two rows), as any value read through a lookup is.
        var problem = Assert.Single(mapped.Report.Quarantine);
        Assert.Equal(("complaints.csv", 2, "kind"), (problem.File, problem.Line, problem.Column));
        Assert.Contains("complaint: complaints.csv lines 2 and 3 share the key and differ in kind ('Rude' and 'Force')", problem.Reason, StringComparison.Ordinal);
        Assert.Empty(mapped.Bundle.Allegations);
    }

    [Theory]
    [InlineData("last", "other_assault")]
    [InlineData("first", "incivility")]
    public void A_rule_that_keeps_the_first_or_last_repeat_joins_to_that_row_of_a_repeated_key(string duplicates, string category)
    {
        var json = Mapping.Replace("""{ "file": "allegations.csv", "from": "lines",""", $$"""{ "file": "allegations.csv", "from": "lines", "duplicates": "{{duplicates}}",""", StringComparison.Ordinal);
        var mapped = Map(lenient: true, RepeatedComplaint, LineWithoutKind, json);
        Assert.Empty(mapped.Report.Quarantine);
        Assert.Equal(category, Assert.Single(mapped.Bundle.Allegations).Category);
    }

    [Fact]
    public void A_header_naming_a_column_the_mapping_reads_twice_stops_the_import_naming_both_fields()
    {
        var mapped = Map(lenient: true, lines: "ref,officer,unit,what,outcome,officer\nC1,100,10 NORTH DISTRICT,Rude,Upheld,999\n");
        Assert.False(mapped.Report.FitToImport);
        Assert.Contains(mapped.Report.Fatal, f => f.StartsWith("lines.csv: the header names column 'officer' 2 times (fields 2, 6)", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_files_and_columns_stop_the_import_whatever_the_mode()
    {
        var noColumn = Map(lenient: true, complaints: "ref,date,closed,kind\nC1,3/1/2019,,Rude\n");
        Assert.False(noColumn.Report.FitToImport);
        Assert.Contains(noColumn.Report.Fatal, f => f.Contains("complaints.csv: no column 'received'", StringComparison.Ordinal));

        var noFile = MappedImport.Map(Parse(), new Dictionary<string, Func<Stream>>(), lenient: true, ct: TestContext.Current.CancellationToken);
        Assert.Contains(noFile.Report.Fatal, f => f.Contains("complaints.csv: the mapping reads this file", StringComparison.Ordinal));
        Assert.False(noFile.Report.FitToImport);
    }

    [Fact]
    public void An_export_folder_holding_two_files_whose_names_differ_only_in_case_is_refused_naming_them()
    {
        // Source names are matched without regard to case (exports come from Windows systems); on Linux a folder can
        // hold both, and which one the mapping reads must not be left to chance (nor crash the import).
        var folder = Directory.CreateTempSubdirectory("probity-mapped-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "complaints.csv"), Complaints);
            File.WriteAllText(Path.Combine(folder.FullName, "COMPLAINTS.csv"), Complaints);
            File.WriteAllText(Path.Combine(folder.FullName, "lines.csv"), Lines);
            var mapped = MappedImport.Map(Parse(), folder.FullName, lenient: true, TestContext.Current.CancellationToken);
            Assert.False(mapped.Report.FitToImport);
            Assert.Contains(mapped.Report.Fatal, f => f.Contains("COMPLAINTS.csv", StringComparison.Ordinal) && f.Contains("complaints.csv", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_broken_row_is_quarantined_with_its_line()
    {
        var mapped = Map(lenient: true, complaints: "ref,received,closed,kind\nC1,3/1/2019,,Rude\nC2,only two\n");
        var broken = Assert.Single(mapped.Report.Quarantine, q => q.File == "complaints.csv");
        Assert.Equal(3, broken.Line);
        Assert.Contains("the row has 2 fields and the header 4", broken.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "format": "other/1" }""", "format: must be \"probity-mapping/1\"")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "a.csv" } }, "targets": [ { "file": "units.csv", "from": "a", "fields": { "unit_id": "x", "name": "y", "kind": { "value": "ocu" } } } ] }""", "a bundle needs units.csv and staff.csv")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "a.csv" } }, "targets": [ { "file": "people.csv", "from": "a", "fields": {} } ] }""", "targets[0].file: 'people.csv' is not a PIF-1 file")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "../a.csv" } }, "targets": [] }""", "sources.a.file: must be a file name")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "a.csv" } }, "targets": [ { "file": "units.csv", "from": "b", "fields": {} } ] }""", "targets[0].from: 'b' is not a source")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "a.csv" } }, "targets": [ { "file": "units.csv", "from": "a", "fields": { "unit_id": "x", "name": "y" } } ] }""", "targets[0].fields: units.csv needs 'kind'")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "a.csv" } }, "targets": [ { "file": "units.csv", "from": "a", "fields": { "unit_id": { "column": "x", "pattern": "(" }, "name": "y", "kind": "k" } } ] }""", "targets[0].fields.unit_id.pattern: '(' is not a regular expression")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "a.csv" } }, "targets": [ { "file": "units.csv", "from": "a", "fields": { "unit_id": { "column": "x", "map": "nope" }, "name": "y", "kind": "k" } } ] }""", "targets[0].fields.unit_id.map: 'nope' is not one of the maps")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "a.csv" } }, "targets": [ { "file": "units.csv", "from": "a", "fields": { "unit_id": { "template": "U-{#}" }, "name": "y", "kind": "k" } } ] }""", "targets[0].fields.unit_id.template: 'U-{#}' names no column")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "a.csv" } }, "targets": [ { "file": "units.csv", "from": "a", "fields": { "unit_id": { "column": "x", "value": "y" }, "name": "y", "kind": "k" } } ] }""", "targets[0].fields.unit_id: give exactly one of column, value or template")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "a.csv" } }, "targets": [ { "file": "units.csv", "from": "a", "colour": "red", "fields": {} } ] }""", "targets[0]: 'colour' is not a setting here")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", "sources": { "a": { "file": "a.csv" } }, "targets": [ { "file": "units.csv", "from": "a", "fields": { "unit_id": { "column": "x", "date": "qq" }, "name": "y", "kind": "k" } } ] }""", "targets[0].fields.unit_id.date")]
    [InlineData("""{ "format": "probity-mapping/1", "name": "x", """, "test.mapping.json: not valid JSON at line")]
    public void A_wrong_mapping_file_is_refused_naming_the_place(string json, string expected)
    {
        var ex = Assert.Throws<ActionRefusedException>(() => Parse(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_philadelphia_mapping_parses()
    {
        var mapping = MappingFile.Load(Path.Combine(RepositoryRoot(), "docs", "mappings", "philadelphia.mapping.json"));
        Assert.Equal(3, mapping.Sources.Count);
        Assert.Contains(mapping.Rules, r => r.File.Name == "sanctions.csv");
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Probity.slnx"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Probity.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
