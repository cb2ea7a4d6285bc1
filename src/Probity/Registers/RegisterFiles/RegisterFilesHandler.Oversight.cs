using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;

namespace Probity.Registers.RegisterFiles;

// Oversight dip samples and the Service Confidence register in the interchange format (docs/registers-interchange.md),
// written as the reader may see them: a sampled case they may not open is left out (as on the page), a record about
// themselves does not exist for them, and a case id quoted in a finding or response they may not open is withheld.
internal sealed partial class RegisterFilesHandler
{
    public const string DipSamplesFile = "register_dip_samples.csv";
    public const string DipSampleCasesFile = "register_dip_sample_cases.csv";
    public const string ConfidenceFile = "register_service_confidence.csv";
    public const string ConfidenceRestrictionsFile = "register_service_confidence_restrictions.csv";
    public const string ConfidenceReviewsFile = "register_service_confidence_reviews.csv";

    public static readonly string[] DipSampleColumns = ["sample_id", "seed", "period_from", "period_to", "size", "drawn_by", "drawn_on", "drawn_at"];
    public static readonly string[] DipSampleCaseColumns =
        ["item_id", "sample_id", "case_id", "position", "finding", "finding_text", "reviewed_by", "reviewed_on", "response", "responded_by", "responded_on"];
    public static readonly string[] ConfidenceColumns =
        ["record_id", "staff_id", "decided_by", "decided_on", "reasons", "next_review_on", "outcome", "closed_on", "recorded_by", "recorded_at"];
    public static readonly string[] ConfidenceRestrictionColumns = ["restriction_id", "record_id", "kind", "detail", "from", "lifted_on", "recorded_by"];
    public static readonly string[] ConfidenceReviewColumns = ["review_id", "record_id", "reviewed_on", "outcome", "note", "next_review_on", "reviewed_by"];

    public async Task<IReadOnlyDictionary<string, int>> ExportDipSamplesAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var samples = await db.DipSamples.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        // Through need-to-know: a sampled case the reader may not open is not exported.
        var items = await db.DipSampleCases.AsNoTracking().OrderBy(d => d.SampleId).ThenBy(d => d.Position).ToListAsync(ct);
        var hidden = await references.HiddenAsync(items.SelectMany(d => CaseReferences.Words(d.FindingText).Concat(CaseReferences.Words(d.Response))), ct);
        await audit.RecordAsync("export", "dip_samples", $"{samples.Count} samples, {items.Count} sampled cases", ct);
        string? R(string? text) => CaseReferences.Redact(text, hidden);
        folder.Create();
        await WriteAsync(folder, DipSamplesFile, DipSampleColumns, samples.Select(s => new[]
        {
            s.Id, N(s.Seed), D(s.PeriodFrom), D(s.PeriodTo), N(s.Size), s.DrawnBy, D(s.DrawnOn), T(s.DrawnAt),
        }), ct);
        await WriteAsync(folder, DipSampleCasesFile, DipSampleCaseColumns, items.Select(d => new[]
        {
            d.Id, d.SampleId, d.CaseId, N(d.Position), d.Finding, R(d.FindingText), d.ReviewedBy, D(d.ReviewedOn), R(d.Response), d.RespondedBy, D(d.RespondedOn),
        }), ct);
        return new Dictionary<string, int>(StringComparer.Ordinal) { [DipSamplesFile] = samples.Count, [DipSampleCasesFile] = items.Count };
    }

    public async Task<IReadOnlyDictionary<string, int>> ExportServiceConfidenceAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var records = await db.ServiceConfidence.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        var restrictions = await db.ServiceConfidenceRestrictions.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        var reviews = await db.ServiceConfidenceReviews.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        await audit.RecordAsync("export", "service_confidence_register", $"{records.Count} records, {restrictions.Count} restrictions, {reviews.Count} reviews", ct);
        folder.Create();
        await WriteAsync(folder, ConfidenceFile, ConfidenceColumns, records.Select(r => new[]
        {
            r.Id, r.StaffId, r.DecidedBy, D(r.DecidedOn), r.Reasons, D(r.NextReviewOn), r.Outcome, D(r.ClosedOn), r.RecordedBy, T(r.RecordedAt),
        }), ct);
        await WriteAsync(folder, ConfidenceRestrictionsFile, ConfidenceRestrictionColumns, restrictions.Select(x => new[]
        {
            x.Id, x.RecordId, x.Kind, x.Detail, D(x.From), D(x.LiftedOn), x.RecordedBy,
        }), ct);
        await WriteAsync(folder, ConfidenceReviewsFile, ConfidenceReviewColumns, reviews.Select(v => new[]
        {
            v.Id, v.RecordId, D(v.ReviewedOn), v.Outcome, v.Note, D(v.NextReviewOn), v.ReviewedBy,
        }), ct);
        return new Dictionary<string, int>(StringComparer.Ordinal) { [ConfidenceFile] = records.Count, [ConfidenceRestrictionsFile] = restrictions.Count, [ConfidenceReviewsFile] = reviews.Count };
    }
}
