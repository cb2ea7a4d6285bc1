using Probity.Infrastructure.Time;
using Probity.Kernel;

namespace Probity.Cases.ContactLog;

/// <summary>
/// Logs a contact with the complainant (a call, a letter, a meeting ...) on the case's timeline, where it resets the
/// 28-day update clock (<see cref="ComplainantUpdates"/>). Only a live complaint has a complainant to keep informed.
/// </summary>
internal sealed class LogContactHandler(CaseEditing editing)
{
    internal sealed record Contact(string CaseId, Guid Version, DateOnly? On, string? Way, string? Summary);

    public async Task<DateOnly> HandleAsync(Contact cmd, CancellationToken ct)
    {
        if (cmd.Way is null || !ComplainantUpdates.Ways.ContainsKey(cmd.Way))
            throw new ActionRefusedException($"How: choose one of {string.Join(", ", ComplainantUpdates.Ways.Values).ToLowerInvariant()}.");
        var summary = cmd.Summary?.Trim();
        if (string.IsNullOrEmpty(summary)) throw new ActionRefusedException("What was said: summarise the contact (what the complainant was told or asked).");
        if (summary.Length > CaseEditing.MaxReason) throw new ActionRefusedException($"What was said: keep it to {CaseEditing.MaxReason:N0} characters (it has {summary.Length:N0}).");
        var on = cmd.On ?? throw new ActionRefusedException("Date of the contact: give the date.");
        WorkingDays.RequireCovered(on, "date of the contact");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        await editing.Db.Entry(c).Collection(x => x.Complainants).LoadAsync(ct);
        if (c.Complainants.Count == 0) throw new ActionRefusedException($"Case {c.Id} has no complainant to keep informed.");
        CaseEditing.RequireOpen(c, "log contact with the complainant");
        CaseEditing.RequireNotBefore(on, c.ReceivedOn, "date of the contact", "date the case was received");
        if (on > editing.Today) throw new ActionRefusedException($"The date of the contact ({on:d MMM yyyy}) is in the future.");
        await editing.SaveAsync(c, ComplainantUpdates.ContactKind, $"{ComplainantUpdates.Ways[cmd.Way]} with the complainant", on, summary, ct);
        return on;
    }
}
