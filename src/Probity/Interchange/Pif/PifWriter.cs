using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Probity.Infrastructure;
using Probity.Interchange.Contracts;

namespace Probity.Interchange.Pif;

/// <summary>
/// Writes a <see cref="PifBundle"/> as PIF-1: UTF-8 without BOM, RFC 4180 with CRLF after every record (the header too),
/// the spec's columns in the spec's order, rows in list order, a field quoted only when it holds a comma, quote, CR or LF,
/// a text value that a spreadsheet would run as a formula prefixed with a single quote (<see cref="Csv.Neutralise"/>).
/// Values are spelled canonically (<see cref="PifFormat"/>), so writing what <see cref="PifReader"/> read from a bundle this
/// writer produced gives the same bytes.
/// </summary>
internal static class PifWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes the bundle into a folder (created if needed). Files written: <paramref name="onlyFiles"/> if given (names such as
    /// "cases.csv"), else every file in <see cref="PifBundle.FilesPresent"/> plus every file whose list is non-empty; units.csv
    /// and staff.csv always, so the result is always a valid bundle. A file with no rows is written as its header alone.
    /// Each file is written to a temporary name and moved into place; a copy of the same file in the other form
    /// (name.csv vs name.csv.gz) is removed, because a bundle holding both cannot be read.
    /// </summary>
    public static void Write(PifBundle bundle, string folder, bool gzip = false, IEnumerable<string>? onlyFiles = null)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in SelectFiles(bundle, onlyFiles))
        {
            var path = Path.Combine(folder, file.Name + (gzip ? PifSchema.GzipSuffix : ""));
            var partial = path + ".partial";
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 12))
            {
                if (gzip)
                {
                    using var zipped = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
                    WriteFile(bundle, file, zipped);
                }
                else
                {
                    WriteFile(bundle, file, stream);
                }
            }
            File.Move(partial, path, overwrite: true);
            File.Delete(Path.Combine(folder, gzip ? file.Name : file.Name + PifSchema.GzipSuffix));
        }
    }

    /// <summary>Writes the bundle as a zip of its CSV files (the same selection as <see cref="Write"/>) to a stream, e.g. an HTTP response.</summary>
    public static void WriteZip(PifBundle bundle, Stream output, IEnumerable<string>? onlyFiles = null)
    {
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var file in SelectFiles(bundle, onlyFiles))
        {
            var entry = archive.CreateEntry(file.Name, CompressionLevel.Optimal);
            using var stream = entry.Open();
            WriteFile(bundle, file, stream);
        }
    }

    /// <summary>Writes one file of the bundle (e.g. "cases.csv") to a stream, uncompressed; the stream is left open.</summary>
    public static void WriteFile(PifBundle bundle, string fileName, Stream output) =>
        WriteFile(bundle, PifSchema.Find(fileName) ?? throw new ArgumentException($"'{fileName}' is not a PIF-1 file", nameof(fileName)), output);

    /// <summary>The files <see cref="Write"/> would write, in spec order.</summary>
    public static IReadOnlyList<string> FilesToWrite(PifBundle bundle, IEnumerable<string>? onlyFiles = null) =>
        SelectFiles(bundle, onlyFiles).Select(f => f.Name).ToList();

    private static List<PifFile> SelectFiles(PifBundle bundle, IEnumerable<string>? onlyFiles)
    {
        var wanted = new HashSet<PifFile>();
        if (onlyFiles is not null)
        {
            foreach (var name in onlyFiles)
                wanted.Add(PifSchema.Find(PifSchema.Canonical(name).Canonical) ?? throw new ArgumentException($"'{name}' is not a PIF-1 file", nameof(onlyFiles)));
        }
        else
        {
            foreach (var name in bundle.FilesPresent)
                if (PifSchema.Find(name) is { } present) wanted.Add(present);
            foreach (var file in PifSchema.All)
                if (RowCount(bundle, file) > 0) wanted.Add(file);
        }
        return PifSchema.All.Where(f => f.Mandatory || wanted.Contains(f)).ToList();
    }

    private static int RowCount(PifBundle b, PifFile file) =>
        file == PifSchema.Units ? b.Units.Count
        : file == PifSchema.Staff ? b.Staff.Count
        : file == PifSchema.Postings ? b.Postings.Count
        : file == PifSchema.Cases ? b.Cases.Count
        : file == PifSchema.Allegations ? b.Allegations.Count
        : file == PifSchema.Sanctions ? b.Sanctions.Count
        : file == PifSchema.Appeals ? b.Appeals.Count
        : file == PifSchema.Complainants ? b.Complainants.Count
        : file == PifSchema.Population ? b.Population.Count
        : file == PifSchema.Exposure ? b.Exposure.Count
        : file == PifSchema.BusinessInterests ? b.BusinessInterests.Count
        : file == PifSchema.Persons ? b.Persons.Count
        : file == PifSchema.Associations ? b.Associations.Count
        : file == PifSchema.Assignments ? b.Assignments.Count
        : throw new ArgumentOutOfRangeException(nameof(file), file.Name, "unknown PIF-1 file");

    private static void WriteFile(PifBundle b, PifFile file, Stream output)
    {
        using var text = new StreamWriter(output, Utf8NoBom, 1 << 16, leaveOpen: true);
        var w = new CsvRecordWriter(text);
        foreach (var column in file.Columns) w.Field(column);
        w.EndRecord();

        if (file == PifSchema.Units)
            foreach (var u in b.Units)
                w.Field(u.Id).Field(u.Name).Field(u.Kind).Field(u.ParentUnitId).Field(u.ResidentPopulation).EndRecord();
        else if (file == PifSchema.Staff)
            foreach (var s in b.Staff)
                w.Field(s.Id).Field(s.DisplayName).Field(s.StaffType).Field(s.Rank).Field(s.UnitId).Field(s.JoinedOn).Field(s.LeftOn)
                    .Field(s.Gender).Field(s.Ethnicity).Field(s.VettingLevel).Field(s.VettingExpiresOn).EndRecord();
        else if (file == PifSchema.Postings)
            foreach (var p in b.Postings)
                w.Field(p.StaffId).Field(p.UnitId).Field(p.FromDate).Field(p.ToDate).EndRecord();
        else if (file == PifSchema.Cases)
            foreach (var c in b.Cases)
                w.Field(c.Id).Field(c.CaseType).Field(c.Regime).Field(c.ReceivedOn).Field(c.RecordedOn).Field(c.Source).Field(c.LocationUnitId)
                    .Field(c.HandlingUnitId).Field(c.HandlingRoute).Field(c.RouteDecidedOn).Field(c.FinalisedOn).Field(c.ReferredToIpcc).EndRecord();
        else if (file == PifSchema.Allegations)
            foreach (var a in b.Allegations)
                w.Field(a.Id).Field(a.CaseId).Field(a.StaffId).Field(a.Category).Field(a.Finding).Field(a.FinalisedOn).EndRecord();
        else if (file == PifSchema.Sanctions)
            foreach (var s in b.Sanctions)
                w.Field(s.StaffId).Field(s.CaseId).Field(s.Outcome).Field(s.DecidedOn).EndRecord();
        else if (file == PifSchema.Appeals)
            foreach (var a in b.Appeals)
                w.Field(a.Id).Field(a.CaseId).Field(a.AppealType).Field(a.LodgedOn).Field(a.DecidedOn).Field(a.Upheld).EndRecord();
        else if (file == PifSchema.Complainants)
            foreach (var c in b.Complainants) // name and contact are personal data taken at intake: never exported
                w.Field(c.Id).Field(c.CaseId).Field(c.Gender).Field(c.Ethnicity).Field(c.AgeBand).Field(c.HomeUnitId).EndRecord();
        else if (file == PifSchema.Population)
            foreach (var p in b.Population)
                w.Field(p.UnitId).Field(p.Ethnicity).Field(p.Gender).Field(p.AgeBand).Field(p.Residents).EndRecord();
        else if (file == PifSchema.Exposure)
            foreach (var e in b.Exposure)
                w.Field(e.StaffId).Field(e.Month).Field(e.HoursOnDuty).Field(e.CallsAttended).Field(e.Arrests).Field(e.StopSearches).Field(e.UsesOfForce).EndRecord();
        else if (file == PifSchema.BusinessInterests)
            foreach (var i in b.BusinessInterests)
                w.Field(i.Id).Field(i.StaffId).Field(i.InterestType).Field(i.Description).Field(i.AppliedOn).Field(i.Decision).Field(i.DecidedOn).Field(i.ReviewOn).EndRecord();
        else if (file == PifSchema.Persons)
            foreach (var p in b.Persons)
                w.Field(p.Id).Field(p.Flags).EndRecord();
        else if (file == PifSchema.Associations)
            foreach (var a in b.Associations)
                w.Field(a.StaffId).Field(a.PersonId).Field(a.Relation).Field(a.Source).Field(a.FromDate).Field(a.ToDate).EndRecord();
        else if (file == PifSchema.Assignments)
            foreach (var a in b.Assignments)
                w.Field(a.StaffId).Field(a.ReasonRef).Field(a.RecordType).Field(a.RecordId).Field(a.SubjectPersonId).Field(a.FromTime).Field(a.ToTime).EndRecord();
        else
            throw new ArgumentOutOfRangeException(nameof(file), file.Name, "unknown PIF-1 file");
    }

    /// <summary>Writes RFC 4180 records; formats values without allocating where it can.</summary>
    private sealed class CsvRecordWriter(TextWriter text)
    {
        private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
        private bool _first = true;

        private void Separator()
        {
            if (!_first) text.Write(',');
            _first = false;
        }

        public CsvRecordWriter Field(string? value)
        {
            Separator();
            if (string.IsNullOrEmpty(value)) return this;
            // A text cell a spreadsheet would run as a formula gets a leading quote; PifRows restores it on import.
            var neutralise = Csv.NeedsNeutralising(value);
            var span = value.AsSpan();
            if (span.IndexOfAny(NeedsQuotes) < 0)
            {
                if (neutralise) text.Write('\'');
                text.Write(span);
                return this;
            }
            text.Write('"');
            if (neutralise) text.Write('\'');
            int quote;
            while ((quote = span.IndexOf('"')) >= 0)
            {
                text.Write(span[..(quote + 1)]);
                text.Write('"');
                span = span[(quote + 1)..];
            }
            text.Write(span);
            text.Write('"');
            return this;
        }

        public CsvRecordWriter Field(DateOnly? value)
        {
            Separator();
            if (value is { } d)
            {
                Span<char> buffer = stackalloc char[10];
                d.TryFormat(buffer, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                text.Write(buffer[..n]);
            }
            return this;
        }

        public CsvRecordWriter Field(DateOnly value) => Field((DateOnly?)value);

        public CsvRecordWriter Field(int? value)
        {
            Separator();
            if (value is { } i)
            {
                Span<char> buffer = stackalloc char[11];
                i.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
                text.Write(buffer[..n]);
            }
            return this;
        }

        public CsvRecordWriter Field(decimal? value)
        {
            Separator();
            if (value is { } d) text.Write(PifFormat.Decimal(d));
            return this;
        }

        public CsvRecordWriter Field(bool? value)
        {
            Separator();
            if (value is { } b) text.Write(PifFormat.Bool(b));
            return this;
        }

        public CsvRecordWriter Field(DateTimeOffset? value)
        {
            Separator();
            if (value is { } t) text.Write(PifFormat.Timestamp(t));
            return this;
        }

        public void EndRecord()
        {
            text.Write("\r\n");
            _first = true;
        }
    }
}
