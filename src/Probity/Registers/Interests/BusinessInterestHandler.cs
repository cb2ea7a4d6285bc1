using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;

namespace Probity.Registers.Interests;

/// <summary>
/// One business interest: reading it, recording an application (the member of staff's own form, or entered on their
/// behalf), the decision with its reasons, the annual review, and finding it continuing after refusal. Every read and
/// change is on the audit trail; every change checks the version the person saw.
/// </summary>
internal sealed class BusinessInterestHandler(ProbityDb db, Audit audit, TimeProvider time, Identity.Contracts.DirectoratePeople directorate)
{
    public static readonly IReadOnlyList<string> InterestTypes =
        ["second_job", "self_employment", "company_director", "shareholding", "property_letting", "family_business", "voluntary_work", "other"];

    public static readonly IReadOnlyList<string> Decisions = ["approved", "approved_with_conditions", "refused", "withdrawn"];

    /// <summary>Longest an approval may run before it must be renewed: the annual review.</summary>
    public const int MonthsBetweenReviews = 12;

    /// <param name="People">The directorate people named on the entry (recorded, decided, reviewed by): sign-in name to their name.</param>
    internal sealed record View(BusinessInterest Interest, string StaffName, string? UnitName, InterestState State, IReadOnlyDictionary<string, string> People)
    {
        public string Name(string? userName) => userName is null ? "" : People.GetValueOrDefault(userName, userName);
    }

    public async Task<View> ReadAsync(string id, CancellationToken ct)
    {
        // Through need-to-know: the reader's own interests do not exist for them.
        var row = await (from b in db.BusinessInterests.AsNoTracking()
                         join s in db.Staff.AsNoTracking() on b.StaffId equals s.Id
                         where b.Id == id
                         select new { b, s.DisplayName, s.UnitId }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            await audit.RecordMissingAsync("business_interest", id, ct);
            throw new RecordNotFoundException($"Business interest {id}");
        }
        var unit = row.UnitId is null ? null : await db.Units.AsNoTracking().Where(u => u.Id == row.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { row.b.RecordedBy, row.b.DecidedBy, row.b.LastReviewedBy }.OfType<string>().Distinct())
            people[name] = await directorate.NameOfAsync(name);
        await audit.RecordAsync("view", "business_interest:" + id, "staff " + row.b.StaffId, ct);
        return new View(row.b, row.DisplayName, unit, InterestState.Of(row.b, time.Today()), people);
    }

    internal sealed record Application(string? Staff, string? InterestType, string? Description, DateOnly? AppliedOn, bool EnteredOnBehalf);

    public async Task<string> RecordApplicationAsync(Application a, CancellationToken ct)
    {
        var staffId = await RegisterStaff.ChooseAsync(db, a.Staff, "Member of staff", ct);
        if (a.InterestType is null || !InterestTypes.Contains(a.InterestType))
            throw new ActionRefusedException($"Type of interest: choose one of {string.Join(", ", InterestTypes.Select(Vocabulary.Describe))}.");
        var description = Text(a.Description, "Description", 2000, required: true)!;
        var today = time.Today();
        var applied = a.AppliedOn ?? today;
        RegisterDates.Require(applied, "Applied on");
        if (applied > today) throw new ActionRefusedException("Applied on: the application cannot be dated after today.");
        var interest = new BusinessInterest
        {
            Id = "BI-" + Guid.NewGuid().ToString("n")[..12], StaffId = staffId, InterestType = a.InterestType, Description = description,
            AppliedOn = applied, RecordedBy = db.Scope.Actor, EnteredOnBehalf = a.EnteredOnBehalf,
        };
        db.BusinessInterests.Add(interest);
        audit.Change("create", "business_interest:" + interest.Id, $"staff {staffId}, {a.InterestType}{(a.EnteredOnBehalf ? ", entered on their behalf" : "")}");
        await db.SaveChangesAsync(ct);
        return interest.Id;
    }

    internal sealed record Decision(string? Outcome, string? Reasons, string? Conditions, DateOnly? DecidedOn);

