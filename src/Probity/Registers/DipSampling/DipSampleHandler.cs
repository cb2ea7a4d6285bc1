using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;
using Probity.Workforce.Contracts;

namespace Probity.Registers.DipSampling;

/// <summary>
/// One oversight dip sample: drawing it (from the shared view, so never a restricted case), reading it (each case as the
/// reader may open it, with their finding and the Directorate's response), recording a finding, responding to one, and
/// redrawing it from the recorded seed to check it. Every read and change is audited; every change checks the version
/// the person saw.
/// </summary>
internal sealed class DipSampleHandler(ProbityDb db, Audit audit, TimeProvider time, ICaseSearch search, CaseReferences references, UnitDirectory directory)
{
    private const string Conflict = "The finding was changed by someone else since you opened the sample. Reload and try again.";

    public const int MaxSize = 200;

    public static readonly IReadOnlyDictionary<string, string> Findings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["handled_well"] = "Handled well", ["concerns"] = "Concerns",
    };

    internal sealed record Item(DipSampleCase Entry, string CaseType, string? HandlingUnit, string? Route, DateOnly ReceivedOn, DateOnly? FinalisedOn,
        string? FindingText, string? Response);

    internal sealed record View(DipSample Sample, IReadOnlyList<Item> Items);

    internal sealed record Drawing(DateOnly? From, DateOnly? To, int? Size, int? Seed);

    public async Task<string> DrawAsync(Drawing d, CancellationToken ct)
    {
        var today = time.Today();
        var from = RegisterDates.Require(d.From ?? throw new ActionRefusedException("Finalised from: required."), "Finalised from");
        var to = RegisterDates.Require(d.To ?? throw new ActionRefusedException("Finalised to: required."), "Finalised to");
        if (to < from) throw new ActionRefusedException("Finalised to: cannot be before the first day of the period.");
        if (to > today) throw new ActionRefusedException("Finalised to: the period cannot run past today.");
        var size = d.Size ?? throw new ActionRefusedException("Number of cases: required.");
        if (size is < 1 or > MaxSize) throw new ActionRefusedException($"Number of cases: between 1 and {MaxSize} ({size} given).");
        // A seed nobody chose, unless one is given (to redraw a published sample); it is kept either way.
        var seed = d.Seed ?? RandomNumberGenerator.GetInt32(1, int.MaxValue);
        if (seed < 0) throw new ActionRefusedException("Seed: a whole number from 0 up.");
        var chosen = DipSampleDraw.Choose(seed, await CandidatesAsync(from, to, ct), size);
        if (chosen.Count == 0) throw new ActionRefusedException($"No case was finalised between {from:d MMM yyyy} and {to:d MMM yyyy}: nothing to sample.");
        var sample = new DipSample
        {
            Id = "DS-" + Guid.NewGuid().ToString("n")[..12], Seed = seed, PeriodFrom = from, PeriodTo = to, Size = size, DrawnBy = db.Scope.Actor,
            DrawnOn = today, DrawnAt = time.GetUtcNow(),
        };
        db.DipSamples.Add(sample);
        db.DipSampleCases.AddRange(chosen.Select((caseId, i) => new DipSampleCase
        {
            Id = "DSC-" + Guid.NewGuid().ToString("n")[..12], SampleId = sample.Id, CaseId = caseId, Position = i + 1,
        }));
        audit.Change("draw", "dip_sample:" + sample.Id, $"seed {seed}, finalised {from:yyyy-MM-dd}..{to:yyyy-MM-dd}, {size} asked: {chosen.Count} cases");
        await db.SaveChangesAsync(ct);
        return sample.Id;
    }

    /// <summary>The cases a sample over the period is drawn from: finalised in it, as the shared view holds them (no restricted case).</summary>
    private async Task<List<string>> CandidatesAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        using var shared = db.ReadAsSharedAnalytics();
        return await search.Apply(db.Cases.AsNoTracking(), new CaseFilter { Status = CaseStatus.Finalised }, time.Today())
            .Where(c => c.FinalisedOn >= from && c.FinalisedOn <= to).Select(c => c.Id).ToListAsync(ct);
    }

    public async Task<View> ReadAsync(string id, CancellationToken ct)
    {
        var sample = await db.DipSamples.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sample is null)
        {
            await audit.RecordMissingAsync("dip_sample", id, ct);
            throw new RecordNotFoundException($"Dip sample {id}");
        }
        // Through need-to-know twice over: a sampled case the reader may not open is not in the list at all.
        var rows = await (from d in db.DipSampleCases.AsNoTracking()
                          join c in db.Cases.AsNoTracking() on d.CaseId equals c.Id
                          where d.SampleId == id
                          orderby d.Position
                          select new { d, c.CaseType, c.HandlingUnitId, c.HandlingRoute, c.ReceivedOn, c.FinalisedOn }).ToListAsync(ct);
        var units = (await directory.AllAsync(ct)).ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        var hidden = await references.HiddenAsync(rows.SelectMany(r => CaseReferences.Words(r.d.FindingText).Concat(CaseReferences.Words(r.d.Response))), ct);
        await audit.RecordAsync("view", "dip_sample:" + id, $"{rows.Count} cases", ct);
        return new View(sample, [.. rows.Select(r => new Item(r.d, r.CaseType, r.HandlingUnitId is null ? null : units.GetValueOrDefault(r.HandlingUnitId, r.HandlingUnitId),
            r.HandlingRoute, r.ReceivedOn, r.FinalisedOn, CaseReferences.Redact(r.d.FindingText, hidden), CaseReferences.Redact(r.d.Response, hidden)))]);
    }

    /// <summary>The oversight member's finding on one sampled case; it stands once the Directorate has responded to it.</summary>
    public async Task RecordFindingAsync(string sampleId, string itemId, Guid version, string? finding, string? text, CancellationToken ct)
    {
        var item = await LoadAsync(sampleId, itemId, version, ct);
        if (item.Response is not null) throw new ActionRefusedException("The Directorate has responded to this finding, so it is no longer changed.");
        var code = RegisterText.Choose(finding, Findings, "Finding");
        var words = code == "concerns" ? RegisterText.Required(text, "What the concerns are", 4000) : RegisterText.Optional(text, "Comments", 4000);
        item.Finding = code;
        item.FindingText = words;
        item.ReviewedBy = db.Scope.Actor;
        item.ReviewedOn = time.Today();
        item.Version = Guid.NewGuid();
        audit.Change("finding", "dip_sample_case:" + item.Id, $"sample {item.SampleId}, case {item.CaseId}: {code}{(words is null ? "" : ": " + words)}");
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    /// <summary>The Directorate's response to a finding (a senior manager's; never the oversight member's).</summary>
    public async Task RespondAsync(string sampleId, string itemId, Guid version, string? response, CancellationToken ct)
    {
        var item = await LoadAsync(sampleId, itemId, version, ct);
        if (item.Finding is null) throw new ActionRefusedException("There is no finding to respond to yet: the sampled case has not been reviewed.");
        var words = RegisterText.Required(response, "Response", 4000);
        var was = item.Response;
        item.Response = words;
        item.RespondedBy = db.Scope.Actor;
        item.RespondedOn = time.Today();
        item.Version = Guid.NewGuid();
        audit.Change("respond", "dip_sample_case:" + item.Id, $"sample {item.SampleId}, case {item.CaseId}: {(was is null ? "" : "changed: ")}{words}");
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    /// <param name="Drawn">How many cases the sample holds (in the shared view).</param>
    /// <param name="NotDrawnNow">Sampled cases the recorded seed would not draw today; <paramref name="DrawnNowNotSampled"/> the reverse.</param>
    internal sealed record Check(DipSample Sample, bool Same, int Drawn, int NotDrawnNow, int DrawnNowNotSampled);

    /// <summary>
    /// Redraws the sample from what was recorded (its seed, period and size, never a value sent with the request) and
    /// compares: anyone can confirm the sample was the seed's and not hand-picked. Counts only, so the check names no case.
    /// </summary>
    public async Task<Check> CheckAsync(string id, CancellationToken ct)
    {
        var sample = await db.DipSamples.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new RecordNotFoundException($"Dip sample {id}");
        List<string> stored;
        using (db.ReadAsSharedAnalytics())
            stored = await db.DipSampleCases.AsNoTracking().Where(d => d.SampleId == id).OrderBy(d => d.Position).Select(d => d.CaseId).ToListAsync(ct);
        // A sampled case restricted since is out of the shared view, so out of both the stored list and today's candidates:
        // the redraw takes that many fewer, or the next case in the seed's order would make an honest sample look altered.
        var gone = await NeedToKnowBypass.DipSampleSizeAsync(db, id, ct) - stored.Count;
        var redrawn = DipSampleDraw.Choose(sample.Seed, await CandidatesAsync(sample.PeriodFrom, sample.PeriodTo, ct), Math.Max(0, sample.Size - gone));
        var check = new Check(sample, stored.SequenceEqual(redrawn, StringComparer.Ordinal), stored.Count,
            stored.Except(redrawn, StringComparer.Ordinal).Count(), redrawn.Except(stored, StringComparer.Ordinal).Count());
        await audit.RecordAsync("check", "dip_sample:" + id, $"seed {sample.Seed}: {(check.Same ? "the same cases" : $"differs ({check.NotDrawnNow} not drawn now, {check.DrawnNowNotSampled} drawn now but not sampled)")}", ct);
        return check;
    }

    /// <summary>
    /// The sampled case posted, only within the sample the form was for (the sample in the URL): an item of another sample,
    /// whose case the page never showed the member, is not found, as an item that does not exist.
    /// </summary>
    private async Task<DipSampleCase> LoadAsync(string sampleId, string itemId, Guid version, CancellationToken ct)
    {
        var item = await db.DipSampleCases.FirstOrDefaultAsync(d => d.Id == itemId && d.SampleId == sampleId, ct)
            ?? throw new RecordNotFoundException($"Sampled case {itemId} in dip sample {sampleId}");
        if (item.Version != version) throw new EditConflictException(Conflict);
        return item;
    }
}
