using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;
using Probity.Workforce.Contracts;

namespace Probity.Registers.BoroughReturns;

/// <summary>
/// Boroughs' monthly returns of written warnings, final written warnings and management advice (ADR 0026): sent on the
/// form (a borough champion for their own borough, a senior manager for any) or uploaded as CSV, all or nothing. One
/// per borough per month; a correction names the version it was opened on. Every read and change is on the trail;
/// ProbityDb keeps a borough-scoped reader to their own borough's returns.
/// </summary>
internal sealed class BoroughReturnsHandler(ProbityDb db, Audit audit, TimeProvider time, UnitDirectory units)
{
    /// <summary>The CSV's columns, in the order a template has them.</summary>
    public static readonly string[] Columns = ["borough", "year", "month", "written_warnings", "final_written_warnings", "management_advice"];
    /// <summary>Far above a borough's month: a larger count is a typing slip.</summary>
    public const int MaxCount = 10_000;
    /// <summary>The largest upload read: years of returns for every borough fit many times over.</summary>
    public const int MaxUploadChars = 1_000_000;
    /// <summary>How much of a refusal the trail keeps: a typed borough of any length is echoed in the answer, not stored whole.</summary>
    private const int MaxRefusalDetail = 1000;
    private const string Conflict = "The return was changed by someone else since you opened it. Here it is as it is now: check, then correct it again.";

    internal sealed record Overview(IReadOnlyList<Unit> Boroughs, IReadOnlyList<BoroughReturn> Returns, int Year, int Month, IReadOnlyList<Unit> NotSent);

    internal sealed record Figures(int? WrittenWarnings, int? FinalWrittenWarnings, int? ManagementAdvice);

    /// <summary>The reader's boroughs (their own, or every one), their returns, and which have not sent this month's.</summary>
    public async Task<Overview> OverviewAsync(CancellationToken ct)
    {
        var boroughs = await ReadersBoroughsAsync(ct);
        var returns = await db.BoroughReturns.AsNoTracking().OrderBy(r => r.Year).ThenBy(r => r.Month).ThenBy(r => r.BoroughUnitId).ToListAsync(ct);
        var today = time.Today();
        var notSent = boroughs.Where(b => !returns.Any(r => r.BoroughUnitId == b.Id && r.Year == today.Year && r.Month == today.Month)).ToList();
        await audit.RecordAsync("view", "borough_returns", $"{returns.Count} returns; {notSent.Count} of {boroughs.Count} boroughs without {today.Year}-{today.Month:D2}", ct);
        return new(boroughs, returns, today.Year, today.Month, notSent);
    }

    /// <summary>
    /// A borough's returns summed over a calendar quarter (ADR 0026 addendum): the three counts, and how many of the quarter's
    /// months up to the last one asked for it returned (a month not returned counts nothing, and shows as missing).
    /// </summary>
    internal sealed record QuarterFigures(Unit Borough, int Year, int Quarter, int WrittenWarnings, int FinalWrittenWarnings, int ManagementAdvice,
        int MonthsReturned, int MonthsDue)
    {
        public string QuarterName => string.Create(CultureInfo.InvariantCulture, $"{Year} Q{Quarter}");
    }

    /// <summary>
    /// Each of the reader's boroughs (their own only, for an account kept to one) by calendar quarter, from the quarter of
    /// <paramref name="firstMonth"/> to <paramref name="lastMonth"/>, by borough name then quarter. Read through the reader's
    /// scope, never the shared view: need-to-know keeps a borough's figures to its own champions and the Directorate. Not
    /// audited here: the page or pack that shows them records its own read.
    /// </summary>
    public async Task<IReadOnlyList<QuarterFigures>> QuartersAsync(DateOnly firstMonth, DateOnly lastMonth, CancellationToken ct)
    {
        var start = new DateOnly(firstMonth.Year, (firstMonth.Month - 1) / 3 * 3 + 1, 1);
        var last = new DateOnly(lastMonth.Year, lastMonth.Month, 1);
        var (fromKey, toKey) = (start.Year * 12 + start.Month, last.Year * 12 + last.Month);
        var boroughs = await ReadersBoroughsAsync(ct);
        var returns = await db.BoroughReturns.AsNoTracking()
            .Where(r => r.Year * 12 + r.Month >= fromKey && r.Year * 12 + r.Month <= toKey)
            .Select(r => new { r.BoroughUnitId, r.Year, r.Month, r.WrittenWarnings, r.FinalWrittenWarnings, r.ManagementAdvice }).ToListAsync(ct);
        var rows = new List<QuarterFigures>();
        foreach (var b in boroughs.OrderBy(b => b.Name, StringComparer.Ordinal))
            for (var q = start; q <= last; q = q.AddMonths(3))
            {
                var quarter = (q.Month - 1) / 3 + 1;
                var dueTo = q.AddMonths(2) < last ? q.AddMonths(2) : last;
                var due = (dueTo.Year * 12 + dueTo.Month) - (q.Year * 12 + q.Month) + 1;
                var inQuarter = returns.Where(r => r.BoroughUnitId == b.Id && r.Year == q.Year && (r.Month - 1) / 3 + 1 == quarter && r.Month <= dueTo.Month).ToList();
                rows.Add(new(b, q.Year, quarter, inQuarter.Sum(r => r.WrittenWarnings), inQuarter.Sum(r => r.FinalWrittenWarnings), inQuarter.Sum(r => r.ManagementAdvice),
                    inQuarter.Count, due));
            }
        return rows;
    }

