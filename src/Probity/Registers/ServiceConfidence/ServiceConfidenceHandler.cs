using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;

namespace Probity.Registers.ServiceConfidence;

/// <summary>
/// One Service Confidence record: reading it, recording that confidence was lost (who decided, when, why, the first
/// review), the restrictions placed and lifted, and each review with its outcome. Every read and change is on the audit
/// trail; every change checks the version the person saw. Nobody reads, records or reviews a record about themselves.
/// </summary>
internal sealed class ServiceConfidenceHandler(ProbityDb db, Audit audit, TimeProvider time)
{
    private const string Conflict = "The record was changed by someone else since you opened it. Reload and try again.";

    internal sealed record View(ServiceConfidenceRecord Record, string StaffName, string? UnitName, ServiceConfidenceState State,
        IReadOnlyList<ServiceConfidenceRestriction> Restrictions, IReadOnlyList<ServiceConfidenceReview> Reviews);

    public async Task<View> ReadAsync(string id, CancellationToken ct)
    {
        // Through need-to-know: a record about the reader does not exist for them.
        var row = await (from r in db.ServiceConfidence.AsNoTracking()
                         join s in db.Staff.AsNoTracking() on r.StaffId equals s.Id
                         where r.Id == id
                         select new { r, s.DisplayName, s.UnitId }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            await audit.RecordMissingAsync("service_confidence", id, ct);
            throw new RecordNotFoundException($"Service confidence record {id}");
        }
        var unit = row.UnitId is null ? null : await db.Units.AsNoTracking().Where(u => u.Id == row.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var restrictions = await db.ServiceConfidenceRestrictions.AsNoTracking().Where(x => x.RecordId == id).OrderBy(x => x.From).ThenBy(x => x.Id).ToListAsync(ct);
        var reviews = await db.ServiceConfidenceReviews.AsNoTracking().Where(x => x.RecordId == id).OrderBy(x => x.ReviewedOn).ThenBy(x => x.Id).ToListAsync(ct);
        await audit.RecordAsync("view", "service_confidence:" + id, "staff " + row.r.StaffId, ct);
        return new View(row.r, row.DisplayName, unit, ServiceConfidenceState.Of(row.r, time.Today()), restrictions, reviews);
    }

    internal sealed record Recording(string? Staff, string? DecidedBy, DateOnly? DecidedOn, string? Reasons, DateOnly? FirstReviewOn, string? Restriction, string? RestrictionDetail);

    public async Task<string> RecordAsync(Recording r, CancellationToken ct)
    {
        var staffId = await RegisterStaff.ChooseAsync(db, r.Staff, "Member of staff", ct);
        var decidedBy = RegisterText.Required(r.DecidedBy, "Who decided", 200);
        var reasons = RegisterText.Required(r.Reasons, "Why confidence was lost", 4000);
        var today = time.Today();
        var decided = RegisterDates.Require(r.DecidedOn ?? today, "Decided on");
        if (decided > today) throw new ActionRefusedException("Decided on: the decision cannot be dated after today.");
        var review = RegisterDates.Require(r.FirstReviewOn ?? throw new ActionRefusedException("First review on: required (restrictions are reviewed, not left to run)."), "First review on");
        if (review <= decided) throw new ActionRefusedException($"First review on: must be after the decision ({decided:d MMM yyyy}).");
        var record = new ServiceConfidenceRecord
        {
            Id = "SC-" + Guid.NewGuid().ToString("n")[..12], StaffId = staffId, DecidedBy = decidedBy, DecidedOn = decided, Reasons = reasons, NextReviewOn = review,
            RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.ServiceConfidence.Add(record);
        var restriction = r.Restriction is null or "" ? null : NewRestriction(db.Scope.Actor, record.Id, r.Restriction, r.RestrictionDetail, decided, decided, today);
        if (restriction is not null) db.ServiceConfidenceRestrictions.Add(restriction);
        audit.Change("create", "service_confidence:" + record.Id, string.Create(CultureInfo.InvariantCulture,
            $"staff {staffId}, decided {decided:yyyy-MM-dd} by {decidedBy}, review {review:yyyy-MM-dd}{(restriction is null ? "" : ", " + restriction.Kind)}: {reasons}"));
        await db.SaveChangesAsync(ct);
        return record.Id;
    }

    public async Task RestrictAsync(string id, Guid version, string? kind, string? detail, DateOnly? from, CancellationToken ct)
    {
        var record = await LoadOpenAsync(id, version, ct);
        var restriction = NewRestriction(db.Scope.Actor, id, kind, detail, from ?? time.Today(), record.DecidedOn, time.Today());
        db.ServiceConfidenceRestrictions.Add(restriction);
        record.Version = Guid.NewGuid();
        audit.Change("restrict", "service_confidence:" + id, string.Create(CultureInfo.InvariantCulture, $"{restriction.Kind} from {restriction.From:yyyy-MM-dd}: {restriction.Detail}"));
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    public async Task LiftAsync(string id, Guid version, string? restrictionId, DateOnly? on, CancellationToken ct)
    {
        var record = await LoadOpenAsync(id, version, ct);
        var restriction = await db.ServiceConfidenceRestrictions.FirstOrDefaultAsync(x => x.Id == restrictionId && x.RecordId == id, ct)
            ?? throw new ActionRefusedException("Restriction: choose one of the record's restrictions.");
        if (restriction.LiftedOn is { } lifted) throw new ActionRefusedException($"Restriction: lifted already on {lifted:d MMM yyyy}.");
        var day = RegisterDates.Require(on ?? time.Today(), "Lifted on");
        if (day > time.Today()) throw new ActionRefusedException("Lifted on: cannot be after today.");
        if (day < restriction.From) throw new ActionRefusedException($"Lifted on: cannot be before the restriction began ({restriction.From:d MMM yyyy}).");
        restriction.LiftedOn = day;
        record.Version = Guid.NewGuid();
        audit.Change("lift", "service_confidence:" + id, string.Create(CultureInfo.InvariantCulture, $"{restriction.Kind} lifted {day:yyyy-MM-dd}"));
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    internal sealed record Reviewing(string? Outcome, string? Note, DateOnly? ReviewedOn, DateOnly? NextReviewOn);

    /// <summary>
    /// A review: restrictions continued (to the next review, which is required), or the record closed, confidence restored
    /// (every restriction lifted that day), dismissal or another outcome.
    /// </summary>
    public async Task ReviewAsync(string id, Guid version, Reviewing r, CancellationToken ct)
    {
        var record = await LoadOpenAsync(id, version, ct);
        var outcome = RegisterText.Choose(r.Outcome, ServiceConfidenceVocabulary.Outcomes, "Outcome");
        var note = RegisterText.Required(r.Note, "What the review found", 4000);
        var today = time.Today();
        var day = RegisterDates.Require(r.ReviewedOn ?? today, "Reviewed on");
        if (day > today) throw new ActionRefusedException("Reviewed on: cannot be after today.");
        if (day < record.DecidedOn) throw new ActionRefusedException($"Reviewed on: cannot be before confidence was lost ({record.DecidedOn:d MMM yyyy}).");
        DateOnly? next = null;
        if (outcome == "restrictions_continued")
        {
            next = RegisterDates.Require(r.NextReviewOn ?? throw new ActionRefusedException("Next review on: required when the restrictions continue."), "Next review on");
            if (next <= day) throw new ActionRefusedException($"Next review on: must be after this review ({day:d MMM yyyy}).");
        }
        else if (r.NextReviewOn is not null) throw new ActionRefusedException("Next review on: only when the restrictions continue; this outcome closes the record.");
        db.ServiceConfidenceReviews.Add(new ServiceConfidenceReview
        {
            Id = "SCR-" + Guid.NewGuid().ToString("n")[..12], RecordId = id, ReviewedOn = day, Outcome = outcome, Note = note, NextReviewOn = next, ReviewedBy = db.Scope.Actor,
        });
        record.NextReviewOn = next;
        if (next is null)
        {
            record.Outcome = outcome;
            record.ClosedOn = day;
            if (outcome == "confidence_restored")
                foreach (var restriction in await db.ServiceConfidenceRestrictions.Where(x => x.RecordId == id && x.LiftedOn == null).ToListAsync(ct))
                    restriction.LiftedOn = day < restriction.From ? restriction.From : day;
        }
        record.Version = Guid.NewGuid();
        audit.Change("review", "service_confidence:" + id, string.Create(CultureInfo.InvariantCulture,
            $"{day:yyyy-MM-dd} {outcome}{(next is null ? "" : $", next review {next:yyyy-MM-dd}")}: {note}"));
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    private static ServiceConfidenceRestriction NewRestriction(string actor, string recordId, string? kind, string? detail, DateOnly from, DateOnly decided, DateOnly today)
    {
        var code = RegisterText.Choose(kind, ServiceConfidenceVocabulary.Restrictions, "Restriction");
        RegisterDates.Require(from, "Restricted from");
        if (from > today) throw new ActionRefusedException("Restricted from: cannot be after today.");
        if (from < decided) throw new ActionRefusedException($"Restricted from: cannot be before confidence was lost ({decided:d MMM yyyy}).");
        return new ServiceConfidenceRestriction
        {
            Id = "SCX-" + Guid.NewGuid().ToString("n")[..12], RecordId = recordId, Kind = code, From = from,
            Detail = RegisterText.Required(detail, "What the restriction is", 2000), RecordedBy = actor,
        };
    }

    private async Task<ServiceConfidenceRecord> LoadOpenAsync(string id, Guid version, CancellationToken ct)
    {
        // Through need-to-know: a record about the actor does not exist for them, so they cannot change it either.
        var record = await db.ServiceConfidence.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new RecordNotFoundException($"Service confidence record {id}");
        if (record.Version != version) throw new EditConflictException(Conflict);
        if (record.ClosedOn is { } closed) throw new ActionRefusedException($"The record was closed on {closed:d MMM yyyy} ({ServiceConfidenceVocabulary.Outcome(record.Outcome ?? "other")}).");
        return record;
    }
}