    public async Task DecideAsync(string id, Guid version, Decision d, CancellationToken ct)
    {
        var b = await LoadAsync(id, version, ct);
        if (d.Outcome is null || !Decisions.Contains(d.Outcome))
            throw new ActionRefusedException($"Decision: choose one of {string.Join(", ", Decisions.Select(Vocabulary.Describe))}.");
        var reasons = Text(d.Reasons, "Reasons for the decision", 4000, required: true)!;
        var conditions = Text(d.Conditions, "Conditions", 4000, required: d.Outcome == "approved_with_conditions");
        if (d.Outcome != "approved_with_conditions" && conditions is not null)
            throw new ActionRefusedException("Conditions: only an approval with conditions has conditions; choose that decision or leave them empty.");
        var today = time.Today();
        var decidedOn = d.DecidedOn ?? today;
        RegisterDates.Require(decidedOn, "Decided on");
        if (decidedOn > today) throw new ActionRefusedException("Decided on: the decision cannot be dated after today.");
        if (b.AppliedOn is { } applied && decidedOn < applied) throw new ActionRefusedException($"Decided on: the decision cannot come before the application ({applied:d MMM yyyy}).");
        var was = b.Decision;
        b.Decision = d.Outcome;
        b.DecisionReasons = reasons;
        b.Conditions = conditions;
        b.DecidedOn = decidedOn;
        b.DecidedBy = db.Scope.Actor;
        var approved = d.Outcome is "approved" or "approved_with_conditions";
        // An approval runs for a year and is reviewed before it expires; a refusal or withdrawal has nothing to review.
        b.ReviewOn = approved ? decidedOn.AddMonths(MonthsBetweenReviews) : null;
        b.ExpiresOn = approved ? decidedOn.AddMonths(MonthsBetweenReviews) : null;
        b.Version = Guid.NewGuid();
        audit.Change("decide", "business_interest:" + id, $"{(was is null ? "" : $"was {was}, now ")}{d.Outcome} on {decidedOn:yyyy-MM-dd}: {reasons}");
        await db.SaveChangesOrConflictAsync("The interest was changed by someone else since you opened it. Reload and try again.", ct);
    }

    internal sealed record Review(bool StillHeld, string? Note);

    public async Task ReviewAsync(string id, Guid version, Review r, CancellationToken ct)
    {
        var b = await LoadAsync(id, version, ct);
        if (b.Decision is not ("approved" or "approved_with_conditions"))
            throw new ActionRefusedException("Only an approved interest is reviewed; record a decision first.");
        var note = Text(r.Note, "Review note", 2000, required: true)!;
        var today = time.Today();
        b.LastReviewedOn = today;
        b.LastReviewedBy = db.Scope.Actor;
        if (r.StillHeld)
        {
            b.ReviewOn = today.AddMonths(MonthsBetweenReviews);
            b.ExpiresOn = today.AddMonths(MonthsBetweenReviews);
        }
        else
        {
            b.Decision = "withdrawn";
            b.ReviewOn = null;
            b.ExpiresOn = null;
        }
        b.Version = Guid.NewGuid();
        audit.Change("review", "business_interest:" + id, $"{(r.StillHeld ? "renewed to " + b.ExpiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "no longer held")}: {note}");
        await db.SaveChangesOrConflictAsync("The interest was changed by someone else since you opened it. Reload and try again.", ct);
    }

    public async Task RecordContinuingAsync(string id, Guid version, DateOnly? foundOn, string? how, CancellationToken ct)
    {
        var b = await LoadAsync(id, version, ct);
        if (b.Decision != "refused") throw new ActionRefusedException("Only a refused interest can be found continuing after refusal.");
        var evidence = Text(how, "How it was found", 2000, required: true)!;
        var today = time.Today();
        var found = foundOn ?? today;
        RegisterDates.Require(found, "Found on");
        if (found > today) throw new ActionRefusedException("Found on: cannot be after today.");
        if (b.DecidedOn is { } refused && found < refused) throw new ActionRefusedException($"Found on: cannot be before the refusal ({refused:d MMM yyyy}).");
        b.ContinuedAfterRefusalOn = found;
        b.Version = Guid.NewGuid();
        audit.Change("continuing_after_refusal", "business_interest:" + id, $"found {found:yyyy-MM-dd}: {evidence}");
        await db.SaveChangesOrConflictAsync("The interest was changed by someone else since you opened it. Reload and try again.", ct);
    }

    private async Task<BusinessInterest> LoadAsync(string id, Guid version, CancellationToken ct)
    {
        var b = await db.BusinessInterests.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new RecordNotFoundException($"Business interest {id}");
        if (!db.Scope.MayReadAbout(b.StaffId)) throw new RecordNotFoundException($"Business interest {id}");
        if (b.Version != version) throw new EditConflictException("The interest was changed by someone else since you opened it. Reload and try again.");
        return b;
    }

    private static string? Text(string? value, string field, int max, bool required)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null && required) throw new ActionRefusedException($"{field}: required.");
        if (text is not null && text.Length > max) throw new ActionRefusedException($"{field}: at most {max} characters ({text.Length} given).");
        return text;
    }
}