    /// <summary>One return, for correcting it (a return the reader may not see does not exist for them).</summary>
    public async Task<BoroughReturn> GetAsync(long id, CancellationToken ct)
    {
        // Another borough's return answers as a missing one, and the try is on the trail (a champion walking the ids).
        if (await db.BoroughReturns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } row)
        {
            await audit.RecordMissingAsync("borough_return", id.ToString(CultureInfo.InvariantCulture), ct);
            throw new RecordNotFoundException($"Return {id}");
        }
        await audit.RecordAsync("view", $"borough_return:{row.BoroughUnitId}:{row.Year}-{row.Month:D2}", null, ct);
        return row;
    }

    /// <param name="version">The version the return was opened on for a correction; null when sending a month not yet sent.</param>
    public Task<BoroughReturn> SendAsync(string? borough, int? year, int? month, Figures figures, Guid? version, CancellationToken ct) =>
        RefusalOnTrailAsync($"{(version is null ? "send" : "correct")} {borough}'s return for {year}-{month:D2}", () => SendOrRefuseAsync(borough, year, month, figures, version, ct), ct);

    private async Task<BoroughReturn> SendOrRefuseAsync(string? borough, int? year, int? month, Figures figures, Guid? version, CancellationToken ct)
    {
        var id = await BoroughAsync(borough, "Borough", ct);
        var (y, m) = Month(year, month);
        var counts = (Count(figures.WrittenWarnings, "Written warnings"), Count(figures.FinalWrittenWarnings, "Final written warnings"), Count(figures.ManagementAdvice, "Management advice"));
        var row = await db.BoroughReturns.FirstOrDefaultAsync(r => r.BoroughUnitId == id && r.Year == y && r.Month == m, ct);
        if (row is null)
        {
            if (version is not null) throw new EditConflictException(Conflict);
            row = new BoroughReturn { BoroughUnitId = id, Year = y, Month = m, SentBy = db.Scope.Actor, SentThrough = "form" };
            db.BoroughReturns.Add(row);
        }
        else if (version != row.Version)
            throw new EditConflictException(version is null ? await AlreadySentAsync(row, ct) : Conflict);
        var mark = db.MarkUnsaved();
        Apply(row, counts, "form");
        try
        {
            await db.SaveChangesOrConflictAsync(Conflict, ct);
        }
        catch (DbUpdateException) when (version is null)
        {
            // Two first returns for the same borough and month at the same instant: both found none, the unique index
            // refused the second. It is the same answer as a moment later: the return is sent, open it to correct it.
            db.ForgetSince(mark);
            var sent = await db.BoroughReturns.AsNoTracking().FirstOrDefaultAsync(r => r.BoroughUnitId == id && r.Year == y && r.Month == m, ct);
            if (sent is null) throw;
            throw new EditConflictException(await AlreadySentAsync(sent, ct));
        }
        return row;
    }

    private async Task<string> AlreadySentAsync(BoroughReturn sent, CancellationToken ct) =>
        $"{await NameAsync(sent.BoroughUnitId, ct)}'s return for {MonthName(sent.Year, sent.Month)} was already sent on {sent.SentAt:d MMM yyyy} by {sent.SentBy}: open it to correct it.";

    /// <summary>
    /// A refused send, correction or upload is on the trail too (what was tried and why it was refused): a champion trying
    /// another borough's returns, or a file refused line by line, leaves a trace as the writes do.
    /// </summary>
    private async Task<T> RefusalOnTrailAsync<T>(string tried, Func<Task<T>> act, CancellationToken ct)
    {
        try
        {
            return await act();
        }
        catch (Exception e) when (e is ActionRefusedException or EditConflictException)
        {
            var detail = $"{tried}: {e.Message}";
            await audit.RecordRefusalAsync("borough_return_refused", "borough_returns", detail.Length > MaxRefusalDetail ? detail[..MaxRefusalDetail] + "…" : detail, ct);
            throw;
        }
    }

    /// <summary>
    /// A CSV of returns (<see cref="Columns"/>), written all together or not at all: the first bad cell is refused naming
    /// the file, the line, the column and why, and nothing is written. A month already sent is refused too (corrections
    /// are made on the form, against the version opened).
    /// </summary>
    public Task<int> UploadAsync(string fileName, TextReader content, CancellationToken ct)
    {
        var file = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "returns.csv" : fileName);
        return RefusalOnTrailAsync("upload " + (file.Length > 300 ? file[..300] : file), () => UploadOrRefuseAsync(file, content, ct), ct);
    }

    private async Task<int> UploadOrRefuseAsync(string file, TextReader content, CancellationToken ct)
    {
        string Where(int line, string? column) => $"{file}, line {line}{(column is null ? "" : $", column {column}")}";
        // A month's returns for every borough is a few kilobytes: read it whole (asynchronously) and refuse anything far larger.
        var buffer = new char[MaxUploadChars + 1];
        var read = 0;
        while (read < buffer.Length && await content.ReadAsync(buffer.AsMemory(read), ct) is var n && n > 0) read += n;
        if (read > MaxUploadChars) throw new ActionRefusedException($"{file}: over {MaxUploadChars / 1000:N0} thousand characters; a month's returns for every borough is far smaller.");
        var csv = new CsvRecordReader(new StringReader(new string(buffer, 0, read)));
        if (!csv.Read()) throw new ActionRefusedException($"{Where(1, null)}: the file is empty; it needs the header row {string.Join(",", Columns)}.");
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv[i].ToString().Trim()).ToArray();
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0) throw new ActionRefusedException($"{Where(1, null)}: the header lacks {string.Join(", ", missing)}.");
        var at = Columns.ToDictionary(c => c, c => Array.IndexOf(header, c), StringComparer.Ordinal);
        var rows = new List<(int Line, string Borough, int Year, int Month, (int, int, int) Counts)>();
        while (csv.Read())
        {
            if (csv.IsBlank) continue;
            var line = csv.RecordLine;
            if (csv.Malformed is { } bad) throw new ActionRefusedException($"{Where(line, null)}: {bad}.");
            if (csv.FieldCount != header.Length) throw new ActionRefusedException($"{Where(line, null)}: {csv.FieldCount} fields where the header has {header.Length}.");
            var cell = at.ToDictionary(p => p.Key, p => Csv.Restore(csv[p.Value]).ToString().Trim(), StringComparer.Ordinal);
            string borough;
            int y, m;
            (int, int, int) counts;
            try { borough = await BoroughAsync(cell["borough"], null, ct); }
            catch (ActionRefusedException e) { throw new ActionRefusedException($"{Where(line, "borough")}: {e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]}"); }
            try { (y, m) = Month(Int(cell["year"]), Int(cell["month"])); }
            // The refusal names its field ("Year: ..." or "Month: ..."): a year out of range is the year's column, not the month's.
            catch (ActionRefusedException e) { throw new ActionRefusedException($"{Where(line, e.Message.StartsWith("Year:", StringComparison.Ordinal) ? "year" : "month")}: {e.Message}"); }
            int Cell(string column, string what)
            {
                try { return Count(Int(cell[column]), what); }
                catch (ActionRefusedException e) { throw new ActionRefusedException($"{Where(line, column)}: {e.Message} ('{cell[column]}' given)"); }
            }
            counts = (Cell("written_warnings", "Written warnings"), Cell("final_written_warnings", "Final written warnings"), Cell("management_advice", "Management advice"));
            if (rows.FirstOrDefault(r => r.Borough == borough && r.Year == y && r.Month == m) is { Line: > 0 } twice)
                throw new ActionRefusedException($"{Where(line, "month")}: {MonthName(y, m)} for this borough is already on line {twice.Line}.");
            if (await db.BoroughReturns.AnyAsync(r => r.BoroughUnitId == borough && r.Year == y && r.Month == m, ct))
                throw new ActionRefusedException($"{Where(line, "month")}: {await NameAsync(borough, ct)}'s return for {MonthName(y, m)} is already sent; correct it on the form.");
            rows.Add((line, borough, y, m, counts));
        }
        if (rows.Count == 0) throw new ActionRefusedException($"{Where(2, null)}: no return in the file.");
        var mark = db.MarkUnsaved();
        foreach (var r in rows)
        {
            var row = new BoroughReturn { BoroughUnitId = r.Borough, Year = r.Year, Month = r.Month, SentBy = db.Scope.Actor, SentThrough = "upload" };
            db.BoroughReturns.Add(row);
            Apply(row, r.Counts, "upload: " + file);
        }
        // One save: every row and its audit entry commit together, or none does.
        try
        {
            await db.SaveChangesOrConflictAsync(Conflict, ct);
        }
        catch (DbUpdateException)
        {
            // A month sent by someone else between the check and the save (the unique index refused it): nothing is
            // written, and the answer names the line as the check would have a moment later.
            db.ForgetSince(mark);
            foreach (var r in rows)
                if (await db.BoroughReturns.AsNoTracking().AnyAsync(x => x.BoroughUnitId == r.Borough && x.Year == r.Year && x.Month == r.Month, ct))
                    throw new ActionRefusedException($"{Where(r.Line, "month")}: {await NameAsync(r.Borough, ct)}'s return for {MonthName(r.Year, r.Month)} is already sent; correct it on the form.");
            throw;
        }
        return rows.Count;
    }

    private void Apply(BoroughReturn row, (int Written, int Final, int Advice) counts, string through)
    {
        var isNew = db.Entry(row).State == EntityState.Added;
        row.WrittenWarnings = counts.Written;
        row.FinalWrittenWarnings = counts.Final;
        row.ManagementAdvice = counts.Advice;
        row.SentBy = db.Scope.Actor;
        row.SentAt = time.GetUtcNow();
        row.SentThrough = through.Length > 300 ? through[..300] : through;
        row.Version = Guid.NewGuid();
        audit.Change(isNew ? "borough_return_sent" : "borough_return_corrected", $"borough_return:{row.BoroughUnitId}:{row.Year}-{row.Month:D2}",
            $"written warnings {counts.Written}; final written warnings {counts.Final}; management advice {counts.Advice}; through {row.SentThrough}");
    }

    /// <summary>The boroughs the reader sends and reads returns for: their own borough, or every borough.</summary>
    public async Task<IReadOnlyList<Unit>> ReadersBoroughsAsync(CancellationToken ct)
    {
        var all = await units.BoroughsAsync(ct);
        return db.Scope.Borough is { } mine ? all.Where(b => b.Id == mine).ToList() : all;
    }

    private async Task<string> BoroughAsync(string? typed, string? field, CancellationToken ct)
    {
        var id = await units.ChooseBoroughAsync(typed, field ?? "borough", ct);
        // A champion whose account names no borough sends for none (ADR 0026: a missing setting never widens).
        if (db.Scope.Borough == CaseAccessScope.NoBorough)
            throw new ActionRefusedException($"{field ?? "borough"}: your account is kept to no borough yet, so you send no borough's returns; an administrator sets your borough.");
        if (db.Scope.Borough is { } mine && mine != id)
            throw new ActionRefusedException($"{field ?? "borough"}: you send the returns of {await NameAsync(mine, ct)} only, not of {await NameAsync(id, ct)}.");
        return id;
    }

    private async Task<string> NameAsync(string unitId, CancellationToken ct) =>
        (await units.AllAsync(ct)).FirstOrDefault(u => u.Id == unitId)?.Name ?? unitId;

    private (int Year, int Month) Month(int? year, int? month)
    {
        var today = time.Today();
        if (year is not { } y || y < WorkingDays.FirstDate.Year || y > today.Year) throw new ActionRefusedException($"Year: from {WorkingDays.FirstDate.Year} to {today.Year}.");
        if (month is not { } m || m < 1 || m > 12) throw new ActionRefusedException("Month: from 1 to 12.");
        if (y == today.Year && m > today.Month) throw new ActionRefusedException($"Month: {MonthName(y, m)} has not begun; a return is for a month under way or past.");
        return (y, m);
    }

    private static int Count(int? n, string field) =>
        n is { } v && v >= 0 && v <= MaxCount ? v : throw new ActionRefusedException($"{field}: a whole number from 0 to {MaxCount:N0}.");

    private static int? Int(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static string MonthName(int year, int month) => new DateOnly(year, month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
