using Probity.Cases.Contracts;
using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;
using Probity.Workforce.Contracts;

namespace Probity.Cases.RecordCase;

/// <summary>Intake: a public complaint, conduct matter, claim, tribunal or grievance is written down for the first time.</summary>
internal sealed class RecordCaseHandler(ProbityDb db, Audit audit, TimeProvider time) : ICaseIntake
{
    Task<string> ICaseIntake.RecordAsync(NewCase matter, CancellationToken ct) => HandleAsync(matter, ct);

    public async Task<string> HandleAsync(NewCase cmd, CancellationToken ct)
    {
        var today = time.Today();
        Require(Vocabulary.CaseTypes.Contains(cmd.CaseType), $"'{cmd.CaseType}' is not a case type.");
        Require(Vocabulary.Sources.Contains(cmd.Source), $"'{cmd.Source}' is not a source.");
        WorkingDays.RequireCovered(cmd.ReceivedOn, "the received date");
        if (cmd.RecordedOn is { } recordedGiven) WorkingDays.RequireCovered(recordedGiven, "the recorded date");
        Require(cmd.ReceivedOn <= today, $"The received date ({cmd.ReceivedOn:d MMM yyyy}) is in the future.");
        var recordedOn = cmd.RecordedOn ?? today;
        Require(recordedOn >= cmd.ReceivedOn, $"The recorded date ({recordedOn:d MMM yyyy}) cannot be before the received date ({cmd.ReceivedOn:d MMM yyyy}).");
        Require(recordedOn <= today, $"The recorded date ({recordedOn:d MMM yyyy}) is in the future.");
        await RequireUnitAsync(cmd.LocationUnitId, "where the matter arose", ct);
        var handlingUnit = string.IsNullOrEmpty(cmd.HandlingUnitId) ? null : await RequireUnitAsync(cmd.HandlingUnitId, "handling unit", ct);
        var complainants = Complainants(cmd);

        var allegations = cmd.Allegations.Where(a => !string.IsNullOrWhiteSpace(a.Category) || !string.IsNullOrWhiteSpace(a.StaffId)).ToList();
        Require(!NeedsAllegation(cmd.CaseType) || allegations.Count > 0, "Record at least one allegation (the subject officer may be \"unknown officer\").");
        for (var i = 0; i < allegations.Count; i++)
        {
            var a = allegations[i];
            Require(a.Category is not null && Vocabulary.AllegationCategories.Contains(a.Category), $"Allegation {i + 1}: choose a category.");
            if (!string.IsNullOrWhiteSpace(a.StaffId))
                allegations[i] = new NewAllegation { Category = a.Category, StaffId = await StaffChoice.ChooseAsync(db, a.StaffId, $"Allegation {i + 1}", ct) };
        }

        // Two handlers recording at the same moment can pick the same next number; the primary key refuses the
        // second, which then takes the next number.
        var mark = db.MarkUnsaved();
        for (var attempt = 1; ; attempt++)
        {
            var id = await NextCaseIdAsync(cmd.ReceivedOn.Year, ct);
            var c = Build(cmd, id, recordedOn, allegations, complainants, handlingUnit);
            db.Cases.Add(c);
            audit.Change("create", "case:" + id, $"recorded {cmd.CaseType} with {allegations.Count} allegation(s)" + (complainants.Count > 1 ? $" and {complainants.Count} complainants" : ""));
            try
            {
                await db.SaveChangesAsync(ct);
                return id;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ForgetSince(mark);
                if (!await IdTakenAsync(id, ct)) throw;
            }
        }
    }

    /// <summary>Complaints, conduct matters and death or serious injury matters are about someone's conduct: they need an allegation.</summary>
    public static bool NeedsAllegation(string caseType) => caseType is "public_complaint" or "conduct_matter" or "death_or_serious_injury";

    private Task<bool> IdTakenAsync(string id, CancellationToken ct) => NeedToKnowBypass.CaseIdTakenAsync(db, id, ct);

