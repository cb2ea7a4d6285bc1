using Probity.AuditTrail.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Alerts;
using Probity.Database;
using Probity.Kernel;
using Probity.Infrastructure.Time;

namespace Probity.AccessMonitoring.Leaks;

/// <summary>Records a known leak (a record, or information about a person, that got out) so detection examines who touched it before.</summary>
internal sealed class RecordLeak(ProbityDb db, Audit audit, TimeProvider time)
{
    internal sealed record Command(string Id, string? RecordId, string? SubjectPersonId, DateTimeOffset LeakedAt, int WindowDays, string Description, string RecordedBy);

    public async Task<LeakReport> HandleAsync(Command c, CancellationToken ct)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(c.Id) || c.Id.Length > 64) problems.Add("the leak needs an id of up to 64 characters");
        if (string.IsNullOrWhiteSpace(c.RecordId) && string.IsNullOrWhiteSpace(c.SubjectPersonId)) problems.Add("name the leaked record, the person it was about, or both");
        if (c.WindowDays is < 1 or > 365) problems.Add($"the window of {c.WindowDays} days must be 1 to 365 days");
        if (string.IsNullOrWhiteSpace(c.Description)) problems.Add("describe the leak (where it appeared, how it was found)");
        if (c.LeakedAt > time.GetUtcNow().AddDays(1)) problems.Add("the leak date is in the future");
        else if (WorkingDays.OutsideRange(DateOnly.FromDateTime(c.LeakedAt.UtcDateTime), "the leak date") is { } outside) problems.Add(outside);
        if (problems.Count > 0) throw new ActionRefusedException(string.Join("; ", problems));
        if (await db.LeakReports.AnyAsync(l => l.Id == c.Id, ct)) throw new ActionRefusedException($"a leak with id {c.Id} is already recorded");
        var leak = new LeakReport
        {
            Id = c.Id.Trim(), RecordId = Blank(c.RecordId), SubjectPersonId = Blank(c.SubjectPersonId), LeakedAt = c.LeakedAt.ToUniversalTime(), WindowDays = c.WindowDays,
            Description = c.Description.Trim(), RecordedBy = c.RecordedBy, RecordedAt = time.GetUtcNow(),
        };
        db.LeakReports.Add(leak);
        audit.Change("create", $"leak/{leak.Id}", $"record={leak.RecordId} subject={leak.SubjectPersonId} leaked_at={leak.LeakedAt:u} window={leak.WindowDays}d");
        await db.SaveChangesAsync(ct);
        return leak;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
