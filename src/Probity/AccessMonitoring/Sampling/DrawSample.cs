using Probity.AuditTrail.Contracts;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.Database;
using Probity.Kernel;
using Probity.Infrastructure.Time;

namespace Probity.AccessMonitoring.Sampling;

/// <summary>
/// Proactive probity sampling: a random few of each member of staff's accesses in a window, for their supervisors
/// to confirm a business reason. The seed is drawn at random when the sample is drawn (nobody chooses it, and nobody
/// can know it beforehand: a seed that followed from the dates let anyone who knew the rule work out which of their own
/// accesses a coming sample would pick, and pad around one). It is kept with the sample, so the draw is reproducible:
/// the same window, staff, count and seed pick the same accesses. A seed may be given only to draw a sample again and
/// check it; the trail says whether the seed was given or drawn at random, so a seed chosen to avoid someone shows.
/// </summary>
internal sealed class DrawSample(ProbityDb db, IAccessEventStore store, Audit audit, TimeProvider time)
{
    public const int MaxPerUser = 20;
    public const int MaxItems = 10_000;

    internal sealed record Command(DateOnly From, DateOnly To, int PerUser, string? UnitId, string? StaffIds, int? Seed);

    public static IReadOnlyList<string> ParseStaffIds(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    public async Task<ProbitySample> HandleAsync(Command c, CancellationToken ct)
    {
        WorkingDays.RequireCovered(c.From, "the first day");
        WorkingDays.RequireCovered(c.To, "the last day");
        if (c.To < c.From) throw new ActionRefusedException($"The window is empty: {c.To:d MMM yyyy} is before {c.From:d MMM yyyy}.");
        if (c.To.DayNumber - c.From.DayNumber > 366) throw new ActionRefusedException("Sample a year or less at a time.");
        if (c.PerUser is < 1 or > MaxPerUser) throw new ActionRefusedException($"Draw between 1 and {MaxPerUser} accesses per member of staff.");
        var unitId = string.IsNullOrWhiteSpace(c.UnitId) ? null : c.UnitId.Trim();
        var listed = ParseStaffIds(c.StaffIds);
        if ((unitId is null) == (listed.Count == 0)) throw new ActionRefusedException("Choose a unit, or list the staff ids to sample (one of them).");

        List<string> staff;
        string scope;
        if (unitId is not null)
        {
            var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentUnitId }).ToListAsync(ct);
            if (units.All(u => u.Id != unitId)) throw new ActionRefusedException($"No unit has the id '{unitId}'.");
            // The unit and every unit below it: a borough's sample includes its teams.
            var within = new HashSet<string>(StringComparer.Ordinal) { unitId };
            for (var grew = true; grew;)
                grew = units.Where(u => u.ParentUnitId is not null && within.Contains(u.ParentUnitId)).Aggregate(false, (g, u) => within.Add(u.Id) || g);
            var ids = within.ToList();
            staff = await db.Staff.AsNoTracking().Where(s => s.UnitId != null && ids.Contains(s.UnitId) && (s.LeftOn == null || s.LeftOn >= c.From))
                .OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
            scope = $"unit {unitId}{(within.Count > 1 ? $" and the {within.Count - 1} unit(s) below it" : "")}: {staff.Count} staff";
        }
        else
        {
            var known = await db.Staff.AsNoTracking().Where(s => listed.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
            var unknown = listed.Except(known, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0) throw new ActionRefusedException($"No member of staff has the id{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Take(10))}{(unknown.Count > 10 ? " …" : "")}.");
            staff = listed.Order(StringComparer.Ordinal).ToList();
            scope = "staff " + string.Join(", ", staff);
        }
        if (staff.Count == 0) throw new ActionRefusedException($"Nobody was serving in unit {unitId} on {c.From:d MMM yyyy}.");
        if ((long)staff.Count * c.PerUser > MaxItems)
            throw new ActionRefusedException($"{staff.Count:N0} staff × {c.PerUser} is more than {MaxItems:N0} accesses for supervisors to answer: choose a smaller unit or fewer per person.");

        if (c.Seed is < 1) throw new ActionRefusedException("Seed: a whole number from 1 up (the seed of the sample to draw again), or leave it empty.");
        var seed = c.Seed ?? RandomNumberGenerator.GetInt32(1, int.MaxValue);
        var events = await store.SampleAsync(staff, LondonTime.StartOfDay(c.From), LondonTime.StartOfDay(c.To.AddDays(1)), c.PerUser, seed, ct);
        if (events.Count == 0)
            throw new ActionRefusedException($"None of the {staff.Count:N0} staff used a monitored system between {c.From:d MMM yyyy} and {c.To:d MMM yyyy}: there is nothing to sample.");

        var now = time.GetUtcNow();
        var sample = new ProbitySample
        {
            Id = $"PS-{LondonTime.ToLocal(now):yyyyMMdd}-{Guid.NewGuid():n}"[..24], From = c.From, To = c.To, PerUser = c.PerUser, Seed = seed,
            Scope = scope.Length <= 400 ? scope : scope[..399] + "…", DrawnBy = db.Scope.Actor, DrawnAt = now,
        };
        sample.Items.AddRange(events.Select(e => new ProbitySampleItem
        {
            SampleId = sample.Id, StaffId = e.StaffId, EventTime = e.Time, System = e.System, Action = e.Action, RecordType = e.RecordType,
            RecordId = e.RecordId, SubjectPersonId = e.SubjectPersonId, ReasonRef = e.ReasonRef,
        }));
        db.ProbitySamples.Add(sample);
        audit.Change("create", $"probity_sample/{sample.Id}",
            $"{scope}; {c.From:yyyy-MM-dd}..{c.To:yyyy-MM-dd}; {c.PerUser} per person; seed {seed} ({(c.Seed is null ? "drawn at random" : "given")}): {sample.Items.Count} accesses of {events.Select(e => e.StaffId).Distinct().Count()} staff");
        await db.SaveChangesAsync(ct);
        return sample;
    }
}