    /// <summary>
    /// Everyone who made the complaint, checked: the first complainant (always on a public complaint; on another matter
    /// when named) and each further row that holds anything. A refusal names which complainant and which detail.
    /// </summary>
    private static List<NewComplainant> Complainants(NewCase cmd)
    {
        var further = cmd.FurtherComplainants.Where(p => p is not null && !p.IsEmpty).ToList();
        Require(further.Count <= NewCase.FurtherComplainantLimit, $"One intake records up to {NewCase.FurtherComplainantLimit + 1} complainants ({further.Count + 1} given); add the others after recording.");
        var first = new NewComplainant { Name = cmd.ComplainantName, Contact = cmd.ComplainantContact, Gender = cmd.ComplainantGender, Ethnicity = cmd.ComplainantEthnicity, AgeBand = cmd.ComplainantAgeBand };
        var all = cmd.CaseType == "public_complaint" || !string.IsNullOrWhiteSpace(cmd.ComplainantName) ? [first, .. further] : further;
        for (var i = 0; i < all.Count; i++)
        {
            var p = all[i];
            var who = all.Count > 1 ? $"Complainant {i + 1}" : "The complainant";
            Require(p.Name is not { Length: > 200 }, $"{who}: the name must be 200 characters or fewer (it has {p.Name?.Length:N0}).");
            Require(p.Contact is not { Length: > 400 }, $"{who}: the contact details must be 400 characters or fewer (it has {p.Contact?.Length:N0}).");
            Require(string.IsNullOrEmpty(p.Gender) || Vocabulary.Genders.Contains(p.Gender), $"{who}: '{p.Gender}' is not a gender. Possible: {string.Join(", ", Vocabulary.Genders)}.");
            Require(string.IsNullOrEmpty(p.Ethnicity) || Vocabulary.Ethnicities.Contains(p.Ethnicity), $"{who}: '{p.Ethnicity}' is not an ethnicity code. Possible: {string.Join(", ", Vocabulary.Ethnicities)}.");
            Require(string.IsNullOrEmpty(p.AgeBand) || Vocabulary.AgeBands.Contains(p.AgeBand), $"{who}: '{p.AgeBand}' is not an age band. Possible: {string.Join(", ", Vocabulary.AgeBands)}.");
        }
        return all;
    }

    private Case Build(NewCase cmd, string id, DateOnly recordedOn, List<NewAllegation> allegations, List<NewComplainant> complainants, string? handlingUnitName)
    {
        var c = new Case
        {
            Id = id, CaseType = cmd.CaseType, ReceivedOn = cmd.ReceivedOn, RecordedOn = recordedOn, Source = cmd.Source,
            LocationUnitId = cmd.LocationUnitId, HandlingUnitId = NullIfEmpty(cmd.HandlingUnitId), Summary = cmd.Summary?.Trim(),
            ReferredToIpcc = cmd.ReferredToIpcc,
        };
        for (var i = 0; i < allegations.Count; i++)
            c.Allegations.Add(new Allegation { Id = $"{id}-A{i + 1}", CaseId = id, Category = allegations[i].Category!, StaffId = NullIfEmpty(allegations[i].StaffId?.Trim()) });
        for (var i = 0; i < complainants.Count; i++)
            c.Complainants.Add(new Complainant
            {
                Id = $"{id}-P{i + 1}", CaseId = id, Name = NullIfEmpty(complainants[i].Name?.Trim()), Contact = NullIfEmpty(complainants[i].Contact?.Trim()),
                Gender = NullIfEmpty(complainants[i].Gender), Ethnicity = NullIfEmpty(complainants[i].Ethnicity), AgeBand = NullIfEmpty(complainants[i].AgeBand),
                HomeUnitId = cmd.LocationUnitId,
            });
        var actor = db.Scope.Actor;
        var now = time.GetUtcNow();
        c.Timeline.Add(new CaseEvent { CaseId = id, Kind = "received", OccurredOn = cmd.ReceivedOn, RecordedAt = now, Actor = actor, Detail = $"{Vocabulary.Describe(cmd.CaseType)} received from {Vocabulary.InSentence(Vocabulary.Describe(cmd.Source, cmd.ReceivedOn))} source" });
        c.Timeline.Add(new CaseEvent { CaseId = id, Kind = "recorded", OccurredOn = recordedOn, RecordedAt = now, Actor = actor, Detail = $"Recorded with {allegations.Count} allegation(s)" + (complainants.Count > 1 ? $" from {complainants.Count} complainants" : "") });
        if (c.HandlingUnitId is not null)
            c.Timeline.Add(new CaseEvent { CaseId = id, Kind = "allocated", OccurredOn = recordedOn, RecordedAt = now, Actor = actor, Detail = $"Allocated to {handlingUnitName ?? c.HandlingUnitId}" });
        return c;
    }
    /// <summary>The unit's name; refuses an empty or unknown unit.</summary>
    private async Task<string> RequireUnitAsync(string? unitId, string what, CancellationToken ct)
    {
        Require(!string.IsNullOrEmpty(unitId), $"Choose the {what}.");
        var name = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        Require(name is not null, $"No unit has the id '{unitId}' ({what}).");
        return name!;
    }

    // Platform-recorded cases get their own series so they never collide with ids imported from other systems.
    private async Task<string> NextCaseIdAsync(int year, CancellationToken ct)
    {
        var prefix = $"PRB-{year}-";
        var last = await NeedToKnowBypass.LastCaseIdAsync(db, prefix, ct);
        var next = last is null ? 1 : int.Parse(last.AsSpan(prefix.Length), System.Globalization.CultureInfo.InvariantCulture) + 1;
        return $"{prefix}{next:D5}";
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ActionRefusedException(message);
    }
}
