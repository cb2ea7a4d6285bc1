using Probity.Kernel;
using Probity.Identity.Contracts;

namespace Probity.AccessMonitoring.Alerts;

/// <summary>Assigns an alert to someone to look into, or dismisses it with a reason (the reason feeds the rule's false-positive rate).</summary>
internal sealed class DecideAlert(AlertEditing editing, DirectoratePeople people)
{
    /// <summary>The assignment form's field, named in refusals.</summary>
    public const string AssignField = "Assign to";

    /// <summary>
    /// Assigns the alert to an investigator or senior manager chosen by name (or sign-in name, or warrant number), never
    /// to the member of staff it is about; stored by sign-in name. Returns the name people read.
    /// </summary>
    public async Task<string> AssignAsync(string id, Guid version, string? assignee, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(assignee)) throw new ActionRefusedException($"{AssignField}: name the person who will look into the alert.");
        var alert = await editing.LoadAsync(id, version, ct);
        editing.RequireUndecided(alert, "be assigned");
        var choices = await people.WithRolesAsync(DirectoratePeople.AlertWorkers, notAbout: alert.StaffId);
        var userName = DirectoratePeople.Choose(choices, assignee, AssignField, "can be assigned the alert");
        alert.Status = AlertStatus.Assigned;
        alert.AssignedTo = userName;
        await editing.SaveAsync(alert, $"assigned to {userName}", ct);
        return choices.Choices.First(c => c.Id == userName).Name;
    }

    public async Task DismissAsync(string id, Guid version, string? reason, string? note, CancellationToken ct)
    {
        if (reason is null || !AlertStatus.DismissReasons.Contains(reason))
            throw new ActionRefusedException($"Choose why the alert is dismissed: {string.Join(", ", AlertStatus.DismissReasons.Select(AlertWords.DismissReason))}.");
        // The note is what a reviewer reads later to judge whether the dismissal was sound.
        if (string.IsNullOrWhiteSpace(note)) throw new ActionRefusedException("Write a note saying what was checked and why the access was not misuse.");
        if (note.Length > 4000) throw new ActionRefusedException("The note is longer than 4,000 characters.");
        var alert = await editing.LoadAsync(id, version, ct);
        editing.RequireUndecided(alert, "be dismissed");
        alert.Status = AlertStatus.Dismissed;
        alert.DismissReason = reason;
        alert.Note = note.Trim();
        await editing.SaveAsync(alert, $"dismissed: {reason}: {alert.Note}", ct);
    }
}
