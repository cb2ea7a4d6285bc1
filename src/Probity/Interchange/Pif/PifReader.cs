using Probity.Infrastructure;
using System.IO.Compression;
using System.Text;
using Probity.Interchange.Contracts;

namespace Probity.Interchange.Pif;

/// <summary>
/// Reads a PIF-1 bundle (/work/shared/interchange/README.md) into a <see cref="PifBundle"/> and checks it: every field,
/// ids unique within their file, references across files, dates in order, and the regime rules. Every error is reported
/// (up to <see cref="IssueLog.DefaultCap"/>) with file, line, column and a reason naming the bad value; the bundle is fit
/// to import only if there are none. Files are streamed one record at a time, so the cost is one pass over the bytes
/// plus the entities themselves.
/// </summary>
internal static partial class PifReader
{
    /// <summary>Reads the bundle in a folder (top level only).</summary>
    public static PifReadResult Read(string folder, IProgress<PifProgress>? progress = null, CancellationToken ct = default)
    {
        if (!Directory.Exists(folder))
        {
            var log = new IssueLog();
            log.Error(folder, 0, null, "the bundle folder does not exist");
            var (errors, warnings) = log.Finish();
            return new PifReadResult(new PifBundle(), errors, warnings);
        }
        var files = Directory.EnumerateFiles(folder)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), (Func<Stream>)(() =>
                new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12, FileOptions.SequentialScan))))
            .ToList();
        return Read(files, progress, ct);
    }

    /// <summary>Reads a bundle given as a zip of its CSV files (e.g. one made by <see cref="PifWriter.WriteZip"/>, or uploaded).</summary>
    public static PifReadResult ReadZip(Stream zip, IProgress<PifProgress>? progress = null, CancellationToken ct = default)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        var files = archive.Entries
            .Where(e => e.Name.Length > 0) // folders
            .Select(e => (e.Name, (Func<Stream>)e.Open, (long?)e.Length)) // progress counts the bytes coming out of the entry
            .ToList();
        return ReadCore(files, progress, ct);
    }

    /// <summary>
    /// Reads a bundle from named streams, e.g. uploaded files. Names are file names ("cases.csv" or "cases.csv.gz"; any
    /// directory part is ignored). Each stream is opened once, read to the end and disposed.
    /// </summary>
    public static PifReadResult Read(IEnumerable<(string FileName, Func<Stream> Open)> files, IProgress<PifProgress>? progress = null, CancellationToken ct = default) =>
        ReadCore(files.Select(f => (f.FileName, f.Open, (long?)null)), progress, ct);

    /// <param name="files">Name, how to open, and the stream's length for progress when the stream cannot tell (null: ask the stream).</param>
    private static PifReadResult ReadCore(IEnumerable<(string FileName, Func<Stream> Open, long? Length)> files, IProgress<PifProgress>? progress, CancellationToken ct)
    {
        var session = new Session(progress, ct);
        session.ReadAll(files);
        var (errors, warnings) = session.Log.Finish();
        return new PifReadResult(session.Bundle, errors, warnings);
    }

    private sealed partial class Session(IProgress<PifProgress>? progress, CancellationToken ct)
    {

        public IssueLog Log { get; } = new();
        public PifBundle Bundle { get; } = new();

        private readonly KeyIndex _units = new(PifSchema.Units, "unit_id");
        private readonly KeyIndex _staff = new(PifSchema.Staff, "staff_id");
        private readonly KeyIndex _cases = new(PifSchema.Cases, "case_id");
        private readonly KeyIndex _allegations = new(PifSchema.Allegations, "allegation_id");
        private readonly KeyIndex _appeals = new(PifSchema.Appeals, "appeal_id");
        private readonly KeyIndex _complainants = new(PifSchema.Complainants, "complainant_id");
        private readonly KeyIndex _interests = new(PifSchema.BusinessInterests, "interest_id");
        private readonly KeyIndex _persons = new(PifSchema.Persons, "person_id");

        public void ReadAll(IEnumerable<(string FileName, Func<Stream> Open, long? Length)> files)
        {
            var found = new Dictionary<string, List<(string Label, bool Gzip, Func<Stream> Open, long? Length)>>(StringComparer.Ordinal);
            foreach (var (fileName, open, length) in files)
            {
                var label = PifSchema.BareName(fileName);
                var (canonical, gzip) = PifSchema.Canonical(label);
                if (canonical == PifSchema.AccessEventsFile)
                {
                    Log.Warning(label, 0, null,
                        "access events are not part of the bundle import: they go to the information-misuse event store through the access-event ingest, so this file was not read");
                    continue;
                }
                var file = PifSchema.Find(canonical);
                if (file is null)
                {
                    Log.Warning(label, 0, null, "not a PIF-1 file; ignored");
                    continue;
                }
                if (!found.TryGetValue(file.Name, out var list)) found[file.Name] = list = [];
                list.Add((label, gzip, open, length));
            }

            foreach (var file in PifSchema.All)
            {
                ct.ThrowIfCancellationRequested();
                var index = IndexOf(file);
                if (!found.TryGetValue(file.Name, out var sources))
                {
                    if (file.Mandatory) Log.Error(file.Name, 0, null, $"{file.Name} is required in every bundle and is missing");
                    if (index is not null) index.State = file.Mandatory ? KeyIndexState.Unusable : KeyIndexState.Absent;
                    continue;
                }
                Bundle.FilesPresent.Add(file.Name);
                if (sources.Count > 1)
                {
                    Log.Error(sources[0].Label, 0, null,
                        $"the bundle holds {file.Name} more than once ({string.Join(", ", sources.Select(s => s.Label))}); keep exactly one");
                    if (index is not null) index.State = KeyIndexState.Unusable;
                    continue;
                }
                var source = sources[0];
                var ok = ReadFile(file, source.Label, source.Gzip, source.Open, source.Length);
                if (index is not null) index.State = ok ? KeyIndexState.Loaded : KeyIndexState.Unusable;
                if (ok && file == PifSchema.Units) CheckUnitParents();
            }
        }

        private KeyIndex? IndexOf(PifFile file) =>
            file == PifSchema.Units ? _units
            : file == PifSchema.Staff ? _staff
            : file == PifSchema.Cases ? _cases
            : file == PifSchema.Persons ? _persons
            : null;

        /// <summary>Reads one file; false if it could not be read to the end (so references to it are not checked).</summary>
        private bool ReadFile(PifFile file, string label, bool gzip, Func<Stream> open, long? length)
        {
            CsvRecordReader? csv = null;
            try
            {
                using var raw = open();
                var total = length ?? (raw.CanSeek ? raw.Length : null);
                using var counting = new CountingStream(raw);
                using var unzipped = gzip ? new GZipStream(counting, CompressionMode.Decompress, leaveOpen: true) : null;
                // UTF-8 (whose preamble makes StreamReader strip a BOM); invalid bytes become U+FFFD and are reported on their line.
                var invalidBytes = new InvalidBytesFallback();
                var utf8 = Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, invalidBytes);
                using var text = new StreamReader(unzipped ?? (Stream)counting, utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
                csv = new CsvRecordReader(text, invalidBytes);
                var rows = new PifRows(csv, Log, file, label, () => counting.BytesRead, total, progress, ct);
                if (!rows.ReadHeader()) return false;
                ReadRows(file, rows);
                return true;
            }
            catch (CsvFormatException e)
            {
                Log.Error(label, e.Line, null, e.Message + "; the rest of the file was not read");
            }
            catch (InvalidDataException e)
            {
                Log.Error(label, csv?.CurrentLine ?? 0, null, $"the file is not a valid gzip file ({e.Message}); the rest of the file was not read");
            }
            catch (IOException e)
            {
                Log.Error(label, csv?.CurrentLine ?? 0, null, $"the file could not be read ({e.Message})");
            }
            catch (UnauthorizedAccessException e)
            {
                Log.Error(label, 0, null, $"the file could not be opened ({e.Message})");
            }
            return false;
        }

        private void ReadRows(PifFile file, PifRows rows)
        {
            if (file == PifSchema.Units) ReadUnits(rows);
            else if (file == PifSchema.Staff) ReadStaff(rows);
            else if (file == PifSchema.Postings) ReadPostings(rows);
            else if (file == PifSchema.Cases) ReadCases(rows);
            else if (file == PifSchema.Allegations) ReadAllegations(rows);
            else if (file == PifSchema.Sanctions) ReadSanctions(rows);
            else if (file == PifSchema.Appeals) ReadAppeals(rows);
            else if (file == PifSchema.Complainants) ReadComplainants(rows);
            else if (file == PifSchema.Population) ReadPopulation(rows);
            else if (file == PifSchema.Exposure) ReadExposure(rows);
            else if (file == PifSchema.BusinessInterests) ReadBusinessInterests(rows);
            else if (file == PifSchema.Persons) ReadPersons(rows);
            else if (file == PifSchema.Associations) ReadAssociations(rows);
            else if (file == PifSchema.Assignments) ReadAssignments(rows);
            else throw new InvalidOperationException($"No reader for {file.Name}");
        }
    }

    /// <summary>Counts the bytes taken from the underlying stream, for progress through compressed files too.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
