using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;
using Probity.Workforce.Contracts;

namespace Probity.Registers.RiskRegisters;

/// <summary>
/// One risk on a risk register: reading it with its history, raising it, the monthly review (the scores then, kept on
/// the history), escalation from a borough's register to its business group's and on to the corporate register, and
/// changes to its owner, cause, effect, controls and actions. Every read and change is audited; every change checks
/// the version the person saw.
/// </summary>
internal sealed class RegisterRiskHandler(ProbityDb db, Audit audit, TimeProvider time, UnitDirectory directory, CaseReferences references)
{
    private const string Conflict = "The risk was changed by someone else since you opened it. Reload and try again.";

    /// <summary>Months between reviews: the registers are reviewed monthly.</summary>
    public const int MonthsBetweenReviews = 1;

    internal sealed record Step(RegisterRiskEvent Event, string? FromWords, string? ToWords, string? Note);

    internal sealed record View(RegisterRisk Risk, string? UnitName, string Title, string Cause, string Effect, string? Controls, string? Actions,
        bool ReviewOverdue, IReadOnlyList<Step> History)
    {
        /// <summary>Some text quotes a case the reader may not open: the edit form, which shows the text as stored, is not offered.</summary>
        public bool QuotesHiddenCase { get; init; }

        /// <summary>The owner as the reader may see it: free text, so a case reference in it is redacted like the title's.</summary>
        public string Owner { get; init; } = "";
    }

