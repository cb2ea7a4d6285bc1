using System.Globalization;
using System.Text;
using Probity.Cases.Contracts;
using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Cases;

/// <summary>
/// The common path of every change to a case: load it as the user may see it, refuse a stale edit, append the
/// timeline entry, bump the concurrency token, save, and write the change to the audit trail.
/// </summary>
internal sealed class CaseEditing(ProbityDb db, Audit audit, TimeProvider time)
{
    /// <summary>The longest reason or detail a timeline entry keeps.</summary>
    public const int MaxReason = 2000;

    public ProbityDb Db => db;

    public DateOnly Today => time.Today();

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<Case> LoadAsync(string caseId, Guid expectedVersion, CancellationToken ct, bool withChildren = true)
    {
        IQueryable<Case> query = db.Cases;
        if (withChildren) query = query.Include(c => c.Allegations).Include(c => c.Sanctions).Include(c => c.Appeals);
        var c = await query.AsSplitQuery().FirstOrDefaultAsync(x => x.Id == caseId, ct)
            ?? throw new RecordNotFoundException($"Case {caseId}");
        if (c.Version != expectedVersion)
            throw new EditConflictException($"Case {caseId} was changed by someone else since you opened it. Reload the case to see their change, then try again.");
        return c;
    }

    /// <summary>
    /// The text trimmed, or null when nothing in it can be read: only white space, or characters that show nothing on
    /// their own (zero-width spaces and joiners, the byte-order mark and other format or control characters, combining
    /// marks and variation selectors, the Hangul fillers and the Braille blank). A reason made of those would stand on the
    /// timeline, and on the trail, as a blank that only looks like a reason was given.
    /// </summary>
    public static string? Readable(string? text)
    {
        if (text is null) return null;
        foreach (var r in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(r) || CaseReferences.IsBlankFiller(r)) continue;
            if (Rune.GetUnicodeCategory(r) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.NonSpacingMark) continue;
            return text.Trim();
        }
        return null;
    }

    public async Task SaveAsync(Case c, string kind, string detail, DateOnly occurredOn, string? reason, CancellationToken ct)
    {
        // The timeline keeps 2,000 characters of reason: a longer one is refused here, for every operation, not by the database.
        if (reason?.Trim().Length > MaxReason) throw new ActionRefusedException($"Keep the reason to {MaxReason:N0} characters (it has {reason.Trim().Length:N0}).");
        if (detail.Length > MaxReason) detail = detail[..(MaxReason - 1)] + "…";
        var actor = db.Scope.Actor;
        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = c.Id, Kind = kind, Detail = detail, Reason = Readable(reason),
            OccurredOn = occurredOn, RecordedAt = time.GetUtcNow(), Actor = actor,
        });
        var loaded = c.Version;
        c.Version = Guid.NewGuid();
        audit.Change("update", "case:" + c.Id, $"{kind}: {detail}");
        var conflict = $"Case {c.Id} was changed by someone else while you were editing it. Reload the case and try again.";
        try
        {
            await db.SaveChangesOrConflictAsync(conflict, ct);
        }
        catch (DbUpdateException)
        {
            // The rows a change adds are written before the case's version is compared, so a row someone else added at the
            // same moment (the same person granted by two restrictions sent at once) collides first: a duplicate key, not a
            // stale version. If the case has moved on since it was loaded, that is what it is, and answers 409 as one;
            // otherwise it is a fault, and stays one.
            if (await db.Cases.AsNoTracking().Where(x => x.Id == c.Id).Select(x => (Guid?)x.Version).FirstOrDefaultAsync(ct) != loaded)
                throw new EditConflictException(conflict);
            throw;
        }
    }

    /// <summary>A case withdrawn as recorded in error takes no step that records an outcome of it (ADR 0022 addendum, ADR 0025):
    /// for the steps that also follow finalisation (an officer's outcome), where <see cref="RequireOpen"/> cannot be used.</summary>
    public static void RequireStanding(Case c, string action)
    {
        if (c.RecordedInErrorOn is not null)
            throw new ActionRefusedException($"Case {c.Id} was withdrawn as recorded in error on {c.RecordedInErrorOn:d MMM yyyy}; it cannot {action}. A senior manager can reinstate it.");
    }

    /// <summary>
    /// Civil claims, employment tribunals and grievances are not under the complaints and conduct regulations (ADR 0024):
    /// they take no complaint appeal (an upheld one would reopen a concluded claim for a second outcome) and no severity
    /// assessment, meeting, hearing or reflective practice review (ADR 0023). Their steps are on the claim page.
    /// </summary>
    public static void RequireUnderRegulations(Case c, string action)
    {
        if (LitigationRules.Applies(c.CaseType))
            throw new ActionRefusedException($"Case {c.Id} is a {LitigationRules.Noun(c.CaseType)}, which is not under the complaints and conduct regulations: it cannot {action}. Its steps are on its claim page.");
    }

    public static void RequireOpen(Case c, string action)
    {
        RequireStanding(c, action);
        if (c.FinalisedOn is not null)
            throw new ActionRefusedException($"Case {c.Id} was finalised on {c.FinalisedOn:d MMM yyyy}; it cannot {action}. An upheld appeal reopens it.");
    }

    public static void RequireNotBefore(DateOnly date, DateOnly earliest, string what, string earliestWhat)
    {
        if (date < earliest)
            throw new ActionRefusedException($"The {what} ({date:d MMM yyyy}) cannot be before the {earliestWhat} ({earliest:d MMM yyyy}).");
    }

    private void RequireNotFuture(DateOnly date, string what)
    {
        if (date > Today) throw new ActionRefusedException($"The {what} ({date:d MMM yyyy}) is in the future.");
    }

    /// <summary>A date a person gives for something that has happened: inside the working-day calendar, and not in the future.</summary>
    public void RequireDate(DateOnly date, string what)
    {
        WorkingDays.RequireCovered(date, "the " + what);
        RequireNotFuture(date, what);
    }
}