    public async Task<View> ReadAsync(string id, CancellationToken ct)
    {
        var r = await db.RegisterRisks.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            await audit.RecordMissingAsync("register_risk", id, ct);
            throw new RecordNotFoundException($"Risk {id}");
        }
        var history = await db.RegisterRiskEvents.AsNoTracking().Where(e => e.RiskId == id).OrderBy(e => e.On).ThenBy(e => e.Id).ToListAsync(ct);
        var all = await directory.AllAsync(ct);
        var names = all.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        var texts = new[] { r.Title, r.Owner, r.Cause, r.Effect, r.Controls, r.Actions }.Concat(history.Select(h => h.Note));
        var hidden = await references.HiddenAsync(texts.SelectMany(CaseReferences.Words), ct);
        string? Redact(string? t) => CaseReferences.Redact(t, hidden);
        await audit.RecordAsync("view", "register_risk:" + id, null, ct);
        return new View(r, r.UnitId is null ? null : names.GetValueOrDefault(r.UnitId, r.UnitId), Redact(r.Title)!, Redact(r.Cause)!, Redact(r.Effect)!, Redact(r.Controls), Redact(r.Actions),
            r.ClosedOn is null && r.ReviewOn < time.Today(), history.Select(h => new Step(h, Where(h.From, names), Where(h.To, names), Redact(h.Note))).ToList())
        {
            QuotesHiddenCase = hidden.Count > 0,
            Owner = Redact(r.Owner)!,
        };
    }

    /// <summary>"borough bor-camden" → "Borough register of Camden"; "corporate" → "Corporate register".</summary>
    private static string? Where(string? register, IReadOnlyDictionary<string, string> names)
    {
        if (register is null) return null;
        var parts = register.Split(' ', 2);
        return parts.Length == 1 ? RiskScale.Level(parts[0]) + " register" : $"{RiskScale.Level(parts[0])} register of {names.GetValueOrDefault(parts[1], parts[1])}";
    }

    internal sealed record Raising(string? Level, string? Unit, string? Title, string? Owner, string? Cause, string? Effect, int? Likelihood, int? Impact,
        string? Controls, string? Actions, DateOnly? ReviewOn);

    public async Task<string> RaiseAsync(Raising r, CancellationToken ct)
    {
        var level = RegisterText.Choose(r.Level, RiskScale.Levels, "Register");
        var unitId = await UnitForAsync(level, r.Unit, ct);
        var title = RegisterText.Required(r.Title, "Risk", 300);
        var owner = RegisterText.Required(r.Owner, "Owner", 200);
        var cause = RegisterText.Required(r.Cause, "Cause", 4000);
        var effect = RegisterText.Required(r.Effect, "Effect", 4000);
        var likelihood = RiskScale.Require(r.Likelihood, "Likelihood");
        var impact = RiskScale.Require(r.Impact, "Impact");
        var today = time.Today();
        var review = WorkingDays.RequireCovered(r.ReviewOn ?? today.AddMonths(MonthsBetweenReviews), "the review date");
        if (review < today) throw new ActionRefusedException("Review on: cannot be before today.");
        var risk = new RegisterRisk
        {
            Id = "RR-" + Guid.NewGuid().ToString("n")[..12], Level = level, UnitId = unitId, Title = title, Owner = owner, Cause = cause, Effect = effect,
            Likelihood = likelihood, Impact = impact, Controls = RegisterText.Optional(r.Controls, "Controls", 4000), Actions = RegisterText.Optional(r.Actions, "Actions", 4000),
            ReviewOn = review, RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.RegisterRisks.Add(risk);
        db.RegisterRiskEvents.Add(Event(risk, "raised", today, null, Register(level, unitId), null));
        audit.Change("raise", "register_risk:" + risk.Id, $"{Register(level, unitId)}: L{likelihood} x I{impact}");
        await db.SaveChangesAsync(ct);
        return risk.Id;
    }

    public async Task ReviewAsync(string id, Guid version, int? likelihood, int? impact, string? note, DateOnly? reviewedOn, CancellationToken ct)
    {
        var r = await LoadAsync(id, version, ct);
        var l = RiskScale.Require(likelihood, "Likelihood");
        var i = RiskScale.Require(impact, "Impact");
        var text = RegisterText.Required(note, "What the review found", 4000);
        var today = time.Today();
        var on = WorkingDays.RequireCovered(reviewedOn ?? today, "the review date");
        if (on > today) throw new ActionRefusedException("Reviewed on: cannot be after today.");
        r.Likelihood = l;
        r.Impact = i;
        r.ReviewOn = on.AddMonths(MonthsBetweenReviews);
        r.Version = Guid.NewGuid();
        db.RegisterRiskEvents.Add(Event(r, "review", on, null, null, text));
        audit.Change("review", "register_risk:" + id, $"L{l} x I{i} on {on:yyyy-MM-dd}: {text}");
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    /// <summary>
    /// Up one register: a borough's risk to the business group above the borough (or, if it has none, the corporate
    /// register), a business group's to the corporate register. The register it left stays on its history.
    /// </summary>
    public async Task EscalateAsync(string id, Guid version, string? reason, CancellationToken ct)
    {
        var r = await LoadAsync(id, version, ct);
        if (r.ClosedOn is not null) throw new ActionRefusedException("A closed risk is not escalated.");
        if (r.Level == "corporate") throw new ActionRefusedException("The risk is on the corporate register already: there is nowhere higher to escalate it.");
        var why = RegisterText.Required(reason, "Why it is escalated", 4000);
        var from = Register(r.Level, r.UnitId);
        (string Level, string? Unit) to = ("corporate", null);
        if (r.Level == "borough" && r.UnitId is not null)
        {
            var all = (await directory.AllAsync(ct)).ToDictionary(u => u.Id, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var at = all.GetValueOrDefault(r.UnitId)?.ParentUnitId; at is not null && seen.Add(at); at = all.GetValueOrDefault(at)?.ParentUnitId)
                if (all.GetValueOrDefault(at) is { Kind: "business_group" }) { to = ("business_group", at); break; }
        }
        r.Level = to.Level;
        r.UnitId = to.Unit;
        r.Version = Guid.NewGuid();
        var toWords = Register(to.Level, to.Unit);
        db.RegisterRiskEvents.Add(Event(r, "escalated", time.Today(), from, toWords, why));
        audit.Change("escalate", "register_risk:" + id, $"{from} → {toWords}: {why}");
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    internal sealed record Change(string? Owner, string? Cause, string? Effect, string? Controls, string? Actions);

    public async Task UpdateAsync(string id, Guid version, Change c, CancellationToken ct)
    {
        var r = await LoadAsync(id, version, ct);
        // The form shows the text as stored, so a reader who may not open a case it quotes is not offered it, nor may post it.
        if ((await references.HiddenAsync(new[] { r.Title, r.Cause, r.Effect, r.Controls, r.Actions }.SelectMany(CaseReferences.Words), ct)).Count > 0)
            throw new ActionRefusedException("The risk's text quotes a case you may not open, so it can only be changed by someone who may.");
        r.Owner = RegisterText.Required(c.Owner, "Owner", 200);
        r.Cause = RegisterText.Required(c.Cause, "Cause", 4000);
        r.Effect = RegisterText.Required(c.Effect, "Effect", 4000);
        r.Controls = RegisterText.Optional(c.Controls, "Controls", 4000);
        r.Actions = RegisterText.Optional(c.Actions, "Actions", 4000);
        r.Version = Guid.NewGuid();
        audit.Change("update", "register_risk:" + id, $"owner {r.Owner}");
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    public async Task CloseAsync(string id, Guid version, string? reason, CancellationToken ct)
    {
        var r = await LoadAsync(id, version, ct);
        if (r.ClosedOn is not null) throw new ActionRefusedException($"The risk was closed on {r.ClosedOn:d MMM yyyy}.");
        var why = RegisterText.Required(reason, "Why it is closed", 4000);
        r.ClosedOn = time.Today();
        r.Version = Guid.NewGuid();
        db.RegisterRiskEvents.Add(Event(r, "closed", r.ClosedOn.Value, null, null, why));
        audit.Change("close", "register_risk:" + id, why);
        await db.SaveChangesOrConflictAsync(Conflict, ct);
    }

    private async Task<string?> UnitForAsync(string level, string? typed, CancellationToken ct)
    {
        if (level == "corporate")
        {
            if (!string.IsNullOrWhiteSpace(typed)) throw new ActionRefusedException("Unit: the corporate register belongs to no unit; leave it empty or choose another register.");
            return null;
        }
        var id = await directory.ChooseAsync(typed, "Unit", handlingOnly: false, ct);
        var kind = (await directory.AllAsync(ct)).First(u => u.Id == id).Kind;
        if (kind != level) throw new ActionRefusedException($"Unit: a {RiskScale.Level(level).ToLowerInvariant()} register belongs to a {RiskScale.Level(level).ToLowerInvariant()}; the unit chosen is a {Vocabulary.Describe(kind).ToLowerInvariant()}.");
        return id;
    }

    private static string Register(string level, string? unitId) => unitId is null ? level : level + " " + unitId;

    private RegisterRiskEvent Event(RegisterRisk r, string kind, DateOnly on, string? from, string? to, string? note) => new()
    {
        Id = "RE-" + Guid.NewGuid().ToString("n")[..12], RiskId = r.Id, Kind = kind, On = on, By = db.Scope.Actor, Likelihood = r.Likelihood, Impact = r.Impact,
        From = from, To = to, Note = note,
    };

    private async Task<RegisterRisk> LoadAsync(string id, Guid version, CancellationToken ct)
    {
        var r = await db.RegisterRisks.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new RecordNotFoundException($"Risk {id}");
        if (r.Version != version) throw new EditConflictException(Conflict);
        return r;
    }
}
